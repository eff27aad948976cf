/**
 * Backup and restore on both engines. Embedded: the PGlite data folder as a gzip'd tar archive
 * (PGlite's own dump). PostgreSQL: pg_dump's custom format and pg_restore.
 * A restore refuses a non-empty database unless forced.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error) throw new Error(`${cmd} could not run: ${r.error.message} (install the PostgreSQL client tools)`);
  if (r.status !== 0) throw new Error(`${cmd} failed with exit code ${r.status}`);
}

export async function backup(config: Config, file: string): Promise<void> {
  if (config.databaseUrl) {
    run('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', config.databaseUrl]);
  } else {
    const database = await openDatabase({ dataDir: config.dataDir, migrate: false });
    try {
      const archive = await database.pglite!.dumpDataDir('gzip');
      writeFileSync(file, Buffer.from(await archive.arrayBuffer()));
    } finally {
      await database.close();
    }
  }
  console.log(`backup written to ${file}`);
}

async function postgresIsEmpty(url: string): Promise<boolean> {
  const database = await openDatabase({ databaseUrl: url, migrate: false });
  try {
    const rows = await database.query<{ n: number }>(
      `select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`,
    );
    return (rows[0]?.n ?? 0) === 0;
  } finally {
    await database.close();
  }
}

export async function restore(config: Config, file: string, opts: { force: boolean }): Promise<void> {
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const head = readFileSync(file).subarray(0, 5);
  const isPgDump = head.toString('latin1') === 'PGDMP';
  const isGzip = head[0] === 0x1f && head[1] === 0x8b;
  if (config.databaseUrl) {
    if (!isPgDump) throw new Error(`${file} is not a pg_dump archive of a PostgreSQL database`);
    if (!opts.force && !(await postgresIsEmpty(config.databaseUrl)))
      throw new Error('the database is not empty: restore refuses to overwrite it (use --force to replace its contents)');
    run('pg_restore', ['--no-owner', '--clean', '--if-exists', '--single-transaction', '--exit-on-error', '--dbname', config.databaseUrl, file]);
  } else {
    if (!isGzip) throw new Error(`${file} is not an embedded-database backup (a gzip'd PGlite archive)`);
    const pgliteDir = path.join(config.dataDir, 'pglite');
    if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0) {
      if (!opts.force) throw new Error(`${pgliteDir} is not empty: restore refuses to overwrite it (use --force; the old folder is kept beside it)`);
      renameSync(pgliteDir, `${pgliteDir}.before-restore-${Date.now()}`);
    }
    const blob = new Blob([readFileSync(file)]);
    const database = await openDatabase({ dataDir: config.dataDir, loadDataDir: blob });
    await database.close();
  }
  console.log(`restored from ${file}`);
}
