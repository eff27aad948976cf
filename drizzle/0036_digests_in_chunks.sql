ALTER TABLE "reminder_digests" ADD COLUMN "kinds" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reminder_digests" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
-- every digest written before this migration was marked and handed to its channel in one transaction: it went out
UPDATE "reminder_digests" SET "sent_at" = "created_at";--> statement-breakpoint
CREATE INDEX "reminder_digests_unsent_idx" ON "reminder_digests" USING btree ("day") WHERE "reminder_digests"."sent_at" is null;