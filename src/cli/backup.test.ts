import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { seedReference } from '../server/seed/reference.js';
import { DEMO_UNIT_COUNT, seedDemo } from '../server/seed/demo.js';
import { PG_URL, makeClient } from '../server/test/harness.js';
import { buildApp } from '../server/app.js';
import type { Database } from '../server/db/client.js';
import { backup, restore } from './backup.js';
import { DEMO_PROVINCES } from '../server/seed/demo-provinces.js';

/** Every unit the demo seeds: Qom's and the smaller provinces'. */
const SEEDED_UNITS = DEMO_UNIT_COUNT + DEMO_PROVINCES.reduce((a, p) => a + p.units, 0);
import { randomBytes } from 'node:crypto';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tashil-backup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A letter larger than one chunk, so the round trip crosses chunk boundaries. */
const LETTER = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(600 * 1024)]);

/** Runs the real app on an open database as the demo admin. */
async function asAdmin<T>(database: Database, fn: (admin: ReturnType<typeof makeClient>) => Promise<T>): Promise<T> {
  const app = await buildApp({ database, config: loadConfig({ TASHIL_DEMO: '1' } as NodeJS.ProcessEnv, { webDir: '/nonexistent' }), logger: false });
  try {
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-requested-with': 'tashil' }, payload: { username: 'admin', password: 'tashil-demo' } });
    return await fn(makeClient(app, String([res.headers['set-cookie']].flat()[0]).split(';')[0]));
  } finally {
    await app.close();
  }
}

/** Attaches LETTER to a referral through the API; returns the URL to fetch it. */
async function attachLetter(database: Database): Promise<string> {
  return asAdmin(database, async (admin) => {
    const ref = (await admin.get('/api/v1/referrals?pageSize=1')).json().items[0] as { id: string };
    const boundary = '----tashil' + randomBytes(6).toString('hex');
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="letter.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      LETTER,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await admin.request('POST', `/api/v1/referrals/${ref.id}/attachments`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(res.statusCode, res.body).toBe(201);
    return `/api/v1/referrals/${ref.id}/attachments/${res.json().id}`;
  });
}

async function fetchLetter(database: Database, url: string): Promise<Buffer> {
  return asAdmin(database, async (admin) => {
    const res = await admin.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.rawPayload;
  });
}

async function countUnits(opts: { dataDir?: string; databaseUrl?: string }): Promise<number> {
  const db = await openDatabase({ ...opts, migrate: false });
  try {
    return (await db.query<{ n: number }>('select count(*)::int as n from units'))[0]!.n;
  } finally {
    await db.close();
  }
}

describe('backup and restore [pglite]', () => {
  it('restores the embedded data folder from its archive, and refuses to overwrite without --force', async () => {
    const source = path.join(tmp, 'source');
    const db = await openDatabase({ dataDir: source });
    await seedReference(db.db);
    await seedDemo(db.db);
    const letterUrl = await attachLetter(db);
    await db.close();
    const file = path.join(tmp, 'embedded.tar.gz');
    await backup(loadConfig({ TASHIL_DATA_DIR: source } as NodeJS.ProcessEnv), file);
    rmSync(source, { recursive: true, force: true }); // nothing of the old folder helps the restore

    const target = path.join(tmp, 'target');
    await restore(loadConfig({ TASHIL_DATA_DIR: target } as NodeJS.ProcessEnv), file, { force: false });
    expect(await countUnits({ dataDir: target })).toBe(SEEDED_UNITS);
    const restored = await openDatabase({ dataDir: target });
    try {
      expect((await fetchLetter(restored, letterUrl)).equals(LETTER)).toBe(true);
    } finally {
      await restored.close();
    }
    await expect(restore(loadConfig({ TASHIL_DATA_DIR: target } as NodeJS.ProcessEnv), file, { force: false })).rejects.toThrow(/not empty/);
    await restore(loadConfig({ TASHIL_DATA_DIR: target } as NodeJS.ProcessEnv), file, { force: true });
    expect(await countUnits({ dataDir: target })).toBe(SEEDED_UNITS);
  }, 300_000);

  it('refuses a second process on the same data folder', async () => {
    const dir = path.join(tmp, 'locked');
    const first = await openDatabase({ dataDir: dir });
    try {
      // the lock records this process; a second open from another process is refused — simulate with a live foreign pid
      const { writeFileSync } = await import('node:fs');
      await first.close();
      writeFileSync(path.join(dir, 'tashil.lock'), String(process.ppid));
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already in use/);
    } finally {
      rmSync(path.join(dir, 'tashil.lock'), { force: true });
    }
  }, 60_000);
});

describe.skipIf(!PG_URL)('backup and restore [postgres]', () => {
  it('restores a pg_dump into an empty database and refuses a non-empty one', async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const names = [`tashil_bk_src_${process.pid}`, `tashil_bk_dst_${process.pid}`];
    for (const n of names) {
      await admin.query(`drop database if exists ${n} with (force)`);
      await admin.query(`create database ${n}`);
    }
    const urlOf = (n: string) => Object.assign(new URL(PG_URL!), { pathname: `/${n}` }).toString();
    try {
      const db = await openDatabase({ databaseUrl: urlOf(names[0]!) });
      await seedReference(db.db);
      await seedDemo(db.db);
      const letterUrl = await attachLetter(db);
      await db.close();
      const file = path.join(tmp, 'pg.dump');
      await backup(loadConfig({ DATABASE_URL: urlOf(names[0]!) } as NodeJS.ProcessEnv), file);
      const dst = loadConfig({ DATABASE_URL: urlOf(names[1]!) } as NodeJS.ProcessEnv);
      await restore(dst, file, { force: false });
      expect(await countUnits({ databaseUrl: urlOf(names[1]!) })).toBe(SEEDED_UNITS);
      const restored = await openDatabase({ databaseUrl: urlOf(names[1]!) });
      try {
        expect((await fetchLetter(restored, letterUrl)).equals(LETTER)).toBe(true);
      } finally {
        await restored.close();
      }
      await expect(restore(dst, file, { force: false })).rejects.toThrow(/not empty/);
    } finally {
      for (const n of names) await admin.query(`drop database if exists ${n} with (force)`);
      await admin.end();
    }
  }, 300_000);
});
