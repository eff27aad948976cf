import { expect, it } from 'vitest';
import { addTaxAgencyAccount, describeOnEngines, signInWorkingGroup, type Client, type TestApp, type WorkingGroup } from '../../test/harness.js';
import { systemActor } from '../../context.js';
import { tehranDate, addDays } from '../../../shared/jalali.js';
import { implementationFigures, unitTimelineEntries } from './resolutions.service.js';
import { resolutionReminderSource } from './resolutions.reminders.js';
import { collectAllPages } from '../notifications/notifications.job.js';

const NOW = new Date('2026-11-29T08:00:00.000Z'); // 1405/09/08 in Tehran
const TODAY = '2026-11-29';

interface Ctx extends WorkingGroup {
  unitId: string;
}

async function setUp(t: TestApp): Promise<Ctx> {
  await addTaxAgencyAccount(t, 'agency.tax.res', 'کارشناس امور مالیاتی');
  return loginAll(t);
}

/** Logs everyone in at the clock's time (moving the clock far ends the earlier sessions). */
async function loginAll(t: TestApp): Promise<Ctx> {
  const group = await signInWorkingGroup(t, 'agency.tax.res');
  const units = (await group.sec.get('/api/v1/units?pageSize=3&sort=nationalId')).json();
  return { ...group, unitId: units.items[1].id };
}

async function newSession(c: Client, heldOn: string, extra: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/sessions', { heldOn, title: 'بررسی مشکلات واحدها', chair: 'معاون هماهنگی امور اقتصادی استاندار', location: 'سالن جلسات استانداری', ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function newResolution(c: Client, sessionId: string, body: Record<string, unknown>) {
  const res = await c.post(`/api/v1/sessions/${sessionId}/resolutions`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describeOnEngines('resolutions', (t) => {
  let c: Ctx;

  it('records a resolution with a tracking code, notifies it and opens the objection window', async () => {
    t.clock.now = NOW;
    c = await setUp(t);
    const s = await newSession(c.sec, '2026-11-25');
    const item = (await c.sec.post(`/api/v1/sessions/${s.id}/agenda`, { unitId: c.unitId, subject: 'تأمین برق پایدار واحد' })).json();
    const r = await newResolution(c.sec, s.id, { agendaItemId: item.id, text: '  شرکت توزیع برق ظرف یک ماه انشعاب را برقرار کند  ', agencyIds: ['smt', 'power', 'smt'], dueDate: '2026-12-29' });
    expect(r.code).toMatch(/^M-1405-\d{6}$/);
    expect(r).toMatchObject({ status: 'open', version: 1, sessionId: s.id, unitId: c.unitId, dueDate: '2026-12-29', objectionDeadline: addDays(TODAY, 15), objectionOpen: true, overdue: false, daysLeft: 30, fiscalYear: 1405 });
    expect(r.text).toBe('شرکت توزیع برق ظرف یک ماه انشعاب را برقرار کند');
    expect(r.agencies.map((a: { id: string }) => a.id).sort()).toEqual(['power', 'smt']);
    const detail = (await c.sec.get(`/api/v1/sessions/${s.id}`)).json();
    expect(detail.agenda[0].status).toBe('discussed');
    expect(detail.resolutions.map((x: { id: string }) => x.id)).toEqual([r.id]);
    // the agency was notified
    const notes = (await c.smt.get('/api/v1/notifications')).json();
    expect(notes.items.some((n: { kind: string; refId: string }) => n.kind === 'resolution.notified' && n.refId === r.id)).toBe(true);
    const audit = (await c.sec.get(`/api/v1/audit?entityType=resolution&entityId=${r.id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'resolution.create', actorLabel: 'secretariat' });
  });

  it('gives codes in sequence, and two resolutions created at once never share one', async () => {
    const s = await newSession(c.sec, '2026-11-26');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => c.sec.post(`/api/v1/sessions/${s.id}/resolutions`, { text: `مصوبهٔ همزمان ${i}`, agencyIds: ['smt'], dueDate: '2026-12-30' })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    const codes = results.map((r) => r.json().code as string);
    expect(new Set(codes).size).toBe(6);
  });

  it('refuses no agency, empty text, an unknown agency and a due date before the session with 422, and writes nothing', async () => {
    const s = await newSession(c.sec, '2026-11-27');
    const url = `/api/v1/sessions/${s.id}/resolutions`;
    const noAgency = await c.sec.post(url, { text: 'متن', agencyIds: [], dueDate: '2026-12-30' });
    expect(noAgency.statusCode).toBe(422);
    expect(noAgency.json().errors[0].path).toBe('agencyIds');
    const emptyText = await c.sec.post(url, { text: '   ', agencyIds: ['smt'], dueDate: '2026-12-30' });
    expect(emptyText.statusCode).toBe(422);
    expect(emptyText.json().errors[0].path).toBe('text');
    const early = await c.sec.post(url, { text: 'متن', agencyIds: ['smt'], dueDate: '2026-11-26' });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'resolution.invalid', errors: [{ path: 'dueDate' }] });
    expect(early.json().errors[0].message).toContain('۱۴۰۵/۰۹/۰۶');
    const unknown = await c.sec.post(url, { text: 'متن', agencyIds: ['nope'], dueDate: '2026-12-30' });
    expect(unknown.statusCode).toBe(422);
    const notADate = await c.sec.post(url, { text: 'متن', agencyIds: ['smt'], dueDate: '2026-02-30' });
    expect(notADate.statusCode).toBe(422);
    const sameDay = await c.sec.post(url, { text: 'متن', agencyIds: ['smt'], dueDate: '2026-11-27' });
    expect(sameDay.statusCode).toBe(201);
    expect((await c.sec.get(`/api/v1/resolutions?sessionId=${s.id}`)).json().total).toBe(1);
    expect((await c.sec.post(`/api/v1/sessions/00000000-0000-4000-8000-000000000000/resolutions`, { text: 'x', agencyIds: ['smt'], dueDate: '2026-12-30' })).statusCode).toBe(404);
  });

  it('lets the named agency object inside its window with reasons; the secretariat upholds; no second objection', async () => {
    const s = await newSession(c.sec, '2026-11-28');
    const r = await newResolution(c.sec, s.id, { text: 'تمدید پروانهٔ بهره‌برداری', agencyIds: ['smt'], dueDate: '2027-01-15' });
    const noReason = await c.smt.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'objected', version: 1 });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().code).toBe('resolution.reason_required');
    t.clock.now = new Date(NOW.getTime() + 14 * 86_400_000); // day 14 of 15
    c = await loginAll(t);
    const objected = await c.smt.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'objected', version: 1, note: 'این موضوع در اختیار سازمان نیست و به وزارتخانه مربوط است' });
    expect(objected.statusCode, objected.body).toBe(200);
    expect(objected.json()).toMatchObject({ status: 'objected', version: 2, objectionReason: 'این موضوع در اختیار سازمان نیست و به وزارتخانه مربوط است' });
    expect(objected.json().allowedTransitions).toEqual([]);
    // the agency cannot answer its own objection
    const self = await c.smt.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'open', version: 2 });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('transition.forbidden');
    const upheld = await c.sec.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'open', version: 2, note: 'اعتراض وارد نیست؛ مصوبه به قوت خود باقی است' });
    expect(upheld.statusCode).toBe(200);
    expect(upheld.json()).toMatchObject({ status: 'open', version: 3, objectionOpen: false });
    const again = await c.smt.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'objected', version: 3, note: 'دوباره' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('resolution.already_objected');
    const detail = (await c.smt.get(`/api/v1/resolutions/${r.id}`)).json();
    expect(detail.history.map((e: { to: string }) => e.to)).toEqual(['open', 'objected', 'open']);
    expect(detail.allowedTransitions).toEqual(['in_progress']);
    const audit = (await c.sec.get(`/api/v1/audit?entityType=resolution&entityId=${r.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['resolution.open', 'resolution.objected', 'resolution.create']);
    t.clock.now = NOW;
    c = await loginAll(t);
  });

  it('answers 409 objection_window_closed after the window, and the secretariat may cancel an objected one', async () => {
    const s = await newSession(c.sec, '2026-11-29');
    const late = await newResolution(c.sec, s.id, { text: 'مصوبهٔ دیرهنگام', agencyIds: ['smt'], dueDate: '2027-02-01' });
    const other = await newResolution(c.sec, s.id, { text: 'مصوبه‌ای که لغو می‌شود', agencyIds: ['smt'], dueDate: '2027-02-01' });
    const objected = await c.smt.post(`/api/v1/resolutions/${other.id}/transitions`, { to: 'objected', version: 1, note: 'با قانون تعارض دارد' });
    expect(objected.statusCode).toBe(200);
    t.clock.now = new Date(NOW.getTime() + 16 * 86_400_000);
    c = await loginAll(t);
    const res = await c.smt.post(`/api/v1/resolutions/${late.id}/transitions`, { to: 'objected', version: 1, note: 'دیر شده است' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'resolution.objection_window_closed', objectionDeadline: addDays(TODAY, 15) });
    expect((await c.smt.get(`/api/v1/resolutions/${late.id}`)).json()).toMatchObject({ status: 'open', version: 1, objectionOpen: false, allowedTransitions: ['in_progress'] });
    const cancelled = await c.sec.post(`/api/v1/resolutions/${other.id}/transitions`, { to: 'cancelled', version: 2, note: 'بازنویسی در جلسهٔ بعد' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', closedAt: expect.any(String) });
    t.clock.now = NOW;
    c = await loginAll(t);
  });

  it('carries out: in progress → done; not done needs a cause; stale versions answer 409 with the current record', async () => {
    const s = await newSession(c.sec, '2026-11-29');
    const r = await newResolution(c.sec, s.id, { text: 'پرداخت تسهیلات سرمایه در گردش', agencyIds: ['smt', 'tax'], dueDate: '2026-12-20' });
    const start = await c.smt.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'in_progress', version: 1 });
    expect(start.statusCode).toBe(200);
    const stale = await c.tax.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'done', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'record.stale', current: { version: 2, status: 'in_progress' } });
    const noCause = await c.tax.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'not_done', version: 2 });
    expect(noCause.statusCode).toBe(422);
    expect(noCause.json().code).toBe('resolution.cause_required');
    const notDone = await c.tax.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'not_done', version: 2, cause: 'producer', note: 'واحد مدارک را ارائه نکرد' });
    expect(notDone.statusCode).toBe(200);
    expect(notDone.json()).toMatchObject({ status: 'not_done', notDoneCause: 'producer', daysLeft: null, allowedTransitions: [] });
    expect(notDone.json().history.at(-1)).toMatchObject({ from: 'in_progress', to: 'not_done', cause: 'producer', agencyId: 'tax', onBehalf: false });
    const after = await c.tax.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'done', version: 3 });
    expect(after.statusCode).toBe(409);
    // the secretariat on the agency's behalf
    const r2 = await newResolution(c.sec, s.id, { text: 'صدور مجوز', agencyIds: ['smt'], dueDate: '2026-12-20' });
    await c.sec.post(`/api/v1/resolutions/${r2.id}/transitions`, { to: 'in_progress', version: 1 });
    const done = await c.sec.post(`/api/v1/resolutions/${r2.id}/transitions`, { to: 'done', version: 2 });
    expect(done.json()).toMatchObject({ status: 'done' });
    expect(done.json().history.at(-1)).toMatchObject({ onBehalf: true, agencyId: 'smt', actorRole: 'secretariat' });
  });

  it('keeps other agencies out (404), and lists, filters and sorts overdue first', async () => {
    const s = await newSession(c.sec, '2026-11-01');
    const overdue = await newResolution(c.sec, s.id, { text: 'مصوبهٔ معوق', agencyIds: ['smt'], dueDate: '2026-11-10' });
    const taxOnly = await newResolution(c.sec, s.id, { text: 'فقط امور مالیاتی', agencyIds: ['tax'], dueDate: '2026-12-10' });
    // another agency: 404 on read, transition and follow-up
    expect((await c.tax.get(`/api/v1/resolutions/${overdue.id}`)).statusCode).toBe(404);
    expect((await c.tax.post(`/api/v1/resolutions/${overdue.id}/transitions`, { to: 'in_progress', version: 1 })).statusCode).toBe(404);
    expect((await c.tax.post(`/api/v1/resolutions/${overdue.id}/followups`, { note: 'پیگیری' })).statusCode).toBe(404);
    expect((await c.smt.get(`/api/v1/resolutions/${taxOnly.id}`)).statusCode).toBe(404);
    // the list: an agency sees only its own
    const smtList = (await c.smt.get('/api/v1/resolutions?pageSize=500')).json();
    expect(smtList.items.every((r: { agencies: { id: string }[] }) => r.agencies.some((a) => a.id === 'smt'))).toBe(true);
    expect(smtList.items.some((r: { id: string }) => r.id === taxOnly.id)).toBe(false);
    const first = (await c.sec.get('/api/v1/resolutions?pageSize=5')).json().items[0];
    expect(first.overdue).toBe(true);
    const od = (await c.sec.get('/api/v1/resolutions?overdue=true&pageSize=500')).json();
    expect(od.items.map((r: { id: string }) => r.id)).toContain(overdue.id);
    expect(od.items.every((r: { overdue: boolean; daysLeft: number }) => r.overdue && r.daysLeft < 0)).toBe(true);
    const byAgency = (await c.sec.get('/api/v1/resolutions?agencyId=tax&pageSize=500')).json();
    expect(byAgency.items.every((r: { agencies: { id: string }[] }) => r.agencies.some((a) => a.id === 'tax'))).toBe(true);
    expect((await c.sec.get('/api/v1/resolutions?status=done&fiscalYear=1405&pageSize=500')).json().items.every((r: { status: string }) => r.status === 'done')).toBe(true);
    // follow-ups: append-only trail on the record
    const f = await c.smt.post(`/api/v1/resolutions/${overdue.id}/followups`, { note: 'نامهٔ پیگیری به ادارهٔ کل ارسال شد' });
    expect(f.statusCode).toBe(201);
    expect(f.json().followups.at(-1)).toMatchObject({ note: 'نامهٔ پیگیری به ادارهٔ کل ارسال شد', agencyId: 'smt', authorRole: 'agency' });
    // the board: by agency, overdue first; an agency sees its own column only
    const board = (await c.smt.get('/api/v1/resolutions/board')).json();
    expect(board.agencies.map((a: { agencyId: string }) => a.agencyId)).toEqual(['smt']);
    const items = board.agencies[0].items as { overdue: boolean }[];
    expect(items[0]!.overdue).toBe(true);
    expect(items.findIndex((i) => !i.overdue)).toBeGreaterThan(items.filter((i) => i.overdue).length - 1);
    const full = (await c.sec.get('/api/v1/resolutions/board')).json();
    expect(full.agencies.map((a: { agencyId: string }) => a.agencyId)).toEqual(expect.arrayContaining(['smt', 'tax']));
  });

  it('puts resolutions and agenda items on the unit timeline, scoped by the caller', async () => {
    const ctx = (role: 'secretariat' | 'agency', agencyId: string | null = null) => ({
      db: t.database.db,
      actor: { ...systemActor('qom'), role, agencyId },
      now: () => t.clock.now,
    });
    const staff = await unitTimelineEntries(ctx('secretariat'), c.unitId);
    expect(staff.some((e) => e.kind === 'resolution' && e.code?.startsWith('M-1405-'))).toBe(true);
    expect(staff.some((e) => e.kind === 'agenda_item' && e.detail === 'تأمین برق پایدار واحد')).toBe(true);
    expect(staff.every((e, i) => i === 0 || staff[i - 1]!.at >= e.at)).toBe(true);
    // and through the unit's timeline route, which asks every module
    const timeline = await c.sec.get(`/api/v1/units/${c.unitId}/timeline`);
    expect(timeline.statusCode).toBe(200);
    const kinds = timeline.json().items.map((e: { kind: string; entityType: string }) => `${e.kind}:${e.entityType}`);
    expect(kinds).toContain('resolution:resolution');
    expect(kinds).toContain('agenda_item:agenda_item');
    const tax = await unitTimelineEntries(ctx('agency', 'tax'), c.unitId);
    expect(tax.filter((e) => e.kind === 'resolution')).toEqual([]);
    expect(tax.filter((e) => e.kind === 'agenda_item')).toEqual([]);
  });

  it('reminds before due dates and at the end of objection windows, once per key', async () => {
    const s = await newSession(c.sec, '2026-11-29');
    const r = await newResolution(c.sec, s.id, { text: 'یادآوری', agencyIds: ['gas'], dueDate: '2026-12-16' });
    const kindsOn = async (today: string) =>
      (await collectAllPages(resolutionReminderSource, { db: t.database.db, now: NOW, today, changedSince: null }, 2)).filter((n) => n.refId === r.id).map((n) => `${n.kind}>${'agencyId' in n.target ? n.target.agencyId : 'role' in n.target ? n.target.role : '?'}`).sort();
    expect(await kindsOn(TODAY)).toEqual([]);
    expect(await kindsOn(addDays(TODAY, 14))).toEqual(['resolution.due_soon>gas', 'resolution.objection_window_ending>gas']);
    expect(await kindsOn(addDays(TODAY, 16))).toEqual(['resolution.due_soon>gas', 'resolution.objection_window_closed>secretariat']);
    expect(await kindsOn(addDays(TODAY, 18))).toEqual(['resolution.objection_window_closed>secretariat', 'resolution.overdue>gas', 'resolution.overdue>secretariat']);
    const all = await collectAllPages(resolutionReminderSource, { db: t.database.db, now: NOW, today: addDays(TODAY, 18), changedSince: null }, 2);
    expect(new Set(all.map((n) => n.dedupeKey)).size).toBe(all.length);
  });

  it('honours the objection window setting of the province', async () => {
    await t.database.query(`insert into settings (province_id, key, value) values ('qom', 'resolution.objectionWindowDays', '5'::jsonb)`);
    try {
      const s = await newSession(c.sec, '2026-11-29');
      const r = await newResolution(c.sec, s.id, { text: 'پنج روز', agencyIds: ['smt'], dueDate: '2027-01-01' });
      expect(r.objectionDeadline).toBe(addDays(tehranDate(NOW), 5));
    } finally {
      await t.database.query(`delete from settings where province_id = 'qom' and key = 'resolution.objectionWindowDays'`);
    }
  });

  it('keeps the history append-only in the database', async () => {
    const [r] = await t.database.query<{ id: string }>(`select id from resolutions limit 1`);
    await t.database.query(`insert into resolution_followups (resolution_id, province_id, note, actor_name, actor_role) values ($1, 'qom', 'x', 'x', 'secretariat')`, [r!.id]);
    await expect(t.database.query(`update resolution_events set note = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.database.query(`delete from resolution_followups`)).rejects.toThrow(/append-only/);
  });

  it('reproduces the published Qazvin figure: 41 sessions, 156 resolutions, 138 done → 88.5% (done ÷ resolutions)', async () => {
    // fiscal year 1398 (2019-03-21 … 2020-03-19): every resolution is long due
    const sessions: string[] = [];
    for (let i = 0; i < 41; i++) {
      const s = await newSession(c.sec, addDays('2019-04-01', i * 8));
      await c.sec.patch(`/api/v1/sessions/${s.id}`, { version: 1, status: 'held' });
      sessions.push(s.id);
    }
    const agencies = ['smt', 'tax', 'power', 'gas'];
    const made: { id: string }[] = [];
    for (let i = 0; i < 156; i++) {
      const sessionId = sessions[i % 41]!;
      const heldOn = addDays('2019-04-01', (i % 41) * 8);
      made.push(await newResolution(c.sec, sessionId, { text: `مصوبهٔ ${i + 1}`, agencyIds: [agencies[i % 4]!], dueDate: addDays(heldOn, 30) }));
    }
    for (const [i, r] of made.entries()) {
      if (i < 138 + 7 + 11) expect((await c.sec.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'in_progress', version: 1 })).statusCode).toBe(200);
      if (i < 138) expect((await c.sec.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'done', version: 2 })).statusCode).toBe(200);
      else if (i >= 145) expect((await c.sec.post(`/api/v1/resolutions/${r.id}/transitions`, { to: 'not_done', version: 2, cause: 'external' })).statusCode).toBe(200);
    }
    const res = await c.exec.get('/api/v1/resolutions/implementation?fiscalYear=1398');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.sessionsHeld).toBe(41);
    expect(body.overall).toMatchObject({ resolutions: 156, done: 138, inProgress: 7, notDone: 11, due: 156, overdue: 7, notDoneByCause: { agency: 0, producer: 0, external: 11 } });
    expect(body.overall.rateOfAll).toEqual({ numerator: 138, denominator: 156, rate: 138 / 156 });
    expect(body.overall.rateOfDue).toEqual({ numerator: 138, denominator: 156, rate: 138 / 156 });
    expect((body.overall.rateOfAll.rate * 100).toFixed(1)).toBe('88.5');
    expect(body.definitions.rateOfAll).toMatch(/done ÷ resolutions/);
    // per agency, exact fractions that add up to the whole
    const sum = body.agencies.reduce((a: { n: number; d: number }, x: { rateOfAll: { numerator: number; denominator: number } }) => ({ n: a.n + x.rateOfAll.numerator, d: a.d + x.rateOfAll.denominator }), { n: 0, d: 0 });
    expect(sum).toEqual({ n: 138, d: 156 });
    const smt = body.agencies.find((a: { agencyId: string }) => a.agencyId === 'smt');
    expect(smt.rateOfAll.denominator).toBe(39);
    // an agency sees the province's figure and its own row
    const own = (await c.smt.get('/api/v1/resolutions/implementation?fiscalYear=1398')).json();
    expect(own.overall.rateOfAll).toEqual(body.overall.rateOfAll);
    expect(own.agencies.map((a: { agencyId: string }) => a.agencyId)).toEqual(['smt']);
  }, 240_000);
});

it('computes rateOfAll and rateOfDue as exact fractions (pure)', () => {
  const rows = [
    { status: 'done', dueDate: '2026-01-01', notDoneCause: null },
    { status: 'done', dueDate: '2026-12-31', notDoneCause: null }, // done early: due by being closed
    { status: 'in_progress', dueDate: '2026-01-01', notDoneCause: null }, // overdue
    { status: 'open', dueDate: '2026-12-31', notDoneCause: null }, // not yet due
    { status: 'not_done', dueDate: '2026-12-31', notDoneCause: 'agency' },
    { status: 'cancelled', dueDate: '2026-01-01', notDoneCause: null },
  ] as const;
  const f = implementationFigures(rows, '2026-06-01');
  expect(f).toMatchObject({ resolutions: 5, due: 4, done: 2, overdue: 1, cancelled: 1, notDoneByCause: { agency: 1, producer: 0, external: 0 } });
  expect(f.rateOfAll).toEqual({ numerator: 2, denominator: 5, rate: 0.4 });
  expect(f.rateOfDue).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
  expect(implementationFigures([], '2026-06-01').rateOfDue).toEqual({ numerator: 0, denominator: 0, rate: null });
});
