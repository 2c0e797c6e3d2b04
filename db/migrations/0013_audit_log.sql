-- The audit log: any actor (a teammate, an API key or the system), a target with its label,
-- before/after of the changed fields, and where a request made it. Filtered pages use the indexes.
ALTER TABLE "audit_events" RENAME COLUMN "subject_type" TO "target_type";--> statement-breakpoint
ALTER TABLE "audit_events" RENAME COLUMN "subject_id" TO "target_id";--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_kind" text DEFAULT 'user' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_key" text;--> statement-breakpoint
UPDATE "audit_events" SET "actor_key" = CASE WHEN "actor_id" IS NULL THEN 'system:unknown' ELSE 'user:' || "actor_id" END;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "actor_key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "target_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "before" jsonb;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "after" jsonb;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "ip" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "user_agent" text;--> statement-breakpoint
DROP INDEX IF EXISTS "audit_events_org_idx";--> statement-breakpoint
CREATE INDEX "audit_events_org_idx" ON "audit_events" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("org_id","actor_key","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("org_id","action","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_events_target_idx" ON "audit_events" USING btree ("org_id","target_type","target_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);
