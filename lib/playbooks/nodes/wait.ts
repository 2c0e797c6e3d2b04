import { localLabel } from "../zoned-time";
import { contextZone } from "./zone";
import { logNodeOnce } from "../run-log";
import { STOPPED, type NodeExecutor } from "../runner/types";

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/** Shared by wait and wait-until: log "waiting until …", sleep durably, log done. */
export async function sleepNode(
  rt: Parameters<NodeExecutor<"wait">>[0] | Parameters<NodeExecutor<"wait_until">>[0],
  until: (db: Parameters<Parameters<typeof rt.act>[1]>[0]) => Promise<{ until: Date; why: string }>,
) {
  const planned = await rt.act(rt.node.id, async (db) => {
    const p = await until(db);
    const zone = contextZone(rt.context);
    const label = localLabel(p.until, zone, rt.now());
    await rt.log(db, {
      key: rt.node.id,
      status: "waiting",
      detail: `${p.why} until ${label}`,
      until: p.until,
      untilLabel: label,
    });
    return { until: p.until.toISOString(), label };
  });
  if (planned === STOPPED) return STOPPED;
  await rt.step.sleepUntil(`${rt.node.id}:sleep`, planned.until);
  const done = await rt.act(`${rt.node.id}:done`, async (db) =>
    rt.log(db, {
      key: rt.node.id,
      status: "done",
      detail: `waited until ${planned.label}`,
      until: new Date(planned.until),
      untilLabel: planned.label,
    }),
  );
  return done === STOPPED ? STOPPED : null;
}

/**
 * A plain wait costs no step of its own before sleeping: its end is computed from when the
 * previous step finished (the same on every replay) and its "waiting" line is written once.
 */
export const runWait: NodeExecutor<"wait"> = async (rt) => {
  const { amount, unit } = rt.node.config;
  const until = new Date(rt.lastStepAt().getTime() + amount * UNIT_MS[unit]);
  const db = await rt.getDb();
  const zone = contextZone(rt.context);
  const label = localLabel(until, zone, rt.lastStepAt());
  await logNodeOnce(db, {
    orgId: rt.run.orgId,
    runId: rt.run.runId,
    nodeId: rt.node.id,
    nodeType: rt.node.type,
    key: rt.node.id,
    status: "waiting",
    detail: `wait ${amount} ${unit} until ${label}`,
    until,
    untilLabel: label,
    at: rt.lastStepAt(),
  });
  await rt.step.sleepUntil(`${rt.node.id}:sleep`, until.toISOString());
  const done = await rt.act(`${rt.node.id}:done`, async (d) =>
    rt.log(d, {
      key: rt.node.id,
      status: "done",
      detail: `waited ${amount} ${unit} (until ${label})`,
      until,
      untilLabel: label,
    }),
  );
  return done === STOPPED ? STOPPED : null;
};
