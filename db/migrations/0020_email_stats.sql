CREATE TABLE "email_machine_stats" (
	"org_id" uuid NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "email_machine_stats_org_id_slot_reason_pk" PRIMARY KEY("org_id","slot","reason")
);
--> statement-breakpoint
CREATE TABLE "email_message_firsts" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"delivered_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"human_opened_at" timestamp with time zone,
	"machine_opened_at" timestamp with time zone,
	"clicked_at" timestamp with time zone,
	"human_clicked_at" timestamp with time zone,
	"bounced_at" timestamp with time zone,
	"complained_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "email_stats" (
	"org_id" uuid NOT NULL,
	"dating" text NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"delivered" integer DEFAULT 0 NOT NULL,
	"opened_total" integer DEFAULT 0 NOT NULL,
	"opened_human" integer DEFAULT 0 NOT NULL,
	"opened_machine" integer DEFAULT 0 NOT NULL,
	"clicked_total" integer DEFAULT 0 NOT NULL,
	"clicked_human" integer DEFAULT 0 NOT NULL,
	"unsubscribed" integer DEFAULT 0 NOT NULL,
	"bounced" integer DEFAULT 0 NOT NULL,
	"complained" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "email_stats_org_id_dating_slot_pk" PRIMARY KEY("org_id","dating","slot")
);
--> statement-breakpoint
ALTER TABLE "email_machine_stats" ADD CONSTRAINT "email_machine_stats_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_message_firsts" ADD CONSTRAINT "email_message_firsts_message_id_email_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."email_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_message_firsts" ADD CONSTRAINT "email_message_firsts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_stats" ADD CONSTRAINT "email_stats_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Email analytics rollups, kept current in the transaction that writes the message or the event.
CREATE FUNCTION email_stats_bump(p_org uuid, p_dating text, p_at timestamptz, p_col text, p_delta integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_at IS NULL OR p_delta = 0 THEN RETURN; END IF;
  EXECUTE format(
    'INSERT INTO email_stats (org_id, dating, slot, %1$I) VALUES ($1, $2, date_bin(''15 minutes'', $3, timestamptz ''2000-01-01 00:00:00+00''), $4)
     ON CONFLICT (org_id, dating, slot) DO UPDATE SET %1$I = email_stats.%1$I + excluded.%1$I', p_col)
  USING p_org, p_dating, p_at, p_delta;
END $$;
--> statement-breakpoint
-- One count under both datings: when it happened, and when its message was sent.
CREATE FUNCTION email_stats_count(p_org uuid, p_col text, p_event_at timestamptz, p_sent_at timestamptz, p_delta integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM email_stats_bump(p_org, 'event', p_event_at, p_col, p_delta);
  PERFORM email_stats_bump(p_org, 'send', p_sent_at, p_col, p_delta);
END $$;
--> statement-breakpoint
-- A message counts once per state, at its first time in that state; an earlier event arriving late
-- moves the count to its own slot. Returns true when the message had never been in that state.
CREATE FUNCTION email_stats_first(p_org uuid, p_message uuid, p_first_col text, p_prev timestamptz, p_at timestamptz, p_count_col text, p_sent_at timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF p_prev IS NOT NULL AND p_prev <= p_at THEN RETURN false; END IF;
  EXECUTE format('UPDATE email_message_firsts SET %I = $1 WHERE message_id = $2', p_first_col) USING p_at, p_message;
  IF p_prev IS NULL THEN
    PERFORM email_stats_count(p_org, p_count_col, p_at, p_sent_at, 1);
    RETURN true;
  END IF;
  PERFORM email_stats_bump(p_org, 'event', p_prev, p_count_col, -1);
  PERFORM email_stats_bump(p_org, 'event', p_at, p_count_col, 1);
  RETURN false;
END $$;
--> statement-breakpoint
CREATE FUNCTION email_events_count() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_sent timestamptz;
  v_machine boolean := coalesce(NEW.data->>'machine', 'false') = 'true';
  f email_message_firsts%ROWTYPE;
BEGIN
  IF NEW.message_id IS NOT NULL THEN
    SELECT sent_at INTO v_sent FROM email_messages WHERE id = NEW.message_id;
  END IF;
  IF NEW.type = 'unsubscribed' THEN
    PERFORM email_stats_count(NEW.org_id, 'unsubscribed', NEW.occurred_at, v_sent, 1);
    RETURN NULL;
  END IF;
  IF v_machine AND NEW.type IN ('opened', 'clicked') THEN
    INSERT INTO email_machine_stats (org_id, slot, reason, n)
    VALUES (NEW.org_id, date_bin('15 minutes', NEW.occurred_at, timestamptz '2000-01-01 00:00:00+00'),
      coalesce(NEW.data->>'machineReason', 'unknown'), 1)
    ON CONFLICT (org_id, slot, reason) DO UPDATE SET n = email_machine_stats.n + 1;
  END IF;
  IF NEW.message_id IS NULL OR NEW.type NOT IN ('delivered', 'opened', 'clicked', 'bounced', 'complained') THEN
    RETURN NULL;
  END IF;
  INSERT INTO email_message_firsts (message_id, org_id) VALUES (NEW.message_id, NEW.org_id) ON CONFLICT DO NOTHING;
  SELECT * INTO f FROM email_message_firsts WHERE message_id = NEW.message_id FOR UPDATE;
  IF NEW.type = 'delivered' THEN
    PERFORM email_stats_first(NEW.org_id, NEW.message_id, 'delivered_at', f.delivered_at, NEW.occurred_at, 'delivered', v_sent);
  ELSIF NEW.type = 'bounced' THEN
    PERFORM email_stats_first(NEW.org_id, NEW.message_id, 'bounced_at', f.bounced_at, NEW.occurred_at, 'bounced', v_sent);
  ELSIF NEW.type = 'complained' THEN
    PERFORM email_stats_first(NEW.org_id, NEW.message_id, 'complained_at', f.complained_at, NEW.occurred_at, 'complained', v_sent);
  ELSIF NEW.type = 'clicked' THEN
    PERFORM email_stats_first(NEW.org_id, NEW.message_id, 'clicked_at', f.clicked_at, NEW.occurred_at, 'clicked_total', v_sent);
    IF NOT v_machine THEN
      PERFORM email_stats_first(NEW.org_id, NEW.message_id, 'human_clicked_at', f.human_clicked_at, NEW.occurred_at, 'clicked_human', v_sent);
    END IF;
  ELSE
    PERFORM email_stats_first(NEW.org_id, NEW.message_id, 'opened_at', f.opened_at, NEW.occurred_at, 'opened_total', v_sent);
    IF v_machine THEN
      -- Machine-only until a person opens it.
      IF f.human_opened_at IS NULL THEN
        PERFORM email_stats_first(NEW.org_id, NEW.message_id, 'machine_opened_at', f.machine_opened_at, NEW.occurred_at, 'opened_machine', v_sent);
      END IF;
    ELSIF email_stats_first(NEW.org_id, NEW.message_id, 'human_opened_at', f.human_opened_at, NEW.occurred_at, 'opened_human', v_sent)
      AND f.machine_opened_at IS NOT NULL THEN
      PERFORM email_stats_count(NEW.org_id, 'opened_machine', f.machine_opened_at, v_sent, -1);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER email_events_count AFTER INSERT ON email_events FOR EACH ROW EXECUTE FUNCTION email_events_count();
--> statement-breakpoint
CREATE FUNCTION email_messages_count_sent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.sent_at IS NOT DISTINCT FROM OLD.sent_at THEN RETURN NULL; END IF;
    PERFORM email_stats_count(OLD.org_id, 'sent', OLD.sent_at, OLD.sent_at, -1);
  END IF;
  PERFORM email_stats_count(NEW.org_id, 'sent', NEW.sent_at, NEW.sent_at, 1);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER email_messages_count_sent AFTER INSERT OR UPDATE OF sent_at ON email_messages FOR EACH ROW EXECUTE FUNCTION email_messages_count_sent();
--> statement-breakpoint
-- Recounts one organisation from its raw rows (used here for existing mail, and by bench:analytics
-- after bulk loading with the triggers off).
CREATE FUNCTION email_stats_rebuild(p_org uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM email_stats WHERE org_id = p_org;
  DELETE FROM email_message_firsts WHERE org_id = p_org;
  DELETE FROM email_machine_stats WHERE org_id = p_org;
  INSERT INTO email_machine_stats (org_id, slot, reason, n)
  SELECT p_org, date_bin('15 minutes', e.occurred_at, timestamptz '2000-01-01 00:00:00+00'),
    coalesce(e.data->>'machineReason', 'unknown'), count(*)
  FROM email_events e
  WHERE e.org_id = p_org AND e.type IN ('opened', 'clicked') AND e.data->>'machine' = 'true'
  GROUP BY 2, 3;
  INSERT INTO email_message_firsts (message_id, org_id, delivered_at, opened_at, human_opened_at, machine_opened_at,
    clicked_at, human_clicked_at, bounced_at, complained_at)
  SELECT e.message_id, p_org,
    min(e.occurred_at) FILTER (WHERE e.type = 'delivered'),
    min(e.occurred_at) FILTER (WHERE e.type = 'opened'),
    min(e.occurred_at) FILTER (WHERE e.type = 'opened' AND coalesce(e.data->>'machine', 'false') <> 'true'),
    min(e.occurred_at) FILTER (WHERE e.type = 'opened' AND e.data->>'machine' = 'true'),
    min(e.occurred_at) FILTER (WHERE e.type = 'clicked'),
    min(e.occurred_at) FILTER (WHERE e.type = 'clicked' AND coalesce(e.data->>'machine', 'false') <> 'true'),
    min(e.occurred_at) FILTER (WHERE e.type = 'bounced'),
    min(e.occurred_at) FILTER (WHERE e.type = 'complained')
  FROM email_events e
  WHERE e.org_id = p_org AND e.message_id IS NOT NULL AND e.type IN ('delivered', 'opened', 'clicked', 'bounced', 'complained')
  GROUP BY e.message_id;
  INSERT INTO email_stats (org_id, dating, slot, sent, delivered, opened_total, opened_human, opened_machine,
    clicked_total, clicked_human, unsubscribed, bounced, complained)
  SELECT p_org, c.dating, date_bin('15 minutes', c.at, timestamptz '2000-01-01 00:00:00+00'),
    count(*) FILTER (WHERE c.col = 'sent'), count(*) FILTER (WHERE c.col = 'delivered'),
    count(*) FILTER (WHERE c.col = 'opened_total'), count(*) FILTER (WHERE c.col = 'opened_human'),
    count(*) FILTER (WHERE c.col = 'opened_machine'), count(*) FILTER (WHERE c.col = 'clicked_total'),
    count(*) FILTER (WHERE c.col = 'clicked_human'), count(*) FILTER (WHERE c.col = 'unsubscribed'),
    count(*) FILTER (WHERE c.col = 'bounced'), count(*) FILTER (WHERE c.col = 'complained')
  FROM (
    SELECT d.dating, 'sent' AS col, m.sent_at AS at
    FROM email_messages m CROSS JOIN (VALUES ('event'), ('send')) d(dating)
    WHERE m.org_id = p_org AND m.sent_at IS NOT NULL
    UNION ALL
    SELECT d.dating, x.col, CASE WHEN d.dating = 'event' THEN x.at ELSE m.sent_at END
    FROM email_message_firsts f
    JOIN email_messages m ON m.id = f.message_id
    CROSS JOIN (VALUES ('event'), ('send')) d(dating)
    CROSS JOIN LATERAL (VALUES ('delivered', f.delivered_at), ('opened_total', f.opened_at),
      ('opened_human', f.human_opened_at),
      ('opened_machine', CASE WHEN f.human_opened_at IS NULL THEN f.machine_opened_at END),
      ('clicked_total', f.clicked_at), ('clicked_human', f.human_clicked_at),
      ('bounced', f.bounced_at), ('complained', f.complained_at)) x(col, at)
    WHERE f.org_id = p_org AND x.at IS NOT NULL
    UNION ALL
    SELECT d.dating, 'unsubscribed', CASE WHEN d.dating = 'event' THEN e.occurred_at ELSE m.sent_at END
    FROM email_events e
    LEFT JOIN email_messages m ON m.id = e.message_id
    CROSS JOIN (VALUES ('event'), ('send')) d(dating)
    WHERE e.org_id = p_org AND e.type = 'unsubscribed'
  ) c
  WHERE c.at IS NOT NULL
  GROUP BY 1, 2, 3;
END $$;
--> statement-breakpoint
SELECT email_stats_rebuild(id) FROM organizations;
