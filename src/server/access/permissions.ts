/**
 * The permission matrix, kept as data: every route under /api has exactly one rule.
 * `roles` says who may call the route at all; `scope` says, in words, which records the service
 * then lets each role touch (records outside it answer 404). A route without a rule is refused
 * (fail closed), and a test lists every registered route and fails when one is missing here.
 */
import type { Role } from '../../shared/roles.js';

export type Rule =
  | { access: 'public'; scope: string }
  | { access: 'authenticated'; scope: string }
  | { access: 'roles'; roles: readonly Role[]; scope: string };

const STAFF = ['admin', 'secretariat', 'executive'] as const;
const EVERYONE = 'authenticated' as const;

export const PERMISSIONS: Record<string, Rule> = {
  // System and session
  'GET /api/v1/health': { access: 'public', scope: 'no data' },
  'GET /api/v1/meta': { access: 'public', scope: 'product name, version and demo accounts (only when demo mode is on)' },
  'GET /api/v1/openapi.json': { access: 'public', scope: 'the published contract' },
  'POST /api/v1/auth/login': { access: 'public', scope: 'rate-limited per account and per address' },
  'POST /api/v1/auth/logout': { access: EVERYONE, scope: 'own session' },
  'GET /api/v1/auth/me': { access: EVERYONE, scope: 'own account' },

  // Reference data: read by everyone logged in
  'GET /api/v1/provinces': { access: EVERYONE, scope: 'all provinces' },
  'GET /api/v1/counties': { access: EVERYONE, scope: "own province's (national: all, or ?provinceId)" },
  'GET /api/v1/estates': { access: EVERYONE, scope: "own province's (national: all, or ?provinceId)" },
  'GET /api/v1/sectors': { access: EVERYONE, scope: 'all' },
  'GET /api/v1/agencies': { access: EVERYONE, scope: 'all' },
  'GET /api/v1/banks': { access: EVERYONE, scope: 'all' },
  'GET /api/v1/programs': { access: EVERYONE, scope: 'all' },
  'GET /api/v1/obstacle-categories': { access: EVERYONE, scope: 'all' },
  'GET /api/v1/rejection-reasons': { access: EVERYONE, scope: 'all' },

  // Home counts
  'GET /api/v1/stats/home': { access: EVERYONE, scope: "counts within the caller's scope; users counted for admin and secretariat only" },

  // Units
  'GET /api/v1/units': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: "own province's units; a producer only their own unit" },
  'POST /api/v1/units': { access: 'roles', roles: ['admin', 'secretariat'], scope: 'into own province' },
  'GET /api/v1/units/:id': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: "own province's; a producer only their own unit (others 404)" },
  'PATCH /api/v1/units/:id': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's units" },

  // Users and integration tokens
  'GET /api/v1/users': { access: 'roles', roles: ['admin'], scope: 'all users' },
  'POST /api/v1/users': { access: 'roles', roles: ['admin'], scope: 'any province' },
  'PATCH /api/v1/users/:id': { access: 'roles', roles: ['admin'], scope: 'any user' },
  'GET /api/v1/tokens': { access: 'roles', roles: ['admin'], scope: 'all tokens (never their secrets)' },
  'POST /api/v1/tokens': { access: 'roles', roles: ['admin'], scope: 'any bank or agency' },
  'DELETE /api/v1/tokens/:id': { access: 'roles', roles: ['admin'], scope: 'any token' },

  // Audit
  'GET /api/v1/audit': { access: 'roles', roles: ['admin', 'secretariat'], scope: "admin: all; secretariat: own province's events" },
};

/** Routes served by the API-docs UI are public and not part of the contract. */
export function isDocsRoute(url: string): boolean {
  return url === '/api/docs' || url.startsWith('/api/docs/');
}

export function ruleFor(method: string, url: string): Rule | undefined {
  if (isDocsRoute(url)) return { access: 'public', scope: 'API documentation' };
  return PERMISSIONS[`${method} ${url}`];
}
