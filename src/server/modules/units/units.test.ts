import { expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { makeLegalId } from '../../../shared/ids.js';
import { toPersianDigits } from '../../../shared/text.js';

const unitBody = (over: Record<string, unknown> = {}) => ({
  name: 'شرکت صنایع بسته‌بندی کیمیا',
  nationalId: makeLegalId('2086100001'),
  sectorCode: '22',
  countyId: 'qom',
  estateId: 'shokouhieh',
  address: 'شهرک صنعتی شکوهیه، خیابان ۴',
  phone: '۰۲۵۳۳۴۴۵۵۶۶',
  managerName: 'مهدی کاظمی',
  employees: 40,
  capacityUtilization: 65,
  status: 'active',
  ...over,
});

describeOnEngines('units', (t) => {
  it('creates a unit: Arabic letters and Persian digits are normalised, the change is audited', async () => {
    const sec = await t.as('secretariat');
    const res = await sec.post('/api/v1/units', unitBody({ name: 'شركت  صنايع بسته‌بندي كيميا', nationalId: toPersianDigits(makeLegalId('2086100001')) }));
    expect(res.statusCode, res.body).toBe(201);
    const unit = res.json();
    expect(unit).toMatchObject({ name: 'شرکت صنایع بسته‌بندی کیمیا', nationalId: makeLegalId('2086100001'), phone: '02533445566', version: 1, countyName: 'قم', estateName: 'شهرک صنعتی شکوهیه', provinceId: 'qom' });
    const audit = await sec.get(`/api/v1/audit?entityType=unit&entityId=${unit.id}`);
    expect(audit.json().items[0]).toMatchObject({ action: 'unit.create', actorLabel: 'secretariat' });
  });

  it('finds a unit typed with Arabic letters, without half-spaces, and by national id in Persian digits', async () => {
    const sec = await t.as('secretariat');
    for (const q of ['كيميا', 'بستهبندی', 'بسته بندي كيميا', toPersianDigits(makeLegalId('2086100001').slice(0, 6))]) {
      const res = await sec.get(`/api/v1/units?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((u: { name: string }) => u.name), q).toContain('شرکت صنایع بسته‌بندی کیمیا');
    }
    const none = await sec.get(`/api/v1/units?q=${encodeURIComponent('کیمیاگران')}`);
    expect(none.json().total).toBe(0);
  });

  it('filters by county, estate, sector, status and capacity, and sorts by name in Persian order', async () => {
    const sec = await t.as('secretariat');
    const res = await sec.get('/api/v1/units?countyId=kahak&status=active&capacityMin=60&pageSize=500');
    const items = res.json().items as { countyId: string; status: string; capacityUtilization: number }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((u) => u.countyId === 'kahak' && u.status === 'active' && u.capacityUtilization >= 60)).toBe(true);
    const bySector = (await sec.get('/api/v1/units?sectorCode=22&estateId=shokouhieh&pageSize=500')).json().items as { sectorCode: string; estateId: string }[];
    expect(bySector.every((u) => u.sectorCode === '22' && u.estateId === 'shokouhieh')).toBe(true);
    const sorted = (await sec.get('/api/v1/units?sort=name&pageSize=500')).json().items as { name: string }[];
    const names = sorted.map((u) => u.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('fa').compare));
  });

  it('refuses a stale version with 409 and the current record; an invalid national id with 422 on the field', async () => {
    const sec = await t.as('secretariat');
    const unit = (await sec.post('/api/v1/units', unitBody({ name: 'کارخانه ورق فولاد پارس', nationalId: makeLegalId('2086100002') }))).json();
    const first = await sec.patch(`/api/v1/units/${unit.id}`, { version: 1, employees: 55 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, employees: 55 });
    const stale = await sec.patch(`/api/v1/units/${unit.id}`, { version: 1, employees: 60 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'record.stale', current: { version: 2, employees: 55 } });
    const bad = await sec.post('/api/v1/units', unitBody({ nationalId: '10861000010' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toContainEqual({ path: 'nationalId', message: 'شناسهٔ ملی باید ۱۱ رقم با رقم کنترل درست باشد' });
  });

  it('refuses a duplicate national id with 409 naming the existing unit', async () => {
    const sec = await t.as('secretariat');
    const dup = await sec.post('/api/v1/units', unitBody({ name: 'نام دیگر' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'record.duplicate', existing: { name: 'شرکت صنایع بسته‌بندی کیمیا' } });
    expect(dup.json().detail).toContain('شرکت صنایع بسته‌بندی کیمیا');
    const other = (await sec.post('/api/v1/units', unitBody({ name: 'واحد سوم', nationalId: makeLegalId('2086100003') }))).json();
    const patched = await sec.patch(`/api/v1/units/${other.id}`, { version: 1, nationalId: makeLegalId('2086100001') });
    expect(patched.statusCode).toBe(409);
    expect(patched.json().existing.name).toBe('شرکت صنایع بسته‌بندی کیمیا');
  });

  it('tells the story of a unit: its changes newest first, and staff and capacity over time', async () => {
    const sec = await t.as('secretariat');
    const unit = (await sec.post('/api/v1/units', unitBody({ name: 'تولیدی پوشاک آوا', nationalId: makeLegalId('2086100004'), sectorCode: '14', employees: 20, capacityUtilization: 40 }))).json();
    const before = t.clock.now;
    t.clock.now = new Date(before.getTime() + 3 * 86_400_000);
    try {
      const later = await t.as('secretariat'); // the first session would have gone idle by then
      const patched = await later.patch(`/api/v1/units/${unit.id}`, { version: 1, employees: 32, capacityUtilization: 55, status: 'active', countyId: 'kahak', estateId: null });
      expect(patched.statusCode, patched.body).toBe(200);
    } finally {
      t.clock.now = before;
    }
    const res = await sec.get(`/api/v1/units/${unit.id}/timeline`);
    expect(res.statusCode).toBe(200);
    const { items, series } = res.json();
    expect(items.map((i: { kind: string }) => i.kind)).toEqual(['unit.updated', 'unit.created']);
    expect(items[0].title).toBe('ویرایش اطلاعات واحد');
    expect(items[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'employees', before: 20, after: 32 },
        { field: 'capacityUtilization', before: 40, after: 55 },
        { field: 'countyId', before: 'قم', after: 'کهک' },
      ]),
    );
    expect(series).toHaveLength(2);
    expect(series[0]).toMatchObject({ employees: 20, capacityUtilization: 40, source: 'register' });
    expect(series[1]).toMatchObject({ employees: 32, capacityUtilization: 55 });
    expect(series[0].date < series[1].date).toBe(true);
    const en = await sec.get(`/api/v1/units/${unit.id}/timeline`, { 'accept-language': 'en' });
    expect(en.json().items[1].title).toBe('Unit registered');
  });

  it('lets other modules tell their part: a done visit joins the timeline and the staff/capacity series', async () => {
    const sec = await t.as('secretariat');
    const unit = (await sec.post('/api/v1/units', unitBody({ name: 'صنایع فلزی بهار', nationalId: makeLegalId('2086100005'), employees: 10, capacityUtilization: 30 }))).json();
    const visit = await sec.post('/api/v1/visits', { unitId: unit.id, visitDate: '2026-11-20', team: 'کارشناسان دبیرخانه', findings: 'کمبود نقدینگی', employees: 14, capacityUtilization: 35, status: 'done' });
    if (visit.statusCode === 404) return; // the visits module is not in this build
    expect(visit.statusCode, visit.body).toBe(201);
    const { items, series } = (await sec.get(`/api/v1/units/${unit.id}/timeline`)).json();
    expect(items.find((i: { entityType: string }) => i.entityType === 'visit')).toMatchObject({ entityId: visit.json().id, kind: 'visit' });
    expect(series).toContainEqual({ date: '2026-11-20', employees: 14, capacityUtilization: 35, source: 'visit' });
    expect(series.map((p: { date: string }) => p.date)).toEqual([...series.map((p: { date: string }) => p.date)].sort());
  });

  it('shows a producer only their own unit: another unit, its timeline and the list answer as if it did not exist', async () => {
    const producer = await t.as('producer.demo');
    const list = (await producer.get('/api/v1/units')).json();
    expect(list.total).toBe(1);
    const own = list.items[0];
    expect((await producer.get(`/api/v1/units/${own.id}`)).statusCode).toBe(200);
    expect((await producer.get(`/api/v1/units/${own.id}/timeline`)).statusCode).toBe(200);
    const sec = await t.as('secretariat');
    const other = (await sec.get('/api/v1/units?q=کیمیا')).json().items[0];
    expect((await producer.get(`/api/v1/units/${other.id}`)).statusCode).toBe(404);
    expect((await producer.get(`/api/v1/units/${other.id}/timeline`)).statusCode).toBe(404);
    expect((await producer.get('/api/v1/units/export')).statusCode).toBe(403);
    expect((await producer.patch(`/api/v1/units/${own.id}`, { version: own.version, employees: 1 })).statusCode).toBe(403);
  });

  it('lets an agency read units and export them, and keeps banks, the national HQ and executives out of what is not theirs', async () => {
    const agency = await t.as('agency.smt');
    const list = await agency.get('/api/v1/units?pageSize=5');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThan(200);
    const id = list.json().items[0].id;
    expect((await agency.get(`/api/v1/units/${id}`)).statusCode).toBe(200);
    expect((await agency.get(`/api/v1/units/${id}/timeline`)).statusCode).toBe(200);
    expect((await agency.get('/api/v1/units/export?format=csv')).statusCode).toBe(200);
    expect((await agency.post('/api/v1/units', unitBody({ nationalId: makeLegalId('2086100009') }))).statusCode).toBe(403);
    for (const username of ['bank.sanat-madan', 'national']) {
      const c = await t.as(username);
      for (const url of ['/api/v1/units', `/api/v1/units/${id}`, `/api/v1/units/${id}/timeline`, '/api/v1/units/export', '/api/v1/units/import/template']) {
        const res = await c.get(url);
        expect(res.statusCode, `${username} ${url}`).toBe(403);
      }
    }
    const exec = await t.as('executive');
    expect((await exec.get('/api/v1/units/export')).statusCode).toBe(200);
    expect((await exec.get('/api/v1/units/import/template')).statusCode).toBe(403);
    expect((await exec.post('/api/v1/units/import')).statusCode).toBe(403);
  });
});
