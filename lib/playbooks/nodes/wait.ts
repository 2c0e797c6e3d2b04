import { localLabel } from "../zoned-time";
import { contactZone } from "./zone";
import { STOPPED, type NodeExecutor } from "../runner/types";

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/** Shared by wait and wait-until: log "waiting until …", sleep durably, log done. */
export async function sleepNode(rt: Parameters<NodeExecutor<"wait">>[0] | Parameters<NodeExecutor<"wait_until">>[0], until: (db: Parameters<Parameters<typeof rt.act>[1]>[0]) => Promise<{ until: Date; why: string }>) {
  const planned = await rt.act(rt.node.id, async (db) => {
    const p = await until(db);
    const zone = await contactZone(db, rt.run);
    const label = localLabel(p.until, zone, rt.now());
    await rt.log(db, { key: rt.node.id, status: "waiting", detail: `${p.why} until ${label}`, until: p.until, untilLabel: label });
    return { until: p.until.toISOString(), label };
  });
  if (planned === STOPPED) return STOPPED;
  await rt.step.sleepUntil(`${rt.node.id}:sleep`, planned.until);
  const done = await rt.act(`${rt.node.id}:done`, async (db) => rt.log(db, { key: rt.node.id, status: "done", detail: `waited until ${planned.label}`, until: new Date(planned.until), untilLabel: planned.label }));
  return done === STOPPED ? STOPPED : null;
}

export const runWait: NodeExecutor<"wait"> = (rt) => {
  const { amount, unit } = rt.node.config;
  return sleepNode(rt, async () => ({ until: new Date(rt.now().getTime() + amount * UNIT_MS[unit]), why: `wait ${amount} ${unit}` }));
};
