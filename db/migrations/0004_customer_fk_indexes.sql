DROP INDEX "follow_ups_contact_idx";--> statement-breakpoint
DROP INDEX "interactions_contact_idx";--> statement-breakpoint
DROP INDEX "notes_contact_idx";--> statement-breakpoint
CREATE INDEX "contacts_referred_by_idx" ON "contacts" USING btree ("referred_by_id") WHERE "contacts"."referred_by_id" is not null;--> statement-breakpoint
CREATE INDEX "activities_contact_idx" ON "activities" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "follow_ups_contact_idx" ON "follow_ups" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "interactions_contact_idx" ON "interactions" USING btree ("contact_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notes_contact_idx" ON "notes" USING btree ("contact_id","pinned","created_at" DESC NULLS LAST);