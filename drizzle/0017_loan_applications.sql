CREATE TABLE "loan_application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"loan_application_id" uuid NOT NULL,
	"province_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"reason" jsonb,
	"changes" jsonb,
	"referral_id" uuid,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"actor_label" text NOT NULL,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" text NOT NULL,
	"code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"county_id" text NOT NULL,
	"program_code" text NOT NULL,
	"facility_type" text NOT NULL,
	"requested_amount" bigint NOT NULL,
	"purpose" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"agency_id" text,
	"return_note" text,
	"reason_code" text,
	"reason_text" text,
	"referral_id" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"review_started_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"referred_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_by" text,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loan_applications_status_ck" CHECK (status in ('submitted','under_review','returned','approved','rejected','referred','withdrawn')),
	CONSTRAINT "loan_applications_facility_type_ck" CHECK (facility_type in ('working_capital','fixed_capital','rehabilitation','other')),
	CONSTRAINT "loan_applications_requested_positive_ck" CHECK (requested_amount > 0),
	CONSTRAINT "loan_applications_rejection_reason_ck" CHECK (status <> 'rejected' or (coalesce(btrim(reason_code), '') <> '' and coalesce(btrim(reason_text), '') <> '')),
	CONSTRAINT "loan_applications_referred_ck" CHECK (status <> 'referred' or referral_id is not null)
);
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "default_agency_id" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "loan_application_id" uuid;--> statement-breakpoint
ALTER TABLE "loan_application_events" ADD CONSTRAINT "loan_application_events_loan_application_id_loan_applications_id_fk" FOREIGN KEY ("loan_application_id") REFERENCES "public"."loan_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_province_id_provinces_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."provinces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_program_code_programs_code_fk" FOREIGN KEY ("program_code") REFERENCES "public"."programs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_reason_code_rejection_reasons_code_fk" FOREIGN KEY ("reason_code") REFERENCES "public"."rejection_reasons"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "loan_application_events_application_idx" ON "loan_application_events" USING btree ("loan_application_id","id");--> statement-breakpoint
CREATE INDEX "loan_application_events_province_at_idx" ON "loan_application_events" USING btree ("province_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "loan_applications_province_code_uq" ON "loan_applications" USING btree ("province_id","code");--> statement-breakpoint
CREATE INDEX "loan_applications_province_status_idx" ON "loan_applications" USING btree ("province_id","status","created_at");--> statement-breakpoint
CREATE INDEX "loan_applications_unit_idx" ON "loan_applications" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "loan_applications_stats_idx" ON "loan_applications" USING btree ("province_id","created_at","status","program_code","county_id","requested_amount","review_started_at","referral_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loan_applications_referral_uq" ON "loan_applications" USING btree ("referral_id") WHERE referral_id is not null;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_default_agency_id_agencies_id_fk" FOREIGN KEY ("default_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_loan_application_id_loan_applications_id_fk" FOREIGN KEY ("loan_application_id") REFERENCES "public"."loan_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_loan_application_uq" ON "referrals" USING btree ("loan_application_id") WHERE loan_application_id is not null;
--> statement-breakpoint
-- A loan application's history is append-only: refuse UPDATE, DELETE and TRUNCATE on loan_application_events.
CREATE OR REPLACE FUNCTION tashil_loan_application_trail_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER loan_application_events_no_update BEFORE UPDATE OR DELETE ON loan_application_events
  FOR EACH ROW EXECUTE FUNCTION tashil_loan_application_trail_append_only();
--> statement-breakpoint
CREATE TRIGGER loan_application_events_no_truncate BEFORE TRUNCATE ON loan_application_events
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_loan_application_trail_append_only();
