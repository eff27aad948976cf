DROP INDEX "demands_province_created_idx";--> statement-breakpoint
DROP INDEX "referrals_province_date_idx";--> statement-breakpoint
DROP INDEX "resolutions_province_created_idx";--> statement-breakpoint
DROP INDEX "units_province_county_idx";--> statement-breakpoint
DROP INDEX "referrals_province_paid_idx";--> statement-breakpoint
CREATE INDEX "demands_stats_idx" ON "demands" USING btree ("province_id","created_at","status","category_code","agency_id","due_date","resolved_at","unit_id");--> statement-breakpoint
CREATE INDEX "referral_followups_province_idx" ON "referral_followups" USING btree ("province_id","referral_id","agency_id");--> statement-breakpoint
CREATE INDEX "referrals_stats_idx" ON "referrals" USING btree ("province_id","referral_date","status","bank_id","agency_id","program_code","requested_amount","approved_amount","paid_amount","paid_date","received_at","decided_at","unit_id","id");--> statement-breakpoint
CREATE INDEX "referrals_national_date_idx" ON "referrals" USING btree ("referral_date","province_id","status","program_code","paid_amount");--> statement-breakpoint
CREATE INDEX "resolutions_stats_idx" ON "resolutions" USING btree ("province_id","created_at","status","due_date","unit_id","id");--> statement-breakpoint
CREATE INDEX "units_province_county_status_idx" ON "units" USING btree ("province_id","county_id","status");--> statement-breakpoint
CREATE INDEX "referrals_province_paid_idx" ON "referrals" USING btree ("province_id","paid_date","status","program_code","paid_amount","unit_id") WHERE paid_date is not null;