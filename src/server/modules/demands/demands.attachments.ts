/**
 * Documents and photos on a demand (issue 11): the producer attaches them when raising it (the web form uploads
 * each after the create), the secretariat and the assigned agency add theirs later. PDF, PNG or JPEG by their
 * bytes, at most 5 MB, kept in the database's file store; listed in the demand's detail and downloaded through
 * GET /files/:id by whoever can see the demand.
 */
import type { ServiceContext } from '../../context.js';
import type { FileAttachment } from '../../../shared/contracts/files.js';
import { recordAudit } from '../audit/audit.service.js';
import { checkUpload, cleanFileName, recordAttachment, storeBlob, toFileAttachment, visible, type FileOwner } from '../files/files.service.js';
import { requireDemand } from './demands.service.js';

export interface UploadedFile {
  fileName: string | undefined;
  data: Buffer;
}

export async function addDemandAttachment(ctx: ServiceContext, demandId: string, file: UploadedFile): Promise<FileAttachment> {
  // scope first: another unit's or agency's demand is simply not found, whatever the file
  const demand = await requireDemand(ctx, demandId);
  const mime = checkUpload(file.data);
  return ctx.db.transaction(async (tx) => {
    const blob = await storeBlob(tx, file.data, ctx.now());
    const stored = await recordAttachment(tx, ctx, {
      ownerType: 'demand',
      ownerId: demand.id,
      provinceId: demand.provinceId,
      kind: mime.startsWith('image/') ? 'photo' : 'document',
      fileName: cleanFileName(file.fileName, mime),
      contentType: mime,
      ...blob,
    });
    const attachment = toFileAttachment(stored);
    await recordAudit(tx, ctx, { action: 'demand.attachment', entityType: 'demand', entityId: demand.id, provinceId: demand.provinceId, after: { ...attachment, sha256: stored.sha256 } });
    return attachment;
  });
}

/** A demand's files for the generic download (GET /files/:id): readable by whoever can see the demand. */
export const demandFileOwner: FileOwner = {
  ownerType: 'demand',
  canRead: (ctx, demandId) => visible(() => requireDemand(ctx, demandId)),
};
