import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { workbookOf } from '../../test/workbook.js';
import { COUNTY_DRILL } from '../../../shared/contracts/stats.js';

type CountyRow = Record<string, number | string | null> & { countyId: string; paidAmount: string };
const FIGURES = Object.keys(COUNTY_DRILL) as (keyof typeof COUNTY_DRILL)[];

describeOnEngines('statistics: counties compared', (t) => {
  beforeAll(async () => {
    // another province's county with a unit, a demand and a referral of its own: it must never show in Qom's figures
    const q = (text: string, params: unknown[] = []) => t.database.query(text, params);
    await q(`insert into counties (id, province_id, name, name_en) values ('test-far-county', 'kerman', 'شهرستان دوردست', 'Far county') on conflict do nothing`);
    await q(`insert into units (province_id, name, name_key, national_id, sector_code, county_id, employees, capacity_utilization, status)
             values ('kerman', 'واحد دوردست', 'واحددوردست', '99999999999', '10', 'test-far-county', 10, 50, 'active')`);
    await q(`insert into demands (province_id, code, unit_id, category_code, title, title_key, description, priority, due_date, status)
             select 'kerman', 'D-TEST-1', id, 'power', 'برق', 'برق', 'برق', 'normal', date '2026-12-01', 'registered' from units where national_id = '99999999999'`);
  });

  it("gives every county of the province, each figure equal to the count of its drill-down list", async () => {
    const c = await t.as('secretariat');
    const res = await c.get('/api/v1/stats/counties');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: CountyRow[]; total: CountyRow; provinceId: string };
    expect(body.provinceId).toBe('qom');
    expect(body.items.map((i) => i.countyId).sort()).toEqual(['jafarabad', 'kahak', 'qom']);
    expect(body.total.units).toBeGreaterThan(100);
    for (const row of body.items) {
      for (const figure of FIGURES) {
        const d = COUNTY_DRILL[figure];
        const list = (await c.get(`/api/v1/stats/drilldown?source=${d.source}&metric=${d.metric}&countyId=${row.countyId}&pageSize=1`)).json();
        expect(list.total, `${row.countyId} ${figure}`).toBe(row[figure]);
      }
    }
    for (const figure of FIGURES) {
      const sum = body.items.reduce((a, r) => a + Number(r[figure]), 0);
      expect(body.total[figure], figure).toBe(sum);
      const d = COUNTY_DRILL[figure];
      const all = (await c.get(`/api/v1/stats/drilldown?source=${d.source}&metric=${d.metric}&pageSize=1`)).json();
      expect(all.total, `province ${figure}`).toBe(sum);
    }
    const paid = body.items.reduce((a, r) => a + BigInt(r.paidAmount), 0n);
    expect(body.total.paidAmount).toBe(paid.toString());
    // the paid amount is the sum of the paid referrals the drill-down lists
    const kahakPaid = (await c.get('/api/v1/stats/drilldown?source=referrals&metric=paid&countyId=qom&pageSize=500')).json();
    const listed = kahakPaid.items.reduce((a: bigint, i: { amount: string | null }) => a + BigInt(i.amount ?? '0'), 0n);
    expect(body.items.find((i) => i.countyId === 'qom')!.paidAmount).toBe(listed.toString());
  }, 120_000);

  it("never shows another province's counties, and refuses the roles without statistics", async () => {
    const sec = await t.as('secretariat');
    const body = (await sec.get('/api/v1/stats/counties')).json() as { items: CountyRow[] };
    expect(body.items.some((i) => i.countyId === 'test-far-county')).toBe(false);
    // naming another province changes nothing for a provincial user: their own province is read
    const other = (await sec.get('/api/v1/stats/counties?provinceId=kerman')).json() as { provinceId: string; items: CountyRow[] };
    expect(other.provinceId).toBe('qom');
    expect(other.items.some((i) => i.countyId === 'test-far-county')).toBe(false);
    // a county of another province as the filter finds nothing of it
    const foreign = (await sec.get('/api/v1/stats/counties?countyId=test-far-county')).json() as { items: CountyRow[]; total: CountyRow };
    expect(foreign.items).toEqual([]);
    expect(foreign.total.units).toBe(0);
    expect(foreign.total.demandsRegistered).toBe(0);

    expect((await (await t.as('producer.demo')).get('/api/v1/stats/counties')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/stats/counties')).statusCode).toBe(401);
    for (const who of ['executive', 'bank.sanat-madan', 'agency.smt']) expect((await (await t.as(who)).get('/api/v1/stats/counties')).statusCode, who).toBe(200);
    // a bank or an agency sees the aggregates, not the units behind them
    expect((await (await t.as('agency.smt')).get('/api/v1/stats/drilldown?source=units&metric=all&agencyId=smt')).statusCode).toBe(403);
    expect((await (await t.as('bank.sanat-madan')).get('/api/v1/stats/drilldown?source=visits&metric=done')).statusCode).toBe(403);

    const national = await t.as('national');
    expect((await national.get('/api/v1/stats/counties')).statusCode).toBe(422);
    const kerman = (await national.get('/api/v1/stats/counties?provinceId=kerman')).json() as { items: CountyRow[] };
    expect(kerman.items.find((i) => i.countyId === 'test-far-county')).toMatchObject({ units: 1, demandsRegistered: 1, demandsOpen: 1 });
    expect(kerman.items.some((i) => i.countyId === 'qom')).toBe(false);
  });

  it('applies the filters: county, program and period', async () => {
    const c = await t.as('executive');
    const all = (await c.get('/api/v1/stats/counties')).json() as { items: CountyRow[] };
    const kahak = (await c.get('/api/v1/stats/counties?countyId=kahak')).json() as { items: CountyRow[]; total: CountyRow };
    expect(kahak.items.map((i) => i.countyId)).toEqual(['kahak']);
    expect(kahak.items[0]).toEqual(all.items.find((i) => i.countyId === 'kahak'));
    expect(kahak.total.referred).toBe(kahak.items[0]!.referred);

    const rounaq = (await c.get('/api/v1/stats/counties?programCode=rounaq')).json() as { items: CountyRow[] };
    const [row] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from referrals r join units u on u.id = r.unit_id
       where r.province_id = 'qom' and u.county_id = 'qom' and r.program_code = 'rounaq' and r.referral_date between '2026-03-21' and '2027-03-20'`,
    );
    expect(rounaq.items.find((i) => i.countyId === 'qom')!.referred).toBe(row!.n);
    expect(Number(rounaq.items.find((i) => i.countyId === 'qom')!.referred)).toBeLessThan(Number(all.items.find((i) => i.countyId === 'qom')!.referred));

    // a month with nothing in it: the counties are there, their dated figures are zero, the register is not
    const empty = (await c.get('/api/v1/stats/counties?period=1400-01')).json() as { items: CountyRow[] };
    expect(empty.items).toHaveLength(3);
    for (const i of empty.items) {
      expect(i).toMatchObject({ visitsDone: 0, demandsRegistered: 0, referred: 0, paidAmount: '0', medianDaysToDecision: null });
      expect(i.units).toBe(all.items.find((x) => x.countyId === i.countyId)!.units);
    }
  });

  it('exports the county table with counts and rials as numeric cells', async () => {
    const c = await t.as('secretariat');
    const res = await c.get('/api/v1/stats/export?table=counties');
    expect(res.statusCode).toBe(200);
    const wb = await workbookOf(res);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(3).getCell(1).value).toBe('شهرستان');
    const body = (await c.get('/api/v1/stats/counties')).json() as { items: CountyRow[]; total: CountyRow };
    let units = 0;
    let paid = 0;
    for (let r = 4; r < 4 + body.items.length; r++) {
      const u = ws.getRow(r).getCell(2).value;
      const p = ws.getRow(r).getCell(12).value;
      expect(typeof u).toBe('number');
      expect(typeof p).toBe('number');
      units += u as number;
      paid += p as number;
    }
    expect(units).toBe(body.total.units);
    expect(paid).toBe(Number(body.total.paidAmount));
    expect(ws.getRow(4 + body.items.length).getCell(2).value).toBe(body.total.units);
  });
});
