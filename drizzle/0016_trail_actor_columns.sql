ALTER TABLE "demand_followups" RENAME COLUMN "author_id" TO "actor_id";--> statement-breakpoint
ALTER TABLE "demand_followups" RENAME COLUMN "author_name" TO "actor_name";--> statement-breakpoint
ALTER TABLE "demand_followups" RENAME COLUMN "author_role" TO "actor_role";--> statement-breakpoint
ALTER TABLE "resolution_followups" RENAME COLUMN "author_id" TO "actor_id";--> statement-breakpoint
ALTER TABLE "resolution_followups" RENAME COLUMN "author_name" TO "actor_name";--> statement-breakpoint
ALTER TABLE "resolution_followups" RENAME COLUMN "author_role" TO "actor_role";