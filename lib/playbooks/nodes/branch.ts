import type { NodeExecutor } from "../runner/types";
import { evaluateCondition } from "./conditions";

export const runBranch: NodeExecutor<"branch"> = async (rt) => {
  return rt.act(rt.node.id, async (db) => {
    const c = rt.context;
    if (!c) throw new Error("The customer of this run no longer exists");
    const out = await evaluateCondition(db, rt.node.config.condition, {
      orgId: rt.run.orgId,
      runId: rt.run.runId,
      contact: c.contact,
      now: rt.now(),
    });
    const handle = out.yes ? "yes" : "no";
    await rt.log(db, { key: rt.node.id, status: "done", detail: `took “${handle}”: ${out.why}`, data: { handle } });
    return handle;
  });
};
