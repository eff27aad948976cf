import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { systemActor } from '../../context.js';
import { READ_PIECE_BYTES } from './files.repo.js';
import { CHUNK_BYTES, importFilesFromDataDir, listAttachments, openBlobStream, recordAttachment, sha256Of, storeBlob } from './files.service.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tashil-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c as Buffer));
  return Buffer.concat(parts);
}

describeOnEngines('file store', (t) => {
  it('keeps bytes once per content, in chunks, and streams them back whole', async () => {
    const db = t.database.db;
    const data = randomBytes(CHUNK_BYTES * 2 + 1234);
    const a = await storeBlob(db, data, t.clock.now);
    const b = await storeBlob(db, Buffer.from(data), t.clock.now);
    expect(a).toEqual(b);
    const [{ n }] = (await t.database.query<{ n: number }>('select count(*)::int as n from file_chunks where sha256 = $1', [a.sha256])) as [{ n: number }];
    expect(n).toBe(3);
    expect((await readAll((await openBlobStream(db, a.sha256))!)).equals(data)).toBe(true);
    expect(await openBlobStream(db, sha256Of(Buffer.from('absent')))).toBeNull();
  });

  it('serves a file in pieces of at most 32 KB, in order, and an empty file as nothing', async () => {
    // a stored chunk is 256 KB; read whole, each became ~2.7 MB of short-lived memory in the driver (a 5 MB letter
    // raised an instance's RSS by 20–30 MB): the pieces are what keep serving a file cheap
    const db = t.database.db;
    const data = randomBytes(CHUNK_BYTES + READ_PIECE_BYTES * 3 + 17);
    const { sha256 } = await storeBlob(db, data, t.clock.now);
    const pieces: Buffer[] = [];
    for await (const c of (await openBlobStream(db, sha256))!) pieces.push(c as Buffer);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(32 * 1024);
    expect(pieces.map((p) => p.length)).toEqual([...Array<number>(CHUNK_BYTES / READ_PIECE_BYTES + 3).fill(READ_PIECE_BYTES), 17]);
    expect(Buffer.concat(pieces).equals(data)).toBe(true);
    const empty = await storeBlob(db, Buffer.alloc(0), t.clock.now);
    expect((await readAll((await openBlobStream(db, empty.sha256))!)).length).toBe(0);
  });

  it('moves files an older version kept in the data folder into the database', async () => {
    const db = t.database.db;
    const data = Buffer.concat([Buffer.from('%PDF-'), randomBytes(1000)]);
    const sha = sha256Of(data);
    const dir = path.join(tmp, t.engine);
    mkdirSync(path.join(dir, 'files'), { recursive: true });
    writeFileSync(path.join(dir, 'files', sha), data);
    const ctx = { db, actor: systemActor(), now: () => t.clock.now };
    const ownerId = '6f1c1d2e-0000-4000-8000-0000000000aa';
    await recordAttachment(db, ctx, { ownerType: 'test', ownerId, provinceId: null, kind: 'other', fileName: 'old.pdf', contentType: 'application/pdf', sha256: sha, size: data.length });
    expect(await openBlobStream(db, sha)).toBeNull();
    expect(await importFilesFromDataDir(db, dir, t.clock.now)).toEqual({ imported: 1, missing: [] });
    expect((await readAll((await openBlobStream(db, sha))!)).equals(data)).toBe(true);
    expect((await importFilesFromDataDir(db, dir, t.clock.now)).imported).toBe(0);
    expect((await listAttachments(db, 'test', ownerId)).map((x) => x.fileName)).toEqual(['old.pdf']);
  });
});
