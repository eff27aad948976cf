DROP INDEX "notifications_user_idx";--> statement-breakpoint
DROP INDEX "notifications_agency_idx";--> statement-breakpoint
DROP INDEX "notifications_bank_idx";--> statement-breakpoint
DROP INDEX "notifications_role_idx";--> statement-breakpoint
DROP INDEX "notifications_unit_idx";--> statement-breakpoint
DROP INDEX "notifications_undelivered_idx";--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at") WHERE user_id is not null;--> statement-breakpoint
CREATE INDEX "notifications_agency_idx" ON "notifications" USING btree ("province_id","agency_id","created_at","id") WHERE agency_id is not null;--> statement-breakpoint
CREATE INDEX "notifications_bank_idx" ON "notifications" USING btree ("province_id","bank_id","created_at","id") WHERE bank_id is not null;--> statement-breakpoint
CREATE INDEX "notifications_role_idx" ON "notifications" USING btree ("province_id","role","created_at","id") WHERE role is not null;--> statement-breakpoint
CREATE INDEX "notifications_unit_idx" ON "notifications" USING btree ("unit_id","created_at") WHERE unit_id is not null;--> statement-breakpoint
CREATE INDEX "notifications_undelivered_idx" ON "notifications" USING btree ("created_at") WHERE delivered_at is null and digest_day is null;