import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines, type TestApp } from '../../test/harness.js';
import { fiscalYearRange } from '../../../shared/jalali.js';
import { workbookOf } from '../../test/workbook.js';
import { users } from '../../db/schema.js';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_PASSWORD } from '../../seed/demo-accounts.js';

const BILLION = 1_000_000_000n;

/** Records of the shapes officials published (see the project's published figures), inserted directly. */
async function seedPublishedShapes(t: TestApp) {
  const q = (text: string, params: unknown[] = []) => t.database.query(text, params);
  // 1400 funnel: 17,158 registered units, 9,500 referred, 5,410 paid, 240,314 billion rials paid
  await q(`insert into units (province_id, name, name_key, national_id, sector_code, county_id, employees, capacity_utilization, status)
           select 'qom', 'واحد ' || g, 'واحد' || g, lpad(g::text, 11, '0'), '10', 'qom', 10, 50, 'active' from generate_series(1, 17158) g`);
  const last = 240_314n * BILLION - 5409n * 44_420_000_000n;
  await q(`insert into referrals (province_id, code, unit_id, agency_id, bank_id, program_code, facility_type, requested_amount, approved_amount, paid_amount, paid_date, referral_date, status, received_at, decided_at, paid_at)
           select 'qom', 'R-1400-' || lpad(g::text, 6, '0'), u.id, 'smt', case when g % 3 = 0 then 'melli' else 'sepah' end, 'rounaq', 'working_capital',
                  case when g = 5410 then $1::bigint else 44420000000 end,
                  case when g <= 5410 then (case when g = 5410 then $1::bigint else 44420000000 end) end,
                  case when g <= 5410 then (case when g = 5410 then $1::bigint else 44420000000 end) end,
                  case when g <= 5410 then date '2021-09-01' end, date '2021-06-01',
                  case when g <= 5410 then 'paid' else 'referred' end,
                  case when g <= 5410 then timestamptz '2021-06-05 08:00+00' end,
                  case when g <= 5410 then timestamptz '2021-07-01 08:00+00' end,
                  case when g <= 5410 then timestamptz '2021-09-01 08:00+00' end
           from generate_series(1, 9500) g join (select id, row_number() over (order by national_id) as rn from units) u on u.rn = g`, [last.toString()]);
  // 1397 Production Boom: quota 9,000 billion, paid 6,004.45 billion by 12 Esfand
  await q(`insert into quotas (province_id, fiscal_year, program_code, amount) values ('qom', 1397, 'rounaq', $1)`, [(9000n * BILLION).toString()]);
  await q(`insert into referrals (province_id, code, unit_id, agency_id, bank_id, program_code, facility_type, requested_amount, approved_amount, paid_amount, paid_date, referral_date, status, received_at, decided_at, paid_at)
           select 'qom', 'R-1397-' || lpad(g::text, 6, '0'), u.id, 'smt', 'sanat-madan', 'rounaq', 'fixed_capital', 60044500000, 60044500000, 60044500000,
                  date '2019-03-03', date '2018-10-01', 'paid', timestamptz '2018-10-05 08:00+00', timestamptz '2018-11-01 08:00+00', timestamptz '2019-03-03 08:00+00'
           from generate_series(1, 100) g join (select id, row_number() over (order by national_id desc) as rn from units) u on u.rn = g`);
  // 1398 working group: 41 sessions, 156 resolutions — 138 done, 7 in progress, 11 not done
  await q(`insert into wg_sessions (province_id, fiscal_year, number, held_on, status) select 'qom', 1398, g, date '2019-04-01' + g * 7, 'held' from generate_series(1, 41) g`);
  await q(`insert into resolutions (province_id, code, session_id, text, due_date, status, not_done_cause, created_at, notified_at)
           select 'qom', 'M-1398-' || lpad(g::text, 6, '0'), s.id, 'مصوبهٔ شمارهٔ ' || g, date '2019-12-01',
                  case when g <= 138 then 'done' when g <= 145 then 'in_progress' else 'not_done' end,
                  case when g > 145 then 'external' end, timestamptz '2019-06-01 08:00+00', timestamptz '2019-06-01 08:00+00'
           from generate_series(1, 156) g join wg_sessions s on s.fiscal_year = 1398 and s.number = 1 + (g % 41)`);
  await q(`insert into resolution_agencies (resolution_id, agency_id) select id, 'smt' from resolutions where code like 'M-1398-%'`);
}

describeOnEngines(
  'statistics: the published figures',
  (t) => {
    beforeAll(async () => {
      await seedPublishedShapes(t);
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      for (const [username, role] of [['secretariat', 'secretariat'], ['executive', 'executive']] as const)
        await t.database.db.insert(users).values({ username, fullName: username, role, provinceId: 'qom', passwordHash });
    }, 120_000);

    it('reproduces the 88.5% resolution implementation rate (156 resolutions, 138 done)', async () => {
      const c = await t.as('secretariat');
      const o = (await c.get('/api/v1/stats/overview?period=1398')).json();
      expect(o.resolutions).toMatchObject({ all: 156, done: 138, inProgress: 7, notDone: 11 });
      expect(o.resolutions.rateOfAll).toBeCloseTo(138 / 156, 10);
      expect((Math.round(o.resolutions.rateOfAll * 1000) / 10).toFixed(1)).toBe('88.5');
    });

    it('reproduces the 66.7% absorption of the 1397 Production Boom quota', async () => {
      const c = await t.as('secretariat');
      const o = (await c.get('/api/v1/stats/overview?period=1397&programCode=rounaq')).json();
      expect(o.pace.quotaAmount).toBe((9000n * BILLION).toString());
      expect(o.pace.paidAmount).toBe('6004450000000');
      expect((Math.round(o.pace.absorbedRate * 1000) / 10).toFixed(1)).toBe('66.7');
      expect(o.pace.daysLeft).toBe(0);
    });

    it('reproduces the 1400 funnel and flags two reported figures that disagree', async () => {
      const c = await t.as('secretariat');
      for (const [value, source] of [
        ['5410', 'گزارش وزارت صمت'],
        ['5140', 'خبرگزاری'],
      ] as const) {
        const res = await c.post('/api/v1/stats/reported-figures', { metric: 'referrals.paidCount', periodKey: '۱۴۰۰', value, source, reportedOn: '2022-04-10' });
        expect(res.statusCode).toBe(201);
      }
      const o = (await c.get('/api/v1/stats/overview?period=1400')).json();
      expect(o.units.total).toBe(17158);
      const funnel = Object.fromEntries(o.funnel.map((s: { stage: string; count: number; amount: string }) => [s.stage, s]));
      expect(funnel.referred.count).toBe(9500);
      expect(funnel.paid.count).toBe(5410);
      expect(funnel.paid.amount).toBe((240_314n * BILLION).toString());
      const reported = o.reported.find((r: { metric: string }) => r.metric === 'referrals.paidCount');
      expect(reported.computed).toBe('5410');
      expect(reported.conflict).toBe(true);
      expect(reported.differences.map((d: { difference: string }) => d.difference).sort()).toEqual(['0', '270']);
    });

    it('makes every cell of the bank table equal the count of its drill-down list', async () => {
      const c = await t.as('secretariat');
      for (const period of ['1400', '1397']) {
        const banks = (await c.get(`/api/v1/stats/banks?period=${period}`)).json();
        expect(banks.items.length).toBeGreaterThan(0);
        for (const row of banks.items) {
          for (const metric of ['referred', 'received', 'decided', 'approved', 'rejected', 'paid', 'withdrawn', 'open', 'overdue']) {
            const list = (await c.get(`/api/v1/stats/drilldown?period=${period}&source=referrals&metric=${metric}&bankId=${row.bankId}&pageSize=1`)).json();
            expect(list.total, `${period} ${row.bankId} ${metric}`).toBe(row[metric]);
          }
        }
        const sum = banks.items.reduce((a: number, r: { referred: number }) => a + r.referred, 0);
        expect(banks.total.referred).toBe(sum);
      }
    }, 120_000);

    it('gives the month-by-month trend that adds up to the period figure', async () => {
      const c = await t.as('executive');
      const trend = (await c.get('/api/v1/stats/trend?metric=paidCount&period=1400')).json();
      expect(trend.points).toHaveLength(12);
      expect(trend.points.reduce((a: number, p: { value: string }) => a + Number(p.value), 0)).toBe(5410);
      expect(trend.points.find((p: { key: string }) => p.key === '1400-06').value).toBe('5410'); // 2021-09-01 is 10 Shahrivar 1400
    });
  },
  { demo: false },
);

describeOnEngines('statistics: scope, scorecards and exports', (t) => {
  it('lets a bank see its peers but drill only into its own records', async () => {
    const bank = await t.as('bank.sanat-madan');
    expect((await bank.get('/api/v1/stats/banks')).statusCode).toBe(200);
    expect((await bank.get('/api/v1/stats/drilldown?source=referrals&metric=referred&bankId=sanat-madan')).statusCode).toBe(200);
    const other = await bank.get('/api/v1/stats/drilldown?source=referrals&metric=referred&bankId=melli');
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('stats.drilldown_forbidden');
    expect((await bank.get('/api/v1/stats/drilldown?source=demands&metric=registered')).statusCode).toBe(403);
    expect((await bank.get('/api/v1/stats/overview')).statusCode).toBe(403);
  });

  it('shows an agency its own scorecard with the formula and its parts', async () => {
    const agency = await t.as('agency.smt');
    const res = (await agency.get('/api/v1/stats/agencies')).json();
    expect(res.items.map((i: { agencyId: string }) => i.agencyId)).toEqual(['smt']);
    expect(res.formula.weights.reduce((a: number, w: { weight: number }) => a + w.weight, 0)).toBeCloseTo(1, 10);
    expect(res.items[0].scoreParts).toHaveLength(4);
    expect((await agency.get('/api/v1/stats/drilldown?source=demands&metric=assigned&agencyId=tax')).statusCode).toBe(403);
    const secretariat = (await (await t.as('secretariat')).get('/api/v1/stats/agencies')).json();
    expect(secretariat.items.length).toBeGreaterThan(1);
  });

  it('computes the score from its visible parts', async () => {
    const { scoreOf } = await import('./stats.agencies.js');
    const full = scoreOf([
      { key: 'onTime', numerator: 8, denominator: 10 },
      { key: 'notOverdue', numerator: 9, denominator: 10 },
      { key: 'followUp', numerator: 1, denominator: 2 },
      { key: 'resolutions', numerator: 3, denominator: 4 },
    ]);
    expect(full.score).toBe(Math.round(1000 * (0.35 * 0.8 + 0.15 * 0.9 + 0.2 * 0.5 + 0.3 * 0.75)) / 10);
    const partial = scoreOf([{ key: 'onTime', numerator: 1, denominator: 2 }]);
    expect(partial.score).toBe(50); // the other parts have no data and are left out
    expect(scoreOf([]).score).toBeNull();
  });

  it('drills every agency-table figure down to the same count', async () => {
    const c = await t.as('secretariat');
    const res = (await c.get('/api/v1/stats/agencies')).json();
    for (const row of res.items.slice(0, 6)) {
      const total = async (source: string, metric: string) => (await c.get(`/api/v1/stats/drilldown?source=${source}&metric=${metric}&agencyId=${row.agencyId}&pageSize=1`)).json().total;
      expect(await total('demands', 'assigned')).toBe(row.demandsAssigned);
      expect(await total('demands', 'resolved')).toBe(row.demandsResolved);
      expect(await total('demands', 'overdue')).toBe(row.demandsOverdue);
      expect(await total('referrals', 'referred')).toBe(row.referralsMade);
      expect(await total('referrals', 'followedUp')).toBe(row.referralsFollowedUp);
      expect(await total('resolutions', 'done')).toBe(row.resolutionsDone);
      expect(await total('resolutions', 'due')).toBe(row.resolutionsDue);
    }
  });

  it('gives the medians percentile_cont gives, and counts follow-ups as an exists test would', async () => {
    const c = await t.as('secretariat');
    const range = 'from=2000-01-01&to=2030-12-31';
    const banks = (await c.get(`/api/v1/stats/banks?${range}`)).json();
    const days = (expr: string) => `percentile_cont(0.5) within group (order by ${expr})`;
    const referee = await t.database.query<{ bank_id: string | null; d: number | null; p: number | null }>(
      `select bank_id, ${days(`(decided_at at time zone 'Asia/Tehran')::date - coalesce((received_at at time zone 'Asia/Tehran')::date, referral_date)`)} as d,
              ${days(`paid_date - (decided_at at time zone 'Asia/Tehran')::date`)} filter (where status = 'paid') as p
       from referrals where province_id = 'qom' and status in ('approved', 'paid', 'rejected') and decided_at is not null
       group by grouping sets ((bank_id), ())`,
    );
    expect(referee.some((r) => r.d !== null)).toBe(true);
    for (const r of referee) {
      const row = r.bank_id === null ? banks.total : banks.items.find((b: { bankId: string }) => b.bankId === r.bank_id);
      expect(row.medianDaysToDecision, `${r.bank_id} decision`).toBe(r.d === null ? null : Number(r.d));
      expect(row.medianDaysToPayment, `${r.bank_id} payment`).toBe(r.p === null ? null : Number(r.p));
    }

    // a follow-up by the referring agency counts (the database marks the referral: migration 0033's trigger, here on
    // rows inserted by hand); one by the bank does not, nor a second one by the agency
    const [ref] = await t.database.query<{ id: string; agency_id: string }>(
      `select id, agency_id from referrals r where province_id = 'qom'
         and not exists (select 1 from referral_followups f where f.referral_id = r.id and f.agency_id = r.agency_id) order by code limit 1`,
    );
    const before = (await c.get(`/api/v1/stats/agencies?${range}`)).json();
    const agencyRow = (x: { items: { agencyId: string; referralsFollowedUp: number }[] }) => x.items.find((i) => i.agencyId === ref!.agency_id)!;
    await t.database.query(
      `insert into referral_followups (referral_id, province_id, note, actor_label, actor_name, actor_role, agency_id) values ($1, 'qom', 'پیگیری', 'دستگاه', 'کارشناس', 'agency', $2), ($1, 'qom', 'پیگیری دوم', 'دستگاه', 'کارشناس', 'agency', $2)`,
      [ref!.id, ref!.agency_id],
    );
    await t.database.query(
      `insert into referral_followups (referral_id, province_id, note, actor_label, actor_name, actor_role, bank_id)
       select id, 'qom', 'پاسخ بانک', 'بانک', 'کارشناس بانک', 'bank', bank_id from referrals where province_id = 'qom' and agency_id = $1 and id <> $2 order by code limit 1`,
      [ref!.agency_id, ref!.id],
    );
    // inserted by hand, so the audit event the service writes with a follow-up (it invalidates the snapshots) too
    await t.database.query(
      `insert into audit_events (province_id, actor_label, actor_kind, action, entity_type, entity_id, after) values ('qom', 'test', 'user', 'referral.followup', 'referral', $1, jsonb_build_object('agencyId', $2::text))`,
      [ref!.id, ref!.agency_id],
    );
    const after = (await c.get(`/api/v1/stats/agencies?${range}`)).json();
    const [exists] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from referrals r where r.province_id = 'qom' and r.agency_id = $1 and exists (select 1 from referral_followups f where f.referral_id = r.id and f.agency_id = r.agency_id)`,
      [ref!.agency_id],
    );
    expect(agencyRow(after).referralsFollowedUp).toBe(exists!.n);
    expect(agencyRow(after).referralsFollowedUp).toBe(agencyRow(before).referralsFollowedUp + 1);
    expect(exists!.n).toBeGreaterThan(0);
    const marked = await t.database.query<{ id: string }>(
      `select id from referrals r where province_id = 'qom' and agency_followed_up <> exists (select 1 from referral_followups f where f.referral_id = r.id and f.agency_id = r.agency_id)`,
    );
    expect(marked, 'every referral marked followed up exactly when its agency wrote a follow-up').toEqual([]);

    const resolveReferee = await t.database.query<{ agency_id: string; m: number | null }>(
      `select agency_id, ${days(`(resolved_at at time zone 'Asia/Tehran')::date - (created_at at time zone 'Asia/Tehran')::date`)} as m
       from demands where province_id = 'qom' and agency_id is not null and status = 'resolved' group by agency_id`,
    );
    expect(resolveReferee.length).toBeGreaterThan(0);
    for (const r of resolveReferee) {
      const row = after.items.find((i: { agencyId: string }) => i.agencyId === r.agency_id);
      expect(row.medianDaysToResolve, r.agency_id).toBe(r.m === null ? null : Number(r.m));
    }
  });

  it('reads the figures from the statistics indexes alone, on connections without parallel workers', async () => {
    if (t.engine !== 'postgres') return; // PGlite is one process: no workers, and its plans are its own
    const [setting] = await t.database.query<{ v: string }>(`select current_setting('max_parallel_workers_per_gather') as v`);
    expect(setting!.v).toBe('0');
    await t.database.query('vacuum analyze referrals');
    const client = await t.database.pool!.connect();
    try {
      await client.query('set enable_seqscan = off'); // a demo-sized table would otherwise be read whole
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `explain select count(*), sum(paid_amount) filter (where status = 'paid') from referrals where province_id = 'qom' and referral_date between '2025-03-21' and '2026-03-20'`,
      );
      expect(plan.rows.map((p) => p['QUERY PLAN']).join('\n')).toMatch(/Index Only Scan using referrals_(stats|national_date)_idx/);
    } finally {
      await client.query('reset enable_seqscan');
      client.release();
    }
  });

  it('reads a median from day counts as percentile_cont does', async () => {
    const { medianOf } = await import('./stats.median.js');
    expect(medianOf(undefined)).toBeNull();
    expect(medianOf(new Map())).toBeNull();
    expect(medianOf(new Map([[7, 1]]))).toBe(7);
    expect(medianOf(new Map([[3, 1], [10, 1]]))).toBe(6.5);
    expect(medianOf(new Map([[10, 2], [1, 1]]))).toBe(10); // 1, 10, 10
    expect(medianOf(new Map([[5, 2], [1, 2], [9, 1]]))).toBe(5); // 1, 1, 5, 5, 9
    expect(medianOf(new Map([[0, 3], [4, 3]]))).toBe(2);
  });

  it('finds a systemic obstacle shared by several units, however its title was typed', async () => {
    const sec = await t.as('secretariat');
    const unitIds = (await sec.get('/api/v1/units?pageSize=4&sort=nationalId')).json().items.map((u: { id: string }) => u.id);
    const titles = ['قطعی مکرر برق در ساعات اوج مصرف', 'قطعي مكرر برق در ساعات اوج مصرف', 'قطعی مکرر برق در ساعات اوج‌مصرف شهرک', 'قطعیمکرر برق در ساعات اوج مصرف'];
    const today = new Date(t.clock.now).toISOString().slice(0, 10);
    const created: string[] = [];
    for (const [i, unitId] of unitIds.entries()) {
      const res = await sec.post('/api/v1/demands', { unitId, categoryCode: 'power', title: titles[i], description: 'قطعی برق خط تولید را متوقف می‌کند', agencyId: 'power', priority: 'high', dueDate: today });
      expect(res.statusCode, res.body).toBe(201);
      created.push(res.json().id);
    }
    const sys = (await sec.get('/api/v1/stats/systemic-obstacles')).json();
    const group = sys.items.find((g: { demandIds: string[] }) => g.demandIds.includes(created[0]!));
    expect(group, JSON.stringify(sys.items.map((g: { title: string }) => g.title))).toBeTruthy();
    expect(group.demandIds).toEqual(expect.arrayContaining(created));
    expect(group.units.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining(unitIds));
  });

  it('exports the bank table as a right-to-left Excel sheet and prints the session report', async () => {
    const sec = await t.as('secretariat');
    const x = await sec.get('/api/v1/stats/export?table=banks');
    expect(x.statusCode).toBe(200);
    const wb = await workbookOf(x);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]?.rightToLeft).toBe(true);
    expect(ws.getRow(3).getCell(1).value).toBe('بانک');
    const banks = (await sec.get('/api/v1/stats/banks')).json();
    expect(ws.rowCount).toBe(3 + banks.items.length + 1);
    const html = await sec.get('/api/v1/stats/banks/report?sessionNumber=29');
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('جلسهٔ ۲۹');
    expect(html.body).toContain('dir="rtl"');
    expect((await (await t.as('agency.smt')).get('/api/v1/stats/export?table=provinces')).statusCode).toBe(403);
  });

  it('compares provinces for the national role, shares adding up to one', async () => {
    const national = await t.as('national');
    const res = (await national.get('/api/v1/stats/provinces')).json();
    expect(res.items).toHaveLength(31);
    const shares = res.items.reduce((a: number, p: { shareOfNationalPaid: number | null }) => a + (p.shareOfNationalPaid ?? 0), 0);
    if (res.national.paidAmount !== '0') expect(shares).toBeCloseTo(1, 9);
    expect((await national.get('/api/v1/stats/banks')).statusCode).toBe(403);
    expect((await national.get(`/api/v1/stats/overview?provinceId=qom`)).statusCode).toBe(403);
  });

  it('breaks the demands down by status and by category, each adding up to the total', async () => {
    const o = (await (await t.as('executive')).get('/api/v1/stats/overview')).json();
    expect(o.demands.total).toBeGreaterThan(0);
    const sum = (xs: { count: number }[]) => xs.reduce((a, x) => a + x.count, 0);
    expect(sum(o.demands.byStatus)).toBe(o.demands.total);
    expect(sum(o.demands.byCategory)).toBe(o.demands.total);
    expect(o.demands.byCategory[0].name).toMatch(/[\u0600-\u06FF]/);
    const sec = await t.as('secretariat');
    const overdue = (await sec.get('/api/v1/stats/drilldown?source=demands&metric=overdue&pageSize=1')).json().total;
    expect(o.demands.overdue).toBe(overdue);
  });

  it('refuses a nonsense period in Persian', async () => {
    const c = await t.as('executive');
    const res = await c.get('/api/v1/stats/overview?period=2026-99');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'period', message: 'بازهٔ زمانی معتبر نیست' });
    expect(fiscalYearRange(1405).from).toBe('2026-03-21');
  });
});
