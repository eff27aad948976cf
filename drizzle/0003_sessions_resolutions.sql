CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" text NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"unit_id" uuid,
	"demand_id" uuid,
	"referral_id" uuid,
	"subject" text NOT NULL,
	"carried_from_item_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_items_status_ck" CHECK (status in ('pending','discussed','carried_over'))
);
--> statement-breakpoint
CREATE TABLE "bank_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" text NOT NULL,
	"bank_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"month" integer NOT NULL,
	"program_code" text NOT NULL,
	"direct_count" integer DEFAULT 0 NOT NULL,
	"direct_amount" bigint NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_reports_month_ck" CHECK (month between 1 and 12),
	CONSTRAINT "bank_reports_direct_ck" CHECK (direct_count >= 0 and direct_amount >= 0)
);
--> statement-breakpoint
CREATE TABLE "demand_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"demand_id" uuid NOT NULL,
	"province_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"agency_id" text,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_followups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"demand_id" uuid NOT NULL,
	"province_id" text NOT NULL,
	"note" text NOT NULL,
	"author_id" text,
	"author_name" text NOT NULL,
	"author_role" text NOT NULL,
	"agency_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" text NOT NULL,
	"code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"visit_id" uuid,
	"category_code" text NOT NULL,
	"title" text NOT NULL,
	"title_key" text NOT NULL,
	"description" text NOT NULL,
	"agency_id" text,
	"priority" text DEFAULT 'normal' NOT NULL,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"escalated_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"actor_key" text NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"content_type" text,
	"body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "idempotency_keys_actor_key_key_pk" PRIMARY KEY("actor_key","key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" text,
	"user_id" uuid,
	"agency_id" text,
	"bank_id" text,
	"unit_id" uuid,
	"role" text,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"ref_type" text,
	"ref_id" text,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"delivered_via" text
);
--> statement-breakpoint
CREATE TABLE "quotas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"program_code" text NOT NULL,
	"bank_id" text,
	"agency_id" text,
	"amount" bigint NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quotas_scope_uq" UNIQUE NULLS NOT DISTINCT("province_id","fiscal_year","program_code","bank_id","agency_id"),
	CONSTRAINT "quotas_amount_ck" CHECK (amount >= 0)
);
--> statement-breakpoint
CREATE TABLE "referral_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"province_id" text NOT NULL,
	"kind" text DEFAULT 'rejection_letter' NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" text,
	"uploaded_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"referral_id" uuid NOT NULL,
	"province_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_role" text NOT NULL,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"note" text,
	"approved_amount" bigint,
	"paid_amount" bigint,
	"paid_date" date,
	"reason" jsonb,
	"source" text DEFAULT 'api' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_followups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"province_id" text NOT NULL,
	"note" text NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"agency_id" text,
	"bank_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" text NOT NULL,
	"code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"agency_id" text NOT NULL,
	"bank_id" text NOT NULL,
	"branch_name" text,
	"program_code" text NOT NULL,
	"facility_type" text NOT NULL,
	"requested_amount" bigint NOT NULL,
	"approved_amount" bigint,
	"paid_amount" bigint,
	"paid_date" date,
	"referral_date" date NOT NULL,
	"letter_no" text,
	"behinyab_id" text,
	"status" text DEFAULT 'referred' NOT NULL,
	"received_at" timestamp with time zone,
	"review_started_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"reason_code" text,
	"reason_text" text,
	"reason_letter_no" text,
	"reason_letter_date" date,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_status_ck" CHECK (status in ('referred','received','under_review','approved','paid','rejected','withdrawn')),
	CONSTRAINT "referrals_facility_type_ck" CHECK (facility_type in ('working_capital','fixed_capital','rehabilitation','other')),
	CONSTRAINT "referrals_requested_positive_ck" CHECK (requested_amount > 0),
	CONSTRAINT "referrals_approved_le_requested_ck" CHECK (approved_amount is null or (approved_amount >= 0 and approved_amount <= requested_amount)),
	CONSTRAINT "referrals_paid_le_approved_ck" CHECK (paid_amount is null or (approved_amount is not null and paid_amount >= 0 and paid_amount <= approved_amount)),
	CONSTRAINT "referrals_rejection_reason_ck" CHECK (status <> 'rejected' or (coalesce(btrim(reason_code), '') <> '' and coalesce(btrim(reason_text), '') <> '' and coalesce(btrim(reason_letter_no), '') <> '' and reason_letter_date is not null)),
	CONSTRAINT "referrals_approved_amount_ck" CHECK (status not in ('approved','paid') or approved_amount is not null),
	CONSTRAINT "referrals_paid_fields_ck" CHECK (status <> 'paid' or (paid_amount is not null and paid_date is not null))
);
--> statement-breakpoint
CREATE TABLE "resolution_agencies" (
	"resolution_id" uuid NOT NULL,
	"agency_id" text NOT NULL,
	CONSTRAINT "resolution_agencies_resolution_id_agency_id_pk" PRIMARY KEY("resolution_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "resolution_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resolution_id" uuid NOT NULL,
	"province_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"cause" text,
	"agency_id" text,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resolution_followups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resolution_id" uuid NOT NULL,
	"province_id" text NOT NULL,
	"note" text NOT NULL,
	"author_id" text,
	"author_name" text NOT NULL,
	"author_role" text NOT NULL,
	"agency_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resolutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" text NOT NULL,
	"code" text NOT NULL,
	"session_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"unit_id" uuid,
	"demand_id" uuid,
	"referral_id" uuid,
	"text" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"notified_at" timestamp with time zone,
	"objection_deadline" date,
	"objection_reason" text,
	"not_done_cause" text,
	"closed_at" timestamp with time zone,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resolutions_status_ck" CHECK (status in ('open','objected','in_progress','done','not_done','cancelled')),
	CONSTRAINT "resolutions_cause_ck" CHECK (not_done_cause is null or not_done_cause in ('agency','producer','external')),
	CONSTRAINT "resolutions_not_done_cause_ck" CHECK (status <> 'not_done' or not_done_cause is not null)
);
--> statement-breakpoint
CREATE TABLE "session_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"agency_id" text,
	"name" text NOT NULL,
	"title" text,
	"present" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_counters" (
	"province_id" text NOT NULL,
	"kind" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"last_value" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "tracking_counters_province_id_kind_fiscal_year_pk" PRIMARY KEY("province_id","kind","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"visit_date" date NOT NULL,
	"team" text NOT NULL,
	"member_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"findings" text,
	"employees" integer,
	"capacity_utilization" integer,
	"status" text NOT NULL,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wg_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"number" integer NOT NULL,
	"held_on" date NOT NULL,
	"title" text,
	"chair" text,
	"location" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wg_sessions_number_uq" UNIQUE("province_id","fiscal_year","number"),
	CONSTRAINT "wg_sessions_status_ck" CHECK (status in ('planned','held')),
	CONSTRAINT "wg_sessions_number_ck" CHECK (number >= 1)
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_province_id_provinces_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."provinces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_session_id_wg_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."wg_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_reports" ADD CONSTRAINT "bank_reports_province_id_provinces_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."provinces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_reports" ADD CONSTRAINT "bank_reports_bank_id_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_reports" ADD CONSTRAINT "bank_reports_program_code_programs_code_fk" FOREIGN KEY ("program_code") REFERENCES "public"."programs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_followups" ADD CONSTRAINT "demand_followups_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_followups" ADD CONSTRAINT "demand_followups_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_province_id_provinces_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."provinces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_category_code_obstacle_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."obstacle_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_province_id_provinces_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."provinces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_program_code_programs_code_fk" FOREIGN KEY ("program_code") REFERENCES "public"."programs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_bank_id_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_attachments" ADD CONSTRAINT "referral_attachments_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_followups" ADD CONSTRAINT "referral_followups_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_province_id_provinces_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."provinces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_bank_id_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_program_code_programs_code_fk" FOREIGN KEY ("program_code") REFERENCES "public"."programs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_reason_code_rejection_reasons_code_fk" FOREIGN KEY ("reason_code") REFERENCES "public"."rejection_reasons"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_agencies" ADD CONSTRAINT "resolution_agencies_resolution_id_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."resolutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_agencies" ADD CONSTRAINT "resolution_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_events" ADD CONSTRAINT "resolution_events_resolution_id_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."resolutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_followups" ADD CONSTRAINT "resolution_followups_resolution_id_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."resolutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_followups" ADD CONSTRAINT "resolution_followups_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_province_id_provinces_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."provinces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_session_id_wg_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."wg_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_attendees" ADD CONSTRAINT "session_attendees_session_id_wg_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."wg_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_attendees" ADD CONSTRAINT "session_attendees_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_province_id_provinces_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."provinces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wg_sessions" ADD CONSTRAINT "wg_sessions_province_id_provinces_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."provinces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_items_session_idx" ON "agenda_items" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "agenda_items_unit_idx" ON "agenda_items" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "agenda_items_demand_idx" ON "agenda_items" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "agenda_items_referral_idx" ON "agenda_items" USING btree ("referral_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_items_carried_from_uq" ON "agenda_items" USING btree ("carried_from_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_reports_uq" ON "bank_reports" USING btree ("province_id","bank_id","fiscal_year","month","program_code");--> statement-breakpoint
CREATE INDEX "demand_events_demand_idx" ON "demand_events" USING btree ("demand_id","id");--> statement-breakpoint
CREATE INDEX "demand_events_province_at_idx" ON "demand_events" USING btree ("province_id","at");--> statement-breakpoint
CREATE INDEX "demand_followups_demand_idx" ON "demand_followups" USING btree ("demand_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "demands_province_code_uq" ON "demands" USING btree ("province_id","code");--> statement-breakpoint
CREATE INDEX "demands_province_status_idx" ON "demands" USING btree ("province_id","status","due_date");--> statement-breakpoint
CREATE INDEX "demands_agency_status_idx" ON "demands" USING btree ("agency_id","status","due_date");--> statement-breakpoint
CREATE INDEX "demands_unit_idx" ON "demands" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "demands_visit_idx" ON "demands" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "demands_title_key_trgm" ON "demands" USING gin ("title_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_agency_idx" ON "notifications" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_bank_idx" ON "notifications" USING btree ("bank_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_role_idx" ON "notifications" USING btree ("province_id","role","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unit_idx" ON "notifications" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_undelivered_idx" ON "notifications" USING btree ("created_at") WHERE delivered_at is null;--> statement-breakpoint
CREATE INDEX "referral_attachments_referral_idx" ON "referral_attachments" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id","id");--> statement-breakpoint
CREATE INDEX "referral_followups_referral_idx" ON "referral_followups" USING btree ("referral_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_province_code_uq" ON "referrals" USING btree ("province_id","code");--> statement-breakpoint
CREATE INDEX "referrals_province_bank_status_idx" ON "referrals" USING btree ("province_id","bank_id","status");--> statement-breakpoint
CREATE INDEX "referrals_province_agency_status_idx" ON "referrals" USING btree ("province_id","agency_id","status");--> statement-breakpoint
CREATE INDEX "referrals_province_date_idx" ON "referrals" USING btree ("province_id","referral_date");--> statement-breakpoint
CREATE INDEX "referrals_unit_idx" ON "referrals" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "resolution_agencies_agency_idx" ON "resolution_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "resolution_events_resolution_idx" ON "resolution_events" USING btree ("resolution_id","id");--> statement-breakpoint
CREATE INDEX "resolution_events_province_at_idx" ON "resolution_events" USING btree ("province_id","at");--> statement-breakpoint
CREATE INDEX "resolution_followups_resolution_idx" ON "resolution_followups" USING btree ("resolution_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "resolutions_province_code_uq" ON "resolutions" USING btree ("province_id","code");--> statement-breakpoint
CREATE INDEX "resolutions_province_status_idx" ON "resolutions" USING btree ("province_id","status","due_date");--> statement-breakpoint
CREATE INDEX "resolutions_session_idx" ON "resolutions" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "resolutions_unit_idx" ON "resolutions" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "resolutions_demand_idx" ON "resolutions" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "resolutions_referral_idx" ON "resolutions" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "session_attendees_session_idx" ON "session_attendees" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "visits_province_date_idx" ON "visits" USING btree ("province_id","visit_date");--> statement-breakpoint
CREATE INDEX "visits_unit_date_idx" ON "visits" USING btree ("unit_id","visit_date");--> statement-breakpoint
CREATE INDEX "wg_sessions_province_date_idx" ON "wg_sessions" USING btree ("province_id","held_on");