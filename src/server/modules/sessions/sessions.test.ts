import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { addTaxAgencyAccount, describeOnEngines, signInWorkingGroup, type Client, type TestApp, type WorkingGroup } from '../../test/harness.js';

const ANY = '6f1c1d2e-0000-4000-8000-000000000001';

/** Two attendees: the SMT's head, present, and the tax office's director-general, absent. */
const ATTENDEES = [
  { name: 'علی رضایی', title: 'رئیس سازمان', agencyId: 'smt' },
  { name: 'مریم احمدی', title: 'مدیرکل', agencyId: 'tax', present: false },
];

async function clients(t: TestApp): Promise<WorkingGroup> {
  await addTaxAgencyAccount(t, 'agency.tax.ses', 'کارشناس مالیاتی');
  return signInWorkingGroup(t, 'agency.tax.ses');
}

async function create(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/v1/sessions', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describeOnEngines('sessions', (t) => {
  let c: WorkingGroup;
  let unitIds: string[] = [];

  it('creates a session numbered in its fiscal year, with attendees, and audits it', async () => {
    c = await clients(t);
    unitIds = (await c.sec.get('/api/v1/units?pageSize=5&sort=nationalId')).json().items.map((u: { id: string }) => u.id);
    // 1399/01/10 → fiscal year 1399; the first of its year
    const s = await create(c.sec, {
      heldOn: '2020-03-29',
      title: 'جلسهٔ عادی',
      chair: 'استاندار',
      location: 'سالن شهید بهشتی',
      attendees: ATTENDEES,
    });
    expect(s).toMatchObject({ fiscalYear: 1399, number: 1, status: 'planned', version: 1, attendeeCount: 2, presentCount: 1 });
    expect(s.attendees.map((a: { name: string; present: boolean; agencyName: string }) => [a.name, a.present, a.agencyName])).toEqual([
      ['علی رضایی', true, 'سازمان صنعت، معدن و تجارت استان'],
      ['مریم احمدی', false, expect.any(String)],
    ]);
    // the last day of 1398 (2020-03-19) belongs to 1398; the next day to 1399
    expect((await create(c.sec, { heldOn: '2020-03-19' })).fiscalYear).toBe(1398);
    expect(await create(c.sec, { heldOn: '2020-03-20' })).toMatchObject({ fiscalYear: 1399, number: 2 });
    const second = (await c.sec.get('/api/v1/sessions?fiscalYear=1399&sort=number')).json();
    expect(second.items.map((x: { number: number }) => x.number)).toEqual([1, 2]);
    const audit = (await c.sec.get(`/api/v1/audit?entityType=session&entityId=${s.id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'session.create', actorLabel: 'secretariat' });
    const bad = await c.sec.post('/api/v1/sessions', { heldOn: '2020-02-30' });
    expect(bad.statusCode).toBe(422);
    const badAgency = await c.sec.post('/api/v1/sessions', { heldOn: '2020-04-01', attendees: [{ name: 'x', agencyId: 'nope' }] });
    expect(badAgency.statusCode).toBe(422);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const paths = Object.keys((await t.anonymous.get('/api/v1/openapi.json')).json().paths);
    for (const p of ['/api/v1/sessions', '/api/v1/sessions/{id}', '/api/v1/sessions/{id}/agenda', '/api/v1/sessions/{id}/resolutions', '/api/v1/sessions/{id}/minutes', '/api/v1/resolutions', '/api/v1/resolutions/{id}/transitions', '/api/v1/resolutions/implementation'])
      expect(paths).toContain(p);
  });

  it('never gives two sessions created at the same instant the same number', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => c.sec.post('/api/v1/sessions', { heldOn: '2021-05-01', title: `همزمان ${i}` })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const numbers = results.map((r) => r.json().number as number).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(results.map((r) => r.json().fiscalYear))).toEqual(new Set([1400]));
    // the database refuses a duplicate number even if someone bypasses the service
    const [row] = await t.database.query<{ province_id: string }>(`select province_id from wg_sessions where fiscal_year = 1400 limit 1`);
    await expect(t.database.query(`insert into wg_sessions (province_id, fiscal_year, number, held_on) values ($1, 1400, 3, '2021-05-02')`, [row!.province_id])).rejects.toThrow();
  });

  it('records the session as held with its attendance; checks versions; keeps the fiscal year', async () => {
    const s = await create(c.sec, { heldOn: '2022-06-01' });
    const held = await c.sec.patch(`/api/v1/sessions/${s.id}`, {
      version: 1,
      status: 'held',
      attendees: [
        { name: 'حسین کریمی', title: 'معاون اقتصادی', present: true },
        { name: 'زهرا نوری', agencyId: 'smt', present: false },
      ],
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ status: 'held', version: 2, attendeeCount: 2, presentCount: 1 });
    const stale = await c.sec.patch(`/api/v1/sessions/${s.id}`, { version: 1, title: 'دیر' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'record.stale', current: { version: 2 } });
    const otherYear = await c.sec.patch(`/api/v1/sessions/${s.id}`, { version: 2, heldOn: '2023-06-01' });
    expect(otherYear.statusCode).toBe(422);
    expect(otherYear.json().code).toBe('session.fiscal_year_fixed');
    const sameYear = await c.sec.patch(`/api/v1/sessions/${s.id}`, { version: 2, heldOn: '2022-06-08' });
    expect(sameYear.json()).toMatchObject({ heldOn: '2022-06-08', number: s.number, version: 3 });
    expect((await c.sec.patch(`/api/v1/sessions/${s.id}`, { title: 'بی‌نسخه' })).statusCode).toBe(428);
    const audit = (await c.sec.get(`/api/v1/audit?entityType=session&entityId=${s.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['session.update', 'session.held', 'session.create']);
  });

  it('does not let a session dated after today be marked held, nor a held one be moved into the future', async () => {
    // today is 2026-11-29 (8 Azar 1405) in Tehran
    const future = await create(c.sec, { heldOn: '2026-12-05' });
    const early = await c.sec.patch(`/api/v1/sessions/${future.id}`, { version: 1, status: 'held' });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'session.held_in_future', title: 'جلسه‌ای که تاریخش هنوز نرسیده را نمی‌توان برگزارشده ثبت کرد' });
    expect(early.json().errors).toEqual([{ path: 'status', message: 'تاریخ جلسه هنوز نرسیده است' }]);
    expect((await c.sec.get(`/api/v1/sessions/${future.id}`)).json()).toMatchObject({ status: 'planned', version: 1 });
    const today = await create(c.sec, { heldOn: '2026-11-29' });
    const held = await c.sec.patch(`/api/v1/sessions/${today.id}`, { version: 1, status: 'held' });
    expect(held.statusCode, held.body).toBe(200);
    const moved = await c.sec.patch(`/api/v1/sessions/${today.id}`, { version: 2, heldOn: '2026-12-10' });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().code).toBe('session.held_in_future');
  });

  it('builds an ordered agenda, reorders it and carries an item over to the next planned session', async () => {
    const a = await create(c.sec, { heldOn: '2024-05-01' });
    const b = await create(c.sec, { heldOn: '2024-05-15' });
    const add = (subject: string, extra: Record<string, unknown> = {}) => c.sec.post(`/api/v1/sessions/${a.id}/agenda`, { subject, unitId: unitIds[0], ...extra });
    const i1 = (await add('مشکل تأمین گاز')).json();
    const i2 = (await add('بدهی مالیاتی')).json();
    const i3 = (await add('وام سرمایه در گردش')).json();
    expect([i1.position, i2.position, i3.position]).toEqual([1, 2, 3]);
    expect(i1.unitName).toBeTruthy();
    const moved = await c.sec.patch(`/api/v1/sessions/${a.id}/agenda/${i3.id}`, { version: 1, position: 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().agenda.map((i: { id: string; position: number }) => [i.id, i.position])).toEqual([
      [i3.id, 1],
      [i1.id, 2],
      [i2.id, 3],
    ]);
    const staleMove = await c.sec.patch(`/api/v1/sessions/${a.id}/agenda/${i3.id}`, { version: 1, position: 3 });
    expect(staleMove.statusCode).toBe(409);
    const carried = await c.sec.post(`/api/v1/sessions/${a.id}/agenda/${i2.id}/carry-over`, {});
    expect(carried.statusCode, carried.body).toBe(201);
    expect(carried.json()).toMatchObject({ sessionId: b.id, subject: 'بدهی مالیاتی', carriedFromItemId: i2.id, status: 'pending', position: 1, unitId: unitIds[0] });
    const aNow = (await c.sec.get(`/api/v1/sessions/${a.id}`)).json();
    expect(aNow.agenda.find((i: { id: string }) => i.id === i2.id)).toMatchObject({ status: 'carried_over', carriedToSessionId: b.id });
    const twice = await c.sec.post(`/api/v1/sessions/${a.id}/agenda/${i2.id}/carry-over`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('agenda.cannot_carry_over');
    // only to a planned session
    await c.sec.patch(`/api/v1/sessions/${b.id}`, { version: 1, status: 'held' });
    const toHeld = await c.sec.post(`/api/v1/sessions/${a.id}/agenda/${i1.id}/carry-over`, { toSessionId: b.id });
    expect(toHeld.statusCode).toBe(409);
    // by default to the next planned one after it (here: the demo's ninth session of this year)
    const next = await c.sec.post(`/api/v1/sessions/${a.id}/agenda/${i1.id}/carry-over`, {});
    expect(next.statusCode).toBe(201);
    const planned = (await c.sec.get('/api/v1/sessions?status=planned&sort=heldOn')).json().items.filter((x: { heldOn: string }) => x.heldOn > '2024-05-15');
    expect(next.json().sessionId).toBe(planned[0].id);
    // validation: unknown unit, unknown demand, subject required
    expect((await add('x', { unitId: ANY })).statusCode).toBe(422);
    expect((await add('x', { demandId: ANY })).statusCode).toBe(422);
    expect((await add('   ')).statusCode).toBe(422);
    expect((await c.sec.post(`/api/v1/sessions/${ANY}/agenda`, { subject: 'x' })).statusCode).toBe(404);
  });

  it('offers escalated demands as agenda candidates and links the item to the demand and its unit', async () => {
    const s = await create(c.sec, { heldOn: '2026-12-05' });
    const made = await c.sec.post('/api/v1/demands', { unitId: unitIds[2], categoryCode: 'power', title: 'قطعی مکرر برق', description: 'برق واحد هفته‌ای سه بار قطع می‌شود', agencyId: 'smt', priority: 'high', dueDate: '2026-12-20' });
    expect(made.statusCode, made.body).toBe(201);
    const demand = made.json();
    const esc = await c.sec.post(`/api/v1/demands/${demand.id}/transitions`, { to: 'escalated', version: demand.version });
    expect(esc.statusCode, esc.body).toBe(200);
    const cands = await c.sec.get(`/api/v1/sessions/${s.id}/agenda-candidates`);
    expect(cands.statusCode).toBe(200);
    const found = cands.json().items.find((x: { refId: string }) => x.refId === demand.id);
    expect(found).toMatchObject({ kind: 'demand', code: demand.code, unitId: unitIds[2], onAgenda: false });
    expect(cands.json().sources).toEqual({ demands: true, referrals: true });
    const item = await c.sec.post(`/api/v1/sessions/${s.id}/agenda`, { demandId: demand.id, subject: found.subject });
    expect(item.statusCode).toBe(201);
    expect(item.json()).toMatchObject({ demandId: demand.id, demandCode: demand.code, unitId: unitIds[2] });
    const again = (await c.sec.get(`/api/v1/sessions/${s.id}/agenda-candidates`)).json();
    expect(again.items.find((x: { refId: string }) => x.refId === demand.id).onAgenda).toBe(true);
    // a demand about another unit than the one named → 422
    expect((await c.sec.post(`/api/v1/sessions/${s.id}/agenda`, { demandId: demand.id, unitId: unitIds[3], subject: 'x' })).statusCode).toBe(422);
  });

  it('prints the minutes: RTL A4 HTML with the number and year, Jalali date in Persian digits, attendees, agenda, resolutions and signatures', async () => {
    const s = await create(c.sec, {
      heldOn: '2026-11-25',
      chair: 'دکتر محمد امینی، استاندار',
      location: 'سالن جلسات استانداری',
      attendees: ATTENDEES,
    });
    const item = (await c.sec.post(`/api/v1/sessions/${s.id}/agenda`, { unitId: unitIds[1], subject: 'رفع مشکل انشعاب برق <واحد>' })).json();
    await c.sec.post(`/api/v1/sessions/${s.id}/resolutions`, { agendaItemId: item.id, text: 'ادارهٔ برق ظرف دو هفته انشعاب را برقرار کند', agencyIds: ['power', 'smt'], dueDate: '2026-12-10' });
    const res = await c.exec.get(`/api/v1/sessions/${s.id}/minutes`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'nonce-/);
    const html = res.body;
    expect(html).toContain('<html lang="fa" dir="rtl">');
    expect(html).toMatch(/size:A4/);
    expect(html).toContain('@font-face{font-family:Vazirmatn');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3)/); // no CDN
    expect(html).toContain(`صورتجلسهٔ جلسهٔ ${String(s.number).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!)} کارگروه`);
    expect(html).toContain('سال ۱۴۰۵');
    expect(html).toContain(`شمارهٔ جلسه: ${String(s.number).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!)} / ۱۴۰۵`);
    expect(html).toContain('۱۴۰۵/۰۹/۰۴'); // 2026-11-25
    expect(html).toContain('۴ آذر ۱۴۰۵');
    expect(html).toContain('چهارشنبه');
    expect(html).toContain('علی رضایی');
    expect(html).toContain('غایب');
    expect(html).toContain('رفع مشکل انشعاب برق &lt;واحد&gt;'); // escaped
    expect(html).toContain('ادارهٔ برق ظرف دو هفته انشعاب را برقرار کند');
    expect(html).toContain('۱۴۰۵/۰۹/۱۹'); // due 2026-12-10
    expect(html).toMatch(/M-1405-\d{6}/);
    expect(html).toContain('امضا');
    expect(html).toContain('دبیر کارگروه');
    expect(html).toContain('ظرف ۱۵ روز');
    expect((await c.sec.get(`/api/v1/sessions/${ANY}/minutes`)).statusCode).toBe(404);
  });

  it.skipIf(!existsSync('/usr/bin/chromium') || t.engine === 'postgres')('prints the minutes to PDF with Chromium', async () => {
    const [s] = (await c.sec.get('/api/v1/sessions?fiscalYear=1405&pageSize=1')).json().items;
    const started = Date.now();
    const res = await c.sec.get(`/api/v1/sessions/${s.id}/minutes?format=pdf`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 40_000);

  it('answers every route by role: secretariat, executive, the named agency, another agency, producer, bank', async () => {
    const s = await create(c.sec, { heldOn: '2026-11-28' });
    await create(c.sec, { heldOn: '2026-12-20' }); // a planned session to carry over to
    const item = (await c.sec.post(`/api/v1/sessions/${s.id}/agenda`, { unitId: unitIds[0], subject: 'دستور آزمون' })).json();
    const r = (await c.sec.post(`/api/v1/sessions/${s.id}/resolutions`, { text: 'مصوبهٔ آزمون', agencyIds: ['smt'], dueDate: '2026-12-30' })).json();
    const fresh = async () => (await c.sec.post(`/api/v1/sessions/${s.id}/resolutions`, { text: 'مصوبهٔ تازه', agencyIds: ['smt'], dueDate: '2026-12-30' })).json();
    const freshItem = async () => (await c.sec.post(`/api/v1/sessions/${s.id}/agenda`, { subject: 'دستور تازه' })).json();
    const roles = ['sec', 'exec', 'smt', 'tax', 'producer', 'bank'] as const;
    type Row = { name: string; call: (cl: Client) => Promise<{ statusCode: number }>; expect: [number, number, number, number, number, number] };
    const sessionVersion = async () => (await c.sec.get(`/api/v1/sessions/${s.id}`)).json().version as number;
    const rows: Row[] = [
      { name: 'GET /sessions', call: (cl) => cl.get('/api/v1/sessions'), expect: [200, 200, 403, 403, 403, 403] },
      { name: 'POST /sessions', call: (cl) => cl.post('/api/v1/sessions', { heldOn: '2026-12-01' }), expect: [201, 403, 403, 403, 403, 403] },
      { name: 'GET /sessions/:id', call: (cl) => cl.get(`/api/v1/sessions/${s.id}`), expect: [200, 200, 403, 403, 403, 403] },
      { name: 'PATCH /sessions/:id', call: async (cl) => cl.patch(`/api/v1/sessions/${s.id}`, { version: await sessionVersion(), location: 'اتاق ۲' }), expect: [200, 403, 403, 403, 403, 403] },
      { name: 'POST /sessions/:id/agenda', call: (cl) => cl.post(`/api/v1/sessions/${s.id}/agenda`, { subject: 'دستور' }), expect: [201, 403, 403, 403, 403, 403] },
      { name: 'PATCH /sessions/:id/agenda/:itemId', call: async (cl) => cl.patch(`/api/v1/sessions/${s.id}/agenda/${item.id}`, { version: (await c.sec.get(`/api/v1/sessions/${s.id}`)).json().agenda.find((i: { id: string }) => i.id === item.id).version, position: 1 }), expect: [200, 403, 403, 403, 403, 403] },
      { name: 'POST /sessions/:id/agenda/:itemId/carry-over', call: async (cl) => cl.post(`/api/v1/sessions/${s.id}/agenda/${(await freshItem()).id}/carry-over`, {}), expect: [201, 403, 403, 403, 403, 403] },
      { name: 'GET /sessions/:id/agenda-candidates', call: (cl) => cl.get(`/api/v1/sessions/${s.id}/agenda-candidates`), expect: [200, 403, 403, 403, 403, 403] },
      { name: 'POST /sessions/:id/resolutions', call: (cl) => cl.post(`/api/v1/sessions/${s.id}/resolutions`, { text: 'م', agencyIds: ['smt'], dueDate: '2026-12-30' }), expect: [201, 403, 403, 403, 403, 403] },
      { name: 'GET /sessions/:id/minutes', call: (cl) => cl.get(`/api/v1/sessions/${s.id}/minutes`), expect: [200, 200, 403, 403, 403, 403] },
      { name: 'GET /resolutions', call: (cl) => cl.get('/api/v1/resolutions'), expect: [200, 200, 200, 200, 403, 403] },
      { name: 'GET /resolutions/implementation', call: (cl) => cl.get('/api/v1/resolutions/implementation'), expect: [200, 200, 200, 200, 403, 403] },
      { name: 'GET /resolutions/board', call: (cl) => cl.get('/api/v1/resolutions/board'), expect: [200, 200, 200, 200, 403, 403] },
      { name: 'GET /resolutions/:id', call: (cl) => cl.get(`/api/v1/resolutions/${r.id}`), expect: [200, 200, 200, 404, 403, 403] },
      { name: 'POST /resolutions/:id/transitions', call: async (cl) => cl.post(`/api/v1/resolutions/${(await fresh()).id}/transitions`, { to: 'in_progress', version: 1 }), expect: [200, 403, 200, 404, 403, 403] },
      { name: 'POST /resolutions/:id/followups', call: (cl) => cl.post(`/api/v1/resolutions/${r.id}/followups`, { note: 'پیگیری' }), expect: [201, 403, 201, 404, 403, 403] },
    ];
    const failures: string[] = [];
    for (const row of rows) {
      for (const [i, role] of roles.entries()) {
        const res = await row.call(c[role]);
        if (res.statusCode !== row.expect[i]) failures.push(`${role} ${row.name}: ${res.statusCode} (expected ${row.expect[i]})`);
      }
    }
    expect(failures).toEqual([]);
    // the other agency's list holds nothing of smt's
    const taxList = (await c.tax.get('/api/v1/resolutions?pageSize=500')).json();
    expect(taxList.items.some((x: { id: string }) => x.id === r.id)).toBe(false);
  });
});
