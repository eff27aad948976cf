import { expect, it } from 'vitest';
import { describeOnEngines } from '../test/harness.js';
import { DEMO_PROVINCES } from './demo-provinces.js';

describeOnEngines('the national demo: more provinces than Qom', (t) => {
  it('gives the national role several provinces to compare', async () => {
    const national = await t.as('national');
    const res = (await national.get('/api/v1/stats/provinces')).json() as { items: { provinceId: string; units: number; referred: number; paid: number; quotaAmount: string }[] };
    const active = res.items.filter((p) => p.units > 0);
    expect(active.map((p) => p.provinceId).sort()).toEqual(['isfahan', 'markazi', 'qom', 'semnan', 'yazd']);
    for (const p of active) {
      expect(p.referred, p.provinceId).toBeGreaterThan(0);
      expect(p.paid, p.provinceId).toBeGreaterThan(0);
      expect(BigInt(p.quotaAmount), p.provinceId).toBeGreaterThan(0n);
    }
    const isfahan = (await national.get('/api/v1/stats/counties?provinceId=isfahan')).json() as { items: { countyId: string; units: number }[] };
    expect(isfahan.items.map((c) => c.countyId).sort()).toEqual(['isfahan', 'kashan', 'najafabad', 'shahreza']);
    expect(isfahan.items.reduce((a, c) => a + c.units, 0)).toBe(DEMO_PROVINCES.find((p) => p.id === 'isfahan')!.units);
  });

  it("shows each province's records to its own users only", async () => {
    const [row] = await t.database.query<{ id: string }>(`select id from units where province_id = 'qom' order by national_id limit 1`);
    for (const p of DEMO_PROVINCES) {
      const sec = await t.as(`secretariat.${p.id}`);
      const unitList = (await sec.get('/api/v1/units?pageSize=500')).json() as { total: number; items: { provinceId: string }[] };
      expect(unitList.total, p.id).toBe(p.units);
      expect(unitList.items.every((u) => u.provinceId === p.id)).toBe(true);
      for (const list of ['demands', 'referrals', 'visits', 'resolutions']) {
        const [n] = await t.database.query<{ n: number }>(`select count(*)::int as n from ${list} where province_id = $1`, [p.id]);
        const res = (await sec.get(`/api/v1/${list}?pageSize=1`)).json() as { total: number };
        expect(res.total, `${p.id} ${list}`).toBe(n!.n);
        expect(n!.n, `${p.id} ${list}`).toBeGreaterThan(0);
      }
      const counties = (await sec.get('/api/v1/stats/counties')).json() as { provinceId: string; items: { countyId: string }[] };
      expect(counties.provinceId).toBe(p.id);
      expect(counties.items.map((c) => c.countyId).sort()).toEqual(p.counties.map((c) => c.id).sort());
      expect((await sec.get(`/api/v1/units/${row!.id}`)).statusCode, `${p.id} reads a Qom unit`).toBe(404);
      const exec = await t.as(`executive.${p.id}`);
      expect((await exec.get('/api/v1/stats/banks')).json().total.referred).toBe((await sec.get('/api/v1/referrals?pageSize=1')).json().total);
    }
    // and Qom's users see none of theirs
    const qom = await t.as('secretariat');
    expect((await qom.get('/api/v1/units?pageSize=1')).json().total).toBe(220);
    expect(((await qom.get('/api/v1/stats/counties')).json() as { items: { countyId: string }[] }).items.map((c) => c.countyId).sort()).toEqual(['jafarabad', 'kahak', 'qom']);
  });

  it('numbers each province’s records afresh, and new records continue the sequence', async () => {
    const sec = await t.as('secretariat.semnan');
    const codes = await t.database.query<{ code: string }>(`select code from referrals where province_id = 'semnan' order by code`);
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    const unit = (await sec.get('/api/v1/units?pageSize=1&status=active')).json().items[0] as { id: string };
    const today = new Date(t.clock.now).toISOString().slice(0, 10);
    const res = await sec.post('/api/v1/demands', { unitId: unit.id, categoryCode: 'power', title: 'قطعی برق', description: 'قطعی برق خط تولید', agencyId: 'power', priority: 'high', dueDate: today });
    expect(res.statusCode, res.body).toBe(201);
    const [max] = await t.database.query<{ n: number }>(`select count(*)::int as n from demands where province_id = 'semnan'`);
    expect(res.json().code).toMatch(new RegExp(`-${String(max!.n).padStart(6, '0')}$`));
  });
});
