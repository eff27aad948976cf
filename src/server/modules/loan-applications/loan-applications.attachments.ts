/**
 * Documents attached to a loan application (the producer's financial statements, licences, photos): PDF, PNG or JPEG
 * as told by their first bytes, at most 5 MB, kept in the database's file store (modules/files). Read and written in
 * the application's scope; added while the application is still open (not after a decision).
 */
import path from 'node:path';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../../shared/errors.js';
import { normalizePersian } from '../../../shared/text.js';
import { recordAudit } from '../audit/audit.service.js';
import { findAttachment, openBlobStream, recordAttachment, storeBlob } from '../files/files.service.js';
import { requireLoanApplication, toLoanAttachment } from './loan-applications.service.js';

export const MAX_LOAN_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** States in which documents may still be added: before the committee's decision. */
const OPEN_STATES = new Set(['submitted', 'under_review', 'returned', 'approved']);

type Mime = 'application/pdf' | 'image/png' | 'image/jpeg';

/** The type by the file's first bytes, never by its name or the browser's word (as referral attachments are sniffed). */
export function sniffDocumentType(data: Buffer): Mime | null {
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return null;
}

const EXT: Record<Mime, string> = { 'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg' };

/** A display name without paths or control characters, with the extension its content deserves. */
function cleanFileName(name: string | undefined, mime: Mime): string {
  const base = normalizePersian(path.basename((name ?? '').replace(/\\/g, '/')))
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .slice(0, 150)
    .replace(/\.(pdf|png|jpe?g)$/i, '');
  return `${base || 'document'}${EXT[mime]}`;
}

export async function addLoanAttachment(ctx: ServiceContext, id: string, file: { fileName: string | undefined; data: Buffer }) {
  // scope first: another unit's application is simply not found, whatever the file
  const application = await requireLoanApplication(ctx, id);
  if (ctx.actor.role === 'executive') throw new AppError('auth.forbidden');
  if (!OPEN_STATES.has(application.status)) throw new AppError('transition.forbidden', { detail: { fa: 'به درخواستِ بسته‌شده نمی‌توان مدرک افزود', en: 'Documents cannot be added to a closed application' } });
  if (file.data.length > MAX_LOAN_ATTACHMENT_BYTES) throw new AppError('attachment.too_large');
  if (file.data.length === 0) throw new AppError('attachment.file_missing');
  const mime = sniffDocumentType(file.data);
  if (!mime) throw new AppError('attachment.unsupported_type');
  const blob = await storeBlob(ctx.db, file.data, ctx.now());
  return ctx.db.transaction(async (tx) => {
    const stored = await recordAttachment(tx, ctx, {
      ownerType: 'loan_application',
      ownerId: id,
      provinceId: application.provinceId,
      kind: 'document',
      fileName: cleanFileName(file.fileName, mime),
      contentType: mime,
      ...blob,
    });
    const attachment = toLoanAttachment(stored);
    await recordAudit(tx, ctx, { action: 'loan_application.attachment', entityType: 'loan_application', entityId: id, provinceId: application.provinceId, after: attachment });
    return attachment;
  });
}

export async function openLoanAttachment(ctx: ServiceContext, id: string, attachmentId: string) {
  await requireLoanApplication(ctx, id);
  const found = await findAttachment(ctx.db, 'loan_application', id, attachmentId);
  if (!found) throw new AppError('record.not_found');
  const stream = await openBlobStream(ctx.db, found.sha256);
  if (!stream) throw new AppError('record.not_found');
  return { attachment: toLoanAttachment(found), stream };
}
