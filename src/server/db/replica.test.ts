/**
 * Statistics, drill-downs and exports read on the replica (DATABASE_REPLICA_URL) when it answers, say `asOf` when it
 * lags, and fall back to the primary when it cannot be reached — counted in the metrics. The replica here is the same
 * PostgreSQL database under a second URL (what matters is the routing); the lag is a stand-in probe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { makeClient, PG_URL, startTestApp, type TestApp } from '../test/harness.js';
import { openDatabase } from './client.js';
import { isConnectionError, lagOf, replicaReads, type ReadRouter } from './replica.js';

describe('replica lag and errors', () => {
  it('counts a caught-up replica as current, and a waiting one by its last replayed commit', () => {
    const now = new Date('2026-11-29T08:00:30Z');
    expect(lagOf({ replayedAt: null, now })).toBe(0);
    expect(lagOf({ replayedAt: new Date('2026-11-29T08:00:00Z'), now })).toBe(30_000);
  });

  it('tells a lost connection from a bad query', () => {
    expect(isConnectionError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError({ message: 'Failed query', cause: { code: '57P01', message: 'terminating connection due to administrator command' } })).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
  });
});

type Instance = TestApp & { close(): Promise<void> };

describe.skipIf(!PG_URL)('read replica [postgres]', () => {
  let primary: Instance;
  beforeAll(async () => {
    primary = await startTestApp('postgres');
  }, 120_000);
  afterAll(async () => {
    await primary?.close();
  });

  const banks = async (t: Instance) => (await makeClient(t.app, (await t.as('secretariat')).cookie).get('/api/v1/stats/banks?period=1405')).json();
  /** the primary's figures; its snapshot may be older than the as-of limit by now (it says so in `asOf`) */
  const primaryFigures = async () => {
    const { asOf: _asOf, ...figures } = await banks(primary);
    return figures;
  };
  const metrics = async (t: Instance) => (await t.app.inject({ method: 'GET', url: '/metrics' })).body;

  it('reads statistics, drill-downs and exports on the replica when it answers, with the same figures', async () => {
    const onReplica = await startTestApp('postgres', { databaseUrl: primary.databaseUrl!, config: { databaseReplicaUrl: primary.databaseUrl! } });
    try {
      const expected = await primaryFigures();
      const got = await banks(onReplica);
      expect(got).toEqual(expected);
      expect(got.asOf).toBeUndefined(); // not a standby: nothing to wait for
      const c = await onReplica.as('secretariat');
      expect((await c.get('/api/v1/stats/drilldown?source=referrals&metric=referred&period=1405')).statusCode).toBe(200);
      const xlsx = await c.get('/api/v1/stats/export?table=banks&period=1405');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['x-data-as-of']).toBeUndefined();
      const text = await metrics(onReplica);
      expect(text).toMatch(/tashil_db_pool_connections\{pool="replica",state="total"\} [1-9]/);
      expect(text).toMatch(/tashil_replica_up 1/);
      expect(text).toMatch(/tashil_replica_lag_seconds 0/);
    } finally {
      await onReplica.close();
    }
  });

  it('falls back to the primary when the replica cannot be reached, and counts it', async () => {
    const dead = await startTestApp('postgres', { databaseUrl: primary.databaseUrl!, config: { databaseReplicaUrl: 'postgres://postgres@127.0.0.1:1/tashil' } });
    try {
      expect(await banks(dead)).toEqual(await primaryFigures());
      const text = await metrics(dead);
      expect(text).toMatch(/tashil_replica_fallbacks_total\{reason="unreachable"\} [1-9]/);
      expect(text).toMatch(/tashil_replica_up 0/);
    } finally {
      await dead.close();
    }
  });

  it('says asOf when the replica lags past the limit: in the answer, and in a header on exports', async () => {
    const replayedAt = new Date(Date.now() - 30_000);
    const reads = replicaReads({ url: primary.databaseUrl!, primary: primary.database.db, maxLagMs: 5_000, probe: async () => ({ replayedAt, now: new Date() }) });
    const app = await buildApp({ database: primary.database, config: primary.config, now: () => primary.clock.now, logger: false, reads });
    try {
      const cookie = (await primary.as('secretariat')).cookie;
      const c = makeClient(app, cookie);
      for (const url of ['/api/v1/stats/banks', '/api/v1/stats/agencies', '/api/v1/stats/overview', '/api/v1/stats/trend?metric=paidAmount', '/api/v1/stats/systemic-obstacles', '/api/v1/stats/drilldown?source=referrals&metric=referred']) {
        const res = await c.get(url);
        expect(res.statusCode, `${url} ${res.body}`).toBe(200);
        expect(res.json().asOf, url).toBe(replayedAt.toISOString());
      }
      expect((await c.get('/api/v1/stats/export?table=banks')).headers['x-data-as-of']).toBe(replayedAt.toISOString());
      expect((await c.get('/api/v1/units/export?format=csv')).headers['x-data-as-of']).toBe(replayedAt.toISOString());
      // everything else reads the primary and says nothing
      expect((await c.get('/api/v1/referrals?pageSize=1')).json().asOf).toBeUndefined();
    } finally {
      await app.close();
      await reads.close();
    }
  });

  it('answers from the primary when the replica drops the connection in the middle of a request', async () => {
    const gone = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/tashil', migrate: false });
    const failures: unknown[] = [];
    const reads: ReadRouter = {
      choose: async () => ({ db: gone.db, via: 'replica', asOf: null }),
      replicaFailed: (err) => void failures.push(err),
      status: () => ({ state: 'up', lagMs: 0 }),
      close: async () => {},
    };
    const app = await buildApp({ database: primary.database, config: primary.config, now: () => primary.clock.now, logger: false, reads });
    try {
      const c = makeClient(app, (await primary.as('secretariat')).cookie);
      const res = await c.get('/api/v1/stats/banks?period=1405');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual(await primaryFigures());
      expect(failures).toHaveLength(1);
    } finally {
      await app.close();
      await gone.close();
    }
  });
});

describe('read replica on the embedded database', () => {
  it('ignores DATABASE_REPLICA_URL: PGlite has no replica, reads stay on it', async () => {
    const t = await startTestApp('pglite', { config: { databaseReplicaUrl: 'postgres://postgres@127.0.0.1:1/tashil' } });
    try {
      const c = await t.as('secretariat');
      expect((await c.get('/api/v1/stats/banks')).statusCode).toBe(200);
      expect(t.app.deps.reads.status().state).toBe('none');
    } finally {
      await t.close();
    }
  }, 120_000);
});
