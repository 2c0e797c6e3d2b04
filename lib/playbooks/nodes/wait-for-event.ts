import { STOPPED, type NodeExecutor } from "../runner/types";

/** Waits for the named event about this contact; two exits: received / timed_out. */
export const runWaitForEvent: NodeExecutor<"wait_for_event"> = async (rt) => {
  const { event, timeoutHours } = rt.node.config;
  const started = await rt.act(rt.node.id, async (db) => {
    const until = new Date(rt.now().getTime() + timeoutHours * 3_600_000);
    await rt.log(db, {
      key: rt.node.id,
      status: "waiting",
      detail: `waiting for ${event} (up to ${timeoutHours} h)`,
      until,
    });
    return true;
  });
  if (started === STOPPED) return STOPPED;
  const got = await rt.step.waitForEvent(`${rt.node.id}:wait`, {
    event,
    timeout: `${timeoutHours}h`,
    if: `async.data.contactId == '${rt.run.contactId}'`,
  });
  const handle = got ? "received" : "timed_out";
  const done = await rt.act(`${rt.node.id}:done`, async (db) =>
    rt.log(db, {
      key: rt.node.id,
      status: "done",
      detail: got ? `${event} received` : `timed out waiting for ${event}`,
      data: { handle },
    }),
  );
  return done === STOPPED ? STOPPED : handle;
};
