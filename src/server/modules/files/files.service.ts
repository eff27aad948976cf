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
import { AppError } from '../../../shared/errors.js';
import { ATTACHMENT_LIMITS, fileDownloadPath, type AttachmentMime, type FileAttachment } from '../../../shared/contracts/files.js';
import { normalizePersian } from '../../../shared/text.js';
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

/** An attachment as a record's detail lists it, with the path that downloads it. */
/** What every owner's contract shows of an attachment besides the owner's id (which each names its own way). */
export function attachmentFieldsOf(a: Attachment) {
  return { id: a.id, fileName: a.fileName, mime: a.contentType, size: a.size, sha256: a.sha256, uploadedByLabel: a.uploadedByLabel, createdAt: a.createdAt };
}

export function toFileAttachment(a: Attachment): FileAttachment {
  return {
    id: a.id,
    kind: a.kind,
    fileName: a.fileName,
    mime: a.contentType as AttachmentMime,
    size: a.size,
    uploadedByLabel: a.uploadedByLabel,
    createdAt: a.createdAt,
    url: `/api/v1${fileDownloadPath(a.id)}`,
  };
}

/** The type by the file's first bytes, never by its name or the browser's word; null when it is none of ours. */
export function sniffAttachmentType(data: Buffer): AttachmentMime | null {
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return null;
}

const EXT: Record<AttachmentMime, string> = { 'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg' };

/** A display name without paths or control characters, with the extension its content deserves. */
export function cleanFileName(name: string | undefined, mime: AttachmentMime): string {
  const base = normalizePersian(path.basename((name ?? '').replace(/\\/g, '/')))
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .slice(0, 150)
    .replace(/\.(pdf|png|jpe?g)$/i, '');
  return `${base || 'attachment'}${EXT[mime]}`;
}

/**
 * What every attachment upload must be (ATTACHMENT_LIMITS): not empty, at most 5 MB, a PDF, PNG or JPEG by its
 * bytes. Returns the type; throws the attachment.* error a person can act on. Call it after the owner's scope check,
 * so a record outside the caller's scope is simply not found, whatever the file.
 */
export function checkUpload(data: Buffer): AttachmentMime {
  if (data.length > ATTACHMENT_LIMITS.maxBytes) throw new AppError('attachment.too_large');
  if (data.length === 0) throw new AppError('attachment.file_missing');
  const mime = sniffAttachmentType(data);
  if (!mime) throw new AppError('attachment.unsupported_type');
  return mime;
}

export function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Stores the bytes once (a second upload of the same content writes nothing), in the caller's transaction: an upload's
 * bytes and the attachment that holds them are written together, in one transaction (its statements: the claim, a
 * chunk each 256 KB, the attachment and its audit entry), or not at all.
 */
export async function storeBlob(tx: DbOrTx, data: Buffer, now: Date): Promise<{ sha256: string; size: number }> {
  const sha256 = sha256Of(data);
  if (await repo.claimBlob(tx, sha256, data.length, now)) {
    for (let n = 0, off = 0; off < data.length || n === 0; n++, off += CHUNK_BYTES) {
      await repo.insertChunk(tx, sha256, n, data.subarray(off, off + CHUNK_BYTES));
      if (data.length === 0) break;
    }
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

/** Whether a record has attachments, as SQL for the record's own statement (its page skips the list when it has none). */
export { hasAttachmentsSql } from './files.repo.js';

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
      const pieces = await repo.readChunk(db, sha256, n);
      if (!pieces.length) return;
      yield* pieces;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * A module whose records hold attachments, as the generic download (`GET /files/:id`) asks it: may this caller see
 * the record `ownerId`? It answers by reading the record in the caller's scope, as the module's own GET does, so a
 * file is readable exactly when the record holding it is. The list is made in app.ts (FILE_OWNERS); an attachment
 * whose owner type no module registered is never served (fail closed).
 */
export interface FileOwner {
  /** the owner type its attachments carry: `demand`, `referral`, … */
  ownerType: string;
  canRead(ctx: ServiceContext, ownerId: string): Promise<boolean>;
}

/**
 * An attachment and its bytes, by the attachment's id, for a caller who can see the record that holds it; 404
 * otherwise — the same answer for an unknown id, another province's or unit's file, and an unregistered owner type.
 */
export async function openFile(ctx: ServiceContext, owners: readonly FileOwner[], id: string): Promise<{ attachment: Attachment; stream: Readable }> {
  const row = await repo.findAttachment(ctx.db, id);
  const owner = row && owners.find((o) => o.ownerType === row.ownerType);
  if (!row || !owner || !(await owner.canRead(ctx, row.ownerId))) throw new AppError('record.not_found');
  const stream = await openBlobStream(ctx.db, row.sha256);
  if (!stream) throw new AppError('record.not_found');
  return { attachment: toAttachment(row), stream };
}

/** Whether the record is visible: true, or false when the module's scoped read says `record.not_found`. */
export async function visible(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'record.not_found') return false;
    throw e;
  }
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
    await db.transaction((tx) => storeBlob(tx, data, now));
    imported++;
  }
  return { imported, missing };
}
