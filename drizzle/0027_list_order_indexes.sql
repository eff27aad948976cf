DROP INDEX "referrals_province_bank_date_idx";--> statement-breakpoint
DROP INDEX "referrals_province_agency_date_idx";--> statement-breakpoint
CREATE INDEX "demands_province_created_idx" ON "demands" USING btree ("province_id","created_at","id");--> statement-breakpoint
CREATE INDEX "demands_province_agency_created_idx" ON "demands" USING btree ("province_id","agency_id","created_at","id");--> statement-breakpoint
CREATE INDEX "referrals_province_date_idx" ON "referrals" USING btree ("province_id","referral_date","code");--> statement-breakpoint
CREATE INDEX "referrals_province_bank_date_idx" ON "referrals" USING btree ("province_id","bank_id","referral_date","code");--> statement-breakpoint
CREATE INDEX "referrals_province_agency_date_idx" ON "referrals" USING btree ("province_id","agency_id","referral_date","code");