import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines, type Client } from '../../test/harness.js';
import { makeCast, type Cast } from '../demands/demands.fixtures.js';
import type { AgencyHome, BankHome, ExecutiveHome, NationalHome, ProducerHome, RoleHome, SecretariatHome } from '../../../shared/contracts/home.js';

async function homeOf<T extends RoleHome>(as: Client, role: T['role']): Promise<T> {
  const res = await as.get('/api/v1/home');
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as RoleHome;
  expect(body.role).toBe(role);
  return body as T;
}

describeOnEngines('each role’s home', (t) => {
  let c: Cast;
  let overdueSmt: { id: string };
  let overdueTax: { id: string };
  let dueSoonSmt: { id: string };

  beforeAll(async () => {
    c = await makeCast(t);
    const make = async (body: Record<string, unknown>) => {
      const res = await c.secretariat.post('/api/v1/demands', { unitId: c.unitId, categoryCode: 'tax', description: 'شرح', ...body });
      if (res.statusCode !== 201) throw new Error(res.body);
      return res.json() as { id: string };
    };
    // today is 2026-11-29 in Tehran (8 Azar 1405)
    const saved = t.clock.now;
    t.clock.now = new Date('2026-11-01T08:00:00.000Z');
    overdueSmt = await make({ title: 'مطالبهٔ دیرکرد صمت', agencyId: 'smt', dueDate: '2026-11-20' });
    overdueTax = await make({ title: 'مطالبهٔ دیرکرد مالیات', agencyId: 'tax', dueDate: '2026-11-20' });
    t.clock.now = saved;
    dueSoonSmt = await make({ title: 'مطالبهٔ این هفتهٔ صمت', agencyId: 'smt', dueDate: '2026-12-03' });
    await make({ title: 'مطالبهٔ ماه بعد صمت', agencyId: 'smt', dueDate: '2027-01-20' });
  });

  it('gives an agency its own late and due-this-week work, and no other agency’s', async () => {
    const home = await homeOf<AgencyHome>(c.agency, 'agency');
    expect(home.today).toBe('2026-11-29');
    expect(home.dueSoonUntil).toBe('2026-12-06');
    const overdueIds = home.demandsOverdue.items.map((d) => d.id);
    expect(home.demandsOverdue.total).toBeGreaterThanOrEqual(1);
    expect(home.demandsOverdue.items.every((d) => d.overdue)).toBe(true);
    expect(home.demandsDueSoon.items.map((d) => d.id)).toContain(dueSoonSmt.id);
    expect(home.demandsDueSoon.items.every((d) => !d.overdue && d.dueDate >= home.today && d.dueDate <= home.dueSoonUntil)).toBe(true);
    expect(overdueIds).not.toContain(overdueTax.id);
    // every item the agency is shown, it may open
    for (const d of [...home.demandsOverdue.items, ...home.demandsDueSoon.items]) expect((await c.agency.get(`/api/v1/demands/${d.id}`)).json().agencyId).toBe('smt');
    for (const r of [...home.resolutionsOverdue.items, ...home.resolutionsDueSoon.items]) expect((await c.agency.get(`/api/v1/resolutions/${r.id}`)).statusCode).toBe(200);
    expect(home.resolutionsOverdue.items.every((r) => r.overdue)).toBe(true);
    expect(home.resolutionsDueSoon.items.every((r) => ['open', 'in_progress'].includes(r.status) && r.dueDate <= home.dueSoonUntil)).toBe(true);
    for (const r of home.referralsOverdue.items) {
      expect(r.overdue).toBe(true);
      expect((await c.agency.get(`/api/v1/referrals/${r.id}`)).json().agencyId).toBe('smt');
    }
    // the totals are the lists' own
    const listed = (await c.agency.get('/api/v1/demands?overdue=true&pageSize=1')).json();
    expect(home.demandsOverdue.total).toBe(listed.total);
    const referralsListed = (await c.agency.get('/api/v1/referrals?overdue=true&pageSize=1')).json();
    expect(home.referralsOverdue.total).toBe(referralsListed.total);
    expect(home.notifications.total).toBe((await c.agency.get('/api/v1/notifications/unread-count')).json().count);
    expect(home.notifications.items.length).toBeLessThanOrEqual(5);

    const other = await homeOf<AgencyHome>(c.otherAgency, 'agency');
    const seenByOther = [...other.demandsOverdue.items, ...other.demandsDueSoon.items].map((d) => d.id);
    expect(seenByOther).toContain(overdueTax.id);
    expect(seenByOther).not.toContain(overdueSmt.id);
    expect(seenByOther).not.toContain(dueSoonSmt.id);
    for (const r of other.referralsOverdue.items) expect((await c.otherAgency.get(`/api/v1/referrals/${r.id}`)).json().agencyId).toBe('tax');
  });

  it('gives a bank the referrals to it to receive and decide, with clocks, and its figures beside the province’s', async () => {
    const home = await homeOf<BankHome>(c.bank, 'bank');
    const me = (await c.bank.get('/api/v1/auth/me')).json();
    expect(home.toReceive.items.every((r) => r.status === 'referred' && r.dueDate !== null && r.daysWaiting !== null)).toBe(true);
    expect(home.toDecide.items.every((r) => ['received', 'under_review'].includes(r.status) && r.dueDate !== null)).toBe(true);
    expect(home.toReceive.total + home.toDecide.total).toBeGreaterThan(0);
    for (const r of [...home.toReceive.items, ...home.toDecide.items]) expect((await c.bank.get(`/api/v1/referrals/${r.id}`)).json().bankId).toBe(me.bankId);
    const stats = (await c.bank.get('/api/v1/stats/banks')).json();
    const own = stats.items.find((b: { bankId: string }) => b.bankId === me.bankId);
    expect(home.own).toEqual({ decided: own.decided, approved: own.approved, approvalRate: own.approvalRate, medianDaysToDecision: own.medianDaysToDecision });
    expect(home.province).toMatchObject({ decided: stats.total.decided, approvalRate: stats.total.approvalRate });
    expect(home.province.decided).toBeGreaterThanOrEqual(home.own.decided);
  });

  it('reads a bank’s figures as its bank table does, from the same snapshot, until a change in the province', async () => {
    const me = (await c.bank.get('/api/v1/auth/me')).json() as { bankId: string };
    const decidedOf = async () => {
      const table = (await c.bank.get('/api/v1/stats/banks')).json() as { items: { bankId: string; decided: number }[] };
      return table.items.find((b) => b.bankId === me.bankId)!.decided;
    };
    const before = (await homeOf<BankHome>(c.bank, 'bank')).own.decided;
    expect(await decidedOf()).toBe(before);
    expect(before).toBeGreaterThan(0);
    // a decision undone by hand writes no audit event: the home still answers from the snapshot the table uses
    const [row] = await t.database.query<{ id: string; status: string; decided_at: string }>(
      `select id, status, decided_at from referrals where province_id = 'qom' and bank_id = $1 and agency_id = 'smt' and status = 'rejected' order by code limit 1`,
      [me.bankId],
    );
    await t.database.query(`update referrals set status = 'under_review', decided_at = null where id = $1`, [row!.id]);
    try {
      expect((await homeOf<BankHome>(c.bank, 'bank')).own.decided).toBe(before);
      // the bank's own follow-up changes no figure: the snapshot stays
      const noted = await c.bank.post(`/api/v1/referrals/${row!.id}/followups`, { note: 'بررسی دوباره' });
      expect(noted.statusCode, noted.body).toBe(201);
      expect((await homeOf<BankHome>(c.bank, 'bank')).own.decided).toBe(before);
      // a write through a service that a figure counts (the referring agency's follow-up) writes its audit event: the
      // snapshot is dropped, home and table read anew and agree
      const followed = await c.agency.post(`/api/v1/referrals/${row!.id}/followups`, { note: 'پیگیری دستگاه معرف' });
      expect(followed.statusCode, followed.body).toBe(201);
      const after = (await homeOf<BankHome>(c.bank, 'bank')).own.decided;
      expect(after).toBe(before - 1);
      expect(await decidedOf()).toBe(after);
    } finally {
      await t.database.query(`update referrals set status = $2, decided_at = $3 where id = $1`, [row!.id, row!.status, row!.decided_at]);
    }
  });

  it('gives the executive the headline and the next session’s agenda', async () => {
    const home = await homeOf<ExecutiveHome>(c.executive, 'executive');
    const overview = (await c.executive.get('/api/v1/stats/overview')).json();
    expect(home.pace).toMatchObject({ quotaAmount: overview.pace.quotaAmount, paidAmount: overview.pace.paidAmount, absorbedRate: overview.pace.absorbedRate });
    expect(home.slowestBanks.length).toBeGreaterThan(0);
    expect(home.slowestBanks.length).toBeLessThanOrEqual(3);
    const days = home.slowestBanks.map((b) => b.medianDaysToDecision);
    expect([...days].sort((a, b) => b - a)).toEqual(days);
    expect(home.slowestAgencies.length).toBeLessThanOrEqual(3);
    expect(home.implementation.due).toBeGreaterThanOrEqual(home.implementation.done);
    expect(home.nextSession).not.toBeNull();
    expect(home.nextSession!.heldOn >= home.today).toBe(true);
    expect((await c.executive.get(`/api/v1/sessions/${home.nextSession!.id}`)).json().agenda.length).toBe(home.nextSession!.agenda.length);
  });

  it('gives the secretariat what waits for it: unassigned and escalated demands, claims, late referrals, the next session', async () => {
    const home = await homeOf<SecretariatHome>(c.secretariat, 'secretariat');
    expect(home.unassignedDemands.items.every((d) => d.status === 'registered')).toBe(true);
    expect(home.escalatedDemands.items.every((d) => d.status === 'escalated')).toBe(true);
    expect(home.claimsWaiting.items.every((cl) => cl.status === 'pending')).toBe(true);
    expect(home.referralsOverdue.items.every((r) => r.overdue)).toBe(true);
    expect(home.unassignedDemands.total).toBe((await c.secretariat.get('/api/v1/demands?status=registered&pageSize=1')).json().total);
    expect(home.nextSession?.id).toBeDefined();
  });

  it('gives a producer their unit, its open demands and referrals, and nobody else’s', async () => {
    const home = await homeOf<ProducerHome>(c.producer, 'producer');
    expect(home.units.map((u) => u.id)).toEqual([c.unitId]);
    expect(home.openDemands.items.length).toBeGreaterThan(0);
    expect(home.openDemands.items.every((d) => d.unitId === c.unitId)).toBe(true);
    expect(home.referrals.items.every((r) => r.unitId === c.unitId)).toBe(true);
    const other = await homeOf<ProducerHome>(c.otherProducer, 'producer');
    expect(other.units.map((u) => u.id)).toEqual([c.otherUnitId]);
    expect(other.openDemands.items.every((d) => d.unitId === c.otherUnitId)).toBe(true);
    expect(other.referrals.items.every((r) => r.unitId === c.otherUnitId)).toBe(true);
  });

  it('gives the national HQ the provinces compared, and asks a caller to sign in', async () => {
    const home = await homeOf<NationalHome>(c.national, 'national');
    expect(home.provinces.map((p) => p.provinceId)).toContain('qom');
    expect(home.provinces.find((p) => p.provinceId === 'qom')!.referred).toBeGreaterThan(0);
    expect((await homeOf(c.admin, 'admin')).today).toBe('2026-11-29');
    expect((await t.anonymous.get('/api/v1/home')).statusCode).toBe(401);
  });
});
