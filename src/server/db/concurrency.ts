/**
 * Optimistic concurrency: every editable record has a `version`. A write names the version it was
 * based on, in the body (stale → 409 with the current record) or in If-Match (stale → 412);
 * plugins/expected-version.ts reads which from the request.
 */
import { AppError } from '../../shared/errors.js';

export interface ExpectedVersion {
  version: number;
  via: 'body' | 'if-match';
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
