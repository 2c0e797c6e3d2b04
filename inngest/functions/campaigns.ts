import type { Inngest, InngestFunction } from "inngest";
import { getDb } from "@/db/client";
import { EVENT_SCHEMAS } from "@/lib/events/catalog";
import { runCampaign, type CampaignSteps } from "@/lib/campaigns/runner";
import { runnerNow } from "@/lib/playbooks/runner/now";

/** The campaign send function, made for a given client (the app's, or a test harness's). */
export function campaignFunctions(client: Inngest.Any): InngestFunction.Any[] {
  const send = client.createFunction(
    {
      id: "campaign-send",
      retries: 4,
      triggers: [{ event: "crm/campaign.started" }],
      // One send per campaign at a time: a continuation waits for the run before it to end.
      concurrency: [{ key: "event.data.campaignId", limit: 1 }],
      cancelOn: [{ event: "crm/campaign.cancelled", if: "async.data.campaignId == event.data.campaignId" }],
    },
    async ({ event, step }) => {
      const d = EVENT_SCHEMAS["crm/campaign.started"].parse(event.data);
      return runCampaign(getDb, d, step as unknown as CampaignSteps, runnerNow);
    },
  );
  return [send];
}
