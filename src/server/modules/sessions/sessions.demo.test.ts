import { expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';

describeOnEngines('demo sessions and resolutions', (t) => {
  it('holds this year’s sessions 1–8, plans the 9th, and has resolutions in every state', async () => {
    const sec = await t.as('secretariat');
    const sessions = (await sec.get('/api/v1/sessions?fiscalYear=1405&sort=number')).json();
    expect(sessions.items.map((s: { number: number; status: string }) => `${s.number}:${s.status}`)).toEqual([
      '1:held', '2:held', '3:held', '4:held', '5:held', '6:held', '7:held', '8:held', '9:planned',
    ]);
    const ninth = (await sec.get(`/api/v1/sessions/${sessions.items[8].id}`)).json();
    expect(ninth.heldOn > '2026-11-29').toBe(true);
    expect(ninth.agenda.length).toBeGreaterThanOrEqual(1);
    expect(ninth.agenda[0].carriedFromItemId).toBeTruthy();
    const all = (await sec.get('/api/v1/resolutions?fiscalYear=1405&pageSize=500')).json();
    const states = new Set(all.items.map((r: { status: string }) => r.status));
    expect([...states].sort()).toEqual(['cancelled', 'done', 'in_progress', 'not_done', 'objected', 'open']);
    const causes = new Set(all.items.filter((r: { status: string }) => r.status === 'not_done').map((r: { notDoneCause: string }) => r.notDoneCause));
    expect([...causes].sort()).toEqual(['agency', 'external', 'producer']);
    expect(all.items.some((r: { overdue: boolean }) => r.overdue)).toBe(true);
    expect(all.items.some((r: { objectionOpen: boolean }) => r.objectionOpen)).toBe(true);
    // the demo agency has something to object to, something to carry out, and something overdue
    const smt = await t.as('agency.smt');
    const own = (await smt.get('/api/v1/resolutions?pageSize=500')).json().items as { status: string; objectionOpen: boolean; overdue: boolean }[];
    expect(own.some((r) => r.objectionOpen)).toBe(true);
    expect(own.some((r) => r.status === 'in_progress')).toBe(true);
    expect(own.some((r) => r.overdue)).toBe(true);
    const rate = (await sec.get('/api/v1/resolutions/implementation')).json();
    expect(rate.fiscalYear).toBe(1405);
    expect(rate.sessionsHeld).toBe(8);
    expect(rate.overall.rateOfDue.rate).toBeGreaterThan(0.4);
    // the history of each seeded resolution ends in its status
    const detail = (await sec.get(`/api/v1/resolutions/${all.items[0].id}`)).json();
    expect(detail.history.at(-1).to).toBe(detail.status);
    expect(detail.version).toBe(detail.history.length);
  });
});
