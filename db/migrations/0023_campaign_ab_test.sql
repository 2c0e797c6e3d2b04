ALTER TABLE "campaign_recipients" ADD COLUMN "in_test" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "ab_decided_at" timestamp with time zone;