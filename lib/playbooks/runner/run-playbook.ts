import type { Db } from "@/db/client";
import { entryNode, nextNode, type GraphNode } from "../graph.schema";
import { logNode } from "../run-log";
import { NODE_EXECUTORS } from "../nodes";
import { asStepError } from "./step-errors";
import { completeRun, loadRunPlan, runState } from "./run-state";
import { STOPPED, type NodeRuntime, type RunInfo, type Steps } from "./types";

/**
 * Walks a run through its pinned version, node by node; each node is one or more durable steps
 * named after the node id, so a replay after a sleep or crash resumes where it stopped.
 */
export async function runPlaybook(
  getDb: () => Promise<Db>,
  data: { orgId: string; runId: string },
  step: Steps,
  now: () => Date,
) {
  // Not a step: a run's version is immutable, and a run that ended meanwhile should stop on replay.
  const plan = await loadRunPlan(await getDb(), data.orgId, data.runId);
  if (!plan || plan.status !== "active") return { ended: plan?.status ?? "missing" };
  const run: RunInfo = {
    runId: data.runId,
    orgId: data.orgId,
    playbookId: plan.playbookId,
    playbookName: plan.playbookName,
    contactId: plan.contactId,
    marketing: plan.marketing,
  };
  let node: GraphNode | null = entryNode(plan.graph);
  const visited: string[] = [];
  // When the last step finished (memoized with its result): durations count from there, so a replay computes the same instant.
  const clock = { last: plan.startedAt };
  // The state read with the plan serves the call's one new step; should another run, it reads afresh.
  const call: CallState = {
    state: { status: plan.status, variables: plan.variables },
    context: plan.context,
  };
  while (node) {
    visited.push(node.id);
    const rt = runtime(node, run, step, getDb, now, clock, call);
    const out = await (NODE_EXECUTORS[node.type] as (rt: NodeRuntime) => Promise<string | null>)(rt);
    if (out === STOPPED) return { stoppedAt: node.id, visited };
    node = nextNode(plan.graph, node.id, out);
  }
  await step.run("finish", async () => completeRun(await getDb(), data.orgId, data.runId, now()));
  return { completed: true, visited };
}

type CallState = {
  state: { status: string; variables: Record<string, unknown> } | null;
  context: NodeRuntime["context"];
};

function runtime(
  node: GraphNode,
  run: RunInfo,
  step: Steps,
  getDb: () => Promise<Db>,
  now: () => Date,
  clock: { last: Date },
  call: CallState,
): NodeRuntime {
  return {
    node,
    run,
    step,
    getDb,
    now,
    context: call.context,
    lastStepAt: () => clock.last,
    act: async (id, fn) => {
      const out = await step.run(id, async () => {
        const db = await getDb();
        const state = call.state ?? (await runState(db, run.orgId, run.runId));
        call.state = null;
        if (state?.status !== "active") return { r: STOPPED, at: now().toISOString() };
        try {
          return { r: await fn(db, state.variables), at: now().toISOString() };
        } catch (e) {
          throw asStepError(e);
        }
      });
      clock.last = new Date(out.at);
      return out.r as never;
    },
    log: (db, e) =>
      logNode(db, {
        ...e,
        orgId: run.orgId,
        runId: run.runId,
        nodeId: node.id,
        nodeType: node.type,
        at: e.at ?? now(),
      }),
  };
}
