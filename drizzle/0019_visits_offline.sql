ALTER TABLE "visits" ADD COLUMN "client_id" uuid;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "recorded_by" text;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "location_lat" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "location_lng" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "location_accuracy_m" double precision;--> statement-breakpoint
CREATE UNIQUE INDEX "visits_client_id_uq" ON "visits" USING btree ("province_id","recorded_by","client_id") WHERE "visits"."client_id" is not null;