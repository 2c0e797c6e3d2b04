ALTER TABLE "campaign_recipients" ADD COLUMN "opened_by_person" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "clicked_by_person" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- A recipient whose message is linked (or changed) takes what people already did with it.
CREATE FUNCTION campaign_recipient_link() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_opened boolean;
  v_clicked boolean;
BEGIN
  IF NEW.message_id IS NULL THEN
    NEW.opened_by_person := false;
    NEW.clicked_by_person := false;
    RETURN NEW;
  END IF;
  SELECT f.human_opened_at IS NOT NULL OR f.human_clicked_at IS NOT NULL, f.human_clicked_at IS NOT NULL
    INTO v_opened, v_clicked
    FROM email_message_firsts f WHERE f.message_id = NEW.message_id;
  NEW.opened_by_person := coalesce(v_opened, false);
  NEW.clicked_by_person := coalesce(v_clicked, false);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER campaign_recipients_link BEFORE INSERT OR UPDATE OF message_id ON campaign_recipients
  FOR EACH ROW EXECUTE FUNCTION campaign_recipient_link();
--> statement-breakpoint
-- A person's open or click marks the recipient of that message, in the event's transaction.
CREATE FUNCTION campaign_recipient_engaged() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.message_id IS NULL OR NEW.type NOT IN ('opened', 'clicked')
    OR coalesce(NEW.data->>'machine', 'false') = 'true' THEN
    RETURN NULL;
  END IF;
  UPDATE campaign_recipients
    SET opened_by_person = true, clicked_by_person = clicked_by_person OR NEW.type = 'clicked'
    WHERE message_id = NEW.message_id AND org_id = NEW.org_id
      AND (NOT opened_by_person OR (NEW.type = 'clicked' AND NOT clicked_by_person));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER email_events_campaign_recipient AFTER INSERT ON email_events
  FOR EACH ROW EXECUTE FUNCTION campaign_recipient_engaged();
--> statement-breakpoint
-- The same from the rollups, for an organisation whose events were loaded with triggers off.
CREATE FUNCTION campaign_recipients_recount(p_org uuid) RETURNS void
LANGUAGE sql AS $$
  UPDATE campaign_recipients r
    SET opened_by_person = coalesce(f.human_opened_at IS NOT NULL OR f.human_clicked_at IS NOT NULL, false),
      clicked_by_person = coalesce(f.human_clicked_at IS NOT NULL, false)
    FROM campaign_recipients r2
    LEFT JOIN email_message_firsts f ON f.message_id = r2.message_id
    WHERE r2.id = r.id AND r.org_id = p_org;
$$;
--> statement-breakpoint
SELECT campaign_recipients_recount(id) FROM organizations;
