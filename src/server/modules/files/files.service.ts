/**
 * The file store: every uploaded file lives in the database, so a backup of the database carries it.
 * Contents are content-addressed (SHA-256) and deduplicated, kept in 256 KB chunks and streamed out one chunk at
 * a time; each use of a file is an attachment row naming its owner (owner type + id), name, type and uploader.
 * Access is the owner's business: the owning module checks scope, then calls these functions.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Db, DbOrTx } from '../../db/client.js';
import type { ServiceContext } from '../../context.js';
import * as repo from './files.repo.js';

export const CHUNK_BYTES = 256 * 1024;

export interface Attachment {
  id: string;
  ownerType: string;
  ownerId: string;
  kind: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedByLabel: string;
  createdAt: string;
}

function toAttachment(r: repo.FileAttachmentRow): Attachment {
  return {
    id: r.id,
    ownerType: r.ownerType,
    ownerId: r.ownerId,
    kind: r.kind,
    fileName: r.fileName,
    contentType: r.contentType,
    size: r.size,
    sha256: r.sha256,
    uploadedByLabel: r.uploadedByLabel,
    createdAt: r.createdAt.toISOString(),
  };
}

export function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Stores the bytes once (a second upload of the same content writes nothing); runs in its own transaction. */
export async function storeBlob(db: Db, data: Buffer, now: Date): Promise<{ sha256: string; size: number }> {
  const sha256 = sha256Of(data);
  if (!(await repo.hasBlob(db, sha256))) {
    await db.transaction(async (tx) => {
      if (!(await repo.claimBlob(tx, sha256, data.length, now))) return;
      for (let n = 0, off = 0; off < data.length || n === 0; n++, off += CHUNK_BYTES) {
        await repo.insertChunk(tx, sha256, n, data.subarray(off, off + CHUNK_BYTES));
        if (data.length === 0) break;
      }
    });
  }
  return { sha256, size: data.length };
}

export interface AttachInput {
  ownerType: string;
  ownerId: string;
  provinceId: string | null;
  kind: string;
  fileName: string;
  contentType: string;
  sha256: string;
  size: number;
}

/** The attachment row, written inside the owner's transaction (with its audit event). */
export async function recordAttachment(tx: DbOrTx, ctx: ServiceContext, input: AttachInput): Promise<Attachment> {
  const row = await repo.insertAttachment(tx, {
    ...input,
    uploadedBy: ctx.actor.id,
    uploadedByLabel: ctx.actor.username,
    createdAt: ctx.now(),
  });
  return toAttachment(row);
}

export async function listAttachments(db: DbOrTx, ownerType: string, ownerId: string): Promise<Attachment[]> {
  return (await repo.findAttachmentsOf(db, ownerType, ownerId)).map(toAttachment);
}

/** The attachment when it belongs to this owner; undefined otherwise. */
export async function findAttachment(db: DbOrTx, ownerType: string, ownerId: string, id: string): Promise<Attachment | undefined> {
  const row = await repo.findAttachment(db, id);
  return row && row.ownerType === ownerType && row.ownerId === ownerId ? toAttachment(row) : undefined;
}

/** The file's bytes as a stream that reads one chunk at a time; null when the bytes are not stored. */
export async function openBlobStream(db: Db, sha256: string): Promise<Readable | null> {
  if (!(await repo.hasBlob(db, sha256))) return null;
  async function* chunks() {
    for (let n = 0; ; n++) {
      const data = await repo.readChunk(db, sha256, n);
      if (!data) return;
      if (data.length) yield data;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * Moves files kept by older versions in `<dataDir>/files/<sha256>` into the database (run at start; idempotent).
 * A file that is missing or does not match its hash is left out and reported.
 */
export async function importFilesFromDataDir(db: Db, dataDir: string, now: Date): Promise<{ imported: number; missing: string[] }> {
  const missing: string[] = [];
  let imported = 0;
  for (const sha256 of await repo.findMissingBlobs(db)) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) {
      missing.push(sha256);
      continue;
    }
    let data: Buffer;
    try {
      data = await readFile(path.join(dataDir, 'files', sha256));
    } catch {
      missing.push(sha256);
      continue;
    }
    if (sha256Of(data) !== sha256) {
      missing.push(sha256);
      continue;
    }
    await storeBlob(db, data, now);
    imported++;
  }
  return { imported, missing };
}
