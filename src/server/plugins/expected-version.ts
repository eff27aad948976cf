/** The version a write was based on: the If-Match header when given, else the body's `version`. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';
import type { ExpectedVersion } from '../db/concurrency.js';

export function expectedVersion(bodyVersion: number | undefined, request: FastifyRequest): ExpectedVersion {
  const h = request.headers['if-match'];
  if (typeof h === 'string' && h.trim() !== '') {
    const n = Number(h.trim().replace(/^W\//, '').replace(/"/g, ''));
    if (!Number.isInteger(n) || n < 1) throw new AppError('record.precondition_failed');
    return { version: n, via: 'if-match' };
  }
  if (bodyVersion === undefined) throw new AppError('record.version_required');
  return { version: bodyVersion, via: 'body' };
}
