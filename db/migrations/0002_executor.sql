CREATE TYPE "public"."executor_run_status" AS ENUM('queued', 'running', 'sleeping', 'waiting', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."executor_step_status" AS ENUM('completed', 'failed', 'sleeping', 'waiting', 'errored');--> statement-breakpoint
CREATE TABLE "executor_clock" (
	"id" integer PRIMARY KEY NOT NULL,
	"offset_ms" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "executor_crons" (
	"env" text DEFAULT 'default' NOT NULL,
	"function_id" text NOT NULL,
	"cron" text NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	CONSTRAINT "executor_crons_function_id_cron_pk" PRIMARY KEY("function_id","cron")
);
--> statement-breakpoint
CREATE TABLE "executor_events" (
	"id" text PRIMARY KEY NOT NULL,
	"env" text DEFAULT 'default' NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "executor_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"user" jsonb,
	"ts" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "executor_functions" (
	"id" text PRIMARY KEY NOT NULL,
	"env" text DEFAULT 'default' NOT NULL,
	"app_id" text NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"config" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "executor_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"env" text DEFAULT 'default' NOT NULL,
	"function_id" text NOT NULL,
	"org_id" uuid,
	"event_id" text NOT NULL,
	"event" jsonb NOT NULL,
	"status" "executor_run_status" DEFAULT 'queued' NOT NULL,
	"output" jsonb,
	"error" jsonb,
	"attempt" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"stack" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"planned" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"waiting_for" jsonb,
	"concurrency_key" text,
	"throttle_key" text,
	"idempotency_key" text,
	"due_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "executor_steps" (
	"run_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text,
	"op" text NOT NULL,
	"status" "executor_step_status" NOT NULL,
	"output" jsonb,
	"error" jsonb,
	"attempts" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "executor_steps_run_id_step_id_pk" PRIMARY KEY("run_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "executor_waits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"step_id" text,
	"event" text NOT NULL,
	"expression" text,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "event_outbox" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "executor_steps" ADD CONSTRAINT "executor_steps_run_id_executor_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."executor_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "executor_waits" ADD CONSTRAINT "executor_waits_run_id_executor_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."executor_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "executor_events_pending_idx" ON "executor_events" USING btree ("seq") WHERE "executor_events"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "executor_events_name_idx" ON "executor_events" USING btree ("name","received_at");--> statement-breakpoint
CREATE INDEX "executor_runs_due_idx" ON "executor_runs" USING btree ("due_at") WHERE "executor_runs"."due_at" is not null;--> statement-breakpoint
CREATE INDEX "executor_runs_fn_idx" ON "executor_runs" USING btree ("function_id","created_at");--> statement-breakpoint
CREATE INDEX "executor_runs_org_idx" ON "executor_runs" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "executor_runs_idem_idx" ON "executor_runs" USING btree ("function_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "executor_waits_event_idx" ON "executor_waits" USING btree ("event");