-- list_counts: how many referrals and demands each province holds by bank, agency and status, kept by the writing
-- transaction. One statement trigger per table and event sums the statement's rows by key (a bulk load is one upsert
-- per key, not one per row) and upserts the deltas in key order (two writers lock the same rows in the same order).
-- The triggers come before the backfill: creating them locks the table against writes until this migration commits,
-- so the backfill's count and the triggers' deltas neither miss nor repeat a row. No TRUNCATE trigger: neither table
-- can be truncated (their append-only trails refer to them and refuse it).
CREATE OR REPLACE FUNCTION tashil_referral_counts() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO list_counts AS c (entity, province_id, bank_id, agency_id, status, n)
      SELECT 'referral', province_id, bank_id, agency_id, status, count(*) FROM new_rows
      GROUP BY province_id, bank_id, agency_id, status ORDER BY 2, 3, 4, 5
      ON CONFLICT (entity, province_id, bank_id, agency_id, status) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO list_counts AS c (entity, province_id, bank_id, agency_id, status, n)
      SELECT 'referral', province_id, bank_id, agency_id, status, -count(*) FROM old_rows
      GROUP BY province_id, bank_id, agency_id, status ORDER BY 2, 3, 4, 5
      ON CONFLICT (entity, province_id, bank_id, agency_id, status) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO list_counts AS c (entity, province_id, bank_id, agency_id, status, n)
      SELECT 'referral', province_id, bank_id, agency_id, status, sum(d) FROM (
        SELECT province_id, bank_id, agency_id, status, 1 AS d FROM new_rows
        UNION ALL
        SELECT province_id, bank_id, agency_id, status, -1 FROM old_rows
      ) AS moved
      GROUP BY province_id, bank_id, agency_id, status HAVING sum(d) <> 0 ORDER BY 2, 3, 4, 5
      ON CONFLICT (entity, province_id, bank_id, agency_id, status) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tashil_demand_counts() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO list_counts AS c (entity, province_id, bank_id, agency_id, status, n)
      SELECT 'demand', province_id, '', coalesce(agency_id, ''), status, count(*) FROM new_rows
      GROUP BY province_id, coalesce(agency_id, ''), status ORDER BY 2, 3, 4, 5
      ON CONFLICT (entity, province_id, bank_id, agency_id, status) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO list_counts AS c (entity, province_id, bank_id, agency_id, status, n)
      SELECT 'demand', province_id, '', coalesce(agency_id, ''), status, -count(*) FROM old_rows
      GROUP BY province_id, coalesce(agency_id, ''), status ORDER BY 2, 3, 4, 5
      ON CONFLICT (entity, province_id, bank_id, agency_id, status) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO list_counts AS c (entity, province_id, bank_id, agency_id, status, n)
      SELECT 'demand', province_id, '', agency_id, status, sum(d) FROM (
        SELECT province_id, coalesce(agency_id, '') AS agency_id, status, 1 AS d FROM new_rows
        UNION ALL
        SELECT province_id, coalesce(agency_id, ''), status, -1 FROM old_rows
      ) AS moved
      GROUP BY province_id, agency_id, status HAVING sum(d) <> 0 ORDER BY 2, 3, 4, 5
      ON CONFLICT (entity, province_id, bank_id, agency_id, status) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER referrals_count_insert AFTER INSERT ON referrals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_referral_counts();
--> statement-breakpoint
CREATE TRIGGER referrals_count_update AFTER UPDATE ON referrals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_referral_counts();
--> statement-breakpoint
CREATE TRIGGER referrals_count_delete AFTER DELETE ON referrals REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_referral_counts();
--> statement-breakpoint
CREATE TRIGGER demands_count_insert AFTER INSERT ON demands REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_demand_counts();
--> statement-breakpoint
CREATE TRIGGER demands_count_update AFTER UPDATE ON demands REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_demand_counts();
--> statement-breakpoint
CREATE TRIGGER demands_count_delete AFTER DELETE ON demands REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_demand_counts();
--> statement-breakpoint
INSERT INTO list_counts (entity, province_id, bank_id, agency_id, status, n)
  SELECT 'referral', province_id, bank_id, agency_id, status, count(*) FROM referrals GROUP BY province_id, bank_id, agency_id, status;
--> statement-breakpoint
INSERT INTO list_counts (entity, province_id, bank_id, agency_id, status, n)
  SELECT 'demand', province_id, '', coalesce(agency_id, ''), status, count(*) FROM demands GROUP BY province_id, coalesce(agency_id, ''), status;
