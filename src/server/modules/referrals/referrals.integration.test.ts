/** Banks' own systems: bearer tokens, Idempotency-Key, concurrent transitions, and the status sheet. */
import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines, makeClient, type Client } from '../../test/harness.js';
import { collectReminders } from '../notifications/notifications.job.js';
import { referralReminderSource } from './referrals.reminders.js';
import { castOf, csv, FULL_REASON, move, refer, upload, walk, type Cast, type ReferralJson } from './referrals.test-helpers.js';

describeOnEngines('referrals: integration', (t) => {
  let c: Cast;
  let system: Client;
  let otherSystem: Client;
  beforeAll(async () => {
    c = await castOf(t);
    const token = async (bankId: string) => {
      const res = await c.admin.post('/api/v1/tokens', { name: `core-banking-${bankId}`, role: 'bank', bankId });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().token as string;
    };
    // a bank's own system: no cookie, no CSRF header, just the bearer token
    system = makeClient(t.app, undefined, { authorization: `Bearer ${await token('sanat-madan')}` });
    otherSystem = makeClient(t.app, undefined, { authorization: `Bearer ${await token('melli')}` });
  });

  const events = async (id: string) => (await c.secretariat.get(`/api/v1/referrals/${id}`)).json().events as { to: string }[];
  const audits = async (id: string) => (await c.secretariat.get(`/api/v1/audit?entityType=referral&entityId=${id}&pageSize=100`)).json().items as { action: string; actorLabel: string }[];

  it('a token-driven bank system moves a referral to paid through the same endpoints', async () => {
    const r = await refer(c.agency, c.unitId, { requestedAmount: '8000000000' });
    const list = (await system.get('/api/v1/referrals?status=referred&pageSize=500')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(r.id);
    expect(list.items.every((x: { bankId: string }) => x.bankId === 'sanat-madan')).toBe(true);
    const paid = await walk(system, r, [['received'], ['under_review'], ['approved', { approvedAmount: '8000000000' }], ['paid', { paidAmount: '7500000000', paidDate: '2026-11-29' }]]);
    expect(paid).toMatchObject({ status: 'paid', approvedAmount: '8000000000', paidAmount: '7500000000' });
    const detail = (await c.agency.get(`/api/v1/referrals/${r.id}`)).json();
    expect(detail.events.slice(1).every((e: { actorKind: string; actorLabel: string }) => e.actorKind === 'token' && e.actorLabel === 'token:core-banking-sanat-madan')).toBe(true);
    // another bank's system: not found, on read and on act
    expect((await otherSystem.get(`/api/v1/referrals/${r.id}`)).statusCode).toBe(404);
    expect((await move(otherSystem, paid, 'paid')).statusCode).toBe(404);
    // a token is bound to its role: a bank token cannot refer
    expect((await system.post('/api/v1/referrals', { unitId: c.unitId, agencyId: 'smt', bankId: 'sanat-madan', programCode: 'rounaq', facilityType: 'other', requestedAmount: '1', referralDate: '2026-11-25' })).statusCode).toBe(403);
  });

  it('Idempotency-Key: a repeat returns the first answer without acting; another body with the same key → 422', async () => {
    const r = await refer(c.agency, c.unitId);
    const key = { 'idempotency-key': `recv-${r.id}` };
    const first = await move(system, r, 'received', {}, key);
    expect(first.statusCode).toBe(200);
    const again = await move(system, r, 'received', {}, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await events(r.id)).filter((e) => e.to === 'received')).toHaveLength(1);
    expect((await audits(r.id)).filter((a) => a.action === 'referral.received')).toHaveLength(1);

    const other = await move(system, r, 'under_review', {}, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency.mismatch');
    // without the key the same stale request is simply stale
    expect((await move(system, r, 'received')).statusCode).toBe(409);
    // keys belong to their caller: the same key from someone else is a new request
    const cur = (await c.bank.get(`/api/v1/referrals/${r.id}`)).json();
    const mine = await move(c.bank, cur, 'under_review', {}, key);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['idempotent-replayed']).toBeUndefined();

    // a refusal is an answer too: repeated, it is repeated, not re-run
    const refusal = await move(system, mine.json(), 'rejected', {}, { 'idempotency-key': `rej-${r.id}` });
    expect(refusal.statusCode).toBe(422);
    const refusalAgain = await move(system, mine.json(), 'rejected', {}, { 'idempotency-key': `rej-${r.id}` });
    expect(refusalAgain.statusCode).toBe(422);
    expect(refusalAgain.headers['idempotent-replayed']).toBe('true');

    // creating: the same POST twice makes one referral
    const body = { unitId: c.unitId, bankId: 'sanat-madan', programCode: 'rounaq', facilityType: 'fixed_capital', requestedAmount: '1000000000', referralDate: '2026-11-20' };
    const k2 = { 'idempotency-key': 'create-once-1' };
    const a = await c.agency.post('/api/v1/referrals', body, k2);
    const b = await c.agency.post('/api/v1/referrals', body, k2);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect((await c.agency.post('/api/v1/referrals', { ...body, requestedAmount: '2000000000' }, k2)).json().code).toBe('idempotency.mismatch');
    expect((await c.agency.post('/api/v1/referrals', body, { 'idempotency-key': ' ' })).statusCode).toBe(422);
  });

  it('twenty simultaneous transitions of one referral: exactly one succeeds, one event, one audit entry', async () => {
    const r = await refer(c.agency, c.unitId);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => move(i % 2 ? system : c.bank, r, 'received')));
    const codes = results.map((x) => x.statusCode);
    expect(codes.filter((s) => s === 200)).toHaveLength(1);
    expect(codes.filter((s) => s === 409)).toHaveLength(19);
    expect(new Set(results.filter((x) => x.statusCode === 409).map((x) => x.json().code))).toEqual(new Set(['record.stale']));
    expect((await events(r.id)).filter((e) => e.to === 'received')).toHaveLength(1);
    expect((await audits(r.id)).filter((a) => a.action === 'referral.received')).toHaveLength(1);
    const now = (await c.bank.get(`/api/v1/referrals/${r.id}`)).json();
    expect(now).toMatchObject({ status: 'received', version: 2 });

    // the same with If-Match and mixed targets (receive twice, withdraw): still one winner
    const results2 = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 3 === 0
          ? c.agency.post(`/api/v1/referrals/${r.id}/transitions`, { to: 'withdrawn' }, { 'if-match': '"2"' })
          : system.post(`/api/v1/referrals/${r.id}/transitions`, { to: 'under_review' }, { 'if-match': '"2"' }),
      ),
    );
    expect(results2.filter((x) => x.statusCode === 200)).toHaveLength(1);
    expect(results2.filter((x) => x.statusCode === 412)).toHaveLength(19);
    expect((await events(r.id)).length).toBe(3);
  });

  const HEADER = ['کد رهگیری', 'نام واحد', 'وضعیت', 'مبلغ مصوب', 'مبلغ پرداختی', 'تاریخ پرداخت', 'دلیل رد', 'شرح دلیل رد', 'شماره نامه', 'تاریخ نامه'];

  it("a bank's status sheet: dry run, all or nothing, idempotent, each row by the machine's rules", async () => {
    const rs: ReferralJson[] = [];
    for (let i = 0; i < 4; i++) rs.push(await refer(c.agency, c.unitId, { requestedAmount: '5000000000' }));
    const underReview = await walk(c.bank, rs[3]!, [['received'], ['under_review']]);
    const sheet = csv([
      HEADER,
      [rs[0]!.code, 'واحد', 'وصول در بانک', null, null, null, null, null, null, null],
      [rs[1]!.code.replace('R-', 'r-').replace(/-0+/, '-'), 'واحد', 'مصوب', '۴٬۵۰۰٬۰۰۰٬۰۰۰', null, null, null, null, null, null],
      [rs[2]!.code, 'واحد', 'پرداخت شده', '5000000000', '4000000000', '۱۴۰۵/۰۹/۰۷', null, null, null, null],
      [underReview.code, 'واحد', 'رد', null, null, null, 'وثیقه ناکافی یا غیرقابل قبول', FULL_REASON.text, '۷۸/ب', '1405/09/06'],
    ]);
    const url = '/api/v1/referrals/import';
    const dry = await upload(c.bank, `${url}?dryRun=true`, 'status.csv', sheet);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, total: 4, updated: 4, unchanged: 0, errors: [] });
    expect(dry.json().rows.map((x: { steps: string[] }) => x.steps)).toEqual([['received'], ['received', 'under_review', 'approved'], ['received', 'under_review', 'approved', 'paid'], ['rejected']]);
    expect((await c.bank.get(`/api/v1/referrals/${rs[2]!.id}`)).json().status).toBe('referred');

    const real = await upload(c.bank, url, 'status.csv', sheet);
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json()).toMatchObject({ dryRun: false, updated: 4, unchanged: 0 });
    const paid = (await c.agency.get(`/api/v1/referrals/${rs[2]!.id}`)).json();
    expect(paid).toMatchObject({ status: 'paid', approvedAmount: '5000000000', paidAmount: '4000000000', paidDate: '2026-11-28' });
    expect(paid.events.slice(1).every((e: { source: string }) => e.source === 'import')).toBe(true);
    const rejected = (await c.agency.get(`/api/v1/referrals/${underReview.id}`)).json();
    expect(rejected).toMatchObject({ status: 'rejected', reason: { code: 'collateral', letterNo: '۷۸/ب', letterDate: '2026-11-27' } });

    // the same sheet again changes nothing
    const again = await upload(c.bank, url, 'status.csv', sheet);
    expect(again.json()).toMatchObject({ updated: 0, unchanged: 4, errors: [] });
    expect((await c.agency.get(`/api/v1/referrals/${rs[2]!.id}`)).json().version).toBe(paid.version);
  });

  it('one bad row writes nothing; another bank’s code is "not found"; forbidden moves and missing reasons are named by row and column', async () => {
    const mine = await refer(c.agency, c.unitId);
    const theirs = await refer(c.secretariat, c.otherUnitId, { agencyId: 'agri', bankId: 'melli' });
    const paid = await walk(c.bank, await refer(c.agency, c.unitId, { requestedAmount: '1000' }), [['received'], ['under_review'], ['approved', { approvedAmount: '1000' }], ['paid', { paidAmount: '1000', paidDate: '2026-11-29' }]]);
    const underReview = await walk(c.bank, await refer(c.agency, c.unitId), [['received'], ['under_review']]);
    const sheet = csv([
      HEADER,
      [mine.code, null, 'received', null, null, null, null, null, null, null],
      [theirs.code, null, 'received', null, null, null, null, null, null, null],
      [paid.code, null, 'under_review', null, null, null, null, null, null, null],
      [underReview.code, null, 'rejected', null, null, null, 'collateral', 'کوتاه', null, null],
      ['R-1405-999999', null, 'received', null, null, null, null, null, null, null],
      [mine.code, null, 'approved', 'abc', null, null, null, null, null, null],
    ]);
    const res = await upload(c.bank, '/api/v1/referrals/import', 'status.csv', sheet, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('import.invalid_rows');
    const byRow = (row: number) => body.errors.filter((e: { row: number }) => e.row === row).map((e: { column: string }) => e.column);
    expect(byRow(3)).toEqual(['کد رهگیری']);
    expect(body.errors.find((e: { row: number }) => e.row === 3).message).toMatch(/No referral with tracking code/);
    expect(byRow(4)).toEqual(['وضعیت']);
    expect(byRow(5).sort()).toEqual(['تاریخ نامه', 'شرح دلیل رد', 'شماره نامه'].sort());
    expect(byRow(6)).toEqual(['کد رهگیری']);
    expect(byRow(7).sort()).toEqual(['کد رهگیری', 'مبلغ مصوب'].sort());
    // nothing written, not even the good first row
    expect((await c.bank.get(`/api/v1/referrals/${mine.id}`)).json()).toMatchObject({ status: 'referred', version: 1 });
    expect((await c.otherBank.get(`/api/v1/referrals/${theirs.id}`)).json().status).toBe('referred');

    // not a spreadsheet; a sheet without the status column
    expect((await upload(c.bank, '/api/v1/referrals/import', 'x.pdf', Buffer.from('%PDF-1.4'))).statusCode).toBe(415);
    const noStatus = await upload(c.bank, '/api/v1/referrals/import', 'x.csv', csv([['کد رهگیری'], [mine.code]]));
    expect(noStatus.statusCode).toBe(422);
    expect(noStatus.json().errors[0]).toMatchObject({ row: 1, field: 'status' });
    // who may upload
    expect((await upload(c.agency, '/api/v1/referrals/import', 's.csv', sheet)).statusCode).toBe(403);
    expect((await upload(c.producer, '/api/v1/referrals/import', 's.csv', sheet)).statusCode).toBe(403);
  });

  it('a status sheet sent by a bank system with an Idempotency-Key is applied once', async () => {
    const r = await refer(c.agency, c.unitId);
    const sheet = csv([['code', 'status'], [r.code, 'received']]);
    const headers = { 'idempotency-key': `sheet-${r.id}` };
    const first = await upload(system, '/api/v1/referrals/import', 's.csv', sheet, headers);
    expect(first.statusCode, first.body).toBe(200);
    const second = await upload(system, '/api/v1/referrals/import', 's.csv', sheet, headers);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const changed = csv([['code', 'status'], [r.code, 'under_review']]);
    expect((await upload(system, '/api/v1/referrals/import', 's.csv', changed, headers)).json().code).toBe('idempotency.mismatch');
  });

  it('overdue referrals are reminded to the bank, the referring agency and the secretariat, once', async () => {
    const late = await refer(c.agency, c.unitId, { referralDate: '2026-11-10', programCode: 'ndf' });
    const deps = { db: t.database.db, now: () => t.clock.now, sources: [referralReminderSource], channel: { name: 'test', deliver: async () => {} } };
    const first = await collectReminders(deps);
    expect(first.collected).toBe(true);
    expect(first.created).toBeGreaterThanOrEqual(3);
    expect((await collectReminders(deps)).created).toBe(0);
    for (const who of [c.bank, c.agency, c.secretariat]) {
      const mine = (await who.get('/api/v1/notifications?pageSize=500')).json().items as { kind: string; refId: string; title: string }[];
      const about = mine.filter((n) => n.refId === late.id);
      expect(about, 'one reminder each').toHaveLength(1);
      expect(about[0]).toMatchObject({ kind: 'referral.receipt_overdue' });
      expect(about[0]!.title).toContain(late.code);
    }
    // another bank and another agency hear nothing of it
    for (const who of [c.otherBank, c.otherAgency]) {
      const theirs = (await who.get('/api/v1/notifications?pageSize=500')).json().items as { refId: string }[];
      expect(theirs.some((n) => n.refId === late.id)).toBe(false);
    }
  });
});
