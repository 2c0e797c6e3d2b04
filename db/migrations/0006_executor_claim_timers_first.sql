DROP INDEX "executor_runs_due_idx";--> statement-breakpoint
ALTER TABLE "executor_waits" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "executor_runs_timer_due_idx" ON "executor_runs" USING btree ("env","due_at") WHERE "executor_runs"."due_at" is not null and "executor_runs"."waiting_for" is not null;--> statement-breakpoint
CREATE INDEX "executor_runs_ready_due_idx" ON "executor_runs" USING btree ("env","due_at") WHERE "executor_runs"."due_at" is not null and "executor_runs"."waiting_for" is null;