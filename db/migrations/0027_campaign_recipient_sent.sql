ALTER TABLE "campaign_recipients" ADD COLUMN "message_sent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- A recipient whose message is linked (or changed) takes the message's state as it stands.
CREATE OR REPLACE FUNCTION campaign_recipient_link() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_sent boolean;
  v_opened boolean;
  v_clicked boolean;
BEGIN
  IF NEW.message_id IS NULL THEN
    NEW.message_sent := false;
    NEW.opened_by_person := false;
    NEW.clicked_by_person := false;
    RETURN NEW;
  END IF;
  SELECT m.sent_at IS NOT NULL, f.human_opened_at IS NOT NULL OR f.human_clicked_at IS NOT NULL,
      f.human_clicked_at IS NOT NULL
    INTO v_sent, v_opened, v_clicked
    FROM email_messages m LEFT JOIN email_message_firsts f ON f.message_id = m.id
    WHERE m.id = NEW.message_id;
  NEW.message_sent := coalesce(v_sent, false);
  NEW.opened_by_person := coalesce(v_opened, false);
  NEW.clicked_by_person := coalesce(v_clicked, false);
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Once per statement, not per row: a bulk send marks its hundred messages sent in one statement,
-- and their recipients follow in one more (by the message index, whatever the planner knows of the
-- transition tables).
CREATE FUNCTION campaign_recipients_message_sent() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_sent uuid[];
  v_unsent uuid[];
BEGIN
  SELECT array_agg(n.id) FILTER (WHERE n.sent_at IS NOT NULL), array_agg(n.id) FILTER (WHERE n.sent_at IS NULL)
    INTO v_sent, v_unsent
    FROM messages_after n JOIN messages_before o ON o.id = n.id
    WHERE (o.sent_at IS NULL) <> (n.sent_at IS NULL);
  IF v_sent IS NOT NULL THEN
    UPDATE campaign_recipients SET message_sent = true WHERE message_id = ANY(v_sent) AND NOT message_sent;
  END IF;
  IF v_unsent IS NOT NULL THEN
    UPDATE campaign_recipients SET message_sent = false WHERE message_id = ANY(v_unsent) AND message_sent;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER email_messages_campaign_recipient_sent AFTER UPDATE ON email_messages
  REFERENCING OLD TABLE AS messages_before NEW TABLE AS messages_after
  FOR EACH STATEMENT EXECUTE FUNCTION campaign_recipients_message_sent();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION campaign_recipients_recount(p_org uuid) RETURNS void
LANGUAGE sql AS $$
  UPDATE campaign_recipients r
    SET message_sent = coalesce(m.sent_at IS NOT NULL, false),
      opened_by_person = coalesce(f.human_opened_at IS NOT NULL OR f.human_clicked_at IS NOT NULL, false),
      clicked_by_person = coalesce(f.human_clicked_at IS NOT NULL, false)
    FROM campaign_recipients r2
    LEFT JOIN email_messages m ON m.id = r2.message_id
    LEFT JOIN email_message_firsts f ON f.message_id = r2.message_id
    WHERE r2.id = r.id AND r.org_id = p_org;
$$;
--> statement-breakpoint
SELECT campaign_recipients_recount(id) FROM organizations;
