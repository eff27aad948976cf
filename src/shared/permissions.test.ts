import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, type Action } from './permissions.js';
import { ROLES } from './roles.js';

describe('can()', () => {
  it('lets anyone call a public route, logged in or not', () => {
    expect(can(null, 'POST /api/v1/auth/login')).toBe(true);
    expect(can('producer', 'GET /api/v1/health')).toBe(true);
  });

  it('asks only for a session on a route open to everyone logged in', () => {
    expect(can(undefined, 'GET /api/v1/auth/me')).toBe(false);
    for (const role of ROLES) expect(can(role, 'GET /api/v1/notifications')).toBe(true);
  });

  it('follows the roles the matrix lists', () => {
    expect(can('agency', 'POST /api/v1/referrals')).toBe(true);
    expect(can('secretariat', 'POST /api/v1/referrals')).toBe(true);
    expect(can('bank', 'POST /api/v1/referrals')).toBe(false);
    expect(can('bank', 'POST /api/v1/referrals/import')).toBe(true);
    expect(can('admin', 'GET /api/v1/users')).toBe(true);
    expect(can('secretariat', 'GET /api/v1/users')).toBe(false);
    expect(can(null, 'GET /api/v1/units')).toBe(false);
  });

  it('agrees with the matrix for every role and route', () => {
    for (const [action, rule] of Object.entries(PERMISSIONS)) {
      for (const role of ROLES) {
        const expected = rule.access === 'operator' ? false : rule.access !== 'roles' || (rule.roles as readonly string[]).includes(role);
        expect(can(role, action as Action), `${role} → ${action}`).toBe(expected);
      }
    }
  });
});
