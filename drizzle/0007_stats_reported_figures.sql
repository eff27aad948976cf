CREATE TABLE "reported_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" text NOT NULL,
	"metric" text NOT NULL,
	"period_key" text NOT NULL,
	"program_code" text,
	"value" text NOT NULL,
	"source" text NOT NULL,
	"reported_on" date NOT NULL,
	"note" text,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reported_figures" ADD CONSTRAINT "reported_figures_province_id_provinces_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."provinces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reported_figures" ADD CONSTRAINT "reported_figures_program_code_programs_code_fk" FOREIGN KEY ("program_code") REFERENCES "public"."programs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reported_figures_lookup_idx" ON "reported_figures" USING btree ("province_id","metric","period_key");