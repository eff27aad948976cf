import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { castOf, refer, walk, type Cast } from '../referrals/referrals.test-helpers.js';

describeOnEngines('quotas and bank reports', (t) => {
  let c: Cast;
  beforeAll(async () => {
    c = await castOf(t);
  });

  it('the secretariat enters quotas per year × program × bank (× agency); duplicates 409; versioned edits; others may not write', async () => {
    const province = await c.secretariat.post('/api/v1/quotas', { fiscalYear: 1404, programCode: 'mandated', amount: '۵۰۰٬۰۰۰٬۰۰۰٬۰۰۰' });
    expect(province.statusCode, province.body).toBe(201);
    expect(province.json()).toMatchObject({ fiscalYear: 1404, programCode: 'mandated', bankId: null, agencyId: null, amount: '500000000000', version: 1 });
    const bank = await c.secretariat.post('/api/v1/quotas', { fiscalYear: 1404, programCode: 'mandated', bankId: 'sanat-madan', amount: '200000000000' });
    expect(bank.statusCode).toBe(201);
    const agency = await c.secretariat.post('/api/v1/quotas', { fiscalYear: 1404, programCode: 'mandated', agencyId: 'agri', amount: '100000000000', note: 'سهم کشاورزی' });
    expect(agency.statusCode).toBe(201);
    const dup = await c.secretariat.post('/api/v1/quotas', { fiscalYear: 1404, programCode: 'mandated', amount: '1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'record.duplicate', existing: { id: province.json().id } });
    expect((await c.secretariat.post('/api/v1/quotas', { fiscalYear: 1404, programCode: 'nope', amount: '1' })).statusCode).toBe(422);
    expect((await c.secretariat.post('/api/v1/quotas', { fiscalYear: 1404, programCode: 'mandated', amount: '-5' })).statusCode).toBe(422);
    for (const who of [c.bank, c.agency, c.executive, c.producer, c.national])
      expect((await who.post('/api/v1/quotas', { fiscalYear: 1404, programCode: 'other', amount: '1' })).statusCode).toBe(403);

    const q = bank.json();
    const edited = await c.secretariat.patch(`/api/v1/quotas/${q.id}`, { version: 1, amount: '250000000000' });
    expect(edited.json()).toMatchObject({ amount: '250000000000', version: 2 });
    expect((await c.secretariat.patch(`/api/v1/quotas/${q.id}`, { version: 1, amount: '1' })).statusCode).toBe(409);
    expect((await c.secretariat.patch(`/api/v1/quotas/${q.id}`, { amount: '1' }, { 'if-match': '"1"' })).statusCode).toBe(412);
    expect((await c.bank.patch(`/api/v1/quotas/${q.id}`, { version: 2, amount: '1' })).statusCode).toBe(403);
    const audit = (await c.secretariat.get(`/api/v1/audit?entityType=quota&entityId=${q.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['quota.update', 'quota.create']);
  });

  it('everyone in the province reads quotas, a bank only its own rows; absorption by referral and direct payment are kept apart', async () => {
    const quota = (await c.secretariat.post('/api/v1/quotas', { fiscalYear: 1405, programCode: 'other', bankId: 'sanat-madan', amount: '10000000000' })).json();
    await c.secretariat.post('/api/v1/quotas', { fiscalYear: 1405, programCode: 'other', bankId: 'melli', amount: '10000000000' });
    // the demo's own referral payments are in the figures too: compare against them
    const before = (await c.bank.get('/api/v1/quotas?fiscalYear=1405&programCode=other')).json().items[0];
    const melliBefore = (await c.agency.get('/api/v1/quotas?fiscalYear=1405&programCode=other&bankId=melli')).json().items[0];
    const plus = (a: string, b: bigint) => (BigInt(a) + b).toString();
    const r = await refer(c.agency, c.unitId, { programCode: 'other', requestedAmount: '4000000000' });
    await walk(c.bank, r, [['received'], ['under_review'], ['approved', { approvedAmount: '4000000000' }], ['paid', { paidAmount: '3000000000', paidDate: '2026-11-29' }]]);
    const report = await c.bank.post('/api/v1/bank-reports', { fiscalYear: 1405, month: 8, programCode: 'other', directCount: 2, directAmount: '1500000000' });
    expect(report.statusCode, report.body).toBe(201);

    const bankView = (await c.bank.get('/api/v1/quotas?fiscalYear=1405&programCode=other')).json();
    expect(bankView.items.map((x: { bankId: string }) => x.bankId)).toEqual(['sanat-madan']);
    expect(bankView.items[0]).toMatchObject({
      id: quota.id,
      amount: '10000000000',
      paidViaReferral: plus(before.paidViaReferral, 3_000_000_000n),
      approvedViaReferral: plus(before.approvedViaReferral, 4_000_000_000n),
      paidDirect: plus(before.paidDirect, 1_500_000_000n),
    });
    expect(bankView.items[0].usedRate).toBeCloseTo(Number(bankView.items[0].paidViaReferral) / 1e10, 12);
    const all = (await c.agency.get('/api/v1/quotas?fiscalYear=1405&programCode=other')).json();
    expect(all.items.map((x: { bankId: string }) => x.bankId).sort()).toEqual(['melli', 'sanat-madan']);
    // another bank's quota does not move with this bank's payments
    expect(all.items.find((x: { bankId: string }) => x.bankId === 'melli')).toMatchObject({ paidViaReferral: melliBefore.paidViaReferral, paidDirect: melliBefore.paidDirect });
    expect((await c.producer.get('/api/v1/quotas?fiscalYear=1405')).statusCode).toBe(200);
    expect((await c.national.get('/api/v1/quotas')).statusCode).toBe(403);
    expect((await c.otherBank.get('/api/v1/quotas?fiscalYear=1405&programCode=other')).json().items.map((x: { bankId: string }) => x.bankId)).toEqual(['melli']);
  });

  it('a bank reports its own direct loans; the secretariat any bank’s; another bank 404; no future months; duplicates 409', async () => {
    const own = await c.bank.post('/api/v1/bank-reports', { fiscalYear: 1405, month: 7, programCode: 'ndf', directCount: 3, directAmount: '۲٬۰۰۰٬۰۰۰٬۰۰۰' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ bankId: 'sanat-madan', month: 7, directCount: 3, directAmount: '2000000000', version: 1 });
    const forOther = await c.bank.post('/api/v1/bank-reports', { bankId: 'melli', fiscalYear: 1405, month: 7, programCode: 'ndf', directCount: 1, directAmount: '1' });
    expect(forOther.statusCode).toBe(422);
    expect(forOther.json().errors[0].path).toBe('bankId');
    const future = await c.bank.post('/api/v1/bank-reports', { fiscalYear: 1405, month: 11, programCode: 'ndf', directCount: 1, directAmount: '1' });
    expect(future.statusCode).toBe(422);
    expect((await c.bank.post('/api/v1/bank-reports', { fiscalYear: 1405, month: 13, programCode: 'ndf', directCount: 1, directAmount: '1' })).statusCode).toBe(422);
    const dup = await c.bank.post('/api/v1/bank-reports', { fiscalYear: 1405, month: 7, programCode: 'ndf', directCount: 1, directAmount: '1' });
    expect(dup.statusCode).toBe(409);
    const bySecretariat = await c.secretariat.post('/api/v1/bank-reports', { bankId: 'melli', fiscalYear: 1405, month: 7, programCode: 'ndf', directCount: 5, directAmount: '9000000000' });
    expect(bySecretariat.statusCode).toBe(201);
    expect((await c.secretariat.post('/api/v1/bank-reports', { fiscalYear: 1405, month: 6, programCode: 'ndf', directCount: 5, directAmount: '1' })).statusCode).toBe(422);
    for (const who of [c.agency, c.producer, c.executive, c.national])
      expect((await who.post('/api/v1/bank-reports', { fiscalYear: 1405, month: 5, programCode: 'ndf', directCount: 1, directAmount: '1' })).statusCode).toBe(403);

    const id = own.json().id;
    expect((await c.otherBank.patch(`/api/v1/bank-reports/${id}`, { version: 1, directCount: 9 })).statusCode).toBe(404);
    const fixed = await c.bank.patch(`/api/v1/bank-reports/${id}`, { version: 1, directCount: 4, directAmount: '2500000000' });
    expect(fixed.json()).toMatchObject({ directCount: 4, directAmount: '2500000000', version: 2 });
    expect((await c.bank.patch(`/api/v1/bank-reports/${id}`, { version: 1, directCount: 5 })).statusCode).toBe(409);
    expect((await c.secretariat.patch(`/api/v1/bank-reports/${id}`, { version: 2, note: 'اصلاح بر اساس نامهٔ شعبه' })).statusCode).toBe(200);

    const bankList = (await c.bank.get('/api/v1/bank-reports?fiscalYear=1405&pageSize=500')).json();
    expect(bankList.items.length).toBeGreaterThan(0);
    expect(bankList.items.every((x: { bankId: string }) => x.bankId === 'sanat-madan')).toBe(true);
    const all = (await c.executive.get('/api/v1/bank-reports?fiscalYear=1405&month=7&programCode=ndf')).json();
    expect(all.items.map((x: { bankId: string }) => x.bankId).sort()).toEqual(expect.arrayContaining(['melli', 'sanat-madan']));
    expect((await c.agency.get('/api/v1/bank-reports')).statusCode).toBe(403);
    expect((await c.producer.get('/api/v1/bank-reports')).statusCode).toBe(403);
  });
});
