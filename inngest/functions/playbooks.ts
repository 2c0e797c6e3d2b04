import type { Inngest, InngestFunction } from "inngest";
import { getDb, type Db } from "@/db/client";
import { EVENT_SCHEMAS } from "@/lib/events/catalog";
import { PLAYBOOK_EVENT_TRIGGERS, EXIT_EVENTS } from "@/lib/playbooks/constants";
import { dispatchTrigger, type Enrolment, type TriggeredCache } from "@/lib/playbooks/enrol";
import { applyExitEvent, applyUnsubscribe, hasRunsToEnd } from "@/lib/playbooks/exits";
import { runPlaybook } from "@/lib/playbooks/runner/run-playbook";
import { failRun } from "@/lib/playbooks/runner/run-state";
import { runnerNow } from "@/lib/playbooks/runner/now";
import type { Steps } from "@/lib/playbooks/runner/types";

const UNSUBSCRIBED = "crm/contact.unsubscribed";
const TRIGGERS = new Set<string>(PLAYBOOK_EVENT_TRIGGERS);
const ENDERS = new Set<string>([...EXIT_EVENTS, UNSUBSCRIBED]);
/** Every event that starts or ends playbook runs: one function handles both, so each costs one call. */
const PLAYBOOK_EVENTS = [...new Set([...PLAYBOOK_EVENT_TRIGGERS, ...ENDERS])];

/** Ends the runs this event exits (or, on unsubscribe, the contact's marketing runs). The usual case, nothing to end, is one read. */
async function endRunsOn(
  db: Db,
  name: string,
  data: { orgId: string; contactId?: string | null; properties?: Record<string, unknown> },
  now: Date,
): Promise<string[]> {
  if (!data.contactId || !ENDERS.has(name)) return [];
  const target = { orgId: data.orgId, contactId: data.contactId, properties: data.properties };
  if (!(await hasRunsToEnd(db, name, target))) return [];
  return name === UNSUBSCRIBED ? applyUnsubscribe(db, target, now) : applyExitEvent(db, name, target, now);
}

type Started = { orgId: string; runId: string; playbookId: string; contactId: string; marketing: boolean };
type Outgoing = { id: string; name: "crm/playbook_run.started" | "crm/playbook_run.ended"; data: object };
const EVENTS_PER_CALL = 100;

/** One event of a batch: ends the runs it exits, then starts the playbooks it triggers; the runs' events are added to `outgoing`. */
async function handleEvent(
  db: Db,
  event: { id?: string; name: string; data: unknown },
  outgoing: Outgoing[],
  done: { ended: string[]; started: number; skipped: string[] },
  triggered: TriggeredCache,
) {
  const data = event.data as {
    orgId: string;
    contactId?: string | null;
    segmentId?: string;
    sourceEventId?: string;
    properties?: Record<string, unknown>;
  };
  const now = runnerNow();
  // Ends first: an event that both ends and starts runs (a new payment failure) ends the old
  // run before the playbooks it triggers apply their re-entry rules.
  const ended = await endRunsOn(db, event.name, data, now);
  // Business events carry their source's id: the same payment failure posted twice is one trigger.
  const key = data.sourceEventId ? `${event.name}:${data.sourceEventId}` : `event:${event.id}`;
  const enrolments = TRIGGERS.has(event.name) ? await dispatchTrigger(db, event.name, data, key, now, triggered) : [];
  const runs = enrolments.filter((e): e is Extract<Enrolment, { runId: string }> => "runId" in e);
  outgoing.push(
    ...runs.map((r) => ({
      id: `playbook-run-${r.runId}`,
      name: "crm/playbook_run.started" as const,
      data: {
        orgId: data.orgId,
        runId: r.runId,
        playbookId: r.playbookId,
        contactId: r.contactId,
        marketing: r.marketing,
      },
    })),
    // Each ended run's event is also in the outbox (written with the change); this stops a sleeping runner without waiting for the relay.
    ...ended.map((runId) => ({
      id: `playbook-run-ended-${runId}`,
      name: "crm/playbook_run.ended" as const,
      data: { orgId: data.orgId, runId, reason: event.name },
    })),
  );
  done.ended.push(...ended);
  done.started += runs.filter((r) => r.created).length;
  done.skipped.push(...enrolments.flatMap((e) => ("skipped" in e ? [e.skipped] : [])));
}

/**
 * The playbook functions, made for a given client (the app's, or a test harness's): the event
 * handler (exit events and unsubscribes end runs and record conversions, trigger events start
 * runs) and the runner (one run, node by node).
 */
export function playbookFunctions(client: Inngest.Any): InngestFunction.Any[] {
  const events = client.createFunction(
    {
      id: "playbook-events",
      retries: 4,
      triggers: PLAYBOOK_EVENTS.map((event) => ({ event })),
      // A burst (10,000 failed payments posted at once) is handled a hundred events to a call: the
      // call's own cost, and the runs' start events sent in one request, are shared by the batch.
      batchEvents: { maxSize: EVENTS_PER_CALL, timeout: "1s" },
      // Two batches of an organisation at a time: all hundred at once would share the database and
      // all finish (and start their runs) at the end of the burst; two at a time, the runs of the
      // first batch start within a second and run while the rest enrol.
      concurrency: { limit: 2, key: "event.data.orgId" },
    },
    // No steps: ending runs and enrolling are both idempotent (an ended run is not active any more,
    // enrolment is keyed on the trigger), and the events sent are deduplicated on the run id, so a
    // retry repeats all of it harmlessly.
    async ({ events: batch }) => {
      const db = await getDb();
      const outgoing: Outgoing[] = [];
      const done = { ended: [] as string[], started: 0, skipped: [] as string[] };
      let failure: unknown = null;
      const triggered: TriggeredCache = new Map();
      for (const event of batch) {
        try {
          await handleEvent(db, event, outgoing, done, triggered);
        } catch (e) {
          // The others' runs still start; the batch is retried for this one (the rest repeat harmlessly).
          failure ??= e;
        }
      }
      if (outgoing.length) await client.send(outgoing);
      if (failure) throw failure;
      return done;
    },
  );

  const runner = client.createFunction(
    {
      id: "playbook-run",
      retries: 4,
      triggers: [{ event: "crm/playbook_run.started" }],
      cancelOn: [
        { event: "crm/playbook_run.ended", if: "async.data.runId == event.data.runId" },
        {
          event: "crm/contact.unsubscribed",
          if: "event.data.marketing == true && async.data.contactId == event.data.contactId",
        },
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

  return [events, runner];
}
