CREATE TABLE "demand_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"province_id" text NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demand_feedback_score_ck" CHECK ("demand_feedback"."score" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "demand_feedback" ADD CONSTRAINT "demand_feedback_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "demand_feedback_demand_uq" ON "demand_feedback" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "demand_feedback_province_idx" ON "demand_feedback" USING btree ("province_id","created_at");