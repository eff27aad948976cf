/**
 * Files attached to a referral (the bank's rejection letter): PDF, PNG or JPEG as told by their first bytes,
 * at most 5 MB, kept in the database's file store (modules/files: content-addressed, so the same letter
 * uploaded twice is one blob, and a backup carries it). Read in the referral's scope, like the referral itself.
 */
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../../shared/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { checkUpload, cleanFileName, findAttachment, openBlobStream, recordAttachment, storeBlob, visible, type FileOwner } from '../files/files.service.js';
import { requireReferral, toReferralAttachment } from './referrals.service.js';

export const ATTACHMENT_KINDS = ['rejection_letter', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export interface UploadedFile {
  fileName: string | undefined;
  data: Buffer;
  kind?: AttachmentKind | undefined;
}

export async function addReferralAttachment(ctx: ServiceContext, referralId: string, file: UploadedFile) {
  // Scope first: another bank's referral is simply not found, whatever the file.
  const referral = await requireReferral(ctx, ctx.db, referralId);
  const mime = checkUpload(file.data);
  return ctx.db.transaction(async (tx) => {
    const blob = await storeBlob(tx, file.data, ctx.now());
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
  return { attachment: found, stream };
}

/** The referral's letters for the generic download (GET /files/:id): readable by whoever can see the referral. */
export const referralFileOwner: FileOwner = {
  ownerType: 'referral',
  canRead: (ctx, referralId) => visible(() => requireReferral(ctx, ctx.db, referralId)),
};
