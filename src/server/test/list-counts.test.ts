/**
 * The referrals' and demands' list totals count without the join to `units` unless a filter reads a unit's column, and
 * come from the kept counts (`list_counts`) when the list asks only for a scope, bank, agency or status. Whatever the
 * filter, the total equals the rows the list pages through and an independent count written by hand, and the kept
 * counts equal the tables' own after every kind of write.
 */
import { expect, it } from 'vitest';
import { describeOnEngines } from './harness.js';
import { castOf, refer, walk } from '../modules/referrals/referrals.test-helpers.js';

describeOnEngines('list totals', (t) => {
  const count = async (text: string, params: unknown[] = []) => (await t.database.query<{ n: number }>(text, params))[0]!.n;

  /** The total the list reports, and the number of rows it pages through. */
  async function listed(url: string): Promise<{ total: number; rows: number }> {
    const c = await t.as('secretariat');
    const first = await c.get(`${url}${url.includes('?') ? '&' : '?'}pageSize=500`);
    expect(first.statusCode, first.body).toBe(200);
    return { total: first.json().total, rows: first.json().items.length };
  }

  it('referrals: the same total with and without a unit filter, as the joined count gave', async () => {
    const nameKey = (await t.database.query<{ k: string }>(`select substr(u.name_key, 1, 3) as k from referrals r join units u on u.id = r.unit_id where r.province_id = 'qom' limit 1`))[0]!.k;
    const cases: [string, number][] = [
      ['/api/v1/referrals', await count(`select count(*)::int as n from referrals where province_id = 'qom'`)],
      ['/api/v1/referrals?bankId=melli', await count(`select count(*)::int as n from referrals where province_id = 'qom' and bank_id = 'melli'`)],
      ['/api/v1/referrals?status=paid,approved', await count(`select count(*)::int as n from referrals where province_id = 'qom' and status in ('paid', 'approved')`)],
      [`/api/v1/referrals?q=${encodeURIComponent(nameKey)}`, await count(`select count(*)::int as n from referrals r join units u on u.id = r.unit_id where r.province_id = 'qom' and u.name_key like $1`, [`%${nameKey}%`])],
    ];
    for (const [url, expected] of cases) {
      const { total, rows } = await listed(url);
      expect(total, url).toBe(expected);
      expect(rows, url).toBe(expected);
      expect(total, url).toBeGreaterThan(0);
    }
    // the summary's groups add up to the list's total, filtered or not
    const c = await t.as('secretariat');
    for (const filter of ['', `?q=${encodeURIComponent(nameKey)}`]) {
      const groups = (await c.get(`/api/v1/referrals/summary${filter}`)).json().groups as { count: number }[];
      expect(groups.reduce((s, g) => s + g.count, 0)).toBe((await listed(`/api/v1/referrals${filter}`)).total);
    }
  });

  it('demands: the same total with and without a unit filter, as the joined count gave', async () => {
    const county = (await t.database.query<{ c: string }>(`select u.county_id as c from demands d join units u on u.id = d.unit_id where d.province_id = 'qom' group by 1 order by count(*) desc limit 1`))[0]!.c;
    const cases: [string, number][] = [
      ['/api/v1/demands', await count(`select count(*)::int as n from demands where province_id = 'qom'`)],
      ['/api/v1/demands?open=true', await count(`select count(*)::int as n from demands where province_id = 'qom' and status in ('registered', 'assigned', 'in_progress', 'escalated')`)],
      [`/api/v1/demands?countyId=${county}`, await count(`select count(*)::int as n from demands d join units u on u.id = d.unit_id where d.province_id = 'qom' and u.county_id = $1`, [county])],
      [`/api/v1/demands?countyId=${county}&open=true`, await count(`select count(*)::int as n from demands d join units u on u.id = d.unit_id where d.province_id = 'qom' and u.county_id = $1 and d.status in ('registered', 'assigned', 'in_progress', 'escalated')`, [county])],
    ];
    for (const [url, expected] of cases) {
      const { total, rows } = await listed(url);
      expect(total, url).toBe(expected);
      expect(rows, url).toBe(expected);
      expect(total, url).toBeGreaterThan(0);
    }
  });

  it('a list’s total rides on its page: a short page, the whole list and a page past the end report the same total', async () => {
    // the total comes from the page's own rows (db/paging.ts); a page with no rows asks for it by itself
    const c = await t.as('secretariat');
    for (const url of ['/api/v1/referrals', '/api/v1/referrals?status=paid,approved', '/api/v1/demands?open=true', '/api/v1/resolutions', '/api/v1/sessions', '/api/v1/loan-applications', '/api/v1/unit-claims']) {
      const at = (query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;
      const whole = await c.get(at('pageSize=500'));
      expect(whole.statusCode, `${url}: ${whole.body}`).toBe(200);
      const total = whole.json().total as number;
      expect(whole.json().items.length, url).toBe(total);
      const short = (await c.get(at('pageSize=1'))).json();
      expect(short.total, url).toBe(total);
      expect(short.items.length, url).toBe(Math.min(1, total));
      const past = (await c.get(at('pageSize=1&page=9999'))).json();
      expect(past.items, url).toEqual([]);
      expect(past.total, url).toBe(total);
      // the answer carries only the contract's fields: the total stays out of the items
      for (const item of short.items) expect(item, url).not.toHaveProperty('total');
    }
    // an empty list: its first page found no row, so its total is 0 without a count
    for (const url of ['/api/v1/referrals?q=zzzzqqqq', '/api/v1/demands?q=zzzzqqqq', '/api/v1/sessions?fiscalYear=1350']) {
      const empty = await c.get(url);
      expect(empty.statusCode, `${url}: ${empty.body}`).toBe(200);
      expect(empty.json(), url).toMatchObject({ items: [], total: 0 });
    }
    // and at least some of them hold rows, or the test proves nothing
    const totals = await Promise.all(['/api/v1/referrals', '/api/v1/resolutions', '/api/v1/sessions'].map(async (u) => (await c.get(u)).json().total as number));
    for (const total of totals) expect(total).toBeGreaterThan(0);
  });

  /** The kept counts, and the same figures counted from the tables themselves. */
  async function keptAndCounted() {
    const key = `entity || ' ' || province_id || ' ' || bank_id || ' ' || agency_id || ' ' || status`;
    // and the referrals waiting on a bank by the day their wait began (referral_waits, migration 0035)
    const wait = `'wait ' || province_id || ' ' || status || ' ' || day`;
    const kept = await t.database.query<{ k: string; n: number }>(
      `select k, n from (select ${key} as k, n from list_counts where n <> 0 union all select ${wait}, n from referral_waits where n <> 0) as kept order by 1`,
    );
    const counted = await t.database.query<{ k: string; n: number }>(
      `select k, n from (
         select ${key} as k, n from (
           select 'referral' as entity, province_id, bank_id, agency_id, status, count(*)::int as n from referrals group by 2, 3, 4, 5
           union all
           select 'demand', province_id, '', coalesce(agency_id, ''), status, count(*)::int from demands group by 2, 3, 4, 5
         ) as c
         union all
         select ${wait}, n from (
           select province_id, status, case when status = 'referred' then referral_date else (received_at at time zone 'Asia/Tehran')::date end as day, count(*)::int as n
           from referrals where status in ('referred', 'received', 'under_review') group by 1, 2, 3
         ) as w
       ) as all_counts order by 1`,
    );
    return { kept: kept.map((r) => `${r.k} ${r.n}`), counted: counted.map((r) => `${r.k} ${r.n}`) };
  }

  async function expectKeptEqualsCounted(step: string) {
    const { kept, counted } = await keptAndCounted();
    expect(kept.length, step).toBeGreaterThan(0);
    expect(kept, step).toEqual(counted);
  }

  it('the kept counts follow every write: the API’s steps, several rows in one statement, a move between keys, an insert and a delete', async () => {
    await expectKeptEqualsCounted('the demo as seeded');
    const c = await castOf(t);
    const totalOf = async (client: typeof c.bank, url: string) => (await client.get(url)).json().total as number;
    const bankBefore = await totalOf(c.bank, '/api/v1/referrals?status=referred,received');

    // through the API: a new referral, then the bank's steps
    const r = await refer(c.agency, c.unitId);
    await expectKeptEqualsCounted('a referral');
    expect(await totalOf(c.bank, '/api/v1/referrals?status=referred,received')).toBe(bankBefore + 1);
    await walk(c.bank, r, [['received'], ['under_review']]);
    await expectKeptEqualsCounted('the bank’s steps');
    expect(await totalOf(c.bank, '/api/v1/referrals?status=referred,received')).toBe(bankBefore);
    expect(await totalOf(c.agency, '/api/v1/referrals?status=under_review')).toBe(
      await count(`select count(*)::int as n from referrals where province_id = 'qom' and agency_id = 'smt' and status = 'under_review'`),
    );

    // several rows in one statement, moving between statuses, agencies and no agency
    await t.database.query(`update demands set status = 'in_progress' where id in (select id from demands where province_id = 'qom' and status = 'assigned' order by id limit 2)`);
    await t.database.query(`update demands set agency_id = null, status = 'registered' where id = (select id from demands where province_id = 'qom' and agency_id is not null order by id limit 1)`);
    await t.database.query(`update referrals set bank_id = 'melli' where id = $1`, [r.id]);
    await expectKeptEqualsCounted('several rows, new keys');

    // a row inserted and deleted (a referral with no history yet can be)
    await t.database.query(
      `insert into referrals (id, province_id, code, unit_id, agency_id, bank_id, program_code, facility_type, requested_amount, referral_date, status, created_by)
       select '6f1c1d2e-0000-4000-8000-00000000c0de', province_id, 'R-1405-999999', unit_id, agency_id, 'sepah', program_code, facility_type, requested_amount, referral_date, 'referred', created_by
         from referrals where id = $1`,
      [r.id],
    );
    await expectKeptEqualsCounted('an inserted referral');
    await t.database.query(`delete from referrals where id = '6f1c1d2e-0000-4000-8000-00000000c0de'`);
    await expectKeptEqualsCounted('a deleted referral');

    // the lists answer from the kept counts, each total the rows' own
    const cases: [typeof c.bank, string, string][] = [
      [c.secretariat, '/api/v1/referrals?agencyId=smt&status=under_review,referred', `select count(*)::int as n from referrals where province_id = 'qom' and agency_id = 'smt' and status in ('under_review', 'referred')`],
      [c.bank, '/api/v1/referrals', `select count(*)::int as n from referrals where province_id = 'qom' and bank_id = 'sanat-madan'`],
      [c.bank, '/api/v1/referrals?bankId=melli', `select 0 as n`],
      [c.agency, '/api/v1/demands?open=false', `select count(*)::int as n from demands where province_id = 'qom' and agency_id = 'smt' and status not in ('registered', 'assigned', 'in_progress', 'escalated')`],
      [c.secretariat, '/api/v1/demands?status=in_progress&open=true', `select count(*)::int as n from demands where province_id = 'qom' and status = 'in_progress'`],
      [c.secretariat, '/api/v1/demands?status=resolved&open=true', `select 0 as n`],
      [c.secretariat, '/api/v1/demands?agencyId=smt&open=true', `select count(*)::int as n from demands where province_id = 'qom' and agency_id = 'smt' and status in ('registered', 'assigned', 'in_progress', 'escalated')`],
    ];
    for (const [client, url, sql] of cases) {
      const res = await client.get(`${url}${url.includes('?') ? '&' : '?'}pageSize=500`);
      expect(res.statusCode, url).toBe(200);
      const expected = await count(sql);
      expect(res.json().total, url).toBe(expected);
      expect(res.json().items.length, url).toBe(expected);
    }

    // the province's overdue referrals (the secretariat's home): summed from referral_waits, the same as counting the
    // rows (a filter the kept counts do not answer, matching every referral, makes the list count them)
    const overdue = await c.secretariat.get('/api/v1/referrals?overdue=true&pageSize=500');
    const counted = await c.secretariat.get('/api/v1/referrals?overdue=true&pageSize=500&from=2000-01-01');
    expect(overdue.statusCode, overdue.body).toBe(200);
    expect(counted.statusCode, counted.body).toBe(200);
    expect(overdue.json().total).toBeGreaterThan(0);
    expect(overdue.json().total).toBe(counted.json().total);
    expect(overdue.json().total).toBe(overdue.json().items.length);
  });

  it('"not overdue" is every record that is not overdue, open or closed, as the hand-written count says', async () => {
    const today = '2026-11-29'; // the harness's clock, in Tehran
    const open = `('registered', 'assigned', 'in_progress', 'escalated')`;
    const c = await t.as('secretariat');
    const weekOn = '2026-12-06';
    const cases: [string, string][] = [
      ['/api/v1/demands?overdue=false', `select count(*)::int as n from demands where province_id = 'qom' and not (status in ${open} and due_date < '${today}')`],
      ['/api/v1/demands?overdue=true', `select count(*)::int as n from demands where province_id = 'qom' and status in ${open} and due_date < '${today}'`],
      [`/api/v1/demands?open=true&overdue=false&dueBy=${weekOn}`, `select count(*)::int as n from demands where province_id = 'qom' and status in ${open} and due_date between '${today}' and '${weekOn}'`],
      ['/api/v1/demands?status=resolved&overdue=false', `select count(*)::int as n from demands where province_id = 'qom' and status = 'resolved'`],
      ['/api/v1/resolutions?overdue=false', `select count(*)::int as n from resolutions where province_id = 'qom' and not (status in ('open', 'in_progress') and due_date < '${today}')`],
      [`/api/v1/resolutions?active=true&overdue=false&dueBy=${weekOn}`, `select count(*)::int as n from resolutions where province_id = 'qom' and status in ('open', 'in_progress') and due_date between '${today}' and '${weekOn}'`],
      ['/api/v1/resolutions?status=done&overdue=false', `select count(*)::int as n from resolutions where province_id = 'qom' and status = 'done'`],
      ['/api/v1/resolutions?status=in_progress&overdue=false', `select count(*)::int as n from resolutions where province_id = 'qom' and status = 'in_progress' and due_date >= '${today}'`],
    ];
    let both = 0;
    for (const [url, sql] of cases) {
      const res = await c.get(`${url}&pageSize=500`);
      expect(res.statusCode, url).toBe(200);
      const expected = await count(sql);
      expect(res.json().total, url).toBe(expected);
      expect(res.json().items.length, url).toBe(expected);
      expect(res.json().items.every((x: { overdue: boolean }) => x.overdue === url.includes('overdue=true')), url).toBe(true);
      both += expected;
    }
    // a resolution's total joins its session only for the fiscal year filter, and counts the same either way
    for (const [url, sql] of [
      ['/api/v1/resolutions?fiscalYear=1405', `select count(*)::int as n from resolutions r join wg_sessions s on s.id = r.session_id where r.province_id = 'qom' and s.fiscal_year = 1405`],
      ['/api/v1/resolutions?fiscalYear=1390', `select 0 as n`],
      ['/api/v1/resolutions?active=true', `select count(*)::int as n from resolutions where province_id = 'qom' and status in ('open', 'in_progress')`],
    ] as const) {
      const res = await c.get(`${url}&pageSize=500`);
      expect(res.statusCode, url).toBe(200);
      expect(res.json().total, url).toBe(await count(sql));
      expect(res.json().items.length, url).toBe(res.json().total);
    }
    expect(await count(`select count(*)::int as n from resolutions r join wg_sessions s on s.id = r.session_id where r.province_id = 'qom' and s.fiscal_year = 1405`)).toBeGreaterThan(0);
    // the demo data holds overdue and not-overdue demands, closed ones, and resolutions of both kinds
    expect(await count(`select count(*)::int as n from demands where province_id = 'qom' and status in ${open} and due_date < '${today}'`)).toBeGreaterThan(0);
    expect(await count(`select count(*)::int as n from demands where province_id = 'qom' and status not in ${open}`)).toBeGreaterThan(0);
    expect(both).toBeGreaterThan(0);
  });
});
