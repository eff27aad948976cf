-- A demand's history and follow-ups are append-only: refuse UPDATE, DELETE and TRUNCATE on them.
CREATE OR REPLACE FUNCTION tashil_demand_trail_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER demand_events_no_update BEFORE UPDATE OR DELETE ON demand_events
  FOR EACH ROW EXECUTE FUNCTION tashil_demand_trail_append_only();
--> statement-breakpoint
CREATE TRIGGER demand_events_no_truncate BEFORE TRUNCATE ON demand_events
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_demand_trail_append_only();
--> statement-breakpoint
CREATE TRIGGER demand_followups_no_update BEFORE UPDATE OR DELETE ON demand_followups
  FOR EACH ROW EXECUTE FUNCTION tashil_demand_trail_append_only();
--> statement-breakpoint
CREATE TRIGGER demand_followups_no_truncate BEFORE TRUNCATE ON demand_followups
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_demand_trail_append_only();
