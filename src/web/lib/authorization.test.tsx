import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { actsOnBehalf, Authorization, AuthorizationProvider, can, scopeOf } from './authorization.js';

describe('authorization over the shared matrix', () => {
  afterEach(cleanup);

  it('can() follows the permission matrix the server enforces', () => {
    expect(can('agency', 'POST /api/v1/referrals')).toBe(true);
    expect(can('bank', 'POST /api/v1/referrals')).toBe(false);
    expect(can('bank', 'POST /api/v1/referrals/import')).toBe(true);
    expect(can('executive', 'POST /api/v1/units')).toBe(false);
    expect(can(null, 'GET /api/v1/auth/me')).toBe(false);
  });

  it('knows which roles are limited to one bank, agency or unit', () => {
    expect(scopeOf('bank')).toBe('bankId');
    expect(scopeOf('agency')).toBe('agencyId');
    expect(scopeOf('producer')).toBe('unitId');
    expect(scopeOf('secretariat')).toBeNull();
    expect(actsOnBehalf('secretariat')).toBe(true);
    expect(actsOnBehalf('bank')).toBe(false);
  });

  it('<Authorization> shows its children only to a role that may call the action', () => {
    const ui = (role: 'agency' | 'bank') => (
      <AuthorizationProvider role={role}>
        <Authorization action="POST /api/v1/referrals" forbiddenFallback={<span>not for you</span>}>
          <button>new referral</button>
        </Authorization>
      </AuthorizationProvider>
    );
    const { rerender } = render(ui('agency'));
    expect(screen.queryByRole('button', { name: 'new referral' })).not.toBeNull();
    rerender(ui('bank'));
    expect(screen.queryByRole('button', { name: 'new referral' })).toBeNull();
    expect(screen.getByText('not for you')).toBeTruthy();
  });

  it('<Authorization policyCheck> takes a decision made elsewhere', () => {
    render(
      <Authorization policyCheck={false} forbiddenFallback={<span>hidden</span>}>
        <span>shown</span>
      </Authorization>,
    );
    expect(screen.queryByText('shown')).toBeNull();
    expect(screen.getByText('hidden')).toBeTruthy();
  });
});
