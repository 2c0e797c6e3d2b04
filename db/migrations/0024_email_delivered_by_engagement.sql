-- "Delivered" counts a message that was opened or clicked even when no delivery report came, so
-- that email analytics agrees with the campaign report and list (and the local outbox's mail,
-- which never gets a delivery report, is not shown as undelivered). Both the trigger and the
-- recount change the same way, then every organisation is recounted.
CREATE OR REPLACE FUNCTION email_events_count() RETURNS trigger
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
  -- An open or a click means the message arrived, whether or not a delivery report came (the
  -- local outbox sends none; a provider's may come late).
  IF NEW.type IN ('opened', 'clicked') THEN
    PERFORM email_stats_first(NEW.org_id, NEW.message_id, 'delivered_at', f.delivered_at, NEW.occurred_at, 'delivered', v_sent);
  END IF;
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
CREATE OR REPLACE FUNCTION email_stats_rebuild(p_org uuid) RETURNS void
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
    min(e.occurred_at) FILTER (WHERE e.type IN ('delivered', 'opened', 'clicked')),
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
