-- The "sent" rollup counted once per statement, not per row: a bulk send marks a hundred messages
-- sent in one statement, which made two hundred dynamic upserts of the same rollup row (most of
-- that statement's time on the embedded database). Now one upsert per (organisation, dating, slot).
DROP TRIGGER email_messages_count_sent ON email_messages;
--> statement-breakpoint
DROP FUNCTION email_messages_count_sent();
--> statement-breakpoint
-- Adds each change of sent_at (delta -1 at the old instant, +1 at the new) to both datings' slots.
CREATE FUNCTION email_stats_count_sent(p_changes jsonb) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO email_stats (org_id, dating, slot, sent)
  SELECT c.org_id, d.dating, date_bin('15 minutes', c.at, timestamptz '2000-01-01 00:00:00+00'), sum(c.delta)::int
  FROM jsonb_to_recordset(p_changes) AS c(org_id uuid, at timestamptz, delta int)
  CROSS JOIN (VALUES ('event'), ('send')) d(dating)
  WHERE c.at IS NOT NULL
  GROUP BY 1, 2, 3
  HAVING sum(c.delta) <> 0
  ON CONFLICT (org_id, dating, slot) DO UPDATE SET sent = email_stats.sent + excluded.sent
$$;
--> statement-breakpoint
CREATE FUNCTION email_messages_count_sent_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM email_stats_count_sent(coalesce(
    (SELECT jsonb_agg(jsonb_build_object('org_id', n.org_id, 'at', n.sent_at, 'delta', 1))
      FROM inserted_messages n WHERE n.sent_at IS NOT NULL),
    '[]'::jsonb));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION email_messages_count_sent_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM email_stats_count_sent(coalesce(
    (SELECT jsonb_agg(x.change) FROM messages_before o JOIN messages_after n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES
        (jsonb_build_object('org_id', o.org_id, 'at', o.sent_at, 'delta', -1)),
        (jsonb_build_object('org_id', n.org_id, 'at', n.sent_at, 'delta', 1))) x(change)
      WHERE o.sent_at IS DISTINCT FROM n.sent_at),
    '[]'::jsonb));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER email_messages_count_sent_inserted AFTER INSERT ON email_messages
  REFERENCING NEW TABLE AS inserted_messages
  FOR EACH STATEMENT EXECUTE FUNCTION email_messages_count_sent_inserted();
--> statement-breakpoint
CREATE TRIGGER email_messages_count_sent_updated AFTER UPDATE ON email_messages
  REFERENCING OLD TABLE AS messages_before NEW TABLE AS messages_after
  FOR EACH STATEMENT EXECUTE FUNCTION email_messages_count_sent_updated();
