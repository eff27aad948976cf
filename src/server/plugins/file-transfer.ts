/**
 * Files over HTTP, shared by every module that takes uploads or serves attachments: reading the one `file`
 * part of a multipart request within a limit, and answering with a stored file (type, length, a Persian file name
 * by RFC 5987/6266, private caching revalidated by the content hash).
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../../shared/errors.js';
import { beginIdempotentRequest } from './idempotency.js';

/** What answering with a stored file needs to know of it (the file store's attachment has these). */
export interface StoredFile {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** The one `file` part of a multipart request, read whole within `maxBytes`. */
export async function readUpload(req: FastifyRequest, maxBytes: number, codes: { missing: ErrorCode; tooLarge: ErrorCode }) {
  let part;
  try {
    part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError(codes.missing);
    throw e;
  }
  if (!part) throw new AppError(codes.missing);
  try {
    return { filename: part.filename, data: await part.toBuffer() };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(codes.tooLarge);
    throw e;
  }
}

/** What an attachment upload answers when the file is missing or too large. */
export const ATTACHMENT_UPLOAD_ERRORS = { missing: 'attachment.file_missing', tooLarge: 'attachment.too_large' } as const;

/**
 * The upload of a multipart POST that opted into manual idempotency (`config: { idempotency: 'manual' }`): the file,
 * read within `maxBytes`, once the request's key is reserved with the file's SHA-256. Null when the request repeats
 * an earlier one, whose answer has been replayed (the handler then returns the reply as it is).
 */
export async function readIdempotentUpload(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, maxBytes: number, codes: { missing: ErrorCode; tooLarge: ErrorCode }) {
  const file = await readUpload(req, maxBytes, codes);
  const replayed = await beginIdempotentRequest(app, req, reply, createHash('sha256').update(file.data).digest('hex'));
  return replayed ? null : file;
}

/** RFC 5987's attr-char: what encodeURIComponent leaves alone except ' ( ) *, which must be encoded too. */
function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition` for a file name in any script: the UTF-8 name in `filename*` (RFC 5987), and a plain ASCII
 * `filename` for clients that know no better (the Latin part of the name, or `file` with the extension).
 */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot).replace(/[^\w.]/g, '') : '';
  const latin = (dot > 0 ? fileName.slice(0, dot) : fileName).replace(/[^\x20-\x7e]|["\\;]/g, '').replace(/\s+/g, ' ').trim();
  const base = /[A-Za-z0-9]/.test(latin) ? latin : 'file';
  return `${disposition}; filename="${base}${ext}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/**
 * Answers with a stored file, streamed chunk by chunk. Photos open in place (an <img> shows them either way); PDFs
 * download. The answer is private to the caller's browser and revalidated each time (`no-cache` + the content hash
 * as ETag), so a thumbnail costs a 304 after the first look and access is checked on every request.
 */
export function sendFile(req: FastifyRequest, reply: FastifyReply, attachment: StoredFile, stream: Readable) {
  const etag = `"${attachment.sha256}"`;
  reply
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    .header('x-content-type-options', 'nosniff');
  if (req.headers['if-none-match'] === etag) {
    stream.destroy();
    return reply.code(304).send();
  }
  return reply
    .header('content-type', attachment.contentType)
    .header('content-length', String(attachment.size))
    .header('content-disposition', contentDisposition(attachment.fileName, attachment.contentType.startsWith('image/') ? 'inline' : 'attachment'))
    .send(stream);
}
