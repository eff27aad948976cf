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
