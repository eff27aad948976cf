/**
 * Files attached to records (issue 11): what an attachment looks like wherever a record lists its files, and the
 * limits uploads meet. Every attachment is downloaded through `GET /api/v1/files/{id}`, where `id` is the
 * attachment's own id (not the content hash: the same bytes attached to two records are two attachments, each read
 * in its own record's scope).
 */
import { z } from 'zod';
import { isoInstant } from './common.js';

/** The types an attachment may have, told by its first bytes on the server (never by its name). */
export const ATTACHMENT_MIMES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];

/** What an upload may be: at most 5 MB, PDF, PNG or JPEG. */
export const ATTACHMENT_LIMITS = { maxBytes: 5 * 1024 * 1024, mimes: ATTACHMENT_MIMES } as const;

/** The path that downloads an attachment (under /api/v1). */
export const fileDownloadPath = (attachmentId: string) => `/files/${attachmentId}`;

export const fileAttachmentSchema = z.object({
  id: z.string().describe('the attachment id; GET /api/v1/files/{id} downloads the file'),
  kind: z.string().describe('what the file is to its record, e.g. `document`, `photo`, `rejection_letter`'),
  fileName: z.string(),
  mime: z.enum(ATTACHMENT_MIMES),
  size: z.number().int().describe('bytes'),
  uploadedByLabel: z.string(),
  createdAt: isoInstant,
  url: z.string().describe('where to download it: /api/v1/files/{id}'),
});
export type FileAttachment = z.infer<typeof fileAttachmentSchema>;
