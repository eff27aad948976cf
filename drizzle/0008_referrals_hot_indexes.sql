DROP INDEX "referrals_province_bank_status_idx";--> statement-breakpoint
DROP INDEX "referrals_province_agency_status_idx";--> statement-breakpoint
CREATE INDEX "referrals_province_bank_date_idx" ON "referrals" USING btree ("province_id","bank_id","referral_date");--> statement-breakpoint
CREATE INDEX "referrals_province_agency_date_idx" ON "referrals" USING btree ("province_id","agency_id","referral_date");--> statement-breakpoint
-- Room on each page for a new row version, so a transition (which changes no indexed column) stays a HOT update.
ALTER TABLE "referrals" SET (fillfactor = 80);
