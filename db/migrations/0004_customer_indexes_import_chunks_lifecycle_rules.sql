CREATE TABLE "contact_import_chunks" (
	"import_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"start_row" integer NOT NULL,
	"rows" jsonb NOT NULL,
	CONSTRAINT "contact_import_chunks_import_id_start_row_pk" PRIMARY KEY("import_id","start_row")
);
--> statement-breakpoint
CREATE TABLE "lifecycle_rules" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"vip_threshold_minor" bigint NOT NULL,
	"at_risk_days" integer NOT NULL,
	"churned_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "follow_ups_contact_idx";--> statement-breakpoint
DROP INDEX "interactions_contact_idx";--> statement-breakpoint
DROP INDEX "notes_contact_idx";--> statement-breakpoint
ALTER TABLE "contact_import_chunks" ADD CONSTRAINT "contact_import_chunks_import_id_contact_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."contact_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_import_chunks" ADD CONSTRAINT "contact_import_chunks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lifecycle_rules" ADD CONSTRAINT "lifecycle_rules_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_referred_by_idx" ON "contacts" USING btree ("referred_by_id") WHERE "contacts"."referred_by_id" is not null;--> statement-breakpoint
CREATE INDEX "activities_contact_idx" ON "activities" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "follow_ups_contact_idx" ON "follow_ups" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "interactions_contact_idx" ON "interactions" USING btree ("contact_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notes_contact_idx" ON "notes" USING btree ("contact_id","pinned","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "contact_imports" DROP COLUMN "rows";