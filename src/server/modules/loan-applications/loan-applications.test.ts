import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines, type Client } from '../../test/harness.js';
import { users } from '../../db/schema.js';
import { hashPassword } from '../auth/passwords.js';
import { deliverPending } from '../notifications/notifications.job.js';
import { smsNotificationChannel } from '../sms/sms.channel.js';
import { upload } from '../referrals/referrals.test-helpers.js';

const PASSWORD = 'a-long-password';
const NO_SUCH = '6f1c1d2e-0000-4000-8000-000000000001';
const PDF = Buffer.from('%PDF-1.4\n% صورت‌های مالی\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const MOBILE = '09121239911';

interface App {
  id: string;
  code: string;
  version: number;
  status: string;
  [k: string]: unknown;
}

describeOnEngines('loan applications', (t) => {
  let admin: Client, secretariat: Client, executive: Client, national: Client, smt: Client, agri: Client, bank: Client, producer: Client, other: Client, unbound: Client;
  let unitId: string;
  let otherUnitId: string;

  beforeAll(async () => {
    admin = await t.as('admin');
    const units = (await admin.get('/api/v1/units?pageSize=5&sort=nationalId')).json().items as { id: string }[];
    producer = await t.as('producer.demo');
    unitId = (await producer.get('/api/v1/auth/me')).json().unitId;
    otherUnitId = units.find((u) => u.id !== unitId)!.id;
    for (const u of [
      { username: 'agency.agri', role: 'agency', agencyId: 'agri' },
      { username: 'producer.other', role: 'producer', unitId: otherUnitId },
    ]) {
      const res = await admin.post('/api/v1/users', { fullName: `کاربر ${u.username}`, password: PASSWORD, ...u });
      expect([201, 409]).toContain(res.statusCode);
    }
    // a producer whose claim is not approved yet: no unit
    await t.database.db.insert(users).values({ username: 'producer.unbound', fullName: 'تولیدکنندهٔ بی‌واحد', role: 'producer', provinceId: 'qom', passwordHash: await hashPassword(PASSWORD) }).onConflictDoNothing();
    await t.database.query(`update users set mobile = $1 where username = 'producer.demo'`, [MOBILE]);
    secretariat = await t.as('secretariat');
    executive = await t.as('executive');
    national = await t.as('national');
    smt = await t.as('agency.smt');
    agri = await t.as('agency.agri', PASSWORD);
    bank = await t.as('bank.sanat-madan');
    other = await t.as('producer.other', PASSWORD);
    unbound = await t.as('producer.unbound', PASSWORD);
  });

  const apply = async (c: Client, overrides: Record<string, unknown> = {}) => {
    const res = await c.post('/api/v1/loan-applications', {
      unitId,
      programCode: 'rounaq',
      facilityType: 'working_capital',
      requestedAmount: '۸٬۵۰۰٬۰۰۰٬۰۰۰',
      purpose: 'خريد مواد اوليه براي توليد',
      ...overrides,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as App & { events: unknown[] };
  };
  const move = (c: Client, a: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}) =>
    c.post(`/api/v1/loan-applications/${a.id}/transitions`, { to, version: a.version, ...extra });
  const step = async (c: Client, a: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}) => {
    const res = await move(c, a, to, extra);
    expect(res.statusCode, `${to}: ${res.body}`).toBe(200);
    return res.json() as App;
  };
  const notificationKinds = async (c: Client, refId: string) =>
    ((await c.get('/api/v1/notifications?pageSize=200')).json().items as { kind: string; refId: string }[])
      .filter((n) => n.refId === refId)
      .map((n) => n.kind)
      .sort();

  it('a producer applies for their unit: a tracking code, the amount typed in Persian, normalised purpose, the committee told', async () => {
    const a = await apply(producer);
    expect(a).toMatchObject({ status: 'submitted', unitId, programCode: 'rounaq', programAgencyId: 'smt', requestedAmount: '8500000000', purpose: 'خرید مواد اولیه برای تولید', version: 1, referralId: null, canEdit: false, canRefer: false });
    expect(a.code).toMatch(/^L-1405-\d{6}$/);
    expect(a.events).toEqual([expect.objectContaining({ from: null, to: 'submitted', actorRole: 'producer', onBehalf: false })]);
    expect(a.allowedTransitions).toEqual(['withdrawn']);
    expect(await notificationKinds(secretariat, a.id)).toEqual(['loan_application.submitted']);
    expect(await notificationKinds(smt, a.id)).toEqual(['loan_application.submitted']);
    const audit = (await secretariat.get(`/api/v1/audit?entityType=loan_application&entityId=${a.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['loan_application.create']);
  });

  it('refuses bad input with 422 naming the field, another unit with 404, an unbound producer with 403, banks and the national HQ with 403', async () => {
    const bad = await producer.post('/api/v1/loan-applications', { unitId, programCode: 'no-such', facilityType: 'working_capital', requestedAmount: '1000', purpose: 'خرید' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('programCode');
    const zero = await producer.post('/api/v1/loan-applications', { unitId, programCode: 'rounaq', facilityType: 'working_capital', requestedAmount: '0', purpose: 'خرید' });
    expect(zero.statusCode).toBe(422);
    expect(zero.json().errors[0].path).toBe('requestedAmount');
    const noPurpose = await producer.post('/api/v1/loan-applications', { unitId, programCode: 'rounaq', facilityType: 'working_capital', requestedAmount: '1000', purpose: '  ' });
    expect(noPurpose.statusCode).toBe(422);
    expect((await producer.post('/api/v1/loan-applications', { unitId: otherUnitId, programCode: 'rounaq', facilityType: 'other', requestedAmount: '1000', purpose: 'خرید' })).statusCode).toBe(404);
    const noUnit = await unbound.post('/api/v1/loan-applications', { unitId, programCode: 'rounaq', facilityType: 'other', requestedAmount: '1000', purpose: 'خرید' });
    expect(noUnit.statusCode).toBe(403);
    expect(noUnit.json().code).toBe('loan_application.no_unit');
    for (const who of [bank, national, executive]) {
      const res = await who.post('/api/v1/loan-applications', { unitId, programCode: 'rounaq', facilityType: 'other', requestedAmount: '1000', purpose: 'خرید' });
      expect(res.statusCode).toBe(403);
    }
    expect((await bank.get('/api/v1/loan-applications')).statusCode).toBe(403);
    expect((await national.get('/api/v1/loan-applications')).statusCode).toBe(403);
  });

  it('scopes reads: the producer their unit’s, the program’s agency and the one that filed it; others 404', async () => {
    const a = await apply(producer);
    const byAgri = await apply(agri, { programCode: 'rounaq' });
    expect(byAgri).toMatchObject({ agencyId: 'agri', events: [expect.objectContaining({ actorRole: 'agency', onBehalf: true })] });
    for (const [who, sees] of [
      [producer, true],
      [secretariat, true],
      [executive, true],
      [admin, true],
      [smt, true],
      [agri, false],
      [other, false],
      [unbound, false],
    ] as const) {
      expect((await who.get(`/api/v1/loan-applications/${a.id}`)).statusCode).toBe(sees ? 200 : 404);
      const list = (await who.get(`/api/v1/loan-applications?pageSize=500`)).json();
      expect(list.items.some((x: App) => x.id === a.id)).toBe(sees);
    }
    expect((await agri.get(`/api/v1/loan-applications/${byAgri.id}`)).statusCode).toBe(200);
    expect((await other.get(`/api/v1/loan-applications?pageSize=500`)).json().items.every((x: { unitId: string }) => x.unitId === otherUnitId)).toBe(true);
    expect((await producer.get(`/api/v1/loan-applications/${NO_SUCH}`)).statusCode).toBe(404);
    // filters: status, program, the filing day
    const filtered = (await secretariat.get('/api/v1/loan-applications?status=submitted&programCode=rounaq&from=2026-11-29&to=2026-11-29&pageSize=500')).json();
    expect(filtered.items.map((x: App) => x.id)).toEqual(expect.arrayContaining([a.id, byAgri.id]));
    expect((await secretariat.get('/api/v1/loan-applications?from=2026-11-30&pageSize=500')).json().total).toBe(0);
  });

  it('walks the committee: review, return with a note, the producer completes and resubmits, approve; every guard holds', async () => {
    let a: App = await apply(producer);
    // the producer cannot review; another agency cannot see it; an agency that filed it but does not own the program cannot review it
    expect((await move(producer, a, 'under_review')).statusCode).toBe(409);
    expect((await move(agri, a, 'under_review')).statusCode).toBe(404);
    const filed = await apply(agri);
    const notCommittee = await move(agri, filed, 'under_review');
    expect(notCommittee.statusCode).toBe(403);
    expect(notCommittee.json().code).toBe('loan_application.not_committee');
    expect((await move(executive, a, 'under_review')).statusCode).toBe(403);

    a = await step(smt, a, 'under_review');
    expect(a).toMatchObject({ status: 'under_review', version: 2 });
    expect(a.reviewStartedAt).toBeTruthy();
    const noNote = await move(smt, a, 'returned');
    expect(noNote.statusCode).toBe(422);
    expect(noNote.json()).toMatchObject({ code: 'loan_application.note_required', errors: [expect.objectContaining({ path: 'note' })] });
    const stale = await move(smt, { id: a.id, version: 1 }, 'returned', { note: 'صورت‌های مالی را پیوست کنید' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'record.stale', current: { version: 2 } });
    expect((await move(producer, a, 'approved')).statusCode).toBe(409);
    expect((await producer.patch(`/api/v1/loan-applications/${a.id}`, { version: a.version, purpose: 'تغییر' })).statusCode).toBe(409);

    a = await step(smt, a, 'returned', { note: 'صورت‌های مالی حسابرسی‌شده را پیوست کنید' });
    expect(a).toMatchObject({ status: 'returned', returnNote: 'صورت‌های مالی حسابرسی‌شده را پیوست کنید' });
    expect(await notificationKinds(producer, a.id)).toEqual(['loan_application.returned', 'loan_application.under_review']);

    const edited = await producer.patch(`/api/v1/loan-applications/${a.id}`, { version: a.version, requestedAmount: '9000000000', purpose: 'خرید مواد اولیه و یک دستگاه بسته‌بندی' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'returned', requestedAmount: '9000000000', version: a.version + 1, canEdit: true });
    expect(edited.json().events.at(-1)).toMatchObject({ from: 'returned', to: 'returned', changes: { requestedAmount: { from: '8500000000', to: '9000000000' } } });
    expect((await other.patch(`/api/v1/loan-applications/${a.id}`, { version: a.version + 1, purpose: 'دیگری' })).statusCode).toBe(404);
    a = edited.json();

    a = await step(producer, a, 'submitted');
    expect(await notificationKinds(secretariat, a.id)).toEqual(['loan_application.resubmitted', 'loan_application.submitted']);
    a = await step(secretariat, a, 'under_review');
    a = await step(secretariat, a, 'approved');
    expect(a.decidedAt).toBeTruthy();
    expect(await notificationKinds(producer, a.id)).toEqual(['loan_application.approved', 'loan_application.returned', 'loan_application.under_review', 'loan_application.under_review']);
    // no withdrawal after the decision, no step to `referred` except by making the referral
    expect((await move(producer, a, 'withdrawn')).statusCode).toBe(409);
    const direct = await move(secretariat, a, 'referred');
    expect(direct.statusCode).toBe(409);
    expect(direct.json().code).toBe('transition.forbidden');
    const detail = (await secretariat.get(`/api/v1/loan-applications/${a.id}`)).json();
    expect(detail).toMatchObject({ canRefer: true, allowedTransitions: [] });
    expect(detail.events.map((e: { to: string }) => e.to)).toEqual(['submitted', 'under_review', 'returned', 'returned', 'submitted', 'under_review', 'approved']);
  });

  it('rejects only with a reason the producer reads; the producer may withdraw before a decision', async () => {
    let a: App = await apply(producer);
    a = await step(smt, a, 'under_review');
    const bare = await move(smt, a, 'rejected', { reason: { code: 'documents' } });
    expect(bare.statusCode).toBe(422);
    expect(bare.json()).toMatchObject({ code: 'loan_application.reason_required', errors: [expect.objectContaining({ path: 'reason.text' })] });
    const unknown = await move(smt, a, 'rejected', { reason: { code: 'nope', text: 'این واحد پروانهٔ بهره‌برداری ندارد' } });
    expect(unknown.statusCode).toBe(422);
    a = await step(smt, a, 'rejected', { reason: { code: 'not-eligible', text: 'این واحد پروانهٔ بهره‌برداری معتبر ندارد' } });
    const seen = (await producer.get(`/api/v1/loan-applications/${a.id}`)).json();
    expect(seen.reason).toMatchObject({ code: 'not-eligible', name: 'خارج از شمول دستورالعمل', text: 'این واحد پروانهٔ بهره‌برداری معتبر ندارد' });
    expect(await notificationKinds(producer, a.id)).toContain('loan_application.rejected');

    let w: App = await apply(producer);
    w = await step(producer, w, 'withdrawn');
    expect(w.withdrawnAt).toBeTruthy();
    expect((await move(producer, w, 'submitted')).statusCode).toBe(409);
  });

  it('a referral is made only from an approved application of the same unit, and both change in one transaction', async () => {
    let a: App = await apply(producer);
    const body = { unitId, agencyId: 'smt', bankId: 'sanat-madan', programCode: 'rounaq', facilityType: 'working_capital', requestedAmount: '8500000000', referralDate: '2026-11-28', loanApplicationId: a.id };
    const count = async () => (await secretariat.get('/api/v1/referrals?pageSize=1')).json().total as number;
    const before = await count();
    const early = await secretariat.post('/api/v1/referrals', body);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('loan_application.not_approved');
    a = await step(secretariat, a, 'under_review');
    a = await step(secretariat, a, 'approved');
    const wrongUnit = await secretariat.post('/api/v1/referrals', { ...body, unitId: otherUnitId });
    expect(wrongUnit.statusCode).toBe(422);
    expect((await secretariat.post('/api/v1/referrals', { ...body, loanApplicationId: NO_SUCH })).statusCode).toBe(422);
    expect(await count()).toBe(before);
    expect((await secretariat.get(`/api/v1/loan-applications/${a.id}`)).json()).toMatchObject({ status: 'approved', version: a.version });

    const made = await secretariat.post('/api/v1/referrals', body);
    expect(made.statusCode, made.body).toBe(201);
    const referral = made.json();
    expect(referral.loanApplicationId).toBe(a.id);
    expect(await count()).toBe(before + 1);
    const after = (await producer.get(`/api/v1/loan-applications/${a.id}`)).json();
    expect(after).toMatchObject({ status: 'referred', referralId: referral.id, referral: { id: referral.id, code: referral.code, status: 'referred', bankName: expect.any(String) } });
    expect(after.events.at(-1)).toMatchObject({ from: 'approved', to: 'referred', referralId: referral.id });
    expect((await producer.get(`/api/v1/referrals/${referral.id}`)).json().loanApplicationId).toBe(a.id);
    expect((await secretariat.post('/api/v1/referrals', body)).statusCode).toBe(409);

    // the bank takes it to payment; the producer hears of each step, and sees it on the application
    let r = referral;
    for (const [to, extra] of [
      ['received', {}],
      ['under_review', {}],
      ['approved', { approvedAmount: '8000000000' }],
      ['paid', { paidAmount: '8000000000', paidDate: '2026-11-29' }],
    ] as const) {
      const res = await bank.post(`/api/v1/referrals/${r.id}/transitions`, { to, version: r.version, ...extra });
      expect(res.statusCode, res.body).toBe(200);
      r = res.json();
    }
    expect((await producer.get(`/api/v1/loan-applications/${a.id}`)).json().referral).toMatchObject({ status: 'paid', approvedAmount: '8000000000', paidAmount: '8000000000', paidDate: '2026-11-29' });
    expect(await notificationKinds(producer, referral.id)).toEqual(['referral.approved', 'referral.paid', 'referral.received']);
    expect(await notificationKinds(producer, a.id)).toContain('loan_application.referred');

    // every notice to the unit goes out by SMS to its producer's mobile, once, with the tracking code isolated
    const channel = smsNotificationChannel();
    await deliverPending({ db: t.database.db, now: () => t.clock.now, channel, sources: [] });
    await deliverPending({ db: t.database.db, now: () => t.clock.now, channel, sources: [] });
    const sms = await t.database.query<{ text: string; ref_type: string; ref_id: string }>(`select text, ref_type, ref_id from sms_messages where mobile = $1 and ref_id in ($2, $3) order by queued_at, id`, [MOBILE, a.id, referral.id]);
    expect(sms.map((m) => m.ref_type).sort()).toEqual(['loan_application', 'loan_application', 'loan_application', 'referral', 'referral', 'referral']);
    expect(sms.filter((m) => m.ref_id === a.id).every((m) => m.text.includes(`\u2066${a.code}\u2069`))).toBe(true);
    expect(sms.some((m) => m.text.includes(`\u2066${referral.code}\u2069`) && m.text.includes('پرداخت'))).toBe(true);
  });

  it('an agency that owns the program may refer its approved application; another agency may not', async () => {
    let a: App = await apply(producer, { programCode: 'mandated' });
    a = await step(smt, a, 'under_review');
    a = await step(smt, a, 'approved');
    const body = { unitId, bankId: 'melli', programCode: 'mandated', facilityType: 'working_capital', requestedAmount: '1000000000', referralDate: '2026-11-28', loanApplicationId: a.id };
    expect((await agri.post('/api/v1/referrals', body)).statusCode).toBe(422);
    const res = await smt.post('/api/v1/referrals', body);
    expect(res.statusCode, res.body).toBe(201);
    expect((await smt.get(`/api/v1/loan-applications/${a.id}`)).json().status).toBe('referred');
  });

  it('takes PDF, PNG and JPEG documents by their content, at most 5 MB, in the application’s scope', async () => {
    const a = await apply(producer);
    const url = `/api/v1/loan-applications/${a.id}/attachments`;
    const ok = await upload(producer, url, 'صورت مالی.pdf', PDF);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ loanApplicationId: a.id, mime: 'application/pdf', fileName: 'صورت مالی.pdf', size: PDF.length });
    const fake = await upload(producer, url, 'letter.pdf', Buffer.from('just text, not a PDF'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().code).toBe('attachment.unsupported_type');
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)]);
    expect((await upload(producer, url, 'big.pdf', big)).statusCode).toBe(413);
    expect((await upload(other, url, 'x.pdf', PDF)).statusCode).toBe(404);
    expect((await upload(bank, url, 'x.pdf', PDF)).statusCode).toBe(403);
    const detail = (await smt.get(`/api/v1/loan-applications/${a.id}`)).json();
    expect(detail.attachments).toHaveLength(1);
    const file = await smt.get(`${url}/${detail.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect((await other.get(`${url}/${detail.attachments[0].id}`)).statusCode).toBe(404);
  });
});
