/**
 * Files attached to a visit: the photos taken on site (JPEG, PNG) and papers handed over (PDF), as told by their
 * first bytes, at most 5 MB, kept in the database's file store (modules/files: content-addressed and chunked, so
 * every instance serves them and a backup carries them). Written by the visit's writers, read in the visit's scope.
 *
 * A photo synced from a phone may arrive twice (the answer to the first send was lost): the route's
 * Idempotency-Key replays the first answer, and the same bytes on the same visit are one attachment anyway.
 */
import { provinceScopeOf } from '../../access/scope.js';
import type { ServiceContext } from '../../context.js';
import { ATTACHMENT_LIMITS } from '../../../shared/contracts/files.js';
import { AppError } from '../../../shared/errors.js';
import type { VisitAttachment } from '../../../shared/contracts/visits.js';
import { recordAudit } from '../audit/audit.service.js';
import { attachmentFieldsOf, checkUpload, cleanFileName, findAttachment, listAttachments, openBlobStream, recordAttachment, sha256Of, storeBlob, visible, type Attachment, type FileOwner } from '../files/files.service.js';
import { findVisit } from './visits.repo.js';

export const VISIT_OWNER = 'visit';
export const MAX_VISIT_ATTACHMENT_BYTES = ATTACHMENT_LIMITS.maxBytes;

export function toVisitAttachment(a: Attachment): VisitAttachment {
  return { ...attachmentFieldsOf(a), visitId: a.ownerId };
}

/** The visit within the caller's scope; 404 outside it (a bank or the national HQ never gets here: the matrix says 403). */
async function requireVisit(ctx: ServiceContext, id: string) {
  const found = await findVisit(ctx.db, provinceScopeOf(ctx), id);
  if (!found) throw new AppError('record.not_found');
  return found.visit;
}

export interface UploadedVisitFile {
  fileName: string | undefined;
  data: Buffer;
}

/** Attaches a file to a visit; `created` is false when the visit already held these bytes (that attachment returns). */
export async function addVisitAttachment(ctx: ServiceContext, visitId: string, file: UploadedVisitFile): Promise<{ attachment: VisitAttachment; created: boolean }> {
  // Scope first: another province's visit is simply not found, whatever the file.
  const visit = await requireVisit(ctx, visitId);
  const mime = checkUpload(file.data);
  const sha256 = sha256Of(file.data);
  const same = (await listAttachments(ctx.db, VISIT_OWNER, visitId)).find((a) => a.sha256 === sha256);
  if (same) return { attachment: toVisitAttachment(same), created: false };
  return ctx.db.transaction(async (tx) => {
    const blob = await storeBlob(tx, file.data, ctx.now());
    const stored = await recordAttachment(tx, ctx, {
      ownerType: VISIT_OWNER,
      ownerId: visitId,
      provinceId: visit.provinceId,
      kind: mime === 'application/pdf' ? 'document' : 'photo',
      fileName: cleanFileName(file.fileName, mime),
      contentType: mime,
      ...blob,
    });
    const attachment = toVisitAttachment(stored);
    await recordAudit(tx, ctx, { action: 'visit.attachment', entityType: 'visit', entityId: visitId, provinceId: visit.provinceId, after: attachment });
    return { attachment, created: true };
  });
}

export async function openVisitAttachment(ctx: ServiceContext, visitId: string, attachmentId: string) {
  await requireVisit(ctx, visitId);
  const found = await findAttachment(ctx.db, VISIT_OWNER, visitId, attachmentId);
  if (!found) throw new AppError('record.not_found');
  const stream = await openBlobStream(ctx.db, found.sha256);
  if (!stream) throw new AppError('record.not_found');
  return { attachment: toVisitAttachment(found), stream };
}

/** `GET /files/:id` serves a visit's photos and papers to whoever can see the visit. */
export const visitFileOwner: FileOwner = {
  ownerType: VISIT_OWNER,
  canRead: (ctx, id) => visible(() => requireVisit(ctx, id)),
};
