/**
 * Where read-only reports read: a streaming replica (DATABASE_REPLICA_URL) when one is configured and answering, else
 * the primary. Statistics, drill-downs and exports go through here; everything else reads and writes the primary.
 *
 * The replica's state is probed at most once a second (shared by concurrent requests): reachable or not, and how far
 * behind. Caught up — the WAL received has all been replayed — counts as no lag, however long ago the last write
 * was; otherwise the lag is the time since the last replayed transaction committed, and past `maxLagMs` the answers
 * say `asOf` that moment. A replica that cannot be reached (or fails a request) is left alone for a few seconds and
 * the primary answers meanwhile; each such read is counted (`onFallback`) and the change is logged once.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';
import { PG_SESSION_OPTIONS, setUpConnection, type Db } from './client.js';

export interface ReadChoice {
  db: Db;
  via: 'replica' | 'primary';
  /** the replica's last replayed commit, when it lags more than the limit; null when current */
  asOf: Date | null;
}

export interface ReplicaStatus {
  state: 'none' | 'unknown' | 'up' | 'down';
  /** ms behind the primary at the last probe (0 when caught up); null when unknown or down */
  lagMs: number | null;
}

export interface ReadRouter {
  /** The database one read-only request should use, with its `asOf`. */
  choose(): Promise<ReadChoice>;
  /** A request on the replica failed for want of a connection: use the primary for a while. */
  replicaFailed(err: unknown): void;
  status(): ReplicaStatus;
  /** the replica's pool, for the metrics */
  pool?: pg.Pool;
  close(): Promise<void>;
}

/** No replica configured: every read on the primary. */
export function primaryReads(primary: Db): ReadRouter {
  return {
    choose: async () => ({ db: primary, via: 'primary', asOf: null }),
    replicaFailed: () => {},
    status: () => ({ state: 'none', lagMs: null }),
    close: async () => {},
  };
}

/** What a probe of the replica finds. */
export interface ReplicaProbe {
  /** the last replayed commit when WAL is still waiting to be replayed; null when caught up (or not a standby) */
  replayedAt: Date | null;
  /** the replica's clock at the probe */
  now: Date;
}

const PROBE_SQL = `
  select case when pg_is_in_recovery() and pg_last_wal_receive_lsn() is distinct from pg_last_wal_replay_lsn()
              then pg_last_xact_replay_timestamp() end as replayed_at,
         clock_timestamp() as now`;

/** The lag a probe shows, in ms: 0 when caught up. */
export function lagOf(probe: ReplicaProbe): number {
  return probe.replayedAt ? Math.max(0, probe.now.getTime() - probe.replayedAt.getTime()) : 0;
}

/** Errors that mean "no usable connection to that server", as opposed to a bad query. */
export function isConnectionError(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EPIPE)$/.test(code) || /^(08|57P0)/.test(code))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)) return true;
  }
  return false;
}

export interface ReplicaOptions {
  url: string;
  primary: Db;
  /** connections at most (TASHIL_DB_POOL_MAX) */
  poolMax?: number;
  /** past this lag, answers carry `asOf` (TASHIL_REPLICA_MAX_LAG_SECONDS) */
  maxLagMs: number;
  /** a read the primary served because the replica could not */
  onFallback?: (reason: 'unreachable' | 'failed') => void;
  log?: { warn(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
  /** how long a failed replica is left alone */
  retryAfterMs?: number;
  /** tests: stands in for the SQL probe */
  probe?: (pool: pg.Pool) => Promise<ReplicaProbe>;
}

export function replicaReads(opts: ReplicaOptions): ReadRouter {
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolMax ?? 10, options: PG_SESSION_OPTIONS, connectionTimeoutMillis: 2_000 });
  pool.on('error', (err) => opts.log?.warn({ err: err.message }, 'replica: idle connection lost'));
  // one lost while checked out must not end the process either (see db/client.ts)
  pool.on('connect', (client) => {
    client.on('error', (err) => opts.log?.warn({ err: err.message }, 'replica: connection lost'));
    setUpConnection(client);
  });
  const db = drizzle(pool, { schema }) as Db;
  const retryAfterMs = opts.retryAfterMs ?? 5_000;
  const probe =
    opts.probe ??
    (async (p: pg.Pool) => {
      const { rows } = await p.query<{ replayed_at: Date | null; now: Date }>({ text: PROBE_SQL, query_timeout: 2_000 } as pg.QueryConfig);
      return { replayedAt: rows[0]?.replayed_at ?? null, now: rows[0]?.now ?? new Date() };
    });
  let state: ReplicaStatus['state'] = 'unknown';
  let lagMs: number | null = null;
  let asOf: Date | null = null;
  let checkedAt = 0;
  let downUntil = 0;
  let probing: Promise<void> | null = null;

  const goDown = (err: unknown, why: string) => {
    if (state !== 'down') opts.log?.warn({ err: err instanceof Error ? err.message : String(err) }, `replica ${why}: statistics read from the primary for now`);
    state = 'down';
    lagMs = null;
    asOf = null;
    downUntil = Date.now() + retryAfterMs;
  };
  const check = async () => {
    try {
      const found = await probe(pool);
      if (state === 'down') opts.log?.info({}, 'replica reachable again: statistics read from it');
      state = 'up';
      lagMs = lagOf(found);
      asOf = lagMs > opts.maxLagMs ? found.replayedAt : null;
    } catch (err) {
      goDown(err, 'unreachable');
    } finally {
      checkedAt = Date.now();
    }
  };

  return {
    pool,
    async choose() {
      const now = Date.now();
      if (!(state === 'down' && now < downUntil) && now - checkedAt >= 1_000) {
        probing ??= check().finally(() => {
          probing = null;
        });
        await probing;
      }
      if (state === 'up') return { db, via: 'replica', asOf };
      opts.onFallback?.('unreachable');
      return { db: opts.primary, via: 'primary', asOf: null };
    },
    replicaFailed(err) {
      goDown(err, 'failed a read');
      opts.onFallback?.('failed');
    },
    status: () => ({ state, lagMs }),
    close: () => pool.end(),
  };
}
