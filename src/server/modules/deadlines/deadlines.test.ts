/** The province's referral deadlines: who may read and set them, what is refused, and the clocks that follow. */
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { users } from '../../db/schema.js';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_PASSWORD } from '../../seed/demo-accounts.js';

describeOnEngines('referrals: the province deadlines', (t) => {
  const overdue = async () => (await (await t.as('secretariat')).get('/api/v1/referrals?overdue=true&pageSize=1')).json().total as number;

  it('shows the defaults until the province sets its own, to the banks and agencies too', async () => {
    const bank = await t.as('bank.sanat-madan');
    const res = await bank.get('/api/v1/referrals/deadlines');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ provinceId: 'qom', receiptDays: 5, decisionDays: 30, custom: false });
    expect((await (await t.as('agency.smt')).get('/api/v1/referrals/deadlines')).statusCode).toBe(200);
    expect((await (await t.as('producer.demo')).get('/api/v1/referrals/deadlines')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/referrals/deadlines')).statusCode).toBe(401);
  });

  it('lets only the secretariat or an administrator change them', async () => {
    for (const who of ['bank.sanat-madan', 'agency.smt', 'executive']) {
      const res = await (await t.as(who)).request('PUT', '/api/v1/referrals/deadlines', { receiptDays: 1, decisionDays: 1 });
      expect(res.statusCode, who).toBe(403);
    }
    const admin = await t.as('admin');
    const own = await admin.request('PUT', '/api/v1/referrals/deadlines', { receiptDays: 5, decisionDays: 30 });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toEqual({ provinceId: 'qom', receiptDays: 5, decisionDays: 30, custom: true });
    // an administrator without a province of their own names one
    await t.database.db.insert(users).values({ username: 'root.admin', fullName: 'مدیر کل', role: 'admin', provinceId: null, passwordHash: await hashPassword(DEMO_PASSWORD) });
    const root = await t.as('root.admin');
    const unnamed = await root.request('PUT', '/api/v1/referrals/deadlines', { receiptDays: 5, decisionDays: 30 });
    expect(unnamed.statusCode).toBe(422);
    expect(unnamed.json().errors[0]).toMatchObject({ path: 'provinceId', message: 'استان را مشخص کنید' });
    expect((await root.get('/api/v1/referrals/deadlines?provinceId=qom')).json()).toMatchObject({ receiptDays: 5, custom: true });
  });

  it('keeps each province to its own: another province’s secretariat changes only theirs', async () => {
    await t.database.db.insert(users).values({ username: 'secretariat.tehran', fullName: 'دبیرخانهٔ تهران', role: 'secretariat', provinceId: 'tehran', passwordHash: await hashPassword(DEMO_PASSWORD) });
    const tehran = await t.as('secretariat.tehran');
    const res = await tehran.request('PUT', '/api/v1/referrals/deadlines', { receiptDays: 2, decisionDays: 9 });
    expect(res.json()).toMatchObject({ provinceId: 'tehran', receiptDays: 2, decisionDays: 9 });
    // a province the caller does not hold cannot be named
    expect((await tehran.get('/api/v1/referrals/deadlines?provinceId=qom')).json()).toMatchObject({ provinceId: 'tehran' });
    expect((await (await t.as('secretariat')).get('/api/v1/referrals/deadlines')).json()).toMatchObject({ provinceId: 'qom', receiptDays: 5, decisionDays: 30 });
  });

  it('refuses days out of range in Persian and writes nothing', async () => {
    const sec = await t.as('secretariat');
    for (const body of [{ receiptDays: 0, decisionDays: 30 }, { receiptDays: 5, decisionDays: 400 }, { receiptDays: 5 }, { receiptDays: 2.5, decisionDays: 30 }]) {
      const res = await sec.request('PUT', '/api/v1/referrals/deadlines', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors[0].message).toMatch(/[\u0600-\u06FF]/);
    }
    expect((await sec.get('/api/v1/referrals/deadlines')).json()).toMatchObject({ receiptDays: 5, decisionDays: 30 });
  });

  it('sets both at once, audited, and the open referrals’ clocks follow', async () => {
    const sec = await t.as('secretariat');
    const loose = await sec.request('PUT', '/api/v1/referrals/deadlines', { receiptDays: 365, decisionDays: 365 });
    expect(loose.statusCode, loose.body).toBe(200);
    expect(loose.json()).toEqual({ provinceId: 'qom', receiptDays: 365, decisionDays: 365, custom: true });
    const fewer = await overdue();
    const tight = await sec.request('PUT', '/api/v1/referrals/deadlines', { receiptDays: 1, decisionDays: 1 });
    expect(tight.json()).toMatchObject({ receiptDays: 1, decisionDays: 1 });
    const more = await overdue();
    expect(more).toBeGreaterThan(fewer);
    const bank = await t.as('bank.sanat-madan');
    expect((await bank.get('/api/v1/referrals/deadlines')).json()).toMatchObject({ receiptDays: 1, decisionDays: 1, custom: true });
    const audit = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_events where entity_type = 'setting' and entity_id = 'referral.deadlines' and action = 'setting.update' and province_id = 'qom'`);
    expect(audit[0]!.n).toBe(3); // the administrator's, then these two
  });
});
