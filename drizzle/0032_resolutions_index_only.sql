DROP INDEX "resolution_agencies_agency_idx";--> statement-breakpoint
DROP INDEX "resolutions_province_status_idx";--> statement-breakpoint
CREATE INDEX "resolution_agencies_agency_idx" ON "resolution_agencies" USING btree ("agency_id","resolution_id");--> statement-breakpoint
CREATE INDEX "resolutions_province_status_idx" ON "resolutions" USING btree ("province_id","status","due_date","id");