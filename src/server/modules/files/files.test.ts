import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { systemActor } from '../../context.js';
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
