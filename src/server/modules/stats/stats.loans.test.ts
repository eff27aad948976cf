import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines, type Client } from '../../test/harness.js';
import { LOAN_FUNNEL_FIGURES } from '../../../shared/contracts/stats.js';

interface Stage {
  stage: string;
  count: number;
  amount: string;
}

describeOnEngines('statistics: the loan applications funnel', (t) => {
  let secretariat: Client;
  let producer: Client;
  let bank: Client;
  let unitId: string;
  beforeAll(async () => {
    secretariat = await t.as('secretariat');
    producer = await t.as('producer.demo');
    bank = await t.as('bank.sanat-madan');
    unitId = (await producer.get('/api/v1/auth/me')).json().unitId;
  });

  const funnel = async (query = '') => {
    const res = await secretariat.get(`/api/v1/stats/overview${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries((res.json().applicationFunnel as Stage[]).map((s) => [s.stage, s])) as Record<string, Stage>;
  };
  const drillTotal = async (metric: string, query = '') => {
    const res = await secretariat.get(`/api/v1/stats/drilldown?source=loan-applications&metric=${metric}&pageSize=500${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; items: { amount: string | null; status: string }[] };
  };

  it('the demo shows every step, and each figure equals the count (and sum) of its drill-down', async () => {
    const f = await funnel();
    expect(Object.keys(f)).toEqual([...LOAN_FUNNEL_FIGURES]);
    for (const step of ['applied', 'screened', 'approvedForReferral', 'referred', 'bankApproved', 'paid', 'rejected', 'returned', 'withdrawn'])
      expect(f[step]!.count, step).toBeGreaterThan(0);
    // a funnel narrows
    const order = ['applied', 'screened', 'approvedForReferral', 'referred', 'bankApproved', 'paid'];
    for (let i = 1; i < order.length; i++) expect(f[order[i]!]!.count).toBeLessThanOrEqual(f[order[i - 1]!]!.count);
    for (const metric of LOAN_FUNNEL_FIGURES) {
      const d = await drillTotal(metric);
      expect(d.total, metric).toBe(f[metric]!.count);
      expect(d.items.reduce((s, i) => s + BigInt(i.amount ?? 0), 0n).toString(), metric).toBe(f[metric]!.amount);
    }
    // the county and program filters narrow both alike
    for (const q of ['&countyId=kahak', '&programCode=rounaq']) {
      const narrowed = await funnel(`?${q.slice(1)}`);
      expect(narrowed.applied!.count).toBeLessThan(f.applied!.count);
      expect((await drillTotal('referred', q)).total).toBe(narrowed.referred!.count);
    }
  });

  it('counts a new application at each step it reaches, by its own date, through the bank’s payment', async () => {
    const day = '&from=2026-11-29&to=2026-11-29';
    const before = await funnel(`?${day.slice(1)}`);
    const mk = async () =>
      (await producer.post('/api/v1/loan-applications', { unitId, programCode: 'rounaq', facilityType: 'working_capital', requestedAmount: '3000000000', purpose: 'خرید مواد اولیه' })).json();
    const step = async (a: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}) => (await secretariat.post(`/api/v1/loan-applications/${a.id}/transitions`, { to, version: a.version, ...extra })).json();
    await mk();
    await step(await mk(), 'under_review');
    let c = await mk();
    c = await step(c, 'under_review');
    c = await step(c, 'approved');
    const made = await secretariat.post('/api/v1/referrals', { unitId, agencyId: 'smt', bankId: 'sanat-madan', programCode: 'rounaq', facilityType: 'working_capital', requestedAmount: '3000000000', referralDate: '2026-11-29', loanApplicationId: c.id });
    expect(made.statusCode, made.body).toBe(201);
    let r = made.json();
    for (const [to, extra] of [['received', {}], ['under_review', {}], ['approved', { approvedAmount: '2500000000' }], ['paid', { paidAmount: '2000000000', paidDate: '2026-11-29' }]] as const)
      r = (await bank.post(`/api/v1/referrals/${r.id}/transitions`, { to, version: r.version, ...extra })).json();
    expect(r.status).toBe('paid');
    const after = await funnel(`?${day.slice(1)}`);
    const delta = (k: string) => after[k]!.count - before[k]!.count;
    const deltaAmount = (k: string) => BigInt(after[k]!.amount) - BigInt(before[k]!.amount);
    expect([delta('applied'), delta('screened'), delta('approvedForReferral'), delta('referred'), delta('bankApproved'), delta('paid'), delta('open')]).toEqual([3, 2, 1, 1, 1, 1, 2]);
    expect([deltaAmount('applied'), deltaAmount('bankApproved'), deltaAmount('paid')]).toEqual([9_000_000_000n, 2_500_000_000n, 2_000_000_000n]);
    // outside the period: the next day counts none of them
    const next = await funnel('?from=2026-11-30&to=2026-11-30');
    expect(next.applied!.count).toBe(0);
  });
});
