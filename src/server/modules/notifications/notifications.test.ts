import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { openDatabase, type Db } from '../../db/client.js';
import { releaseLease, takeLease } from '../../db/leases.js';
import { makeCast, type Cast } from '../demands/demands.fixtures.js';
import {
  collectReminders,
  deliverDigests,
  digestText,
  notificationRestRatio,
  REMINDER_LEASE,
  runNotificationJob,
  startNotificationScheduler,
  type DeliveryChannel,
  type JobDeps,
  type OutgoingNotification,
} from './notifications.job.js';
import { targetKey, type NotificationInput, type ReminderSource } from './notifications.service.js';
import { REMINDER_SOURCES } from '../../app.js';
import { notify } from './notifications.service.js';
import { claimDigest, findDigestTargets, markDigestChunk } from './notifications.repo.js';

/** A channel that remembers what it was given. */
function recorder(name = 'test'): DeliveryChannel & { sent: OutgoingNotification[] } {
  const sent: OutgoingNotification[] = [];
  return { name, sent, deliver: async (n) => void sent.push(n) };
}

const digestsOf = (sent: OutgoingNotification[]) => sent.filter((n) => n.kind === 'reminder.digest');

describe('TASHIL_NOTIFY_REST_RATIO', () => {
  it('defaults to 5, accepts 0 (unpaced), and refuses what is not a number ≥ 0', () => {
    expect(notificationRestRatio({})).toBe(5);
    expect(notificationRestRatio({ TASHIL_NOTIFY_REST_RATIO: '0' })).toBe(0);
    expect(notificationRestRatio({ TASHIL_NOTIFY_REST_RATIO: '0.5' })).toBe(0.5);
    expect(() => notificationRestRatio({ TASHIL_NOTIFY_REST_RATIO: 'fast' })).toThrow(/TASHIL_NOTIFY_REST_RATIO/);
    expect(() => notificationRestRatio({ TASHIL_NOTIFY_REST_RATIO: '-1' })).toThrow(/TASHIL_NOTIFY_REST_RATIO/);
  });
});

describe('digest text', () => {
  it('says how many of each kind, the first codes, how many more, and where to read them all', () => {
    const text = digestText(
      { items: 12, kinds: { 'referral.decision_overdue': 9, 'demand.overdue': 3 }, codes: ['D-1405-0001', 'R-1405-0002', 'R-1405-0003'] },
      { 'demand.overdue': 'مطالبهٔ سررسیدگذشته', 'referral.decision_overdue': 'معرفی بی‌تصمیم در مهلت' },
      'https://tashil.example.ir/',
    );
    expect(text.title).toBe('۱۲ یادآوری در سامانه تسهیل');
    expect(text.body).toBe('۳ مطالبهٔ سررسیدگذشته، ۹ معرفی بی‌تصمیم در مهلت\nD-1405-0001، R-1405-0002، R-1405-0003 و ۹ مورد دیگر\nفهرست کامل: https://tashil.example.ir/notifications');
    expect(digestText({ items: 1, kinds: { x: 1 }, codes: ['M-1'] }, {}).body).toBe('۱ مورد\nM-1\nفهرست کامل: سامانه تسهیل، بخش اعلان‌ها');
  });
});

describeOnEngines('notifications and reminders', (t) => {
  let c: Cast;
  const channel = recorder();
  const deps = (db: Db = t.database.db, ch: DeliveryChannel = channel, holder = 'instance-a'): JobDeps => ({
    db,
    now: () => t.clock.now,
    channel: ch,
    sources: REMINDER_SOURCES,
    batchSize: 25,
    pageSize: 7, // small pages: every source is read over several transactions
    digestChunk: 3, // small chunks: a digest is filled over several transactions
    holder,
  });
  let dueSoon: { id: string; code: string; version: number };
  let unassigned: { id: string; code: string };

  beforeAll(async () => {
    c = await makeCast(t);
    // today is 2026-11-29 in Tehran: due in three days, and one with no agency yet
    const make = async (body: Record<string, unknown>) => {
      const res = await c.secretariat.post('/api/v1/demands', { unitId: c.unitId, categoryCode: 'tax', title: 'یادآوری', description: 'شرح', ...body });
      if (res.statusCode !== 201) throw new Error(res.body);
      return res.json();
    };
    dueSoon = await make({ title: 'صدور مفاصاحساب مالیاتی', agencyId: 'smt', dueDate: '2026-12-02' });
    unassigned = await make({ title: 'مطالبهٔ بی‌دستگاه', dueDate: '2026-12-01' });
  });

  const count = async (where = 'true', params: unknown[] = []) => (await t.database.query<{ n: number }>(`select count(*)::int as n from notifications where ${where}`, params))[0]!.n;
  const atTehran = async <T>(iso: string, fn: () => Promise<T>): Promise<T> => {
    const saved = t.clock.now;
    t.clock.now = new Date(iso);
    try {
      return await fn();
    } finally {
      t.clock.now = saved;
    }
  };
  /** The day's digests per target: each target must have at most one. */
  const digestRows = async (day: string) =>
    t.database.query<{ province_id: string; target_key: string; items: number; codes: string[]; kinds: Record<string, number>; sent: boolean }>(
      `select province_id, target_key, items, codes, kinds, sent_at is not null as sent from reminder_digests where day = $1 order by province_id, target_key`,
      [day],
    );

  it('writes each reminder in the app once, and sends each target one digest a day instead of one message per record', async () => {
    const first = await runNotificationJob(deps());
    expect(first.collected).toBe(true);
    expect(first.created).toBeGreaterThan(0);
    // in the app: one per record and target
    const inApp = await t.database.query<{ kind: string; agency_id: string | null; role: string | null; ref_code: string; digest_day: string; delivered_via: string }>(
      `select kind, agency_id, role, ref_code, digest_day::text, delivered_via from notifications where ref_id = $1 and kind <> 'demand.assigned'`,
      [dueSoon.id],
    );
    expect(inApp).toEqual([{ kind: 'demand.due_soon', agency_id: 'smt', role: null, ref_code: dueSoon.code, digest_day: '2026-11-29', delivered_via: 'digest:test' }]);
    expect(await count(`ref_id = $1 and role = 'secretariat' and kind = 'demand.due_soon'`, [unassigned.id])).toBe(1);
    // by the channel: events one by one (the assignment), reminders only inside digests
    expect(channel.sent.filter((n) => n.refId === dueSoon.id).map((n) => n.kind)).toEqual(['demand.assigned']);
    expect(channel.sent.some((n) => n.kind === 'demand.due_soon')).toBe(false);
    const digests = digestsOf(channel.sent);
    expect(first.digests).toBe(digests.length);
    // one digest per target in its province (the demo has five provinces, each with its own agency:smt)
    const keys = digests.map((d) => `${d.provinceId}/${targetKey(d.target)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(['qom/agency:smt', 'qom/role:secretariat']));
    const smt = digests.find((d) => d.provinceId === 'qom' && targetKey(d.target) === 'agency:smt')!;
    const smtItems = await count(`province_id = 'qom' and agency_id = 'smt' and delivered_via = 'digest:test'`);
    expect(smt.title).toBe(`${smtItems.toLocaleString('fa-IR').replace(/٬/g, '')} یادآوری در سامانه تسهیل`);
    expect(smt.body).toContain('مطالبهٔ نزدیک به سررسید');
    const [row] = (await digestRows('2026-11-29')).filter((d) => d.province_id === 'qom' && d.target_key === 'agency:smt');
    // filled three reminders a transaction: its content is every chunk's — how many of each kind, the first codes of all
    expect(smtItems).toBeGreaterThan(3);
    const smtKinds = await t.database.query<{ kind: string; n: number }>(`select kind, count(*)::int as n from notifications where province_id = 'qom' and agency_id = 'smt' and digest_day is not null group by kind`);
    expect(row).toMatchObject({ items: smtItems, kinds: Object.fromEntries(smtKinds.map((k) => [k.kind, k.n])), sent: true });
    const firstCodes = await t.database.query<{ code: string }>(
      `select distinct ref_code collate "C" as code from notifications where province_id = 'qom' and agency_id = 'smt' and digest_day is not null and ref_code is not null order by 1 limit 5`,
    );
    expect(row!.codes).toEqual(firstCodes.map((r) => r.code));
    for (const code of row!.codes) expect(smt.body).toContain(code);
    expect(await count('delivered_at is null')).toBe(0);
    const again = await runNotificationJob(deps());
    expect(again).toEqual({ collected: true, created: 0, digests: 0, delivered: 0, failed: 0 });
  });

  it('writes the overdue reminder on the day after due, once, with one digest per target, even when the job runs concurrently', async () => {
    await atTehran('2026-12-02T20:31:00.000Z', async () => {
      // 3 Dec, 00:01 in Tehran
      const before = channel.sent.length;
      const runs = await Promise.all([runNotificationJob(deps(undefined, undefined, 'a')), runNotificationJob(deps(undefined, undefined, 'b')), runNotificationJob(deps(undefined, undefined, 'c'))]);
      const overdue = await t.database.query<{ agency_id: string | null; role: string | null }>(`select agency_id, role from notifications where ref_id = $1 and kind = 'demand.overdue'`, [dueSoon.id]);
      expect(overdue).toEqual(expect.arrayContaining([{ agency_id: 'smt', role: null }, { agency_id: null, role: 'secretariat' }]));
      expect(overdue).toHaveLength(2);
      const sentNow = digestsOf(channel.sent.slice(before));
      const keys = sentNow.map((d) => `${d.provinceId}/${targetKey(d.target)}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toEqual(expect.arrayContaining(['qom/agency:smt', 'qom/role:secretariat']));
      expect(runs.reduce((s, r) => s + r.digests, 0)).toBe(sentNow.length);
      expect((await digestRows('2026-12-03')).map((d) => `${d.province_id}/${d.target_key}`).sort()).toEqual([...keys].sort());
      expect(runs.filter((r) => r.collected).length).toBeGreaterThanOrEqual(1);
      await runNotificationJob(deps());
      expect(digestsOf(channel.sent.slice(before))).toHaveLength(sentNow.length);
    });
    expect(await count('delivered_at is null')).toBe(0);
  });

  it('lets one instance collect while another holds the lease, and delivers each digest once when two instances share the database', async () => {
    // PostgreSQL: a second pool, as a second server process would have; PGlite: the same database, another holder
    const url = t.engine === 'postgres' ? (t.database.pool as unknown as { options: { connectionString: string } }).options.connectionString : undefined;
    const second = url ? await openDatabase({ databaseUrl: url, migrate: false }) : undefined;
    const db2 = second?.db ?? t.database.db;
    try {
      expect(await takeLease(db2, REMINDER_LEASE, 'instance-b', 60_000)).toBe(true);
      expect(await collectReminders(deps())).toEqual({ collected: false, created: 0 });
      await releaseLease(db2, REMINDER_LEASE, 'instance-b');

      // (changed on the 29th: the test clock moves on for the job only, sessions stay where they are)
      const moved = await c.secretariat.patch(`/api/v1/demands/${dueSoon.id}`, { version: dueSoon.version, dueDate: '2026-12-06' });
      expect(moved.statusCode, moved.body).toBe(200);
      dueSoon = moved.json();
      await atTehran('2026-12-04T06:00:00.000Z', async () => {
        const a = recorder('a');
        const b = recorder('b');
        const runs = await Promise.all([runNotificationJob(deps(t.database.db, a, 'instance-a')), runNotificationJob(deps(db2, b, 'instance-b'))]);
        const keys = digestsOf([...a.sent, ...b.sent]).map((d) => `${d.provinceId}/${targetKey(d.target)}`);
        expect(keys.length).toBeGreaterThan(0);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys).toContain('qom/agency:smt');
        expect(runs[0].digests + runs[1].digests).toBe(keys.length);
        expect(await count(`ref_id = $1 and kind = 'demand.due_soon' and digest_day = '2026-12-04'`, [dueSoon.id])).toBe(1);
        // every event went out once, by one of them
        const events = [...a.sent, ...b.sent].filter((n) => n.kind !== 'reminder.digest').map((n) => n.id);
        expect(new Set(events).size).toBe(events.length);
      });
      expect(await count('delivered_at is null')).toBe(0);
    } finally {
      await second?.close();
    }
  });

  it('reminds again when the due date moves, and sends a digest whose channel failed at the next run, once', async () => {
    const res = await c.secretariat.patch(`/api/v1/demands/${dueSoon.id}`, { version: dueSoon.version, dueDate: '2026-12-07' });
    expect(res.statusCode).toBe(200);
    dueSoon = res.json();
    await atTehran('2026-12-05T06:00:00.000Z', async () => {
      // the mail server is down for the first run, up for the next
      const mail = recorder('mail');
      let down = true;
      const flaky: DeliveryChannel = { name: 'mail', deliver: async (n, tx) => (down ? Promise.reject(new Error('smtp down')) : mail.deliver(n, tx)) };
      const { created } = await collectReminders(deps(t.database.db, flaky));
      expect(created).toBeGreaterThan(0);
      const failed = await deliverDigests(deps(t.database.db, flaky));
      // each target's digest holds its reminders, unsent
      const unsent = await digestRows('2026-12-05');
      expect(unsent.length).toBeGreaterThan(1);
      expect(failed).toEqual({ digests: 0, delivered: 0, failed: unsent.length });
      expect(unsent.every((d) => !d.sent)).toBe(true);
      expect(unsent.reduce((sum, d) => sum + d.items, 0)).toBe(created);
      down = false;
      const retry = await deliverDigests(deps(t.database.db, flaky));
      expect(retry).toEqual({ digests: unsent.length, delivered: created, failed: 0 });
      expect(digestsOf(mail.sent).map((d) => `${d.provinceId}/${targetKey(d.target)}`).sort()).toEqual(unsent.map((d) => `${d.province_id}/${d.target_key}`).sort());
      expect(await count(`ref_id = $1 and kind = 'demand.due_soon' and digest_day = '2026-12-05' and delivered_via = 'digest:mail'`, [dueSoon.id])).toBe(1);
      expect(await count('delivered_at is null and digest_day is not null')).toBe(0);
      expect((await digestRows('2026-12-05')).every((d) => d.sent)).toBe(true);
      // and once: a third run sends nothing
      expect(await deliverDigests(deps(t.database.db, flaky))).toEqual({ digests: 0, delivered: 0, failed: 0 });
      expect(digestsOf(mail.sent)).toHaveLength(unsent.length);
    });
  });

  it('finishes a digest an instance stopped filling, and sends it once with every reminder', async () => {
    await atTehran('2026-12-07T05:00:00.000Z', async () => {
      const { created } = await collectReminders(deps());
      expect(created).toBeGreaterThan(3);
      // the instance that took the secretariat's digest stopped after its first chunk
      const [target] = (await findDigestTargets(t.database.db, '2026-12-07', '', 200)).filter((d) => d.provinceId === 'qom' && d.role === 'secretariat');
      expect(target!.pending).toBeGreaterThan(3);
      const id = await claimDigest(t.database.db, 'qom', 'role:secretariat', '2026-12-07', 'digest:test', t.clock.now);
      expect(await t.database.db.transaction((tx) => markDigestChunk(tx, id!, target!, '2026-12-07', t.clock.now, 'digest:test', 3, 5))).toBe(3);
      const before = channel.sent.length;
      const run = await deliverDigests(deps());
      const sent = digestsOf(channel.sent.slice(before)).filter((d) => d.provinceId === 'qom' && targetKey(d.target) === 'role:secretariat');
      expect(sent).toHaveLength(1);
      expect(sent[0]!.id).toBe(id);
      expect(sent[0]!.title).toBe(`${target!.pending.toLocaleString('fa-IR').replace(/٬/g, '')} یادآوری در سامانه تسهیل`);
      const [row] = (await digestRows('2026-12-07')).filter((d) => d.province_id === 'qom' && d.target_key === 'role:secretariat');
      expect(row).toMatchObject({ items: target!.pending, sent: true });
      expect(Object.values(row!.kinds).reduce((a, b) => a + b, 0)).toBe(target!.pending);
      expect(run.delivered).toBe(created);
      expect(await count('delivered_at is null and digest_day is not null')).toBe(0);
    });
  });

  it('re-reads on a later run the same day only what was written since the last collection began, and still reminds of it', async () => {
    const saved = t.clock.now;
    const seen: { source: string; changedSince: string | null }[] = [];
    const items: NotificationInput[] = [];
    const spying: ReminderSource[] = REMINDER_SOURCES.map((s) => ({
      ...s,
      async collect(ctx, page) {
        seen.push({ source: s.name, changedSince: ctx.changedSince?.toISOString() ?? null });
        const out = await s.collect(ctx, page);
        items.push(...out.items);
        return out;
      },
    }));
    const runAt = async (iso: string) => {
      t.clock.now = new Date(iso);
      seen.length = 0;
      items.length = 0;
      return runNotificationJob({ ...deps(), sources: spying });
    };
    try {
      // 9 Dec (Tehran): the day's first run reads everything
      await runAt('2026-12-09T05:00:00.000Z');
      expect(seen.length).toBeGreaterThanOrEqual(REMINDER_SOURCES.length);
      expect(seen.every((x) => x.changedSince === null)).toBe(true);
      expect(items.length).toBeGreaterThan(0);
      // nothing written since: a later run reads nothing, from 10 minutes before the last collection began
      const idle = await runAt('2026-12-09T06:00:00.000Z');
      expect(new Set(seen.map((x) => x.changedSince))).toEqual(new Set(['2026-12-09T04:50:00.000Z']));
      expect(items).toEqual([]);
      expect(idle.created).toBe(0);
      // a demand written after that run began, due in two days: the next run reads it alone, and reminds of it
      t.clock.now = new Date('2026-12-09T06:30:00.000Z');
      const sec = await t.as('secretariat');
      const made = await sec.post('/api/v1/demands', { unitId: c.unitId, categoryCode: 'tax', title: 'پس از گردآوری', description: 'شرح', agencyId: 'smt', dueDate: '2026-12-11' });
      expect(made.statusCode, made.body).toBe(201);
      const later = await runAt('2026-12-09T07:00:00.000Z');
      expect(new Set(seen.map((x) => x.changedSince))).toEqual(new Set(['2026-12-09T05:50:00.000Z']));
      expect(items.map((n) => `${n.kind}>${targetKey(n.target)}`)).toEqual(['demand.due_soon>agency:smt']);
      expect(items[0]!.refId).toBe(made.json().id);
      expect(later.created).toBe(1);
      // new referral deadlines make the province's overdue referrals reminders again (under the new due dates)
      t.clock.now = new Date('2026-12-09T07:30:00.000Z');
      const put = await sec.request('PUT', '/api/v1/referrals/deadlines', { receiptDays: 2, decisionDays: 3 });
      expect(put.statusCode, put.body).toBe(200);
      await runAt('2026-12-09T08:00:00.000Z');
      const referralItems = items.filter((n) => n.refType === 'referral');
      expect(referralItems.length).toBeGreaterThan(0);
      expect(new Set(referralItems.map((n) => n.provinceId))).toEqual(new Set(['qom']));
      // the next day reads everything again
      await runAt('2026-12-10T05:00:00.000Z');
      expect(seen.every((x) => x.changedSince === null)).toBe(true);
    } finally {
      t.clock.now = saved;
    }
    expect(await count('delivered_at is null')).toBe(0);
  });

  // after the test above: a collection is never recorded for a day earlier than the last one recorded
  it('rests after each transaction in proportion to its length (the people working come first), never so long that its lease lapses, and not at ratio 0', async () => {
    const rests: number[] = [];
    const paced: JobDeps = { ...deps(), restRatio: 1e6, leaseMs: 200, sleep: async (ms) => void rests.push(ms) };
    // a day not collected yet: every source read page by page, then the digests
    const run = await atTehran('2026-12-20T05:00:00.000Z', () => runNotificationJob(paced));
    expect(run.collected).toBe(true);
    // one rest per page of each source (at least one page each) and per digest; each at its cap, a tenth of the lease
    expect(rests.length).toBeGreaterThanOrEqual(REMINDER_SOURCES.length + run.digests);
    expect(new Set(rests)).toEqual(new Set([20]));
    rests.length = 0;
    await atTehran('2026-12-21T05:00:00.000Z', () => runNotificationJob({ ...paced, restRatio: 0 }));
    expect(rests).toEqual([]);
  });

  it('stops after the transaction in progress when the instance stops, and the next run finishes the day', async () => {
    const collectedOn = async (day: string) => (await t.database.query<{ n: number }>(`select count(*)::int as n from reminder_collections where day = $1`, [day]))[0]!.n;
    await atTehran('2026-12-22T05:00:00.000Z', async () => {
      // resting a long while after each page (at most a tenth of the lease: 6 s)
      const scheduler = startNotificationScheduler({ ...deps(), restRatio: 1e6, intervalMs: 3_600_000, firstDelayMs: 0 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = performance.now();
      await scheduler.stop();
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(await collectedOn('2026-12-22')).toBeLessThan(REMINDER_SOURCES.length);
      const next = await runNotificationJob({ ...deps(), restRatio: 0 });
      expect(next.collected).toBe(true);
      expect(await collectedOn('2026-12-22')).toBe(REMINDER_SOURCES.length);
    });
  });

  it('shows each user their own notifications, marks them read, and hides others’', async () => {
    const list = async (as: Cast['agency'], q = '') => (await as.get(`/api/v1/notifications?pageSize=500${q}`)).json();
    const agency = await list(c.agency);
    const reminder = agency.items.find((n: { refId: string; kind: string }) => n.refId === dueSoon.id && n.kind === 'demand.due_soon');
    expect(reminder).toMatchObject({ refType: 'demand', readAt: null });
    expect(agency.unread).toBeGreaterThan(0);
    // not the producer's, another agency's or the bank's
    for (const as of [c.producer, c.otherAgency, c.bank]) {
      expect((await list(as)).items.some((n: { id: string }) => n.id === reminder.id)).toBe(false);
      expect((await as.post(`/api/v1/notifications/${reminder.id}/read`)).statusCode).toBe(404);
    }
    const read = await c.agency.post(`/api/v1/notifications/${reminder.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe(t.clock.now.toISOString());
    const unreadOnly = await list(c.agency, '&unread=true');
    expect(unreadOnly.items.some((n: { id: string }) => n.id === reminder.id)).toBe(false);
    expect(unreadOnly.items.every((n: { readAt: string | null }) => n.readAt === null)).toBe(true);
    expect(unreadOnly.total).toBe(unreadOnly.unread);
    expect((await list(c.agency)).unread).toBe(agency.unread - 1);
    // the secretariat's role-wide reminders
    expect((await list(c.secretariat)).items.some((n: { refId: string }) => n.refId === unassigned.id)).toBe(true);
    const all = await c.secretariat.post('/api/v1/notifications/read-all');
    expect(all.json().updated).toBeGreaterThan(0);
    expect((await list(c.secretariat)).unread).toBe(0);
    expect((await c.secretariat.get('/api/v1/notifications?unread=maybe')).statusCode).toBe(422);
  });

  it('pages an officer’s notifications newest first across everything that reaches them: to them, their agency and their role', async () => {
    const me = (await c.agency.get('/api/v1/auth/me')).json() as { id: string };
    // interleaved in time, some at one instant (as a reminder run writes them): id breaks the ties
    const at = (minutes: number) => new Date(t.clock.now.getTime() - minutes * 60_000);
    await notify(t.database.db, [
      { provinceId: 'qom', target: { agencyId: 'smt' }, kind: 'test.page', title: 'به دستگاه', body: 'متن', dedupeKey: 'test:page:agency:0', createdAt: at(4) },
      { provinceId: 'qom', target: { userId: me.id }, kind: 'test.page', title: 'به شخص', body: 'متن', dedupeKey: 'test:page:user:1', createdAt: at(3) },
      { provinceId: 'qom', target: { role: 'agency' }, kind: 'test.page', title: 'به نقش', body: 'متن', dedupeKey: 'test:page:role:1', createdAt: at(2) },
      { provinceId: 'qom', target: { agencyId: 'smt' }, kind: 'test.page', title: 'به دستگاه', body: 'متن', dedupeKey: 'test:page:agency:1', createdAt: at(2) },
      { provinceId: 'qom', target: { userId: me.id }, kind: 'test.page', title: 'به شخص', body: 'متن', dedupeKey: 'test:page:user:2', createdAt: at(1) },
      { provinceId: 'qom', target: { agencyId: 'smt' }, kind: 'test.page', title: 'به دستگاه', body: 'متن', dedupeKey: 'test:page:agency:2', createdAt: at(1) },
      { provinceId: 'isfahan', target: { role: 'agency' }, kind: 'test.page', title: 'نقش در استانی دیگر', body: 'متن', dedupeKey: 'test:page:role:isfahan', createdAt: at(1) },
    ]);
    for (const unread of ['', '&unread=true']) {
      const whole = (await c.agency.get(`/api/v1/notifications?pageSize=500${unread}`)).json() as { items: { id: string; createdAt: string }[]; total: number };
      expect(whole.total).toBe(whole.items.length);
      const mine = (await t.database.query<{ id: string }>(`select id from notifications where dedupe_key like 'test:page:%' and province_id = 'qom'`)).map((r) => r.id);
      expect(whole.items.map((n) => n.id)).toEqual(expect.arrayContaining(mine));
      const sorted = [...whole.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
      expect(whole.items.map((n) => n.id)).toEqual(sorted.map((n) => n.id));
      // page by page, two at a time: the same list, nothing twice, nothing missed
      const paged: string[] = [];
      for (let page = 1; paged.length < whole.total; page++) {
        const res = (await c.agency.get(`/api/v1/notifications?pageSize=2&page=${page}${unread}`)).json() as { items: { id: string }[]; total: number };
        expect(res.total).toBe(whole.total);
        expect(res.items.length).toBeGreaterThan(0);
        paged.push(...res.items.map((n) => n.id));
      }
      expect(paged).toEqual(whole.items.map((n) => n.id));
    }
  });

  it('keeps read marks per person: two officers of one agency read on their own, and another province stays out', async () => {
    const password = 'another-long-password';
    const mk = async (body: Record<string, unknown>) => {
      const res = await c.admin.post('/api/v1/users', { ...body, password });
      expect(res.statusCode, res.body).toBe(201);
    };
    await mk({ username: 'agency.smt.second', fullName: 'کارشناس دوم صمت', role: 'agency', agencyId: 'smt' });
    await mk({ username: 'agency.smt.isfahan', fullName: 'کارشناس صمت اصفهان', role: 'agency', agencyId: 'smt', provinceId: 'isfahan' });
    const second = await t.as('agency.smt.second', password);
    const isfahan = await t.as('agency.smt.isfahan', password);
    const [qomNote] = await notify(t.database.db, [
      { provinceId: 'qom', target: { agencyId: 'smt' }, kind: 'test.shared', title: 'اعلان مشترک صمت قم', body: 'متن', dedupeKey: 'test:shared:qom' },
    ]);
    const [isfahanNote] = await notify(t.database.db, [
      { provinceId: 'isfahan', target: { agencyId: 'smt' }, kind: 'test.shared', title: 'اعلان صمت اصفهان', body: 'متن', dedupeKey: 'test:shared:isfahan' },
    ]);
    const count = async (as: Cast['agency']) => {
      const res = await as.get('/api/v1/notifications/unread-count');
      expect(res.statusCode).toBe(200);
      return res.json().count as number;
    };
    const ids = async (as: Cast['agency']) => ((await as.get('/api/v1/notifications?pageSize=500')).json().items as { id: string }[]).map((n) => n.id);

    const firstBefore = await count(c.agency);
    const secondBefore = await count(second);
    expect(secondBefore).toBeGreaterThan(0);
    expect(firstBefore).toBe((await c.agency.get('/api/v1/notifications')).json().unread);

    // one officer reads it: read for them, still unread for the other
    const read = await c.agency.post(`/api/v1/notifications/${qomNote}/read`);
    expect(read.json()).toMatchObject({ id: qomNote, readAt: t.clock.now.toISOString() });
    expect(await count(c.agency)).toBe(firstBefore - 1);
    expect(await count(second)).toBe(secondBefore);
    const secondsView = (await second.get('/api/v1/notifications?pageSize=500')).json().items.find((n: { id: string }) => n.id === qomNote);
    expect(secondsView).toMatchObject({ readAt: null });
    expect((await second.get('/api/v1/notifications?unread=true&pageSize=500')).json().items.map((n: { id: string }) => n.id)).toContain(qomNote);
    // reading it again keeps the first reading's time
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 60_000);
    expect((await c.agency.post(`/api/v1/notifications/${qomNote}/read`)).json().readAt).toBe(saved.toISOString());
    t.clock.now = saved;

    // the second reads everything: only their own marks
    const all = await second.post('/api/v1/notifications/read-all');
    expect(all.json()).toEqual({ updated: secondBefore });
    expect(await count(second)).toBe(0);
    expect(await count(c.agency)).toBe(firstBefore - 1);
    expect((await second.post('/api/v1/notifications/read-all')).json()).toEqual({ updated: 0 });

    // the same agency in another province: neither sees the other's
    expect(await ids(c.agency)).not.toContain(isfahanNote);
    expect(await ids(second)).not.toContain(isfahanNote);
    const isfahanBefore = await count(isfahan);
    expect(await ids(isfahan)).toContain(isfahanNote);
    expect(isfahanBefore).toBeGreaterThanOrEqual(1);
    expect((await isfahan.post(`/api/v1/notifications/${qomNote}/read`)).statusCode).toBe(404);
    expect((await c.agency.post(`/api/v1/notifications/${isfahanNote}/read`)).statusCode).toBe(404);
    expect(await count(isfahan)).toBe(isfahanBefore);
    expect((await t.anonymous.get('/api/v1/notifications/unread-count')).statusCode).toBe(401);

    // moved to another agency, the second officer's marks on their old agency's notifications count for nothing:
    // the count is what the unread list holds, and each of the new agency's is unread
    await notify(t.database.db, [{ provinceId: 'qom', target: { agencyId: 'tax' }, kind: 'test.shared', title: 'اعلان امور مالیاتی قم', body: 'متن', dedupeKey: 'test:shared:tax' }]);
    const secondId = (await second.get('/api/v1/auth/me')).json().id as string;
    const { version } = ((await c.admin.get('/api/v1/users?pageSize=500')).json().items as { id: string; version: number }[]).find((u) => u.id === secondId)!;
    const patched = await c.admin.patch(`/api/v1/users/${secondId}`, { version, agencyId: 'tax' });
    expect(patched.statusCode, patched.body).toBe(200);
    const moved = await t.as('agency.smt.second', password);
    const unreadList = (await moved.get('/api/v1/notifications?unread=true&pageSize=500')).json();
    expect(unreadList.items.length).toBeGreaterThan(0);
    expect(await count(moved)).toBe(unreadList.total);
    expect(await count(moved)).toBe(unreadList.items.length);
  });
});
