import { expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';

describeOnEngines('resolutions shown on the records they are about', (t) => {
  it('lists a resolution about a demand and one about a referral on their pages, in the caller scope', async () => {
    const sec = await t.as('secretariat');
    const demand = (await sec.get('/api/v1/demands?agencyId=smt&pageSize=1')).json().items[0];
    const referral = (await sec.get('/api/v1/referrals?agencyId=smt&pageSize=1')).json().items[0];
    expect(demand && referral).toBeTruthy();
    const session = await sec.post('/api/v1/sessions', { heldOn: '2026-11-29', title: 'جلسهٔ آزمون' });
    expect(session.statusCode, session.body).toBe(201);
    const sid = session.json().id;
    const made: string[] = [];
    for (const about of [{ demandId: demand.id, unitId: demand.unitId }, { referralId: referral.id, unitId: referral.unitId }]) {
      const item = await sec.post(`/api/v1/sessions/${sid}/agenda`, { ...about, subject: 'بررسی در کارگروه' });
      expect(item.statusCode, item.body).toBe(201);
      const res = await sec.post(`/api/v1/sessions/${sid}/resolutions`, { agendaItemId: item.json().id, text: 'دستگاه مسئول تا پایان ماه اقدام کند', agencyIds: ['smt'], dueDate: '2026-12-20' });
      expect(res.statusCode, res.body).toBe(201);
      made.push(res.json().id);
    }
    const d = (await sec.get(`/api/v1/demands/${demand.id}`)).json();
    expect(d.resolutions.map((x: { id: string }) => x.id)).toContain(made[0]);
    const r = (await sec.get(`/api/v1/referrals/${referral.id}`)).json();
    expect(r.resolutions.map((x: { id: string }) => x.id)).toContain(made[1]);
    // the agency the resolution names sees it on the demand's page too
    const agency = await t.as('agency.smt');
    expect((await agency.get(`/api/v1/demands/${demand.id}`)).json().resolutions.map((x: { id: string }) => x.id)).toContain(made[0]);
  });
});
