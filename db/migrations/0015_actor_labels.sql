-- Timeline entries and lead stage history name who acted when it was not a teammate (a playbook run,
-- an API key, a detector): automated work never shows a person.
ALTER TABLE "activities" ADD COLUMN "actor_label" text;--> statement-breakpoint
ALTER TABLE "lead_stage_history" ADD COLUMN "actor_label" text;