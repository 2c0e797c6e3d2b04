import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";
import type { Steps } from "@/lib/playbooks/runner/types";
import { freezeAudience } from "./freeze";
import { startAt } from "./schedule";
import { sendDue, type NextMove } from "./sending";

export type CampaignSteps = Steps & {
  sendEvent: (id: string, event: { name: string; data: Record<string, unknown> }) => Promise<unknown>;
};

type Phase = { kind: "frozen"; recipients: number } | { kind: "paused" } | { kind: "finished"; status: string };

// A resume announced between a step and the wait that follows would be missed: the wait is
// bounded, and the loop looks at the campaign again after it either way.
const RESUME_WAIT = "1h";
const MAX_STEPS = 900; // Inngest's limit is 1,000 steps per run.

async function read(db: Db, orgId: string, id: string) {
  const [c] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, id), eq(campaigns.orgId, orgId)));
  return c ?? null;
}

/**
 * One campaign's send, resumable at any step: sleep until it starts, freeze the audience, then
 * steps that each hand over what is due (a zone's local time, a deferral's end, a throttle's
 * next hour), sleeping between zones and waiting while paused. Every step re-reads the campaign,
 * so pause and cancel take effect at the next step; cancel also stops the run while it sleeps.
 */
export async function runCampaign(
  getDb: () => Promise<Db>,
  data: { orgId: string; campaignId: string },
  step: CampaignSteps,
  now: () => Date,
): Promise<{ status: string; recipients?: number }> {
  const { orgId, campaignId } = data;
  const start = await step.run("plan", async () => {
    const c = await read(await getDb(), orgId, campaignId);
    return c && !["cancelled", "sent", "draft"].includes(c.status) ? startAt(c, now()).toISOString() : null;
  });
  if (!start) return { status: "not scheduled" };
  await step.sleepUntil("start", start);

  let recipients = 0;
  for (let k = 0; ; k++) {
    const phase: Phase = await step.run(k ? `freeze-${k}` : "freeze", async () => {
      const db = await getDb();
      const c = await read(db, orgId, campaignId);
      if (!c || c.status === "cancelled") return { kind: "finished", status: "cancelled" };
      if (c.status === "paused") return { kind: "paused" };
      return { kind: "frozen", recipients: await freezeAudience(db, c, now()) };
    });
    if (phase.kind === "finished") return { status: phase.status };
    if (phase.kind === "frozen") {
      recipients = phase.recipients;
      break;
    }
    await waitForResume(step, campaignId, `resume-before-start-${k}`);
  }

  for (let i = 0; i < MAX_STEPS; i++) {
    const next: NextMove = await step.run(`send-${i}`, async () => sendDue(await getDb(), orgId, campaignId, now()));
    if (next.kind === "finished") return { status: next.status, recipients };
    if (next.kind === "wait") await step.sleepUntil(`wait-${i}`, next.until);
    if (next.kind === "paused") await waitForResume(step, campaignId, `resume-${i}`);
  }
  // A very long send (many throttled hours) goes on in a fresh run: the audience stays frozen.
  await step.sendEvent(`continue-${MAX_STEPS}`, { name: "crm/campaign.started", data: { orgId, campaignId } });
  return { status: "continued", recipients };
}

function waitForResume(step: CampaignSteps, campaignId: string, id: string) {
  return step.waitForEvent(id, {
    event: "crm/campaign.resumed",
    timeout: RESUME_WAIT,
    if: `async.data.campaignId == "${campaignId}"`,
  });
}
