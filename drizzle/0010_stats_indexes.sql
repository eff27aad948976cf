CREATE INDEX "demands_province_created_idx" ON "demands" USING btree ("province_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_province_paid_idx" ON "referrals" USING btree ("province_id","paid_date") WHERE paid_date is not null;--> statement-breakpoint
CREATE INDEX "resolutions_province_created_idx" ON "resolutions" USING btree ("province_id","created_at");