/**
 * Two server instances on one PostgreSQL database, as behind a load balancer: whatever one does, the other sees —
 * sessions, login throttling, idempotency keys, uploaded files — and the background jobs (reminders, SMS) deliver
 * each thing once between them. Readiness says 503 when the database lacks a migration or cannot be reached.
 *
 * PostgreSQL only: the embedded PGlite is one process, so there is no second instance to start.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { openDatabase } from '../db/client.js';
import { makeClient, PG_URL, startTestApp, type Client, type TestApp } from './harness.js';
import { castOf, refer, upload } from '../modules/referrals/referrals.test-helpers.js';
import { runNotificationJob, type DeliveryChannel, type OutgoingNotification } from '../modules/notifications/notifications.job.js';
import { targetKey } from '../modules/notifications/notifications.service.js';
import { REMINDER_SOURCES } from '../app.js';
import { queueSms } from '../modules/sms/sms.service.js';
import { deliverDueSms } from '../modules/sms/sms.job.js';
import type { SmsDriver } from '../modules/sms/sms.driver.js';

type Instance = TestApp & { close(): Promise<void> };

if (!PG_URL) {
  describe('two instances on one database', () => {
    it.skip('skipped: PGlite is one process — set TASHIL_TEST_DATABASE_URL to run this on PostgreSQL', () => {});
  });
} else {
  describe('two instances on one database [postgres]', () => {
    let a: Instance;
    let b: Instance;

    beforeAll(async () => {
      a = await startTestApp('postgres');
      b = await startTestApp('postgres', { databaseUrl: a.databaseUrl! });
    }, 120_000);
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    /** The same session cookie, sent to the other instance. */
    const onB = (client: Client) => makeClient(b.app, client.cookie);

    it('signs in on one and acts on the other; signing out on one ends the session on both', async () => {
      const secretariat = await a.as('secretariat');
      const there = onB(secretariat);
      expect((await there.get('/api/v1/auth/me')).json()).toMatchObject({ username: 'secretariat' });
      const unit = (await there.get('/api/v1/units?pageSize=1')).json().items[0];
      const made = await there.post('/api/v1/demands', { unitId: unit.id, categoryCode: 'tax', title: 'مطالبه از نمونهٔ دوم', description: 'شرح', agencyId: 'smt', dueDate: '2026-12-20' });
      expect(made.statusCode, made.body).toBe(201);
      expect((await secretariat.get(`/api/v1/demands/${made.json().id}`)).json()).toMatchObject({ title: 'مطالبه از نمونهٔ دوم' });
      expect((await there.post('/api/v1/auth/logout')).statusCode).toBeLessThan(300);
      expect((await secretariat.get('/api/v1/auth/me')).statusCode).toBe(401);
    });

    it('counts failed logins across instances, and replays an idempotent request on the other', async () => {
      const from = { remoteAddress: '10.77.0.9' };
      const attempt = (app: Instance, password: string) =>
        app.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-requested-with': 'tashil' }, payload: { username: 'executive', password }, ...from });
      for (let i = 0; i < a.config.loginMaxFailures; i++) expect((await attempt(i % 2 ? a : b, 'wrong-password-1')).statusCode).toBe(401);
      expect((await attempt(b, 'wrong-password-1')).statusCode).toBe(429);
      expect((await attempt(a, 'wrong-password-1')).statusCode).toBe(429);

      const cast = await castOf(a);
      const r = await refer(cast.agency, cast.unitId);
      const key = { 'idempotency-key': `two-instances-${randomBytes(4).toString('hex')}` };
      const first = await cast.bank.post(`/api/v1/referrals/${r.id}/transitions`, { to: 'received', version: r.version }, key);
      expect(first.statusCode, first.body).toBe(200);
      const again = await onB(cast.bank).post(`/api/v1/referrals/${r.id}/transitions`, { to: 'received', version: r.version }, key);
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
    });

    it('serves a file uploaded on one from the other, byte for byte', async () => {
      const cast = await castOf(a);
      const r = await refer(cast.agency, cast.unitId);
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300_000), Buffer.from('\n%%EOF')]);
      const att = await upload(cast.secretariat, `/api/v1/referrals/${r.id}/attachments`, 'letter.pdf', pdf);
      expect(att.statusCode, att.body).toBe(201);
      const dl = await onB(cast.secretariat).get(`/api/v1/referrals/${r.id}/attachments/${att.json().id}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.equals(pdf)).toBe(true);
    });

    it('runs the reminder job on both at once: each reminder written once, each digest and event delivered once', async () => {
      const recorder = (name: string): DeliveryChannel & { sent: OutgoingNotification[] } => {
        const sent: OutgoingNotification[] = [];
        return { name, sent, deliver: async (n) => void sent.push(n) };
      };
      const ra = recorder('a');
      const rb = recorder('b');
      const deps = (t: Instance, channel: DeliveryChannel, holder: string) => ({ db: t.database.db, now: () => a.clock.now, channel, sources: REMINDER_SOURCES, pageSize: 10, holder });
      const [x, y] = await Promise.all([runNotificationJob(deps(a, ra, 'instance-a')), runNotificationJob(deps(b, rb, 'instance-b'))]);
      const all = [...ra.sent, ...rb.sent];
      expect(all.length).toBeGreaterThan(0);
      expect(new Set(all.map((n) => n.id)).size).toBe(all.length);
      // one digest per target in its province (the demo has five provinces, each with its own agencies)
      const digests = all.filter((n) => n.kind === 'reminder.digest').map((n) => `${n.provinceId}/${targetKey(n.target)}`);
      expect(digests.length).toBeGreaterThan(0);
      expect(new Set(digests).size).toBe(digests.length);
      expect(x.digests + y.digests).toBe(digests.length);
      const [dupes] = await a.database.query<{ n: number }>('select count(*)::int as n from (select dedupe_key from notifications group by 1 having count(*) > 1) d');
      expect(dupes!.n).toBe(0);
      const [left] = await a.database.query<{ n: number }>('select count(*)::int as n from notifications where delivered_at is null');
      expect(left!.n).toBe(0);
      // a second round on both finds nothing to write or send
      const again = await Promise.all([runNotificationJob(deps(a, ra, 'instance-a')), runNotificationJob(deps(b, rb, 'instance-b'))]);
      expect(again.map((r) => r.created + r.delivered)).toEqual([0, 0]);
    });

    it('sends each queued SMS once when both instances run the SMS worker', async () => {
      const sent: string[] = [];
      const driver = (): SmsDriver => ({
        name: 'count',
        partsOf: () => 1,
        async send(msg, accepted) {
          await new Promise((r) => setTimeout(r, 5));
          sent.push(msg.id);
          await accepted(0, `id-${msg.id}`);
        },
        close: async () => {},
      });
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) ids.push((await queueSms(a.database.db, { mobile: `0912555${String(1000 + i)}`, text: `پیام ${i}`, kind: 'test.two', now: a.clock.now })).id);
      const run = (t: Instance) => deliverDueSms({ db: t.database.db, driver: driver(), now: () => new Date(a.clock.now.getTime() + 1000), batchSize: 7 });
      for (let round = 0; round < 6; round++) await Promise.all([run(a), run(b)]);
      expect(sent.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    });

    it('answers ready 503 while a migration is pending, on every instance, and 200 again once it is applied', async () => {
      for (const t of [a, b]) expect((await t.anonymous.get('/api/v1/health/ready')).statusCode).toBe(200);
      const [last] = await a.database.query<{ id: number; hash: string; created_at: string }>('select id, hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1');
      await a.database.query('delete from drizzle.__drizzle_migrations where id = $1', [last!.id]);
      try {
        for (const t of [a, b]) {
          const res = await t.anonymous.get('/api/v1/health/ready');
          expect(res.statusCode).toBe(503);
          expect(res.json()).toMatchObject({ code: 'system.not_ready', reason: 'migrations_pending' });
        }
      } finally {
        await a.database.query('insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)', [last!.id, last!.hash, last!.created_at]);
      }
      for (const t of [a, b]) expect((await t.anonymous.get('/api/v1/health/ready')).statusCode).toBe(200);
    });

    it('answers ready 503 (and live 200) when its database cannot be reached', async () => {
      const unreachable = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/tashil', migrate: false });
      const app = await buildApp({ database: unreachable, config: a.config, logger: false });
      try {
        const ready = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
        expect(ready.statusCode).toBe(503);
        expect(ready.json()).toMatchObject({ code: 'system.not_ready', reason: 'database_unreachable' });
        expect((await app.inject({ method: 'GET', url: '/api/v1/health/live' })).statusCode).toBe(200);
      } finally {
        await app.close();
        await unreachable.close();
      }
    });
  });
}
