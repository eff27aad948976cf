/** Liveness, readiness and the graceful drain a load balancer relies on. */
import { describe, expect, it } from 'vitest';
import { createPostgresDatabase, describeOnEngines, startTestApp } from '../../test/harness.js';
import { createLifecycle, drainAndClose } from '../../lifecycle.js';
import { checkReadiness } from './system.readiness.js';
import { openDatabase } from '../../db/client.js';

const PG_URL = process.env.TASHIL_TEST_DATABASE_URL;

describeOnEngines('health', (t) => {
  it('answers live without the database, and ready when the database answers and is migrated', async () => {
    const live = await t.anonymous.get('/api/v1/health/live');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await t.anonymous.get('/api/v1/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: t.engine, version: t.config.version });
    expect(ready.headers['cache-control']).toBe('no-store');
    // the older route stays
    expect((await t.anonymous.get('/api/v1/health')).statusCode).toBe(200);
  });

  it('answers 503 (problem+json) while the database lacks a migration this code expects', async () => {
    const [last] = await t.database.query<{ id: number; hash: string; created_at: string }>(
      'select id, hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1',
    );
    await t.database.query('delete from drizzle.__drizzle_migrations where id = $1', [last!.id]);
    try {
      const res = await t.anonymous.get('/api/v1/health/ready', { 'accept-language': 'en' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'system.not_ready', status: 503, reason: 'migrations_pending' });
      expect((await t.anonymous.get('/api/v1/health/live')).statusCode).toBe(200);
    } finally {
      await t.database.query('insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)', [last!.id, last!.hash, last!.created_at]);
    }
    expect((await t.anonymous.get('/api/v1/health/ready')).statusCode).toBe(200);
  });
});

describe('readiness without a database', () => {
  it('is not ready when the database fails or does not answer in time', async () => {
    const failing = { query: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')) };
    expect(await checkReadiness(failing, createLifecycle())).toMatchObject({ ready: false, reason: 'database_unreachable' });
    const stuck = { query: () => new Promise<never>(() => {}) };
    expect(await checkReadiness(stuck, createLifecycle(), 50)).toMatchObject({ ready: false, reason: 'database_unreachable' });
    const draining = createLifecycle();
    draining.startDraining();
    expect(await checkReadiness(failing, draining)).toMatchObject({ ready: false, reason: 'draining' });
  });
});

describe.skipIf(!PG_URL)('readiness of a busy instance [postgres]', () => {
  it('stays ready while every pooled connection is taken and requests wait for one (a load balancer must not drop it)', async () => {
    const fresh = await createPostgresDatabase();
    const database = await openDatabase({ databaseUrl: fresh.url, poolMax: 2 });
    const held = await Promise.all([database.pool!.connect(), database.pool!.connect()]);
    try {
      const waiting = database.query('select 1 as n');
      const started = Date.now();
      expect(await checkReadiness(database, createLifecycle(), 1_000)).toEqual({ ready: true });
      expect(Date.now() - started).toBeLessThan(1_000);
      // through the pool the same check would have waited behind the request
      expect(await checkReadiness({ query: database.query.bind(database) }, createLifecycle(), 300)).toMatchObject({ ready: false, reason: 'database_unreachable' });
      for (const client of held) client.release();
      expect(await waiting).toEqual([{ n: 1 }]);
    } finally {
      await database.close();
      await fresh.drop();
    }
  });
});

describe('graceful drain', () => {
  it('stops answering ready at once, lets an in-flight request finish, then closes listener, jobs and database in order', async () => {
    const lifecycle = createLifecycle();
    let releaseSlow: () => void = () => {};
    const t = await startTestApp('pglite', {
      demo: false,
      lifecycle,
      extraRoutes: (app) =>
        // outside /api: no permission rule needed for a test-only route
        app.get('/test/slow', async () => {
          await new Promise<void>((resolve) => {
            releaseSlow = resolve;
          });
          return { finished: true };
        }),
    });
    const events: string[] = [];
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      expect((await fetch(`${base}/api/v1/health/ready`)).status).toBe(200);

      const slow = fetch(`${base}/test/slow`).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
      await new Promise((r) => setTimeout(r, 100)); // the slow request is in flight
      const drained = drainAndClose({
        app: t.app,
        lifecycle,
        graceMs: 300,
        stopJobs: [async () => void events.push('jobs stopped')],
        closeDatabase: async () => {
          events.push('database closed');
          await t.database.close();
        },
      }).then(() => events.push('drained'));

      // during the grace the instance still serves, but says it is not ready
      const ready = await fetch(`${base}/api/v1/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ code: 'system.not_ready', reason: 'draining' });
      expect((await fetch(`${base}/api/v1/health/live`)).status).toBe(200);

      await new Promise((r) => setTimeout(r, 500)); // past the grace: the listener is closing, the request still runs
      expect(events).toEqual(['jobs stopped']);
      releaseSlow();
      expect(await slow).toEqual({ status: 200, body: { finished: true } });
      await drained;
      expect(events).toEqual(['jobs stopped', 'database closed', 'drained']);
      await expect(fetch(`${base}/api/v1/health/live`)).rejects.toThrow();
    } finally {
      releaseSlow();
      if (!t.database.pglite?.closed) await t.database.close();
    }
  }, 60_000);
});
