/**
 * Documents attached to a loan application (the producer's financial statements, licences, photos): PDF, PNG or JPEG
 * as told by their first bytes, at most 5 MB, kept in the database's file store (modules/files). Read and written in
 * the application's scope; added while the application is still open (not after a decision).
 */
import { ATTACHMENT_LIMITS } from '../../../shared/contracts/files.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../../shared/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { checkUpload, cleanFileName, findAttachment, openBlobStream, recordAttachment, storeBlob, visible, type FileOwner } from '../files/files.service.js';
import { requireLoanApplication, toLoanAttachment } from './loan-applications.service.js';

export const MAX_LOAN_ATTACHMENT_BYTES = ATTACHMENT_LIMITS.maxBytes;
/** States in which documents may still be added: before the committee's decision. */
const OPEN_STATES = new Set(['submitted', 'under_review', 'returned', 'approved']);

export async function addLoanAttachment(ctx: ServiceContext, id: string, file: { fileName: string | undefined; data: Buffer }) {
  // scope first: another unit's application is simply not found, whatever the file
  const application = await requireLoanApplication(ctx, id);
  if (!OPEN_STATES.has(application.status)) throw new AppError('transition.forbidden', { detail: { fa: 'به درخواستِ بسته‌شده نمی‌توان مدرک افزود', en: 'Documents cannot be added to a closed application' } });
  const mime = checkUpload(file.data);
  return ctx.db.transaction(async (tx) => {
    const blob = await storeBlob(tx, file.data, ctx.now());
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

/** `GET /files/:id` serves an application's documents to whoever can see the application. */
export const loanApplicationFileOwner: FileOwner = {
  ownerType: 'loan_application',
  canRead: (ctx, id) => visible(() => requireLoanApplication(ctx, id)),
};
