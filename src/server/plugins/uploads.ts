/** Reading the one `file` part of a multipart request, whole, within a size limit. */
import type { FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../../shared/errors.js';

export interface UploadCodes {
  missing: ErrorCode;
  tooLarge: ErrorCode;
}

export async function readSingleUpload(req: FastifyRequest, maxBytes: number, codes: UploadCodes): Promise<{ filename: string | undefined; data: Buffer }> {
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
