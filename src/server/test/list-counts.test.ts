/**
 * The referrals' and demands' list totals count without the join to `units` unless a filter reads a unit's column.
 * Whatever the filter, the total equals the rows the list pages through and an independent count written by hand.
 */
import { expect, it } from 'vitest';
import { describeOnEngines } from './harness.js';

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
});
