DROP INDEX "referral_followups_province_idx";--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "agency_followed_up" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "referrals_followed_idx" ON "referrals" USING btree ("province_id","referral_date","agency_id") WHERE agency_followed_up;--> statement-breakpoint
CREATE INDEX "resolutions_active_due_idx" ON "resolutions" USING btree ("province_id","due_date") WHERE status in ('open', 'in_progress');--> statement-breakpoint
-- referrals.agency_followed_up: set by the database when the agency that made a referral writes a follow-up on it, in
-- the note's own transaction. One statement trigger sets it for the statement's notes at once (a bulk load is one
-- update, not one per row); a referral already marked is left alone (no row lock, no new row version). The trigger
-- comes before the backfill: creating it locks the follow-ups against writes until this migration commits, so the
-- backfill misses no note. A referral's agency never changes after it is made, and follow-ups are never deleted, so
-- nothing ever clears the mark.
CREATE OR REPLACE FUNCTION tashil_referral_followed() RETURNS trigger AS $$
BEGIN
  UPDATE referrals AS r SET agency_followed_up = true
    FROM (SELECT DISTINCT referral_id, agency_id FROM new_rows WHERE agency_id IS NOT NULL) AS f
    WHERE r.id = f.referral_id AND r.agency_id = f.agency_id AND NOT r.agency_followed_up;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER referral_followups_followed AFTER INSERT ON referral_followups REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_referral_followed();
--> statement-breakpoint
UPDATE referrals AS r SET agency_followed_up = true
  FROM (SELECT DISTINCT referral_id, agency_id FROM referral_followups WHERE agency_id IS NOT NULL) AS f
  WHERE r.id = f.referral_id AND r.agency_id = f.agency_id;
