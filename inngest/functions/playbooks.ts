import type { Inngest, InngestFunction } from "inngest";
import { getDb } from "@/db/client";
import { EVENT_SCHEMAS } from "@/lib/events/catalog";
import { PLAYBOOK_EVENT_TRIGGERS, EXIT_EVENTS } from "@/lib/playbooks/constants";
import { dispatchTrigger, type Enrolment } from "@/lib/playbooks/enrol";
import { applyExitEvent, applyUnsubscribe, hasRunsToEnd } from "@/lib/playbooks/exits";
import { runPlaybook } from "@/lib/playbooks/runner/run-playbook";
import { failRun } from "@/lib/playbooks/runner/run-state";
import { runnerNow } from "@/lib/playbooks/runner/now";
import type { Steps } from "@/lib/playbooks/runner/types";

type Started = { orgId: string; runId: string; playbookId: string; contactId: string; marketing: boolean };

/**
 * The playbook functions, made for a given client (the app's, or a test harness's):
 * a dispatcher (trigger events → runs), the runner (one run, node by node) and the exit
 * handler (exit events and unsubscribes end runs, conversions are recorded).
 */
export function playbookFunctions(client: Inngest.Any): InngestFunction.Any[] {
  const dispatcher = client.createFunction(
    { id: "playbook-dispatch", retries: 4, triggers: PLAYBOOK_EVENT_TRIGGERS.map((event) => ({ event })) },
    // No steps: enrolment is idempotent on the trigger key and run-start events are deduplicated on
    // the run id, so a retry repeats both harmlessly — and one call per event keeps bursts fast.
    async ({ event }) => {
      const data = event.data as { orgId: string; contactId?: string | null; segmentId?: string; sourceEventId?: string };
      // Business events carry their source's id: the same payment failure posted twice is one trigger.
      const key = data.sourceEventId ? `${event.name}:${data.sourceEventId}` : `event:${event.id}`;
      const enrolments = await dispatchTrigger(await getDb(), event.name, data, key, runnerNow());
      const runs = enrolments.filter((e): e is Extract<Enrolment, { runId: string }> => "runId" in e);
      if (runs.length) {
        await client.send(runs.map((r) => ({ id: `playbook-run-${r.runId}`, name: "crm/playbook_run.started", data: { orgId: data.orgId, runId: r.runId, playbookId: r.playbookId, contactId: r.contactId, marketing: r.marketing } })));
      }
      return { started: runs.filter((r) => r.created).length, skipped: enrolments.filter((e) => "skipped" in e).map((e) => ("skipped" in e ? e.skipped : "")) };
    },
  );

  const runner = client.createFunction(
    {
      id: "playbook-run",
      retries: 4,
      triggers: [{ event: "crm/playbook_run.started" }],
      cancelOn: [
        { event: "crm/playbook_run.ended", if: "async.data.runId == event.data.runId" },
        { event: "crm/contact.unsubscribed", if: "event.data.marketing == true && async.data.contactId == event.data.contactId" },
      ],
      onFailure: async ({ event, error }) => {
        const d = (event.data as { event: { data: Started } }).event.data;
        await failRun(await getDb(), d.orgId, d.runId, runnerNow(), error.message);
      },
    },
    async ({ event, step }) => {
      const d = EVENT_SCHEMAS["crm/playbook_run.started"].parse(event.data);
      return runPlaybook(getDb, d, step as unknown as Steps, runnerNow);
    },
  );

  const exits = client.createFunction(
    { id: "playbook-exits", retries: 4, triggers: [...EXIT_EVENTS.map((event) => ({ event })), { event: "crm/contact.unsubscribed" }] },
    async ({ event, step }) => {
      const data = event.data as { orgId: string; contactId: string; properties?: Record<string, unknown> };
      if (!data.contactId) return { ended: [] };
      // Nothing to end (the usual case) costs one call instead of two. On a replay after "end-runs"
      // ended runs this check finds none and returns early too: each ended run's
      // crm/playbook_run.ended was already emitted in its transaction, so the runners still stop.
      if (!(await hasRunsToEnd(await getDb(), event.name, data))) return { ended: [] };
      const ended = await step.run("end-runs", async () =>
        (event.name as string) === "crm/contact.unsubscribed" ? applyUnsubscribe(await getDb(), data, runnerNow()) : applyExitEvent(await getDb(), event.name, data, runnerNow()),
      );
      // The runner also re-checks the run before every node; this stops a sleeping one at once.
      if (ended.length) await step.sendEvent("stop-runners", ended.map((runId) => ({ id: `playbook-run-ended-${runId}`, name: "crm/playbook_run.ended", data: { orgId: data.orgId, runId, reason: event.name } })));
      return { ended };
    },
  );

  return [dispatcher, runner, exits];
}
