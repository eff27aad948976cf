DROP INDEX "notifications_agency_idx";--> statement-breakpoint
DROP INDEX "notifications_bank_idx";--> statement-breakpoint
DROP INDEX "notifications_role_idx";--> statement-breakpoint
CREATE INDEX "notifications_agency_idx" ON "notifications" USING btree ("province_id","agency_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_bank_idx" ON "notifications" USING btree ("province_id","bank_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_role_idx" ON "notifications" USING btree ("province_id","role","created_at","id");