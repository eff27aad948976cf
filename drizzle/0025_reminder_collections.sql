CREATE TABLE "reminder_collections" (
	"source" text PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"started_at" timestamp with time zone NOT NULL
);
