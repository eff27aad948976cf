/**
 * Files attached to a referral (the bank's rejection letter): PDF, PNG or JPEG as told by their first bytes,
 * at most 5 MB, stored outside the database under `<dataDir>/files/<sha256>` (content-addressed: the same
 * letter uploaded twice is one file), described by a row with its hash, size and type. Read in the
 * referral's scope, like the referral itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { referralAttachments } from '../../db/schema.js';
import { AppError } from '../../../shared/errors.js';
import { normalizePersian } from '../../../shared/text.js';
import { recordAudit } from '../audit/audit.service.js';
import { toAttachment } from './referrals.repo.js';
import { requireReferral } from './referrals.service.js';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_KINDS = ['rejection_letter', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export type AttachmentMime = 'application/pdf' | 'image/png' | 'image/jpeg';

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

export function filesDirOf(dataDir: string): string {
  return path.join(dataDir, 'files');
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

/** Writes the content once under its hash (temp file + rename, so a reader never sees half a file). */
async function storeFile(filesDir: string, sha256: string, data: Buffer): Promise<void> {
  const target = path.join(filesDir, sha256);
  if (await exists(target)) return;
  await mkdir(filesDir, { recursive: true });
  const temp = path.join(filesDir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data, { mode: 0o640 });
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
}

export interface UploadedFile {
  fileName: string | undefined;
  data: Buffer;
  kind?: AttachmentKind | undefined;
}

export async function addReferralAttachment(ctx: ServiceContext, filesDir: string, referralId: string, file: UploadedFile) {
  // Scope first: another bank's referral is simply not found, whatever the file.
  const referral = await requireReferral(ctx, ctx.db, referralId);
  if (file.data.length > MAX_ATTACHMENT_BYTES) throw new AppError('attachment.too_large');
  if (file.data.length === 0) throw new AppError('attachment.file_missing');
  const mime = sniffAttachmentType(file.data);
  if (!mime) throw new AppError('attachment.unsupported_type');
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  await storeFile(filesDir, sha256, file.data);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(referralAttachments)
      .values({
        referralId,
        provinceId: referral.r.provinceId,
        kind: file.kind ?? 'rejection_letter',
        fileName: cleanFileName(file.fileName, mime),
        mime,
        size: file.data.length,
        sha256,
        uploadedBy: ctx.actor.id,
        uploadedByLabel: ctx.actor.username,
        createdAt: ctx.now(),
      })
      .returning();
    const attachment = toAttachment(row!);
    await recordAudit(tx, ctx, { action: 'referral.attachment', entityType: 'referral', entityId: referralId, provinceId: referral.r.provinceId, after: attachment });
    return attachment;
  });
}

export async function openReferralAttachment(ctx: ServiceContext, filesDir: string, referralId: string, attachmentId: string) {
  await requireReferral(ctx, ctx.db, referralId);
  const [row] = await ctx.db
    .select()
    .from(referralAttachments)
    .where(and(eq(referralAttachments.id, attachmentId), eq(referralAttachments.referralId, referralId)));
  if (!row) throw new AppError('record.not_found');
  const file = path.join(filesDir, row.sha256);
  if (!(await exists(file))) throw new AppError('record.not_found');
  return { attachment: toAttachment(row), stream: createReadStream(file) };
}
