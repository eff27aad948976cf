/** Producers on their own (issue 11): one-time codes, registration with a claim, the secretariat's review, sign-in by code. */
import { expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { describeOnEngines, makeClient, type Client } from '../../test/harness.js';
import { otpCodes, unitClaims, users } from '../../db/schema.js';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_PASSWORD } from '../../seed/demo-accounts.js';
import { makeLegalId } from '../../../shared/ids.js';
import { otpRowsOf } from './producers.repo.js';

/** A valid personal national code from nine digits. */
function nationalCode(nine: string): string {
  const sum = Array.from(nine, Number).reduce((s, d, i) => s + d * (10 - i), 0);
  const r = sum % 11;
  return nine + String(r < 2 ? r : 11 - r);
}

let mobileSeq = 100;
const newMobile = () => `0935${String(1_000_000 + mobileSeq++).slice(1)}00`.slice(0, 11);
let ipSeq = 1;
const newIp = () => `10.77.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;

describeOnEngines('producers: codes, registration and claims', (t) => {
  const post = (url: string, body: unknown, ip = '10.1.1.1') =>
    t.app.inject({ method: 'POST', url, headers: { 'x-requested-with': 'tashil' }, remoteAddress: ip, payload: body as object });
  const tick = (seconds: number) => {
    t.clock.now = new Date(t.clock.now.getTime() + seconds * 1000);
  };

  // the clock moves by days in these tests, so sessions are made afresh where they are used
  let admin: Client;
  let secretariat: Client;
  async function lastCode(mobile: string): Promise<string> {
    admin = await t.as('admin');
    const res = await admin.get(`/api/v1/sms/outbox?mobile=${mobile}&kind=otp.register`);
    const login = await admin.get(`/api/v1/sms/outbox?mobile=${mobile}&kind=otp.login`);
    const items = [...res.json().items, ...login.json().items].sort((a, b) => (a.queuedAt < b.queuedAt ? 1 : -1));
    const m = /(\d{6})/.exec(items[0]?.text ?? '');
    if (!m) throw new Error(`no code for ${mobile}`);
    return m[1]!;
  }
  async function registryUnit(index = 3) {
    secretariat = await t.as('secretariat');
    return secretariat.get('/api/v1/units?pageSize=10&sort=name').then((r) => r.json().items[index] as { id: string; nationalId: string; name: string; version: number });
  }
  async function registerWith(body: Record<string, unknown>, ip = newIp()) {
    const mobile = (body.mobile as string | undefined) ?? newMobile();
    expect((await post('/api/v1/public/otp', { mobile, purpose: 'register' }, ip)).statusCode).toBe(202);
    const code = await lastCode(mobile);
    const res = await post('/api/v1/public/registrations', { mobile, code, fullName: 'رضا کریمی', nationalCode: nationalCode('001354241'), ...body }, ip);
    const cookie = ([res.headers['set-cookie']].flat()[0] ?? '').split(';')[0];
    return { res, mobile, client: makeClient(t.app, cookie) };
  }

  it('sends a 6-digit code, stores only its hash, and answers the same for known and unknown mobiles', async () => {
    const mobile = newMobile();
    const res = await post('/api/v1/public/otp', { mobile: `+98${mobile.slice(1)}`.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!), purpose: 'register' }, newIp());
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    const code = await lastCode(mobile);
    expect(code).toMatch(/^\d{6}$/);
    const rows = await otpRowsOf(t.database.db, mobile);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.mobile).toBe(mobile);
    expect(rows[0]!.codeHash).not.toContain(code);
    expect(rows[0]!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(code);

    // login for an unknown mobile: the same answer, no SMS
    const unknown = newMobile();
    const u = await post('/api/v1/public/otp', { mobile: unknown, purpose: 'login' }, newIp());
    expect(u.statusCode).toBe(202);
    expect(u.json()).toEqual(res.json());
    admin = await t.as('admin');
    expect((await admin.get(`/api/v1/sms/outbox?mobile=${unknown}`)).json().items).toHaveLength(0);
    // an administrator outside demo mode would see the digits hidden: the outbox text masks codes (sms module)
  });

  it('allows one code a minute and five a day per mobile, thirty an hour per address: 429 with Retry-After', async () => {
    const mobile = newMobile();
    const ip = newIp();
    expect((await post('/api/v1/public/otp', { mobile, purpose: 'register' }, ip)).statusCode).toBe(202);
    const again = await post('/api/v1/public/otp', { mobile, purpose: 'login' }, ip);
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('otp.rate_limited');
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(60);
    for (let i = 0; i < 4; i++) {
      tick(61);
      expect((await post('/api/v1/public/otp', { mobile, purpose: 'register' }, ip)).statusCode).toBe(202);
    }
    tick(61);
    const sixth = await post('/api/v1/public/otp', { mobile, purpose: 'register' }, ip);
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(3600);
    tick(86_400);
    expect((await post('/api/v1/public/otp', { mobile, purpose: 'register' }, ip)).statusCode).toBe(202);

    const busy = newIp();
    for (let i = 0; i < 30; i++) expect((await post('/api/v1/public/otp', { mobile: newMobile(), purpose: 'login' }, busy)).statusCode).toBe(202);
    const thirtyFirst = await post('/api/v1/public/otp', { mobile: newMobile(), purpose: 'login' }, busy);
    expect(thirtyFirst.statusCode).toBe(429);
    expect(Number(thirtyFirst.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(thirtyFirst.headers['retry-after'])).toBeLessThanOrEqual(3600);
    // another address is not held back
    expect((await post('/api/v1/public/otp', { mobile: newMobile(), purpose: 'login' }, newIp())).statusCode).toBe(202);
  });

  it('keeps the CSRF header rule on public paths', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/otp', payload: { mobile: newMobile(), purpose: 'register' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.csrf');
  });

  it('refuses a code after 5 minutes, and after three wrong tries', async () => {
    const unit = await registryUnit(4);
    const mobile = newMobile();
    const ip = newIp();
    await post('/api/v1/public/otp', { mobile, purpose: 'register' }, ip);
    const code = await lastCode(mobile);
    tick(301);
    const late = await post('/api/v1/public/registrations', { mobile, code, fullName: 'رضا کریمی', nationalCode: nationalCode('001354241'), unitNationalId: unit.nationalId }, ip);
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('otp.invalid');
    expect(late.json().errors[0].path).toBe('code');

    await post('/api/v1/public/otp', { mobile, purpose: 'register' }, ip);
    const fresh = await lastCode(mobile);
    const wrong = fresh === '000000' ? '000001' : '000000';
    for (let i = 0; i < 3; i++) {
      const r = await post('/api/v1/public/registrations', { mobile, code: wrong, fullName: 'رضا کریمی', nationalCode: nationalCode('001354241'), unitNationalId: unit.nationalId }, ip);
      expect(r.statusCode).toBe(422);
    }
    const right = await post('/api/v1/public/registrations', { mobile, code: fresh, fullName: 'رضا کریمی', nationalCode: nationalCode('001354241'), unitNationalId: unit.nationalId }, ip);
    expect(right.statusCode).toBe(422);
    expect(right.json().code).toBe('otp.invalid');
    const [n] = await t.database.db.select({ n: count() }).from(users).where(eq(users.mobile, mobile));
    expect(n!.n).toBe(0);
  });

  it('refuses a malformed mobile, national code or legal id with 422 naming the field, and writes nothing', async () => {
    const [before] = await t.database.db.select({ n: count() }).from(unitClaims);
    const [otpBefore] = await t.database.db.select({ n: count() }).from(otpCodes);
    const badMobile = await post('/api/v1/public/otp', { mobile: '0912123', purpose: 'register' }, newIp());
    expect(badMobile.statusCode).toBe(422);
    expect(badMobile.json().errors[0]).toMatchObject({ path: 'mobile', message: 'شمارهٔ همراه معتبر نیست (مانند ۰۹۱۲۱۲۳۴۵۶۷)' });

    const base = { mobile: newMobile(), code: '123456', fullName: 'رضا کریمی', nationalCode: nationalCode('001354241'), unitNationalId: makeLegalId('1410012341') };
    const badCode = await post('/api/v1/public/registrations', { ...base, nationalCode: '0013542418' === base.nationalCode ? '0013542417' : '0013542418' }, newIp());
    expect(badCode.statusCode).toBe(422);
    expect(badCode.json().errors.map((e: { path: string }) => e.path)).toEqual(['nationalCode']);
    expect(badCode.json().errors[0].message).toBe('کد ملی معتبر نیست');

    const legal = makeLegalId('1410012341');
    const badLegal = await post('/api/v1/public/registrations', { ...base, unitNationalId: legal.slice(0, 10) + String((Number(legal[10]) + 1) % 10) }, newIp());
    expect(badLegal.statusCode).toBe(422);
    expect(badLegal.json().errors.map((e: { path: string }) => e.path)).toEqual(['unitNationalId']);
    expect(badLegal.json().errors[0].message).toContain('شناسهٔ ملی');

    const badMobileReg = await post('/api/v1/public/registrations', { ...base, mobile: '08121234567' }, newIp());
    expect(badMobileReg.json().errors.map((e: { path: string }) => e.path)).toEqual(['mobile']);

    const [after] = await t.database.db.select({ n: count() }).from(unitClaims);
    const [otpAfter] = await t.database.db.select({ n: count() }).from(otpCodes);
    expect(after!.n).toBe(before!.n);
    expect(otpAfter!.n).toBe(otpBefore!.n);
  });

  it('registers with a registry unit: a pending claim, and nothing of any unit until the secretariat approves', async () => {
    const unit = await registryUnit(5);
    const { res, mobile, client } = await registerWith({ unitNationalId: unit.nationalId });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ role: 'producer', unitId: null, provinceId: 'qom', username: mobile });
    expect(res.json().claim).toMatchObject({ unitId: unit.id, status: 'pending', unitName: unit.name });

    // before approval: nothing
    expect((await client.get('/api/v1/units')).json()).toMatchObject({ items: [], total: 0 });
    expect((await client.get('/api/v1/demands')).json()).toMatchObject({ items: [], total: 0 });
    expect((await client.get('/api/v1/referrals')).json()).toMatchObject({ items: [], total: 0 });
    expect((await client.get('/api/v1/visits')).json()).toMatchObject({ items: [], total: 0 });
    expect((await client.get(`/api/v1/units/${unit.id}`)).statusCode).toBe(404);
    expect((await client.get(`/api/v1/units/${unit.id}/timeline`)).statusCode).toBe(404);
    expect((await client.get('/api/v1/referrals/summary')).statusCode).not.toBe(500);
    // their own claim, and only it: pending
    const own = await client.get('/api/v1/unit-claims');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ total: 1, items: [{ id: res.json().claim.id, status: 'pending', unitName: unit.name }] });
    expect((await client.post('/api/v1/demands', { unitId: unit.id, title: 'مطالبه', description: 'شرح مطالبه', categoryCode: 'financing' })).statusCode).not.toBe(201);

    // the secretariat sees the claim and approves it
    const list = await secretariat.get('/api/v1/unit-claims?status=pending');
    const claim = list.json().items.find((c: { userMobile: string }) => c.userMobile === mobile);
    expect(claim).toMatchObject({ status: 'pending', unitId: unit.id, userFullName: 'رضا کریمی' });
    const ok = await secretariat.post(`/api/v1/unit-claims/${claim.id}/transitions`, { to: 'approved', version: claim.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', version: 2 });
    expect((await secretariat.post(`/api/v1/unit-claims/${claim.id}/transitions`, { to: 'rejected', version: 2, note: 'دیر' })).statusCode).toBe(409);

    expect((await client.get(`/api/v1/units/${unit.id}`)).statusCode).toBe(200);
    expect((await client.get('/api/v1/units')).json().items.map((u: { id: string }) => u.id)).toEqual([unit.id]);
    const me = await client.get('/api/v1/auth/me');
    expect(me.json().unitId).toBe(unit.id);

    // the SMS outbox and the producer's notifications hold the decision
    const sms = (await admin.get(`/api/v1/sms/outbox?mobile=${mobile}`)).json().items.map((m: { kind: string }) => m.kind);
    expect(sms).toEqual(expect.arrayContaining(['otp.register', 'unit_claim.created', 'unit_claim.approved']));
    const notes = (await client.get('/api/v1/notifications')).json().items.map((n: { kind: string }) => n.kind);
    expect(notes).toEqual(expect.arrayContaining(['unit_claim.created', 'unit_claim.approved']));
    const audit = (await admin.get(`/api/v1/audit?entityType=unit_claim&entityId=${claim.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['unit_claim.create', 'unit_claim.approved']));

    // and signs in later by mobile and code
    tick(61);
    expect((await post('/api/v1/public/otp', { mobile, purpose: 'login' }, newIp())).statusCode).toBe(202);
    const code = await lastCode(mobile);
    const wrong = await post('/api/v1/auth/otp-login', { mobile, code: code === '999999' ? '999998' : '999999' }, newIp());
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.otp_invalid');
    const login = await post('/api/v1/auth/otp-login', { mobile: `98${mobile.slice(1)}`, code }, newIp());
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ role: 'producer', unitId: unit.id });
    expect([login.headers['set-cookie']].flat()[0]).toContain('tashil_session=');
    // the code is spent
    expect((await post('/api/v1/auth/otp-login', { mobile, code }, newIp())).statusCode).toBe(401);
  });

  it('registers with a new unit: a claim on a proposed unit, made in its county’s province on approval', async () => {
    secretariat = await t.as('secretariat');
    const nationalId = makeLegalId('1410000777');
    const newUnit = { name: 'کارگاه نان سنتی البرز', nationalId, sectorCode: '10', countyId: (await secretariat.get('/api/v1/counties')).json().items?.[0]?.id ?? (await secretariat.get('/api/v1/counties')).json()[0].id, employees: 7, capacityUtilization: 40, status: 'active' };
    const { res, mobile, client } = await registerWith({ newUnit });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().claim).toMatchObject({ unitId: null, status: 'pending', unitName: 'کارگاه نان سنتی البرز', unitNationalId: nationalId, provinceId: 'qom' });
    const claimId = res.json().claim.id;

    // rejection needs a note
    const noNote = await secretariat.post(`/api/v1/unit-claims/${claimId}/transitions`, { to: 'rejected', version: 1 });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.json().code).toBe('claim.note_required');

    // another province's secretariat does not see it
    await t.database.db.insert(users).values({ username: 'secretariat.tehran', fullName: 'دبیرخانهٔ تهران', role: 'secretariat', provinceId: 'tehran', passwordHash: await hashPassword(DEMO_PASSWORD) });
    const tehran = await t.as('secretariat.tehran');
    expect((await tehran.post(`/api/v1/unit-claims/${claimId}/transitions`, { to: 'approved', version: 1 })).statusCode).toBe(404);
    expect((await tehran.get('/api/v1/unit-claims')).json().items.find((c: { id: string }) => c.id === claimId)).toBeUndefined();

    // other roles: 403; another producer reads their own claims only (the demo producer has none), and decides none
    for (const who of ['agency.smt', 'bank.sanat-madan', 'executive', 'producer.demo']) {
      const c = await t.as(who);
      if (who === 'producer.demo') expect((await c.get('/api/v1/unit-claims')).json().items.find((x: { id: string }) => x.id === claimId), who).toBeUndefined();
      else expect((await c.get('/api/v1/unit-claims')).statusCode, who).toBe(403);
      expect((await c.post(`/api/v1/unit-claims/${claimId}/transitions`, { to: 'approved', version: 1 })).statusCode, who).toBe(403);
    }
    // the producer reads their claim, still pending
    expect((await client.get('/api/v1/unit-claims')).json().items.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[claimId, 'pending']]);

    const ok = await secretariat.post(`/api/v1/unit-claims/${claimId}/transitions`, { to: 'approved', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    const unitId = ok.json().unitId as string;
    expect(unitId).toBeTruthy();
    const unit = await client.get(`/api/v1/units/${unitId}`);
    expect(unit.statusCode).toBe(200);
    expect(unit.json()).toMatchObject({ nationalId, name: 'کارگاه نان سنتی البرز', provinceId: 'qom' });
    expect((await admin.get(`/api/v1/sms/outbox?mobile=${mobile}&kind=unit_claim.approved`)).json().items).toHaveLength(1);
  });

  it('rejects a claim with a note the producer reads by SMS and in notifications; the producer still sees nothing', async () => {
    const unit = await registryUnit(6);
    const { res, mobile, client } = await registerWith({ unitNationalId: unit.nationalId });
    const claim = res.json().claim;
    const no = await secretariat.post(`/api/v1/unit-claims/${claim.id}/transitions`, { to: 'rejected', version: claim.version, note: 'مدارک مدیریت واحد ارائه نشده است' });
    expect(no.statusCode).toBe(200);
    expect(no.json()).toMatchObject({ status: 'rejected', note: 'مدارک مدیریت واحد ارائه نشده است', unitId: unit.id });
    const sms = (await admin.get(`/api/v1/sms/outbox?mobile=${mobile}&kind=unit_claim.rejected`)).json().items;
    expect(sms).toHaveLength(1);
    expect(sms[0].text).toContain('مدارک مدیریت واحد ارائه نشده است');
    const notes = (await client.get('/api/v1/notifications')).json().items;
    expect(notes.find((n: { kind: string }) => n.kind === 'unit_claim.rejected').body).toContain('مدارک مدیریت واحد ارائه نشده است');
    expect((await client.get(`/api/v1/units/${unit.id}`)).statusCode).toBe(404);
    expect((await client.get('/api/v1/units')).json().total).toBe(0);
    // and reads the decision on their claims page
    expect((await client.get('/api/v1/unit-claims')).json().items).toEqual([expect.objectContaining({ id: claim.id, status: 'rejected', note: 'مدارک مدیریت واحد ارائه نشده است' })]);
  });

  it('refuses a second registration of the same mobile, only after the code is proven', async () => {
    const unit = await registryUnit(7);
    const { mobile } = await registerWith({ unitNationalId: unit.nationalId });
    tick(61);
    // without the right code: the same answer as for an unknown mobile
    const guess = await post('/api/v1/public/registrations', { mobile, code: '123456', fullName: 'رضا کریمی', nationalCode: nationalCode('001354241'), unitNationalId: unit.nationalId }, newIp());
    expect(guess.statusCode).toBe(422);
    expect(guess.json().code).toBe('otp.invalid');
    const again = await registerWith({ mobile, unitNationalId: unit.nationalId });
    expect(again.res.statusCode).toBe(409);
    expect(again.res.json().code).toBe('producer.already_registered');
  });

  it('gives a newcomer the registry’s lists to describe a new unit with, without a session', async () => {
    const res = await t.anonymous.get('/api/v1/public/unit-choices');
    expect(res.statusCode).toBe(200);
    const lists = res.json();
    // the provinces that have counties: Qom and the demo's smaller provinces, nothing else
    const provinces = lists.provinces.map((p: { id: string }) => p.id) as string[];
    expect(provinces).toContain('qom');
    expect(new Set(provinces)).toEqual(new Set(lists.counties.map((c: { provinceId: string }) => c.provinceId)));
    expect(lists.counties.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['qom', 'kahak', 'jafarabad']));
    expect(lists.counties.every((c: { provinceId: string; name: string }) => provinces.includes(c.provinceId) && c.name)).toBe(true);
    expect(lists.estates.every((e: { countyId: string }) => e.countyId)).toBe(true);
    expect(lists.sectors.find((x: { code: string }) => x.code === '10')).toMatchObject({ id: '10', code: '10', name: expect.any(String), nameEn: expect.any(String) });
  });

  it('throttles sign-in by code like the password login', async () => {
    const mobile = newMobile();
    const ip = newIp();
    let last = 0;
    for (let i = 0; i < 7; i++) {
      last = (await post('/api/v1/auth/otp-login', { mobile, code: '000000' }, ip)).statusCode;
      if (last === 429) break;
    }
    expect(last).toBe(429);
  });
});
