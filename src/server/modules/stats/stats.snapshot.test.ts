import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEngines, uploadFile, type Client } from '../../test/harness.js';
import { makePdf } from '../../seed/demo-files.js';
import { systemActor, type ServiceContext } from '../../context.js';
import { asOfOf, StatsSnapshots } from './stats.snapshot.js';

const BANK = 'sanat-madan';
const RANGE = 'from=2026-11-01&to=2026-11-30';

describeOnEngines('statistics snapshots: kept until a change in the province', (t) => {
  // what the database holds now, counted directly (the snapshots serve what it held at their mark)
  const counted = async () =>
    (
      await t.database.query<{ n: number }>(
        `select count(*)::int as n from referrals where province_id = 'qom' and bank_id = $1 and referral_date between '2026-11-01' and '2026-11-30'`,
        [BANK],
      )
    )[0]!.n;
  let secretariat: Client;
  let unitId: string;
  beforeAll(async () => {
    secretariat = await t.as('secretariat');
    unitId = (await (await t.as('producer.demo')).get('/api/v1/auth/me')).json().unitId;
  });

  const figure = async () => {
    const res = await secretariat.get(`/api/v1/stats/banks?${RANGE}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { bankId: string; referred: number }[]).find((b) => b.bankId === BANK)?.referred ?? 0;
  };
  const drilled = async () => {
    const res = await secretariat.get(`/api/v1/stats/drilldown?source=referrals&metric=referred&bankId=${BANK}&${RANGE}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().total as number;
  };

  it('serves the snapshots while nothing changed, and a write in the province computes the figure and its drill-down again', async () => {
    const first = await figure();
    expect(await drilled()).toBe(first);
    expect(await counted()).toBe(first);
    // a row slipped in by hand writes no audit event: the figure and its drill-down still answer from their snapshots
    // (this is what they save), and still agree
    const [ref] = await t.database.query<{ id: string }>(
      `select id from referrals where province_id = 'qom' and bank_id = $1 and referral_date between '2026-11-01' and '2026-11-30' order by code limit 1`,
      [BANK],
    );
    await t.database.query(`update referrals set referral_date = '2026-10-01' where id = $1`, [ref!.id]);
    const handMade = await counted();
    expect(handMade).toBe(first - 1);
    expect(await figure()).toBe(first);
    expect(await drilled()).toBe(first);
    // a referral made through the service writes its audit event in the same transaction: the snapshot is dropped
    const made = await secretariat.post('/api/v1/referrals', { unitId, agencyId: 'smt', bankId: BANK, programCode: 'rounaq', facilityType: 'working_capital', requestedAmount: '3000000000', referralDate: '2026-11-20' });
    expect(made.statusCode, made.body).toBe(201);
    const after = await figure();
    expect(after).toBe(handMade + 1);
    expect(await drilled()).toBe(after);
  });

  it('a follow-up no figure counts, or a document added, keeps the snapshot; an agency following up its referral drops it', async () => {
    const first = await figure();
    expect(await drilled()).toBe(first);
    // a hand-made change (no audit event) shows whether the next answer is the snapshot or a new computation
    const [moved, followed] = await t.database.query<{ id: string }>(
      `select id from referrals where province_id = 'qom' and bank_id = $1 and agency_id = 'smt' and referral_date between '2026-11-01' and '2026-11-30' order by code limit 2`,
      [BANK],
    );
    await t.database.query(`update referrals set referral_date = '2026-10-01' where id = $1`, [moved!.id]);
    expect(await counted()).toBe(first - 1);
    // the bank's and the secretariat's follow-ups on a referral, an agency's on a demand: no figure counts them
    const bank = await t.as('bank.sanat-madan');
    const agency = await t.as('agency.smt');
    const note = { note: 'پیگیری تلفنی؛ پرونده در دست بررسی است' };
    expect((await bank.post(`/api/v1/referrals/${followed!.id}/followups`, note)).statusCode).toBe(201);
    expect((await secretariat.post(`/api/v1/referrals/${followed!.id}/followups`, note)).statusCode).toBe(201);
    const [demand] = await t.database.query<{ id: string }>(`select id from demands where province_id = 'qom' and agency_id = 'smt' limit 1`);
    expect((await agency.post(`/api/v1/demands/${demand!.id}/followups`, note)).statusCode).toBe(201);
    // a document on a demand and on a referral: no figure counts files
    const pdf = makePdf('Letter', ['Snapshot test']);
    expect((await uploadFile(secretariat, `/api/v1/demands/${demand!.id}/attachments`, 'نامه.pdf', pdf)).statusCode).toBe(201);
    expect((await uploadFile(secretariat, `/api/v1/referrals/${followed!.id}/attachments`, 'نامه بانک.pdf', pdf)).statusCode).toBe(201);
    expect(await figure()).toBe(first);
    expect(await drilled()).toBe(first);
    // the agency's own follow-up on the referral it made changes its "followed up" figure: the snapshot goes
    expect((await agency.post(`/api/v1/referrals/${followed!.id}/followups`, note)).statusCode).toBe(201);
    expect(await figure()).toBe(first - 1);
    expect(await drilled()).toBe(first - 1);
  });

  it('forty readers at once cost one computation', async () => {
    const snapshots = new StatsSnapshots(60_000);
    const ctx: ServiceContext = { db: t.database.db, actor: systemActor('qom'), now: () => new Date() };
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      return { n: 1 };
    };
    const answers = await Promise.all(Array.from({ length: 40 }, () => snapshots.read(ctx, 'banks', { period: '1405' } as never, compute)));
    expect(runs).toBe(1);
    expect(new Set(answers.map((a) => a.value)).size).toBe(1);
    // other filters are another snapshot
    await snapshots.read(ctx, 'banks', { period: '1404' } as never, compute);
    expect(runs).toBe(2);
  });

  it('a figure every role reads alike is one snapshot for all of them; one read per caller is one per caller', async () => {
    const snapshots = new StatsSnapshots(60_000);
    const as = (actor: Partial<ServiceContext['actor']>): ServiceContext => ({ db: t.database.db, actor: { ...systemActor('qom'), ...actor }, now: () => new Date() });
    const secretariat = as({ role: 'secretariat' });
    const bank = as({ role: 'bank', bankId: BANK });
    const otherBank = as({ role: 'bank', bankId: 'melli' });
    let runs = 0;
    const compute = async () => ({ n: ++runs });
    // the banks' table: the secretariat's page and each bank's home share one computation
    const shared = await Promise.all([secretariat, bank, otherBank].map((ctx) => snapshots.read(ctx, 'banks', {}, compute, true)));
    expect(runs).toBe(1);
    expect(new Set(shared.map((a) => a.value)).size).toBe(1);
    // a figure scoped to its caller is computed for each of them
    await Promise.all([secretariat, bank, otherBank].map((ctx) => snapshots.read(ctx, 'drilldown', {}, compute)));
    expect(runs).toBe(4);
  });
});

describe('statistics snapshots: their age', () => {
  it('says asOf once the snapshot is older than the limit, and the earlier of it and the replica’s', () => {
    const at = new Date('2026-12-01T10:00:00Z');
    expect(asOfOf(null, at, at.getTime() + 3000, 5000)).toBeNull();
    expect(asOfOf(null, at, at.getTime() + 6000, 5000)).toBe(at.toISOString());
    expect(asOfOf('2026-12-01T09:59:00.000Z', at, at.getTime() + 6000, 5000)).toBe('2026-12-01T09:59:00.000Z');
    expect(asOfOf('2026-12-01T10:00:30.000Z', at, at.getTime() + 60000, 5000)).toBe(at.toISOString());
  });

  it('held after a change: what the generation holds is served for the hold; anything else begins a new one, and its figure moves with it', async () => {
    let now = 0;
    let mark = '7';
    const snapshots = new StatsSnapshots(60_000, () => now, 10_000);
    const fakeDb = { execute: async () => ({ rows: [{ mark }] }) } as unknown as ServiceContext['db'];
    const ctx: ServiceContext = { db: fakeDb, actor: systemActor('qom'), now: () => new Date() };
    let state = 1; // what the database holds: a change moves it and the mark together
    const figure = () => snapshots.read(ctx, 'banks', {}, async () => ({ figure: state }));
    const drilled = (page: number) => snapshots.read(ctx, 'drilldown', { page } as never, async () => ({ total: state }));
    expect((await figure()).value.figure).toBe(1);
    expect((await drilled(1)).value.total).toBe(1);
    // a change: within the hold, the generation answers what it holds, the figure and its drill-down alike
    state = 2;
    mark = '8';
    now = 4_000;
    expect((await figure()).value.figure).toBe(1);
    expect((await drilled(1)).value.total).toBe(1);
    expect(snapshots.computed).toBe(2);
    // an answer it does not hold is computed at the new mark, in a new generation: the figure is computed again with it
    expect((await drilled(2)).value.total).toBe(2);
    expect((await figure()).value.figure).toBe(2);
    expect((await drilled(1)).value.total).toBe(2);
    expect(snapshots.computed).toBe(5);
    // past the hold, a change ends the generation at the next read
    state = 3;
    mark = '9';
    now = 13_000;
    expect((await figure()).value.figure).toBe(2); // the new generation began at 4 s: held until 14 s
    now = 14_001;
    expect((await figure()).value.figure).toBe(3);
    // without a hold, a change ends it at once
    const strict = new StatsSnapshots(60_000, () => now, 0);
    state = 4;
    await strict.read(ctx, 'banks', {}, async () => ({ figure: state }));
    state = 5;
    mark = '10';
    expect((await strict.read(ctx, 'banks', {}, async () => ({ figure: state }))).value.figure).toBe(5);
  });

  it('a snapshot older than its limit is computed again', async () => {
    let now = 0;
    const snapshots = new StatsSnapshots(10_000, () => now);
    const fakeDb = { execute: async () => ({ rows: [{ mark: '7' }] }) } as unknown as ServiceContext['db'];
    const ctx: ServiceContext = { db: fakeDb, actor: systemActor('qom'), now: () => new Date() };
    let runs = 0;
    const compute = async () => ++runs;
    expect((await snapshots.read(ctx, 'overview', {}, compute)).value).toBe(1);
    now = 9_000;
    expect((await snapshots.read(ctx, 'overview', {}, compute)).value).toBe(1);
    now = 11_000;
    expect((await snapshots.read(ctx, 'overview', {}, compute)).value).toBe(2);
  });
});
