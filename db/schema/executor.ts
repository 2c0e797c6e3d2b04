import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/**
 * Tables of the embedded Inngest-compatible executor (inngest/local). Times named *_at are the
 * executor's clock (wall time + the controllable offset), except lease_until, which is wall time.
 */
export const RUN_STATUSES = ["queued", "running", "sleeping", "waiting", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const runStatusEnum = pgEnum("executor_run_status", RUN_STATUSES);

export const STEP_STATUSES = ["completed", "failed", "sleeping", "waiting", "errored"] as const;
export const stepStatusEnum = pgEnum("executor_step_status", STEP_STATUSES);

/** The synced function configs (as the SDK reports them in an in-band sync). */
export const executorFunctions = pgTable("executor_functions", {
  id: text("id").primaryKey(),
  env: text("env").notNull().default("default"),
  appId: text("app_id").notNull(),
  name: text("name").notNull(),
  url: text("url").notNull(),
  config: jsonb("config").$type<Record<string, unknown>>().notNull(),
  active: boolean("active").notNull().default(true),
  syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every accepted event, idempotent on its id. processed_at is set once triggers and waiters saw it. */
export const executorEvents = pgTable(
  "executor_events",
  {
    id: text("id").primaryKey(),
    env: text("env").notNull().default("default"),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    user: jsonb("user").$type<Record<string, unknown>>(),
    ts: bigint("ts", { mode: "number" }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    index("executor_events_pending_idx")
      .on(t.seq)
      .where(sql`${t.processedAt} is null`),
    index("executor_events_name_idx").on(t.name, t.receivedAt),
  ],
);

export const executorRuns = pgTable(
  "executor_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    env: text("env").notNull().default("default"),
    functionId: text("function_id").notNull(),
    orgId: uuid("org_id"),
    eventId: text("event_id").notNull(),
    event: jsonb("event").$type<Record<string, unknown>>().notNull(),
    /** A batch's events, for a function that takes them in batches (batchEvents); `event` is the first. */
    events: jsonb("events").$type<Record<string, unknown>[]>(),
    status: runStatusEnum("status").notNull().default("queued"),
    output: jsonb("output"),
    error: jsonb("error").$type<{ name?: string; message?: string; stack?: string }>(),
    /** Attempt of the current step (or of the function body); resets when a step succeeds. */
    attempt: integer("attempt").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    stack: jsonb("stack").$type<string[]>().notNull().default([]),
    /** Steps reported as StepPlanned, still to be executed one by one. */
    planned: jsonb("planned").$type<PlannedStep[]>().notNull().default([]),
    /** What the run waits on, for the console: a step id, an event name, a time. */
    waitingFor: jsonb("waiting_for").$type<{ kind: "sleep" | "event" | "retry"; event?: string; until: string }>(),
    concurrencyKey: text("concurrency_key"),
    throttleKey: text("throttle_key"),
    idempotencyKey: text("idempotency_key"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    // The claim takes woken timers first, then ready runs: one index for each, in due order.
    index("executor_runs_timer_due_idx")
      .on(t.env, t.dueAt)
      .where(sql`${t.dueAt} is not null and ${t.waitingFor} is not null`),
    index("executor_runs_ready_due_idx")
      .on(t.env, t.dueAt)
      .where(sql`${t.dueAt} is not null and ${t.waitingFor} is null`),
    index("executor_runs_fn_idx").on(t.functionId, t.createdAt),
    // Concurrency slots in use: a lease is held only while a call lasts, so this index stays small.
    index("executor_runs_leased_idx")
      .on(t.functionId, t.concurrencyKey)
      .where(sql`${t.leaseUntil} is not null`),
    index("executor_runs_org_idx").on(t.orgId, t.createdAt),
    index("executor_runs_idem_idx").on(t.functionId, t.idempotencyKey),
  ],
);

export type PlannedStep = { id: string; name?: string; displayName?: string };

export const executorSteps = pgTable(
  "executor_steps",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => executorRuns.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    position: integer("position").notNull(),
    name: text("name"),
    op: text("op").notNull(),
    status: stepStatusEnum("status").notNull(),
    output: jsonb("output"),
    error: jsonb("error").$type<{ name?: string; message?: string; stack?: string }>(),
    attempts: integer("attempts").notNull().default(1),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId] })],
);

/** Runs waiting for an event: a step.waitForEvent (kind "step") or a cancelOn (kind "cancel"). */
export const executorWaits = pgTable(
  "executor_waits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => executorRuns.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["step", "cancel"] }).notNull(),
    stepId: text("step_id"),
    event: text("event").notNull(),
    expression: text("expression"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** Executor-clock time the wait began: only events received from then on can satisfy it. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("executor_waits_event_idx").on(t.event)],
);

export const executorCrons = pgTable(
  "executor_crons",
  {
    env: text("env").notNull().default("default"),
    functionId: text("function_id").notNull(),
    cron: text("cron").notNull(),
    nextAt: timestamp("next_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.functionId, t.cron] })],
);

/** One row: how far the executor's clock runs ahead of the wall clock (tests and demos). */
export const executorClock = pgTable("executor_clock", {
  id: integer("id").primaryKey(),
  offsetMs: bigint("offset_ms", { mode: "number" }).notNull().default(0),
});
