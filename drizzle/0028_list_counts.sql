CREATE TABLE "list_counts" (
	"entity" text NOT NULL,
	"province_id" text NOT NULL,
	"bank_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"status" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "list_counts_entity_province_id_bank_id_agency_id_status_pk" PRIMARY KEY("entity","province_id","bank_id","agency_id","status"),
	CONSTRAINT "list_counts_entity_ck" CHECK ("list_counts"."entity" in ('referral', 'demand'))
);
