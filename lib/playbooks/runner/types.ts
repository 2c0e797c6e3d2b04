import type { Db, DbOrTx } from "@/db/client";
import type { GraphNode, NodeOf, NodeType } from "../graph.schema";
import type { LogEntry } from "../run-log";
import type { ContactContext } from "./run-state";

/** The slice of Inngest's `step` the runner uses (so tests and the simulator can stand in for it). */
export type Steps = {
  run: <T>(id: string, fn: () => Promise<T>) => Promise<T>;
  sleepUntil: (id: string, until: Date | string) => Promise<unknown>;
  waitForEvent: (id: string, opts: { event: string; timeout: string; if?: string }) => Promise<unknown>;
};

export type RunInfo = {
  runId: string;
  orgId: string;
  playbookId: string;
  playbookName: string;
  contactId: string;
  marketing: boolean;
};

export const STOPPED = "__stopped__" as const;

export type NodeRuntime<T extends NodeType = NodeType> = {
  node: NodeOf<T>;
  run: RunInfo;
  step: Steps;
  getDb: () => Promise<Db>;
  now: () => Date;
  /** When the previous step of this run finished (memoized, so the same on every replay). */
  lastStepAt: () => Date;
  /**
   * The contact and their organisation as read when this call began (null: the customer was
   * deleted). A call runs at most one new step, so this is as fresh as a read inside that step.
   */
  context: ContactContext | null;
  /** A step that first checks the run is still active (an owner cancel or exit may have ended it); fn gets the run's variables read with that check. */
  act: <R>(id: string, fn: (db: Db, variables: Record<string, unknown>) => Promise<R>) => Promise<R | typeof STOPPED>;
  log: (
    db: DbOrTx,
    entry: Omit<LogEntry, "orgId" | "runId" | "nodeId" | "nodeType" | "at"> & { at?: Date },
  ) => Promise<void>;
};

/** What a node hands back: the output to follow (null = default), or STOPPED to end the run. */
export type NodeResult = string | null | typeof STOPPED;
export type NodeExecutor<T extends NodeType> = (rt: NodeRuntime<T>) => Promise<NodeResult>;
export type AnyNode = GraphNode;
