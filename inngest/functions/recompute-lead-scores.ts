import { inngest } from "../client";
import { getDb } from "@/db/client";
import { recomputeScoresForEvent, SCORE_TRIGGER_EVENTS } from "@/lib/leads/score-events";

/** Scores follow what they depend on: a lead's fields, its contact's engagement, the org's rules. */
export const recomputeLeadScores = inngest.createFunction(
  {
    id: "recompute-lead-scores",
    triggers: SCORE_TRIGGER_EVENTS.map((event) => ({ event })),
    // Bursts of engagement for one org collapse into fewer runs.
    concurrency: { key: "event.data.orgId", limit: 1 },
  },
  async ({ event, step }) => {
    const name = event.name as (typeof SCORE_TRIGGER_EVENTS)[number];
    return step.run("recompute", async () => ({
      recomputed: await recomputeScoresForEvent(await getDb(), name, event.data),
    }));
  },
);
