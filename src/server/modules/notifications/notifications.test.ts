import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { openDatabase, type Db } from '../../db/client.js';
import { makeCast, type Cast } from '../demands/demands.fixtures.js';
import { collectReminders, deliverPending, REMINDER_LOCK_KEY, runNotificationJob, type DeliveryChannel, type JobDeps, type OutgoingNotification } from './notifications.job.js';
import { REMINDER_SOURCES } from '../../app.js';

/** A channel that remembers what it was given. */
function recorder(name = 'test'): DeliveryChannel & { sent: OutgoingNotification[] } {
  const sent: OutgoingNotification[] = [];
  return { name, sent, deliver: async (n) => void sent.push(n) };
}

describeOnEngines('notifications and reminders', (t) => {
  let c: Cast;
  const channel = recorder();
  const deps = (db: Db = t.database.db, ch: DeliveryChannel = channel): JobDeps => ({ db, now: () => t.clock.now, channel: ch, sources: REMINDER_SOURCES, batchSize: 25 });
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

  const count = async (where = 'true') => (await t.database.query<{ n: number }>(`select count(*)::int as n from notifications where ${where}`))[0]!.n;

  it('writes a reminder before the due date to the agency (or the secretariat while unassigned) and delivers it once', async () => {
    const first = await runNotificationJob(deps());
    expect(first.collected).toBe(true);
    expect(first.created).toBeGreaterThan(0);
    expect(first.delivered).toBe(await count());
    // the assignment itself was announced too, when the demand was registered
    expect(channel.sent.filter((n) => n.refId === dueSoon.id && n.kind === 'demand.assigned')).toHaveLength(1);
    const mine = channel.sent.filter((n) => n.refId === dueSoon.id && n.kind !== 'demand.assigned');
    expect(mine).toEqual([expect.objectContaining({ kind: 'demand.due_soon', target: { agencyId: 'smt' }, title: `سررسید مطالبهٔ ${dueSoon.code} نزدیک است` })]);
    expect(mine[0]!.body).toContain('۳ روز دیگر');
    expect(channel.sent.filter((n) => n.refId === unassigned.id)).toEqual([expect.objectContaining({ kind: 'demand.due_soon', target: { role: 'secretariat' } })]);
    const again = await runNotificationJob(deps());
    expect(again).toEqual({ collected: true, created: 0, delivered: 0, failed: 0 });
  });

  it('writes the overdue reminder on the day after due, once, even when the job runs concurrently', async () => {
    const saved = t.clock.now;
    try {
      t.clock.now = new Date('2026-12-02T20:31:00.000Z'); // 3 Dec, 00:01 in Tehran
      const before = channel.sent.length;
      const runs = await Promise.all([runNotificationJob(deps()), runNotificationJob(deps()), runNotificationJob(deps())]);
      const sentNow = channel.sent.slice(before);
      const overdue = sentNow.filter((n) => n.refId === dueSoon.id);
      expect(overdue.map((n) => n.kind)).toEqual(['demand.overdue', 'demand.overdue']);
      expect(overdue.map((n) => n.target)).toEqual(expect.arrayContaining([{ agencyId: 'smt' }, { role: 'secretariat' }]));
      expect(runs.reduce((s, r) => s + r.created, 0)).toBe(sentNow.length);
      expect(runs.reduce((s, r) => s + r.delivered, 0)).toBe(sentNow.length);
      await runNotificationJob(deps());
      expect(channel.sent.length).toBe(before + sentNow.length);
    } finally {
      t.clock.now = saved;
    }
    // every notification delivered exactly once, through the channel, and marked so
    const ids = channel.sent.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await count('delivered_at is null')).toBe(0);
    expect(await count(`delivered_via = 'test'`)).toBe(ids.length);
  });

  it('sends once when two server instances share the database', async () => {
    if (t.engine !== 'postgres') return; // one embedded database is one process: nothing to race with
    const url = (t.database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    const second = await openDatabase({ databaseUrl: url, migrate: false });
    try {
      // another instance holds the lock: this one skips collecting
      const holder = await second.pool!.connect();
      try {
        await holder.query('begin');
        await holder.query('select pg_advisory_xact_lock($1::bigint)', [REMINDER_LOCK_KEY]);
        expect((await collectReminders(deps())).collected).toBe(false);
        await holder.query('commit');
      } finally {
        holder.release();
      }
      const a = recorder('a');
      const b = recorder('b');
      const moved = await c.secretariat.patch(`/api/v1/demands/${dueSoon.id}`, { version: dueSoon.version, dueDate: '2026-12-01' });
      expect(moved.statusCode).toBe(200);
      dueSoon = moved.json();
      await Promise.all([runNotificationJob(deps(t.database.db, a)), runNotificationJob(deps(second.db, b))]);
      const ids = [...a.sent, ...b.sent].map((n) => n.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await second.close();
    }
  });

  it('reminds again when the due date moves, and leaves a failed delivery for the next run', async () => {
    const res = await c.secretariat.patch(`/api/v1/demands/${dueSoon.id}`, { version: dueSoon.version, dueDate: '2026-11-30' });
    expect(res.statusCode).toBe(200);
    dueSoon = res.json();
    const broken: DeliveryChannel = { name: 'broken', deliver: async () => Promise.reject(new Error('smtp down')) };
    const failed = await runNotificationJob(deps(t.database.db, broken));
    expect(failed.created).toBeGreaterThan(0);
    expect(failed).toMatchObject({ delivered: 0 });
    expect(failed.failed).toBeGreaterThan(0);
    // undelivered: the new reminders, and the due change's word to the producer and the agency (demands)
    expect(await count('delivered_at is null')).toBe(failed.created + 2);
    const fixed = recorder('fixed');
    const retry = await deliverPending(deps(t.database.db, fixed));
    expect(retry).toEqual({ delivered: failed.created + 2, failed: 0 });
    // the reminder goes again for the new date; the change itself was told to the producer and the agency (demands)
    expect(fixed.sent.filter((n) => n.refId === dueSoon.id && n.kind !== 'demand.due_changed')).toEqual([expect.objectContaining({ kind: 'demand.due_soon', body: expect.stringContaining('۱ روز دیگر') })]);
    expect(fixed.sent.filter((n) => n.refId === dueSoon.id && n.kind === 'demand.due_changed').map((n) => n.target)).toEqual(expect.arrayContaining([{ unitId: c.unitId }, { agencyId: 'smt' }]));
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
    expect((await list(c.agency, '&unread=true')).items.some((n: { id: string }) => n.id === reminder.id)).toBe(false);
    expect((await list(c.agency)).unread).toBe(agency.unread - 1);
    // the secretariat's role-wide reminders
    expect((await list(c.secretariat)).items.some((n: { refId: string }) => n.refId === unassigned.id)).toBe(true);
    const all = await c.secretariat.post('/api/v1/notifications/read-all');
    expect(all.json().updated).toBeGreaterThan(0);
    expect((await list(c.secretariat)).unread).toBe(0);
    expect((await c.secretariat.get('/api/v1/notifications?unread=maybe')).statusCode).toBe(422);
  });
});
