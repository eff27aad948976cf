CREATE TABLE "reminder_digests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" text,
	"target_key" text NOT NULL,
	"day" date NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	"codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"delivered_via" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "ref_code" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "digest_day" date;--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_digests_uq" ON "reminder_digests" USING btree (coalesce("province_id", ''),"target_key","day");--> statement-breakpoint
CREATE INDEX "notifications_digest_pending_idx" ON "notifications" USING btree ("province_id","agency_id","bank_id","role","user_id","unit_id") WHERE delivered_at is null and digest_day is not null;