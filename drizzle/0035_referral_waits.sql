CREATE TABLE "referral_waits" (
	"province_id" text NOT NULL,
	"status" text NOT NULL,
	"day" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "referral_waits_province_id_status_day_pk" PRIMARY KEY("province_id","status","day"),
	CONSTRAINT "referral_waits_status_ck" CHECK ("referral_waits"."status" in ('referred', 'received', 'under_review'))
);
--> statement-breakpoint
-- referral_waits: the referrals waiting on a bank, by province, status and the day their wait began (the referral's
-- date while referred; the Tehran day it was received while received or under review). One statement trigger per
-- event sums the statement's rows by key and upserts the deltas in key order (two writers lock the same rows in the
-- same order), as list_counts' do (0029); a change that moves no referral between keys writes nothing. The trigger
-- comes before the backfill: creating it locks the referrals against writes until this migration commits.
CREATE OR REPLACE FUNCTION tashil_wait_day(status text, referral_date date, received_at timestamptz) RETURNS date AS $$
  SELECT CASE WHEN status = 'referred' THEN referral_date ELSE (received_at AT TIME ZONE 'Asia/Tehran')::date END
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tashil_referral_waits() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO referral_waits AS c (province_id, status, day, n)
      SELECT province_id, status, day, count(*) FROM (
        SELECT province_id, status, tashil_wait_day(status, referral_date, received_at) AS day
        FROM new_rows WHERE status IN ('referred', 'received', 'under_review')
      ) AS w WHERE day IS NOT NULL
      GROUP BY province_id, status, day ORDER BY 1, 2, 3
      ON CONFLICT (province_id, status, day) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO referral_waits AS c (province_id, status, day, n)
      SELECT province_id, status, day, -count(*) FROM (
        SELECT province_id, status, tashil_wait_day(status, referral_date, received_at) AS day
        FROM old_rows WHERE status IN ('referred', 'received', 'under_review')
      ) AS w WHERE day IS NOT NULL
      GROUP BY province_id, status, day ORDER BY 1, 2, 3
      ON CONFLICT (province_id, status, day) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO referral_waits AS c (province_id, status, day, n)
      SELECT province_id, status, day, sum(d) FROM (
        SELECT province_id, status, tashil_wait_day(status, referral_date, received_at) AS day, 1 AS d
        FROM new_rows WHERE status IN ('referred', 'received', 'under_review')
        UNION ALL
        SELECT province_id, status, tashil_wait_day(status, referral_date, received_at), -1
        FROM old_rows WHERE status IN ('referred', 'received', 'under_review')
      ) AS w WHERE day IS NOT NULL
      GROUP BY province_id, status, day HAVING sum(d) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (province_id, status, day) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER referrals_waits_insert AFTER INSERT ON referrals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_referral_waits();
--> statement-breakpoint
CREATE TRIGGER referrals_waits_update AFTER UPDATE ON referrals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_referral_waits();
--> statement-breakpoint
CREATE TRIGGER referrals_waits_delete AFTER DELETE ON referrals REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tashil_referral_waits();
--> statement-breakpoint
INSERT INTO referral_waits (province_id, status, day, n)
  SELECT province_id, status, day, count(*) FROM (
    SELECT province_id, status, tashil_wait_day(status, referral_date, received_at) AS day
    FROM referrals WHERE status IN ('referred', 'received', 'under_review')
  ) AS w WHERE day IS NOT NULL
  GROUP BY province_id, status, day;
