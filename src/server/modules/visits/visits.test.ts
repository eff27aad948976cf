import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { addDays, tehranDate } from '../../../shared/jalali.js';
import { contextAs, makeCast, type Cast } from '../demands/demands.fixtures.js';
import { unitObservations, unitTimelineEntries } from './visits.service.js';

describeOnEngines('visits', (t) => {
  let c: Cast;
  beforeAll(async () => {
    c = await makeCast(t);
  });
  const today = () => tehranDate(t.clock.now);

  async function newVisit(over: Record<string, unknown> = {}) {
    const res = await c.secretariat.post('/api/v1/visits', {
      unitId: c.unitId,
      visitDate: today(),
      team: 'دبیرخانهٔ ستاد و کارشناس صمت',
      findings: 'کمبود نقدینگی و مشکل انشعاب برق',
      employees: 80,
      capacityUtilization: 65,
      status: 'done',
      ...over,
    });
    if (res.statusCode !== 201) throw new Error(`create visit: ${res.statusCode} ${res.body}`);
    return res.json();
  }

  it('records a done visit with what it observed, and audits it', async () => {
    const v = await newVisit();
    expect(v).toMatchObject({ unitId: c.unitId, unitName: 'شرکت صنایع غذایی کوثر قم', visitDate: today(), status: 'done', employees: 80, capacityUtilization: 65, version: 1, demandCount: 0, demands: [] });
    expect(v.unitEmployees).toBe(85);
    const audit = (await c.secretariat.get(`/api/v1/audit?entityType=visit&entityId=${v.id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'visit.create', actorLabel: 'secretariat' });
  });

  it('plans a visit ahead, refuses one done in the future, and records it done later', async () => {
    const ahead = addDays(today(), 10);
    const future = await c.secretariat.post('/api/v1/visits', { unitId: c.unitId, visitDate: ahead, team: 'تیم ۱', status: 'done' });
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({ code: 'visit.done_in_future', errors: [{ path: 'visitDate', message: 'تاریخ بازدید انجام‌شده نمی‌تواند بعد از امروز باشد' }] });
    const planned = await newVisit({ visitDate: ahead, status: 'planned', employees: null, capacityUtilization: null, findings: null });
    expect(planned.status).toBe('planned');
    expect((await c.secretariat.patch(`/api/v1/visits/${planned.id}`, { version: 1, status: 'done' })).statusCode).toBe(422);
    const done = await c.secretariat.patch(`/api/v1/visits/${planned.id}`, { version: 1, status: 'done', visitDate: today(), employees: 90, capacityUtilization: 70, findings: 'بهبود نسبی' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', version: 2, employees: 90, capacityUtilization: 70 });
    const stale = await c.secretariat.patch(`/api/v1/visits/${planned.id}`, { version: 1, team: 'دیر' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'record.stale', current: { version: 2 } });
    expect((await c.secretariat.patch(`/api/v1/visits/${planned.id}`, { team: 'بی‌نسخه' })).statusCode).toBe(428);
  });

  it('lets the secretariat write, executives and agencies read the province, a producer read their own unit', async () => {
    const v = await newVisit();
    const body = { unitId: c.unitId, visitDate: today(), team: 'تیم', status: 'planned' };
    for (const as of [c.executive, c.agency, c.producer, c.bank, c.national]) {
      expect((await as.post('/api/v1/visits', body)).statusCode).toBe(403);
      expect((await as.patch(`/api/v1/visits/${v.id}`, { version: 1, team: 'x' })).statusCode).toBe(403);
    }
    for (const as of [c.secretariat, c.admin, c.executive, c.agency, c.otherAgency, c.producer]) {
      expect((await as.get(`/api/v1/visits/${v.id}`)).statusCode).toBe(200);
    }
    expect((await c.otherProducer.get(`/api/v1/visits/${v.id}`)).statusCode).toBe(404);
    expect((await c.bank.get(`/api/v1/visits/${v.id}`)).statusCode).toBe(403);
    expect((await c.bank.get('/api/v1/visits')).statusCode).toBe(403);
    const producerList = (await c.producer.get('/api/v1/visits?pageSize=500')).json().items as { unitId: string }[];
    expect(producerList.length).toBeGreaterThan(0);
    expect(producerList.every((x) => x.unitId === c.unitId)).toBe(true);
    expect((await c.otherProducer.get('/api/v1/visits?pageSize=500')).json().items.some((x: { id: string }) => x.id === v.id)).toBe(false);
    // a visit to a unit outside the caller's province is not found
    expect((await c.secretariat.post('/api/v1/visits', { ...body, unitId: '6f1c1d2e-0000-4000-8000-0000000000ff' })).statusCode).toBe(404);
  });

  it('lists the calendar: upcoming planned visits by date, filters by unit, county, status, dates and team', async () => {
    const a = await newVisit({ visitDate: addDays(today(), 3), status: 'planned', team: 'تیم پایش شهرک شکوهیه', employees: null, capacityUtilization: null });
    const b = await newVisit({ visitDate: addDays(today(), 1), status: 'planned', team: 'تیم پایش شهرک شکوهیه', employees: null, capacityUtilization: null });
    const res = await c.secretariat.get(`/api/v1/visits?status=planned&from=${today()}&to=${addDays(today(), 5)}&sort=visitDate&pageSize=500`);
    const items = res.json().items as { id: string; visitDate: string; status: string }[];
    expect(items.map((x) => x.visitDate)).toEqual([...items.map((x) => x.visitDate)].sort());
    expect(items.findIndex((x) => x.id === b.id)).toBeLessThan(items.findIndex((x) => x.id === a.id));
    expect(items.every((x) => x.status === 'planned' && x.visitDate >= today())).toBe(true);
    const byTeam = (await c.secretariat.get(`/api/v1/visits?q=${encodeURIComponent('شکوهيه')}&pageSize=500`)).json().items.map((x: { id: string }) => x.id);
    expect(byTeam).toEqual(expect.arrayContaining([a.id, b.id]));
    const byCounty = (await c.secretariat.get(`/api/v1/visits?countyId=${a.countyId}&unitId=${c.unitId}&pageSize=500`)).json();
    expect(byCounty.items.some((x: { id: string }) => x.id === a.id)).toBe(true);
    expect((await c.secretariat.get('/api/v1/visits?from=2026-13-01')).statusCode).toBe(422);
  });

  it('refuses empty and oversized texts and unknown members with 422 in Persian', async () => {
    const empty = await c.secretariat.post('/api/v1/visits', { unitId: c.unitId, visitDate: today(), team: ' ', status: 'done' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors).toEqual([{ path: 'team', message: 'گروه بازدید الزامی است' }]);
    const long = await c.secretariat.post('/api/v1/visits', { unitId: c.unitId, visitDate: today(), team: 'تیم', findings: 'ی'.repeat(8001), status: 'done' });
    expect(long.statusCode).toBe(422);
    expect(long.json().errors[0].path).toBe('findings');
    expect(long.json().errors[0].message).toMatch(/[\u0600-\u06FF]/);
    const percent = await c.secretariat.post('/api/v1/visits', { unitId: c.unitId, visitDate: today(), team: 'تیم', capacityUtilization: 140, status: 'done' });
    expect(percent.json().errors).toEqual([{ path: 'capacityUtilization', message: 'درصد بهره‌برداری از ظرفیت باید عددی بین ۰ تا ۱۰۰ باشد' }]);
    const stranger = await c.secretariat.post('/api/v1/visits', { unitId: c.unitId, visitDate: today(), team: 'تیم', status: 'done', memberIds: ['6f1c1d2e-0000-4000-8000-0000000000ff'] });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().errors[0].path).toBe('memberIds');
    const me = (await c.secretariat.get('/api/v1/auth/me')).json();
    const withMember = await newVisit({ memberIds: [me.id] });
    expect(withMember.members).toEqual([{ id: me.id, fullName: me.fullName }]);
  });

  it('shows the demands registered on the visit, of the same unit only', async () => {
    const v = await newVisit();
    const demand = (title: string, unitId = c.unitId) =>
      c.secretariat.post('/api/v1/demands', { unitId, visitId: v.id, categoryCode: 'gas', title, description: 'شرح', agencyId: 'gas' });
    expect((await demand('افزایش ظرفیت انشعاب گاز')).statusCode).toBe(201);
    expect((await demand('کاهش فشار گاز در زمستان')).statusCode).toBe(201);
    const wrongUnit = await demand('مطالبهٔ واحد دیگر', c.otherUnitId);
    expect(wrongUnit.statusCode).toBe(422);
    expect(wrongUnit.json().errors[0].path).toBe('visitId');
    const detail = (await c.secretariat.get(`/api/v1/visits/${v.id}`)).json();
    expect(detail.demandCount).toBe(2);
    expect(detail.demands.map((d: { title: string }) => d.title)).toEqual(['افزایش ظرفیت انشعاب گاز', 'کاهش فشار گاز در زمستان']);
    // an agency counts only its own demands on the visit
    expect((await c.agency.get(`/api/v1/visits/${v.id}`)).json()).toMatchObject({ demandCount: 0, demands: [] });
  });

  it('gives the unit its history: observations and timeline lines', async () => {
    await newVisit({ visitDate: addDays(today(), -40), employees: 70, capacityUtilization: 50 });
    const ctx = await contextAs(t, 'secretariat');
    const observed = await unitObservations(ctx, c.unitId);
    expect(observed.length).toBeGreaterThan(0);
    expect(observed.map((o) => o.date)).toEqual([...observed.map((o) => o.date)].sort());
    expect(observed).toContainEqual(expect.objectContaining({ date: addDays(today(), -40), employees: 70, capacityUtilization: 50 }));
    const lines = await unitTimelineEntries(ctx, c.unitId);
    const line = lines.find((l) => l.kind === 'visit' && l.detail?.includes('کارکنان ۷۰ نفر'));
    expect(line).toMatchObject({ title: 'بازدید میدانی' });
    expect(line!.detail).toContain('بهره‌برداری از ظرفیت ۵۰٪');
    expect(lines.some((l) => l.kind === 'visit_planned')).toBe(true);
    const other = await contextAs(t, 'admin');
    expect(await unitTimelineEntries({ ...other, actor: { ...other.actor, role: 'producer', unitId: c.otherUnitId } }, c.unitId)).toEqual([]);
  });
});
