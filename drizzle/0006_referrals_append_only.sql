-- A referral's history is append-only: refuse UPDATE, DELETE and TRUNCATE on referral_events.
CREATE OR REPLACE FUNCTION tashil_referral_trail_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER referral_events_no_update BEFORE UPDATE OR DELETE ON referral_events
  FOR EACH ROW EXECUTE FUNCTION tashil_referral_trail_append_only();
--> statement-breakpoint
CREATE TRIGGER referral_events_no_truncate BEFORE TRUNCATE ON referral_events
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_referral_trail_append_only();
