/**
 * Files attached to a referral (the bank's rejection letter): PDF, PNG or JPEG as told by their first bytes,
 * at most 5 MB, kept in the database's file store (modules/files: content-addressed, so the same letter
 * uploaded twice is one blob, and a backup carries it). Read in the referral's scope, like the referral itself.
 */
import path from 'node:path';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../../shared/errors.js';
import { normalizePersian } from '../../../shared/text.js';
import { recordAudit } from '../audit/audit.service.js';
import { findAttachment, openBlobStream, recordAttachment, storeBlob } from '../files/files.service.js';
import { requireReferral, toReferralAttachment } from './referrals.service.js';

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

export interface UploadedFile {
  fileName: string | undefined;
  data: Buffer;
  kind?: AttachmentKind | undefined;
}

export async function addReferralAttachment(ctx: ServiceContext, referralId: string, file: UploadedFile) {
  // Scope first: another bank's referral is simply not found, whatever the file.
  const referral = await requireReferral(ctx, ctx.db, referralId);
  if (file.data.length > MAX_ATTACHMENT_BYTES) throw new AppError('attachment.too_large');
  if (file.data.length === 0) throw new AppError('attachment.file_missing');
  const mime = sniffAttachmentType(file.data);
  if (!mime) throw new AppError('attachment.unsupported_type');
  const blob = await storeBlob(ctx.db, file.data, ctx.now());
  return ctx.db.transaction(async (tx) => {
    const stored = await recordAttachment(tx, ctx, {
      ownerType: 'referral',
      ownerId: referralId,
      provinceId: referral.r.provinceId,
      kind: file.kind ?? 'rejection_letter',
      fileName: cleanFileName(file.fileName, mime),
      contentType: mime,
      ...blob,
    });
    const attachment = toReferralAttachment(stored);
    await recordAudit(tx, ctx, { action: 'referral.attachment', entityType: 'referral', entityId: referralId, provinceId: referral.r.provinceId, after: attachment });
    return attachment;
  });
}

export async function openReferralAttachment(ctx: ServiceContext, referralId: string, attachmentId: string) {
  await requireReferral(ctx, ctx.db, referralId);
  const found = await findAttachment(ctx.db, 'referral', referralId, attachmentId);
  if (!found) throw new AppError('record.not_found');
  const stream = await openBlobStream(ctx.db, found.sha256);
  if (!stream) throw new AppError('record.not_found');
  return { attachment: toReferralAttachment(found), stream };
}
