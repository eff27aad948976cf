CREATE TABLE "notification_reads" (
	"notification_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_reads_pk" PRIMARY KEY("notification_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "aliases" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Read marks made before reads were per user: a notification to one person keeps its reader; one to an agency,
-- bank, unit or role was read for all of them, so each of its present readers keeps it read.
INSERT INTO "notification_reads" ("notification_id", "user_id", "read_at")
SELECT n."id", u."id", n."read_at"
FROM "notifications" n
JOIN "users" u ON (n."user_id" = u."id")
  OR (n."province_id" = u."province_id" AND (
       (n."agency_id" IS NOT NULL AND u."role" = 'agency' AND u."agency_id" = n."agency_id")
    OR (n."bank_id" IS NOT NULL AND u."role" = 'bank' AND u."bank_id" = n."bank_id")
    OR (n."unit_id" IS NOT NULL AND u."role" = 'producer' AND u."unit_id" = n."unit_id")
    OR (n."role" IS NOT NULL AND u."role" = n."role")))
WHERE n."read_at" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "read_at";