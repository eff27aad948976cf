/**
 * Optimistic concurrency: every editable record has a `version`. A write names the version it was
 * based on, in the body (stale → 409 with the current record) or in If-Match (stale → 412).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';

export interface ExpectedVersion {
  version: number;
  via: 'body' | 'if-match';
}

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

export function assertVersion(currentVersion: number, expected: ExpectedVersion, currentRecord: unknown): void {
  if (currentVersion === expected.version) return;
  if (expected.via === 'if-match') throw new AppError('record.precondition_failed', { extra: { current: currentRecord } });
  throw new AppError('record.stale', { extra: { current: currentRecord } });
}

/** Postgres unique violation, on either driver. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}
