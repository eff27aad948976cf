import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { addDays, tehranDate } from '../../../shared/jalali.js';
import { contextAs, makeCast, type Cast } from './demands.fixtures.js';
import { escalatedDemandCandidates, unitTimelineEntries } from './demands.service.js';

const NOWHERE = '6f1c1d2e-0000-4000-8000-0000000000ff';

describeOnEngines('demands', (t) => {
  let c: Cast;
  beforeAll(async () => {
    c = await makeCast(t);
  });

  const today = () => tehranDate(t.clock.now);
  async function newDemand(over: Record<string, unknown> = {}, as = c.secretariat) {
    const res = await as.post('/api/v1/demands', {
      unitId: c.unitId,
      categoryCode: 'tax',
      title: 'اعتراض به مالیات علی‌الرأس سال ۱۴۰۲',
      description: 'برگ تشخیص بدون رسیدگی به دفاتر صادر شده است.',
      agencyId: c.agencyId,
      priority: 'high',
      ...over,
    });
    if (res.statusCode !== 201) throw new Error(`create demand: ${res.statusCode} ${res.body}`);
    return res.json();
  }
  const move = (as: Cast['secretariat'], d: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}) =>
    as.post(`/api/v1/demands/${d.id}/transitions`, { to, version: d.version, ...extra });

  it('registers a demand with a tracking code, the category deadline as due date, an event and an audit entry', async () => {
    const d = await newDemand({ agencyId: undefined });
    expect(d).toMatchObject({ status: 'registered', agencyId: null, unitId: c.unitId, categoryCode: 'tax', priority: 'high', version: 1, overdue: false });
    expect(d.code).toMatch(/^D-1405-\d{6}$/);
    expect(d.dueDate).toBe(addDays(today(), 30));
    expect(d.daysLeft).toBe(30);
    expect(d.history).toEqual([expect.objectContaining({ from: null, to: 'registered', actorRole: 'secretariat' })]);
    const assigned = await newDemand({ dueDate: '2026-10-01' });
    expect(assigned).toMatchObject({ status: 'assigned', agencyId: 'smt', agencyName: 'سازمان صنعت، معدن و تجارت استان', dueDate: '2026-10-01', overdue: true });
    const audit = (await c.secretariat.get(`/api/v1/audit?entityType=demand&entityId=${assigned.id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'demand.create', actorLabel: 'secretariat' });
  });

  it('gives concurrent registrations distinct, consecutive codes', async () => {
    const made = await Promise.all(Array.from({ length: 6 }, (_, i) => newDemand({ title: `مطالبهٔ همزمان ${i}` })));
    const numbers = made.map((d) => Number(d.code.slice(-6))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(6);
    expect(numbers[5]! - numbers[0]!).toBe(5);
  });

  it('normalises Persian text and finds it by title, code or unit name, typed with Arabic letters or without half-spaces', async () => {
    const d = await newDemand({ title: '  درخواست  امهال بدهي بانكي  ', categoryCode: 'bank-debt' });
    expect(d.title).toBe('درخواست امهال بدهی بانکی');
    const find = async (q: string) => (await c.secretariat.get(`/api/v1/demands?q=${encodeURIComponent(q)}`)).json().items.map((x: { id: string }) => x.id);
    expect(await find('امهال بدهي')).toContain(d.id);
    expect(await find(d.code.toLowerCase())).toContain(d.id);
    expect(await find(d.code.replace(/-/g, ''))).toContain(d.id);
    expect(await find('صنایع غذایی کوثر')).toContain(d.id);
  });

  it('answers each route by role and scope: the assigned agency and the unit’s producer in, others 404, bank 403', async () => {
    const d = await newDemand();
    const get = (as: Cast['secretariat']) => as.get(`/api/v1/demands/${d.id}`);
    expect((await get(c.secretariat)).statusCode).toBe(200);
    expect((await get(c.executive)).statusCode).toBe(200);
    expect((await get(c.agency)).statusCode).toBe(200);
    expect((await get(c.otherAgency)).statusCode).toBe(404);
    expect((await get(c.producer)).statusCode).toBe(200);
    expect((await get(c.otherProducer)).statusCode).toBe(404);
    expect((await get(c.bank)).statusCode).toBe(403);
    expect((await get(c.national)).statusCode).toBe(403);

    const listed = async (as: Cast['secretariat'], q = '') => {
      const res = await as.get(`/api/v1/demands?pageSize=500${q}`);
      expect(res.statusCode).toBe(200);
      return res.json().items.map((x: { id: string }) => x.id) as string[];
    };
    expect(await listed(c.secretariat)).toContain(d.id);
    expect(await listed(c.agency)).toContain(d.id);
    expect(await listed(c.otherAgency)).not.toContain(d.id);
    // an agency cannot widen its inbox by asking for another agency
    expect(await listed(c.otherAgency, '&agencyId=smt')).toEqual([]);
    expect(await listed(c.producer)).toContain(d.id);
    expect(await listed(c.otherProducer)).not.toContain(d.id);
    expect((await c.bank.get('/api/v1/demands')).statusCode).toBe(403);
    const agencyItems = (await c.agency.get('/api/v1/demands?pageSize=500')).json().items as { agencyId: string }[];
    expect(agencyItems.every((x) => x.agencyId === 'smt')).toBe(true);

    // transitions: the assigned agency yes; another agency 404; producer, executive and bank 403
    expect((await move(c.otherAgency, d, 'in_progress')).statusCode).toBe(404);
    expect((await move(c.producer, d, 'in_progress')).statusCode).toBe(403);
    expect((await move(c.executive, d, 'in_progress')).statusCode).toBe(403);
    expect((await move(c.bank, d, 'in_progress')).statusCode).toBe(403);
    const started = await move(c.agency, d, 'in_progress');
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_progress', version: 2 });

    // follow-ups: the agency and the unit's producer yes; another agency or producer 404; executive and bank 403
    const note = { note: 'نامه به ادارهٔ کل ارسال شد' };
    expect((await c.agency.post(`/api/v1/demands/${d.id}/followups`, note)).statusCode).toBe(201);
    expect((await c.producer.post(`/api/v1/demands/${d.id}/followups`, note)).statusCode).toBe(201);
    expect((await c.secretariat.post(`/api/v1/demands/${d.id}/followups`, note)).statusCode).toBe(201);
    expect((await c.otherAgency.post(`/api/v1/demands/${d.id}/followups`, note)).statusCode).toBe(404);
    expect((await c.otherProducer.post(`/api/v1/demands/${d.id}/followups`, note)).statusCode).toBe(404);
    expect((await c.executive.post(`/api/v1/demands/${d.id}/followups`, note)).statusCode).toBe(403);
    expect((await c.bank.post(`/api/v1/demands/${d.id}/followups`, note)).statusCode).toBe(403);

    // corrections: the secretariat only
    for (const as of [c.agency, c.producer, c.executive, c.bank]) {
      expect((await as.patch(`/api/v1/demands/${d.id}`, { version: 2, priority: 'urgent' })).statusCode).toBe(403);
    }
    const patched = await c.secretariat.patch(`/api/v1/demands/${d.id}`, { version: 2, priority: 'urgent' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ priority: 'urgent', version: 3 });
    expect((await c.secretariat.get(`/api/v1/demands/${NOWHERE}`)).statusCode).toBe(404);
  });

  it('lets a producer register a demand only for their own unit, and leaves the agency to the secretariat', async () => {
    const base = { categoryCode: 'power', title: 'افت ولتاژ برق خط تولید', description: 'قطعی‌های مکرر برق در ساعات اوج مصرف' };
    const own = await c.producer.post('/api/v1/demands', { ...base, unitId: c.unitId, agencyId: 'power' });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ status: 'registered', agencyId: null, unitId: c.unitId });
    const other = await c.producer.post('/api/v1/demands', { ...base, unitId: c.otherUnitId });
    expect(other.statusCode).toBe(404);
    for (const as of [c.agency, c.executive, c.bank, c.national]) {
      expect((await as.post('/api/v1/demands', { ...base, unitId: c.unitId })).statusCode).toBe(403);
    }
    // the secretariat is told about a producer's demand waiting for assignment
    const notes = (await c.secretariat.get('/api/v1/notifications?pageSize=500')).json().items as { kind: string; refId: string }[];
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'demand.registered', refId: own.json().id }));
  });

  it('refuses a transition the machine forbids with 409 listing the allowed ones, for the caller’s role', async () => {
    const d = await newDemand({ agencyId: undefined });
    const res = await move(c.secretariat, d, 'resolved');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'transition.forbidden', from: 'registered', to: 'resolved', allowed: ['assigned'] });
    // assigning needs an agency
    const noAgency = await move(c.secretariat, d, 'assigned');
    expect(noAgency.statusCode).toBe(422);
    expect(noAgency.json().code).toBe('demand.agency_required');
    const assigned = await move(c.secretariat, d, 'assigned', { agencyId: 'smt' });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', agencyId: 'smt', agencyName: 'سازمان صنعت، معدن و تجارت استان', version: 2 });
    // each step answers the demand exactly as its page then reads it (the record is built from the row it wrote)
    const asItsPage = async (answer: { json(): Record<string, unknown> }) => {
      const { allowedTransitions: _a, resolutions: _r, ...page } = (await c.secretariat.get(`/api/v1/demands/${d.id}`)).json();
      const { allowedTransitions: _b, resolutions: _s, ...given } = answer.json();
      expect(given).toEqual(page);
    };
    await asItsPage(assigned);
    // an agency may not hand a demand to another agency
    expect((await move(c.agency, assigned.json(), 'escalated', { agencyId: 'tax' })).statusCode).toBe(403);
    const resolved = await move(c.agency, assigned.json(), 'resolved', { note: 'مشکل با صدور مجوز برطرف شد' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', overdue: false, daysLeft: null });
    expect(resolved.json().resolvedAt).toBe(t.clock.now.toISOString());
    await asItsPage(resolved);
    // reopening is the secretariat's alone
    const byAgency = await move(c.agency, resolved.json(), 'in_progress');
    expect(byAgency.statusCode).toBe(409);
    expect(byAgency.json().allowed).toEqual([]);
    const reopened = await move(c.secretariat, resolved.json(), 'in_progress', { note: 'واحد اعلام کرد مشکل باقی است' });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'in_progress', resolvedAt: null });
    await asItsPage(reopened);
    expect(reopened.json().history.map((e: { to: string }) => e.to)).toEqual(['registered', 'assigned', 'resolved', 'in_progress']);
  });

  it('checks the version: stale body → 409 with the current record, stale If-Match → 412', async () => {
    const d = await newDemand();
    expect((await move(c.agency, d, 'in_progress')).statusCode).toBe(200);
    const stale = await move(c.agency, d, 'escalated');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'record.stale', current: { id: d.id, version: 2, status: 'in_progress' } });
    const ifMatch = await c.agency.post(`/api/v1/demands/${d.id}/transitions`, { to: 'escalated' }, { 'if-match': '"1"' });
    expect(ifMatch.statusCode).toBe(412);
    const noVersion = await c.agency.post(`/api/v1/demands/${d.id}/transitions`, { to: 'escalated' });
    expect(noVersion.statusCode).toBe(428);
    expect((await c.secretariat.patch(`/api/v1/demands/${d.id}`, { version: 1, title: 'دیر رسیده' })).statusCode).toBe(409);
    expect((await c.secretariat.get(`/api/v1/demands/${d.id}`)).json()).toMatchObject({ version: 2, status: 'in_progress' });
  });

  it('needs a reason to mark a demand unresolvable', async () => {
    const d = await newDemand();
    const bare = await move(c.agency, d, 'unresolvable');
    expect(bare.statusCode).toBe(422);
    expect(bare.json()).toMatchObject({ code: 'demand.note_required', title: 'برای این تغییر وضعیت، دلیل یا توضیح را بنویسید' });
    expect(bare.json().errors).toEqual([{ path: 'note', message: 'دلیل را بنویسید' }]);
    const blank = await move(c.agency, d, 'unresolvable', { note: ' \u200c ' });
    expect(blank.statusCode).toBe(422);
    const ok = await move(c.agency, d, 'unresolvable', { note: 'خارج از اختیارات دستگاه؛ نیازمند اصلاح قانون' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().history.at(-1)).toMatchObject({ from: 'assigned', to: 'unresolvable', note: 'خارج از اختیارات دستگاه؛ نیازمند اصلاح قانون', actorRole: 'agency' });
  });

  it('refuses empty and oversized texts with 422 in plain Persian naming the field, and writes nothing', async () => {
    const before = (await c.secretariat.get('/api/v1/demands?pageSize=1')).json().total;
    const empty = await c.secretariat.post('/api/v1/demands', { unitId: c.unitId, categoryCode: 'tax', title: '   ', description: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().title).toBe('اطلاعات ارسالی معتبر نیست');
    expect(empty.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'title', message: 'عنوان الزامی است' },
        { path: 'description', message: 'شرح الزامی است' },
      ]),
    );
    const long = await c.secretariat.post('/api/v1/demands', { unitId: c.unitId, categoryCode: 'tax', title: 'ب'.repeat(201), description: 'ت' });
    expect(long.statusCode).toBe(422);
    expect(long.json()).toMatchObject({ status: 422, code: 'validation.failed', title: 'اطلاعات ارسالی معتبر نیست' });
    // never zod's «خیلی بزرگ: string باید <=200 کاراکتر باشد»: the field by its name, the limit in Persian digits
    expect(long.json().errors).toEqual([{ path: 'title', message: 'عنوان حداکثر ۲۰۰ نویسه است' }]);
    // a title far over the limit says the same limit (not the guard's before the text is normalised)
    const veryLong = await c.secretariat.post('/api/v1/demands', { unitId: c.unitId, categoryCode: 'tax', title: 'ب'.repeat(1000), description: 'ت' });
    expect(veryLong.json().errors).toEqual([{ path: 'title', message: 'عنوان حداکثر ۲۰۰ نویسه است' }]);
    const extra = await c.secretariat.post('/api/v1/demands', { unitId: c.unitId, categoryCode: 'tax', title: 'الف', description: 'ب', priority: 'soon', colour: 'red' });
    expect(extra.statusCode).toBe(422);
    expect(extra.json().errors.map((e: { message: string }) => e.message).sort()).toEqual(['فیلد «colour» در این فرم نیست و پذیرفته نمی‌شود', 'گزینهٔ انتخاب‌شده برای اولویت مجاز نیست'].sort());
    const badCategory = await c.secretariat.post('/api/v1/demands', { unitId: c.unitId, categoryCode: 'nope', title: 'الف', description: 'ب' });
    expect(badCategory.statusCode).toBe(422);
    expect(badCategory.json().errors).toEqual([{ path: 'categoryCode', message: 'دستهٔ مانع ناشناخته است' }]);
    const badDate = await c.secretariat.post('/api/v1/demands', { unitId: c.unitId, categoryCode: 'tax', title: 'الف', description: 'ب', dueDate: '2026-02-30' });
    expect(badDate.statusCode).toBe(422);
    expect(badDate.json().errors[0]).toEqual({ path: 'dueDate', message: 'مهلت: چنین روزی در تقویم نیست' });
    const d = await newDemand();
    const emptyNote = await c.agency.post(`/api/v1/demands/${d.id}/followups`, { note: '' });
    expect(emptyNote.statusCode).toBe(422);
    expect(emptyNote.json().errors).toEqual([{ path: 'note', message: 'توضیح الزامی است' }]);
    const longNote = await c.agency.post(`/api/v1/demands/${d.id}/followups`, { note: 'پ'.repeat(2001) });
    expect(longNote.statusCode).toBe(422);
    expect(longNote.json().errors).toEqual([{ path: 'note', message: 'توضیح حداکثر ۲٬۰۰۰ نویسه است' }]);
    expect((await c.secretariat.get('/api/v1/demands?pageSize=1')).json().total).toBe(before + 1);
    expect((await c.secretariat.get(`/api/v1/demands/${d.id}`)).json().followups).toEqual([]);
    const english = await c.secretariat.post('/api/v1/demands', { unitId: c.unitId, categoryCode: 'tax', title: '', description: 'x' }, { 'accept-language': 'en' });
    expect(english.json().errors[0]).toEqual({ path: 'title', message: 'Title is required' });
  });

  it('keeps follow-ups and history append-only and shows them oldest first', async () => {
    const d = await newDemand();
    // the first one's answer has it too (its demand had none when read under the lock)
    expect((await c.agency.post(`/api/v1/demands/${d.id}/followups`, { note: 'پیگیری اول' })).json().followups).toEqual([expect.objectContaining({ note: 'پیگیری اول' })]);
    const second = await c.agency.post(`/api/v1/demands/${d.id}/followups`, { note: 'پیگیری دوم\nبا جزئیات' });
    expect(second.json().followups).toEqual([
      expect.objectContaining({ note: 'پیگیری اول', authorName: 'حمید صالح‌پور (صمت)', authorRole: 'agency', agencyId: 'smt', agencyName: 'سازمان صنعت، معدن و تجارت استان' }),
      expect.objectContaining({ note: 'پیگیری دوم\nبا جزئیات' }),
    ]);
    await expect(t.database.query(`update demand_followups set note = 'x' where demand_id = $1`, [d.id])).rejects.toThrow(/append-only/);
    await expect(t.database.query(`delete from demand_events where demand_id = $1`, [d.id])).rejects.toThrow(/append-only/);
    // the producer hears of the agency's follow-up
    const notes = (await c.producer.get('/api/v1/notifications?pageSize=500')).json().items as { kind: string; refId: string }[];
    expect(notes.filter((n) => n.kind === 'demand.followup' && n.refId === d.id)).toHaveLength(2);
  });

  it('derives overdue from today in Tehran: not at 23:59:59, overdue at 00:00', async () => {
    const saved = t.clock.now;
    try {
      const d = await newDemand({ dueDate: '2026-12-01', title: 'مطالبهٔ مرز نیمه‌شب' });
      // moving the clock two days on would end the cast's sessions (idle timeout): sign in afresh at each instant
      const at = async (iso: string) => {
        t.clock.now = new Date(iso);
        const agency = await t.as('agency.smt');
        const view = (await agency.get(`/api/v1/demands/${d.id}`)).json();
        const ids = async (flag: string) =>
          (await agency.get(`/api/v1/demands?overdue=${flag}&pageSize=500&q=${d.code}`)).json().items.map((x: { id: string }) => x.id);
        return { agency, view, overdue: await ids('true'), notOverdue: await ids('false') };
      };
      const before = await at('2026-12-01T20:29:59.000Z'); // 23:59:59 on 1 Dec in Tehran (+03:30)
      expect(before.view).toMatchObject({ overdue: false, daysLeft: 0 });
      expect(before.overdue).toEqual([]);
      expect(before.notOverdue).toEqual([d.id]);
      const after = await at('2026-12-01T20:30:00.000Z'); // 00:00 on 2 Dec in Tehran
      expect(after.view).toMatchObject({ overdue: true, daysLeft: -1 });
      expect(after.overdue).toEqual([d.id]);
      expect(after.notOverdue).toEqual([]);
      // the inbox puts it among the overdue, first
      const inbox = (await after.agency.get('/api/v1/demands?open=true&sort=urgency&pageSize=500')).json().items as { id: string; overdue: boolean }[];
      const firstNotOverdue = inbox.findIndex((x) => !x.overdue);
      expect(inbox.findIndex((x) => x.id === d.id)).toBeLessThan(firstNotOverdue === -1 ? Infinity : firstNotOverdue);
      expect(inbox.slice(0, inbox.findIndex((x) => !x.overdue)).every((x) => x.overdue)).toBe(true);
      // the same order as the whole list's (closed demands too, never overdue), taken to the open ones
      const all = (await after.agency.get('/api/v1/demands?sort=urgency&pageSize=500')).json().items as { id: string; status: string; overdue: boolean }[];
      expect(all.filter((x) => !['resolved', 'unresolvable'].includes(x.status)).map((x) => x.id)).toEqual(inbox.map((x) => x.id));
      expect(all.slice(0, all.findIndex((x) => !x.overdue)).every((x) => x.overdue)).toBe(true);
      // closed demands are never overdue
      const resolved = await move(after.agency, d, 'resolved');
      expect(resolved.json()).toMatchObject({ overdue: false, daysLeft: null });
      expect((await at('2026-12-05T08:00:00.000Z')).overdue).toEqual([]);
    } finally {
      t.clock.now = saved;
    }
  });

  it('filters by status, category, agency, county and visit, and sorts', async () => {
    const d = await newDemand({ categoryCode: 'water', agencyId: 'water', title: 'تأمین آب صنعتی' });
    const ids = async (q: string) => (await c.secretariat.get(`/api/v1/demands?pageSize=500&${q}`)).json().items.map((x: { id: string }) => x.id);
    expect(await ids('categoryCode=water&agencyId=water&status=assigned')).toContain(d.id);
    expect(await ids('categoryCode=tax')).not.toContain(d.id);
    expect(await ids(`countyId=${d.countyId}&unitId=${c.unitId}`)).toContain(d.id);
    expect(await ids('countyId=nowhere')).toEqual([]);
    expect(await ids('open=false')).not.toContain(d.id);
    const byDue = (await c.secretariat.get('/api/v1/demands?pageSize=500&sort=dueDate')).json().items as { dueDate: string }[];
    expect(byDue.map((x) => x.dueDate)).toEqual([...byDue.map((x) => x.dueDate)].sort());
    expect((await c.secretariat.get('/api/v1/demands?status=nope')).statusCode).toBe(422);
    expect((await c.secretariat.get('/api/v1/demands?pageSize=501')).statusCode).toBe(422);
  });

  it('offers escalated demands to the working group and tells the secretariat', async () => {
    const d = await newDemand({ title: 'رفع توقیف حساب‌های بانکی واحد' });
    const escalated = await move(c.agency, d, 'escalated', { note: 'نیازمند تصمیم کارگروه' });
    expect(escalated.statusCode).toBe(200);
    expect(escalated.json().escalatedAt).toBe(t.clock.now.toISOString());
    const candidates = await escalatedDemandCandidates(await contextAs(t, 'secretariat'));
    const mine = candidates.find((x) => x.demandId === d.id);
    expect(mine).toMatchObject({ code: d.code, unitId: c.unitId, agencyId: 'smt', title: 'رفع توقیف حساب‌های بانکی واحد' });
    expect(mine!.subject).toContain(d.code);
    expect(candidates.every((x) => x.escalatedAt !== undefined)).toBe(true);
    const notes = (await c.secretariat.get('/api/v1/notifications?pageSize=500')).json().items as { kind: string; refId: string }[];
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'demand.escalated', refId: d.id }));
    // only the secretariat moves an escalated demand on
    expect((await move(c.agency, escalated.json(), 'resolved')).json()).toMatchObject({ code: 'transition.forbidden', allowed: [] });
    const back = await move(c.secretariat, escalated.json(), 'in_progress', { note: 'مصوبهٔ کارگروه: پیگیری با دستگاه' });
    expect(back.json().status).toBe('in_progress');
  });

  it('reassigns through PATCH, with a history line and a notification to the new agency', async () => {
    const d = await newDemand();
    const res = await c.secretariat.patch(`/api/v1/demands/${d.id}`, { version: 1, agencyId: 'tax' });
    expect(res.statusCode).toBe(200);
    expect(res.json().history.at(-1)).toMatchObject({ from: 'assigned', to: 'assigned', agencyId: 'tax' });
    expect((await c.agency.get(`/api/v1/demands/${d.id}`)).statusCode).toBe(404);
    expect((await c.otherAgency.get(`/api/v1/demands/${d.id}`)).statusCode).toBe(200);
    const notes = (await c.otherAgency.get('/api/v1/notifications?pageSize=500')).json().items as { kind: string; refId: string }[];
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'demand.assigned', refId: d.id }));
  });

  it('gives the unit timeline its demands, changes and follow-ups, scoped by the caller', async () => {
    const d = await newDemand({ title: 'مطالبهٔ خط زمانی' });
    await move(c.agency, d, 'in_progress');
    await c.agency.post(`/api/v1/demands/${d.id}/followups`, { note: 'بازدید کارشناس انجام شد' });
    const entries = await unitTimelineEntries(await contextAs(t, 'secretariat'), c.unitId);
    const mine = entries.filter((e) => e.refId === d.id);
    expect(mine.map((e) => e.kind).sort()).toEqual(['demand', 'demand_event', 'demand_followup']);
    expect(mine.find((e) => e.kind === 'demand')!.title).toContain(d.code);
    for (let i = 1; i < entries.length; i++) expect(entries[i - 1]!.at >= entries[i]!.at).toBe(true);
    const bankless = await unitTimelineEntries(await contextAs(t, 'producer.demo'), c.unitId);
    expect(bankless.some((e) => e.refId === d.id)).toBe(true);
    const otherProducer = await contextAs(t, 'admin');
    expect((await unitTimelineEntries({ ...otherProducer, actor: { ...otherProducer.actor, role: 'producer', unitId: c.otherUnitId } }, c.unitId)).length).toBe(0);
  });

  it('keeps the demand trail when the description is multi-line and counts age', async () => {
    const d = await newDemand({ description: 'خط اول\r\n\r\n\r\nخط دوم' });
    expect(d.description).toBe('خط اول\n\nخط دوم');
    expect(d.ageDays).toBe(0);
    const rows = await t.database.query<{ n: number }>(`select count(*)::int as n from demand_events where demand_id = $1`, [d.id]);
    expect(rows[0]?.n).toBe(1);
  });
});
