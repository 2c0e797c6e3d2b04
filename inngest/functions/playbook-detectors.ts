import { getDb } from "@/db/client";
import { organizations } from "@/db/schema";
import { orgsDueAt, runDetectors } from "@/lib/playbooks/detectors";
import { runnerNow } from "@/lib/playbooks/runner/now";
import { inngest } from "../client";

/** Hourly; each organisation is swept once a day, at 06:00 in its own time zone (one step per organisation). */
export const playbookDetectors = inngest.createFunction(
  { id: "playbook-detectors", triggers: [{ cron: "TZ=UTC 5 * * * *" }] },
  async ({ step }) => {
    const due = await step.run("due-organisations", async () => {
      const orgs = await (
        await getDb()
      )
        .select({ id: organizations.id, timeZone: organizations.timeZone })
        .from(organizations);
      return orgsDueAt(orgs, runnerNow()).map((o) => o.id);
    });
    const results: Record<string, unknown> = {};
    for (const orgId of due)
      results[orgId] = await step.run(`org-${orgId}`, async () => runDetectors(await getDb(), orgId, runnerNow()));
    return results;
  },
);
