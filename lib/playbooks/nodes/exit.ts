import { completeRun } from "../runner/run-state";
import { STOPPED, type NodeExecutor } from "../runner/types";

export const runExit: NodeExecutor<"exit"> = async (rt) => {
  await rt.act(rt.node.id, async (db) => {
    await rt.log(db, { key: rt.node.id, status: "done", detail: "exit" });
    await completeRun(db, rt.run.orgId, rt.run.runId, rt.now(), `exit step ${rt.node.id}`);
  });
  return STOPPED;
};
