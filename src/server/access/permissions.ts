/**
 * How the server finds a route's rule in the permission matrix (src/shared/permissions.ts, shared with the web).
 */
import { PERMISSIONS as MATRIX, type Rule } from '../../shared/permissions.js';

export type { Rule };
/** The matrix keyed by any string: the server looks routes up by the method and URL it registered. */
export const PERMISSIONS: Readonly<Record<string, Rule>> = MATRIX;

/** Routes served by the API-docs UI are public and not part of the contract. */
export function isDocsRoute(url: string): boolean {
  return url === '/api/docs' || url.startsWith('/api/docs/');
}

export function ruleFor(method: string, url: string): Rule | undefined {
  if (isDocsRoute(url)) return { access: 'public', scope: 'API documentation' };
  return PERMISSIONS[`${method} ${url}`];
}

/**
 * What an account may still reach while it must change its password or enrol a second factor: itself, its way out,
 * and the reference lists the screens need.
 */
const OPEN_BEFORE_ACCOUNT_READY = new Set([
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/mfa/enroll',
  'POST /api/v1/auth/mfa/confirm',
  'DELETE /api/v1/auth/mfa',
  'GET /api/v1/provinces',
  'GET /api/v1/counties',
  'GET /api/v1/estates',
  'GET /api/v1/sectors',
  'GET /api/v1/agencies',
  'GET /api/v1/banks',
  'GET /api/v1/programs',
  'GET /api/v1/obstacle-categories',
  'GET /api/v1/rejection-reasons',
]);

export function isOpenBeforeAccountReady(method: string, url: string): boolean {
  return OPEN_BEFORE_ACCOUNT_READY.has(`${method} ${url}`);
}
