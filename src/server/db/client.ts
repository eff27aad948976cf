/**
 * Opens the database: embedded PGlite on a data folder, or real PostgreSQL via DATABASE_URL.
 * Both get the same Drizzle schema and the same committed migrations, applied at start.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';
import { nameStatements } from './statement-names.js';
import { projectRoot } from '../config.js';

/** Drizzle's API is the same on both drivers; the node-postgres type stands for both. */
export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /** Runs a raw SQL string with parameters; rows come back as plain objects. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * The same, on a connection of its own (PostgreSQL): the readiness check asks through it, so a busy instance whose
   * pool has requests waiting still answers "ready" at once, and only a database that does not answer makes it not.
   */
  probe?<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** Present on PGlite: the live instance (for backup). */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export const migrationsFolder = path.join(projectRoot, 'drizzle');

/** The last migration this code knows (drizzle's journal): its timestamp is what the migrator records as applied. */
export function expectedMigration(folder: string = migrationsFolder): { count: number; lastMillis: number; tag: string } {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
  const last = journal.entries.at(-1);
  return { count: journal.entries.length, lastMillis: last?.when ?? 0, tag: last?.tag ?? '' };
}

/**
 * The newest migration the database records as applied (0 when none). Readiness compares it with
 * `expectedMigration()`: an instance whose code expects a migration the database lacks must not take traffic.
 */
export async function appliedMigrationMillis(database: Pick<Database, 'query'>): Promise<number> {
  const [row] = await database.query<{ last: string | null }>('select max(created_at)::text as last from drizzle.__drizzle_migrations');
  return Number(row?.last ?? 0);
}

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database folder ${dir} is already in use by process ${pid}. ` +
        `Stop that Tashil first, or set TASHIL_DATA_DIR to another folder. ` +
        `(پوشهٔ پایگاه داده در حال استفادهٔ فرایند دیگری است.)`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One process per PGlite folder: a second open would corrupt it. */
function lockDataDir(dir: string): () => void {
  const lockPath = path.join(dir, 'tashil.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      rmSync(lockPath, { force: true }); // stale lock from a process that died
    }
  }
  throw new Error(`could not lock ${dir}`);
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /**
   * PostgreSQL: the role that owns the tables and runs the migrations (DATABASE_MIGRATION_URL). The server then
   * serves through `databaseUrl`, a role with data privileges only, which cannot drop a trigger or a table.
   */
  migrationUrl?: string | undefined;
  /** PGlite folder; undefined means in memory (tests). */
  dataDir?: string | undefined;
  migrate?: boolean;
  /** A PGlite data-folder archive to start from (restore). */
  loadDataDir?: Blob;
  /** PostgreSQL: connections this process opens at most (TASHIL_DB_POOL_MAX; default 10) */
  poolMax?: number;
}

/**
 * Session settings of every PostgreSQL connection Tashil opens. Parallel query is off: Tashil runs many short
 * statements at once, several per request, and on a small server starting workers cost more than they saved
 * (measured by bench/stats.bench.ts, whose bare-SQL side runs with the same settings).
 */
export const PG_SESSION_OPTIONS = '-c max_parallel_workers_per_gather=0';

/** Any constant shared by every instance: the advisory lock under which one of them migrates at a time. */
export const MIGRATION_LOCK_KEY = 7_301_405_016;

/**
 * Runs the migrations while holding a session advisory lock on a connection of its own, so instances started together
 * migrate one after another: the first applies what is missing, the others find nothing left. (Migrations should reach
 * PostgreSQL directly — DATABASE_MIGRATION_URL — not through a pooler in transaction mode.)
 */
async function migrateOnce(connectionString: string, migrate: () => Promise<void>): Promise<void> {
  const holder = new pg.Client({ connectionString });
  await holder.connect();
  try {
    await holder.query('select pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    await migrate();
  } finally {
    // closing the session releases the lock, whatever happened
    await holder.end();
  }
}

/**
 * One statement at a time on a connection, by our own queue: a transaction's statements may be sent together (a record
 * read with Promise.all inside the write that changed it), and pg 8 queues the second itself with a deprecation
 * warning — pg 9 will refuse it. They wait their turn here, in the order sent, which is what pg 8 does. Callback-style
 * calls (pg-pool's own) and submittables (cursors, streams) go straight through.
 */
export function oneStatementAtATime(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let tail: Promise<unknown> = Promise.resolve();
  client.query = ((...args: unknown[]) => {
    const first = args[0] as { submit?: unknown } | undefined;
    if (typeof args[args.length - 1] === 'function' || typeof first?.submit === 'function') return query(...args);
    const turn = tail.then(() => query(...args));
    tail = turn.catch(() => undefined);
    return turn;
  }) as typeof client.query;
}

/**
 * What every connection of a Tashil pool (primary, replica) does to its statements: one at a time (above), then each
 * sent as a named prepared statement (statement-names.ts) — the naming wraps the queue, so a named statement waits
 * its turn like any other.
 */
export function setUpConnection(client: pg.PoolClient): void {
  oneStatementAtATime(client);
  nameStatements(client);
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  let database: Database;
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolMax ?? 10, options: PG_SESSION_OPTIONS });
    // An idle connection that dies (server restart, a database dropped after close) must not crash the process.
    pool.on('error', (err) => console.warn(`tashil: idle database connection lost: ${err.message}`));
    // Nor one that dies while checked out (a transaction between statements; a failover resets them all): pg-pool
    // listens only while a client is idle, and an 'error' event without a listener would end the process.
    pool.on('connect', (client) => {
      client.on('error', (err) => console.warn(`tashil: database connection lost: ${err.message}`));
      setUpConnection(client);
    });
    const db = drizzlePg(pool, { schema });
    // one connection, opened on first use; a lost one is replaced on the next probe
    const probePool = new pg.Pool({ connectionString: opts.databaseUrl, max: 1, options: PG_SESSION_OPTIONS, connectionTimeoutMillis: 2_000, idleTimeoutMillis: 0 });
    probePool.on('error', (err) => console.warn(`tashil: readiness connection lost: ${err.message}`));
    database = {
      db,
      engine: 'postgres',
      pool,
      async query<T>(text: string, params: unknown[] = []) {
        const r = await pool.query(text, params);
        return r.rows as T[];
      },
      async probe<T>(text: string, params: unknown[] = []) {
        const r = await probePool.query(text, params);
        return r.rows as T[];
      },
      close: async () => {
        await Promise.all([pool.end(), probePool.end()]);
      },
    };
    if (opts.migrate !== false) {
      const separateOwner = Boolean(opts.migrationUrl && opts.migrationUrl !== opts.databaseUrl);
      const owner = separateOwner ? new pg.Pool({ connectionString: opts.migrationUrl, max: 1, options: PG_SESSION_OPTIONS }) : pool;
      try {
        await migrateOnce(separateOwner ? opts.migrationUrl! : opts.databaseUrl, async () => {
          await migratePg(separateOwner ? drizzlePg(owner, { schema }) : db, { migrationsFolder });
          if (separateOwner) {
            // The serving role reads the migrations' record for its readiness check (and nothing else in that schema).
            const [me] = await database.query<{ role: string }>('select current_user as role');
            if (me) await owner.query(`grant usage on schema drizzle to ${pg.escapeIdentifier(me.role)}; grant select on drizzle.__drizzle_migrations to ${pg.escapeIdentifier(me.role)}`);
          }
        });
      } finally {
        if (separateOwner) await owner.end();
      }
    }
  } else {
    let unlock = () => {};
    if (opts.dataDir) {
      mkdirSync(opts.dataDir, { recursive: true });
      unlock = lockDataDir(opts.dataDir);
    }
    let client: PGlite;
    try {
      const pgliteDir = opts.dataDir ? path.join(opts.dataDir, 'pglite') : undefined;
      if (opts.loadDataDir && pgliteDir && existsSync(pgliteDir)) throw new Error(`${pgliteDir} already exists`);
      client = await PGlite.create({
        ...(pgliteDir ? { dataDir: pgliteDir } : {}),
        extensions: { pg_trgm },
        ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      });
    } catch (e) {
      unlock();
      throw e;
    }
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    database = {
      db,
      engine: 'pglite',
      pglite: client,
      async query<T>(text: string, params: unknown[] = []) {
        const r = await client.query<T>(text, params);
        return r.rows;
      },
      async close() {
        try {
          if (!client.closed) {
            await client.query('CHECKPOINT');
            await client.close();
          }
        } finally {
          unlock();
        }
      },
    };
    if (opts.migrate !== false) {
      try {
        await migratePglite(db as never, { migrationsFolder });
      } catch (e) {
        await database.close();
        throw e;
      }
    }
  }
  return database;
}
