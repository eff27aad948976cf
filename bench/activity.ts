/**
 * Referrals, demands, sessions and resolutions for benchmarks, generated inside the database from hashes of the row
 * number (deterministic), over the units already there. Used by stats.bench.ts and list-counts.bench.ts.
 */
import type { Database } from '../src/server/db/client.js';

const BANKS = ['sanat-madan', 'melli', 'sepah', 'tejarat', 'keshavarzi', 'tosee-saderat', 'mellat', 'saderat', 'refah', 'post'];
const AGENCIES = ['smt', 'agri', 'estates', 'labour', 'governorate', 'tax', 'sso', 'power', 'gas', 'env'];
const CATEGORIES = ['finance', 'bank-debt', 'tax', 'social-security', 'customs', 'fx', 'raw-materials', 'power', 'gas', 'water', 'land', 'permits'];
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

/** Referrals, demands, sessions and resolutions generated inside the database from hashes of the row number. */
export async function generateActivity(database: Database, counts: { referrals: number; demands: number; resolutions: number }, provinceFilter?: string) {
  const q = (text: string) => database.query(text);
  const scope = provinceFilter ? `where province_id = '${provinceFilter}'` : '';
  await q(`create temporary table bench_units as select id, province_id, row_number() over (order by id) as rn from units ${scope}`);
  const [{ n }] = (await database.query<{ n: number }>(`select count(*)::int as n from bench_units`)) as [{ n: number }];
  const statuses = arr(['referred', 'received', 'under_review', 'approved', 'paid', 'paid', 'paid', 'rejected', 'withdrawn', 'approved']);
  await q(`
    insert into referrals (province_id, code, unit_id, agency_id, bank_id, program_code, facility_type, requested_amount, approved_amount, paid_amount,
                           paid_date, referral_date, status, received_at, decided_at, paid_at, reason_code, reason_text, reason_letter_no, reason_letter_date,
                           created_at, updated_at)
    select u.province_id, 'R-B-' || lpad(s.g::text, 7, '0'), u.id, (${arr(AGENCIES)})[1 + s.h % 10], (${arr(BANKS)})[1 + (s.h / 10) % 10],
           (${arr(['rounaq', 't18', 'ndf', 'mandated'])})[1 + (s.h / 100) % 4], 'working_capital',
           s.req, case when s.st in ('approved', 'paid') then s.req * 8 / 10 end, case when s.st = 'paid' then s.req * 7 / 10 end,
           case when s.st = 'paid' then s.rd + 50 end, s.rd, s.st,
           case when s.st not in ('referred', 'withdrawn') then (s.rd + 3)::timestamp at time zone 'Asia/Tehran' end,
           case when s.st in ('approved', 'paid', 'rejected') then (s.rd + 3 + (s.h % 40))::timestamp at time zone 'Asia/Tehran' end,
           case when s.st = 'paid' then (s.rd + 50)::timestamp at time zone 'Asia/Tehran' end,
           case when s.st = 'rejected' then 'collateral' end, case when s.st = 'rejected' then 'وثیقهٔ ارائه‌شده کافی نیست' end,
           case when s.st = 'rejected' then 'ب/' || s.g end, case when s.st = 'rejected' then s.rd + 20 end,
           -- written when referred, last changed at their latest step (as a year of work would leave them)
           s.rd::timestamp at time zone 'Asia/Tehran',
           (s.rd + case when s.st = 'paid' then 50 when s.st in ('approved', 'rejected') then 3 + s.h % 40 when s.st in ('received', 'under_review') then 3 else 0 end)::timestamp at time zone 'Asia/Tehran'
    from (select g, h, (${statuses})[1 + (h / 1000) % 10] as st, date '2025-03-21' + (h % 600) as rd, (1 + h % 500)::bigint * 100000000 as req
          from (select g, abs(hashint4(g)) as h from generate_series(1, ${counts.referrals}) g) x) s
    join bench_units u on u.rn = 1 + (s.h / 7) % ${n}`);
  const dstatuses = arr(['registered', 'assigned', 'in_progress', 'escalated', 'resolved', 'resolved', 'resolved', 'unresolvable', 'assigned', 'in_progress']);
  await q(`
    insert into demands (province_id, code, unit_id, category_code, title, title_key, description, agency_id, priority, due_date, status, resolved_at, created_at, updated_at)
    select u.province_id, 'D-B-' || lpad(s.g::text, 7, '0'), u.id, (${arr(CATEGORIES)})[1 + s.h % 12], 'مطالبهٔ شمارهٔ ' || s.g, 'مطالبهشماره' || s.g, 'شرح',
           (${arr(AGENCIES)})[1 + (s.h / 12) % 10], 'normal', s.cd + 30, s.st,
           case when s.st in ('resolved', 'unresolvable') then (s.cd + (s.h % 60))::timestamp at time zone 'Asia/Tehran' end,
           s.cd::timestamp at time zone 'Asia/Tehran', s.cd::timestamp at time zone 'Asia/Tehran'
    from (select g, h, (${dstatuses})[1 + (h / 1000) % 10] as st, date '2025-03-21' + (h % 600) as cd
          from (select g, abs(hashint4(g + 7777777)) as h from generate_series(1, ${counts.demands}) g) x) s
    join bench_units u on u.rn = 1 + (s.h / 7) % ${n}`);
  await q(`insert into wg_sessions (province_id, fiscal_year, number, held_on, status)
           select p.province_id, 1404 + (g > 20)::int, 1 + (g - 1) % 20, date '2025-04-01' + g * 14, 'held'
           from (select distinct province_id from bench_units) p cross join generate_series(1, 40) g`);
  const rstatuses = arr(['open', 'in_progress', 'done', 'done', 'done', 'done', 'not_done', 'objected', 'cancelled', 'in_progress']);
  await q(`
    insert into resolutions (province_id, code, session_id, unit_id, text, due_date, status, not_done_cause, created_at, updated_at, notified_at)
    select u.province_id, 'M-B-' || lpad(s.g::text, 7, '0'), ws.id, u.id, 'مصوبه ' || s.g, ws.held_on + 45, s.st, case when s.st = 'not_done' then 'external' end,
           ws.held_on::timestamp at time zone 'Asia/Tehran', ws.held_on::timestamp at time zone 'Asia/Tehran', ws.held_on::timestamp at time zone 'Asia/Tehran'
    from (select g, h, (${rstatuses})[1 + (h / 1000) % 10] as st from (select g, abs(hashint4(g + 99999)) as h from generate_series(1, ${counts.resolutions}) g) x) s
    join bench_units u on u.rn = 1 + (s.h / 7) % ${n}
    join wg_sessions ws on ws.province_id = u.province_id and ws.fiscal_year = 1404 + ((s.h / 3) % 2) and ws.number = 1 + (s.h / 5) % 20`);
  await q(`insert into resolution_agencies (resolution_id, agency_id) select id, (${arr(AGENCIES)})[1 + abs(hashtext(code)) % 10] from resolutions`);
  await q(`insert into quotas (province_id, fiscal_year, program_code, bank_id, amount)
           select p.province_id, fy, pr, b, 50000000000000 from (select distinct province_id from bench_units) p
           cross join (values (1404), (1405)) y(fy) cross join unnest(array['rounaq', 't18']) pr cross join unnest(${arr(BANKS)}) b`);
  // four referrals in ten followed up by the agency that made them
  await q(`insert into referral_followups (referral_id, province_id, note, actor_label, actor_name, actor_role, agency_id, created_at)
           select id, province_id, 'پیگیری شد', 'دستگاه', 'کارشناس', 'agency', agency_id, (referral_date + 5)::timestamp at time zone 'Asia/Tehran'
           from referrals where abs(hashtext(code)) % 10 < 4`);
  await q(`drop table bench_units`);
  // as autovacuum would leave them: statistics read indexes whose pages are marked all-visible
  await q(`vacuum analyze`);
}
