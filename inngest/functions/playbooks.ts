import type { Inngest, InngestFunction } from "inngest";
import { getDb, type Db } from "@/db/client";
import { EVENT_SCHEMAS } from "@/lib/events/catalog";
import { PLAYBOOK_EVENT_TRIGGERS, EXIT_EVENTS } from "@/lib/playbooks/constants";
import {
  dispatchTrigger,
  enrolMany,
  playbooksForEvent,
  type EnrolRequest,
  type Enrolment,
  type TriggeredCache,
} from "@/lib/playbooks/enrol";
import { applyExitEvent, applyUnsubscribe, customersWithRunsToEnd } from "@/lib/playbooks/exits";
import { roundsOf } from "@/lib/playbooks/event-rounds";
import { runPlaybook } from "@/lib/playbooks/runner/run-playbook";
import { failRun } from "@/lib/playbooks/runner/run-state";
import { runnerNow } from "@/lib/playbooks/runner/now";
import type { Steps } from "@/lib/playbooks/runner/types";

const UNSUBSCRIBED = "crm/contact.unsubscribed";
const TRIGGERS = new Set<string>(PLAYBOOK_EVENT_TRIGGERS);
const ENDERS = new Set<string>([...EXIT_EVENTS, UNSUBSCRIBED]);
/** Every event that starts or ends playbook runs: one function handles both, so each costs one call. */
const PLAYBOOK_EVENTS = [...new Set([...PLAYBOOK_EVENT_TRIGGERS, ...ENDERS])];

/**
 * Ends the runs this event exits (or, on unsubscribe, the contact's marketing runs). `endable`:
 * the customers the round's read found with runs this event could end; without it, one read.
 */
async function endRunsOn(
  db: Db,
  name: string,
  data: { orgId: string; contactId?: string | null; properties?: Record<string, unknown> },
  now: Date,
  endable: Set<string> | undefined,
): Promise<string[]> {
  if (!data.contactId || !ENDERS.has(name)) return [];
  const found = endable ?? (await customersWithRunsToEnd(db, data.orgId, name, [data.contactId]));
  if (!found.has(data.contactId)) return [];
  const target = { orgId: data.orgId, contactId: data.contactId, properties: data.properties };
  return name === UNSUBSCRIBED ? applyUnsubscribe(db, target, now) : applyExitEvent(db, name, target, now);
}

/**
 * The usual case, nothing to end, in one read per organisation and event name for a round. Null
 * when the read fails (an event's customer id is no id): each event then asks for itself.
 */
async function endableInRound(db: Db, round: BatchEvent[]): Promise<Map<string, Set<string>> | null> {
  const asked = new Map<string, { orgId: string; name: string; contactIds: string[] }>();
  for (const { name, data } of round) {
    const { orgId, contactId } = data as EventData;
    if (!contactId || !ENDERS.has(name)) continue;
    const key = `${orgId}:${name}`;
    if (!asked.has(key)) asked.set(key, { orgId, name, contactIds: [] });
    asked.get(key)!.contactIds.push(contactId);
  }
  try {
    const found = new Map<string, Set<string>>();
    for (const [key, { orgId, name, contactIds }] of asked)
      found.set(key, await customersWithRunsToEnd(db, orgId, name, contactIds));
    return found;
  } catch {
    return null;
  }
}

type Started = { orgId: string; runId: string; playbookId: string; contactId: string; marketing: boolean };
type Outgoing = { id: string; name: "crm/playbook_run.started" | "crm/playbook_run.ended"; data: object };
type BatchEvent = { id?: string; name: string; data: unknown };
type EventData = {
  orgId: string;
  contactId?: string | null;
  segmentId?: string;
  sourceEventId?: string;
  properties?: Record<string, unknown>;
};
type Done = { ended: string[]; started: number; skipped: string[] };
const EVENTS_PER_CALL = 100;

/**
 * One round of a batch: each event ends the runs it exits, then the playbooks the events trigger
 * are entered together; the runs' events are added to `outgoing`. Returns the first failure (the
 * others' runs still start; the batch is retried for it, and the rest repeat harmlessly).
 */
async function handleRound(
  db: Db,
  round: BatchEvent[],
  outgoing: Outgoing[],
  done: Done,
  triggered: TriggeredCache,
): Promise<unknown> {
  const now = runnerNow();
  let failure: unknown = null;
  const starting: { name: string; data: EventData; key: string }[] = [];
  const endable = await endableInRound(db, round);
  for (const event of round) {
    const data = event.data as EventData;
    try {
      // Ends first: an event that both ends and starts runs (a new payment failure) ends the old
      // run before the playbooks it triggers apply their re-entry rules.
      const ended = await endRunsOn(db, event.name, data, now, endable?.get(`${data.orgId}:${event.name}`));
      // Each ended run's event is also in the outbox (written with the change); this stops a sleeping runner without waiting for the relay.
      outgoing.push(
        ...ended.map((runId) => ({
          id: `playbook-run-ended-${runId}`,
          name: "crm/playbook_run.ended" as const,
          data: { orgId: data.orgId, runId, reason: event.name },
        })),
      );
      done.ended.push(...ended);
      // Business events carry their source's id: the same payment failure posted twice is one trigger.
      const key = data.sourceEventId ? `${event.name}:${data.sourceEventId}` : `event:${event.id}`;
      if (TRIGGERS.has(event.name) && data.contactId) starting.push({ name: event.name, data, key });
    } catch (e) {
      failure ??= e;
    }
  }
  const started = (e: Enrolment, orgId: string) => {
    if ("skipped" in e) return void done.skipped.push(e.skipped);
    const { runId, playbookId, contactId, marketing } = e;
    outgoing.push({
      id: `playbook-run-${runId}`,
      name: "crm/playbook_run.started",
      data: { orgId, runId, playbookId, contactId, marketing },
    });
    if (e.created) done.started++;
  };
  try {
    const requests: EnrolRequest[] = [];
    for (const { name, data, key } of starting)
      for (const pb of await playbooksForEvent(db, name, data, triggered))
        requests.push({
          pb,
          contactId: data.contactId!,
          triggerKey: key,
          triggerData: data as Record<string, unknown>,
        });
    const enrolments = await enrolMany(db, requests, now);
    enrolments.forEach((e, i) => started(e, requests[i]!.pb.orgId));
  } catch {
    // One bad event (a customer id that is no id at all) fails the statement for all: enrol them
    // one by one, so it holds back no other. What the first try wrote is found again (same keys).
    for (const { name, data, key } of starting) {
      try {
        for (const e of await dispatchTrigger(db, name, data, key, now, triggered)) started(e, data.orgId);
      } catch (e) {
        failure ??= e;
      }
    }
  }
  return failure;
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
      const done: Done = { ended: [], started: 0, skipped: [] };
      let failure: unknown = null;
      const triggered: TriggeredCache = new Map();
      for (const round of roundsOf(batch)) {
        const failed = await handleRound(db, round, outgoing, done, triggered);
        failure ??= failed;
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
