import type { AccountFlags } from './api/contracts.js';

export const ACCOUNT_PATHS = { overview: '/account', mfa: '/account/mfa', password: '/account/password' } as const;

/** The account flags of a signed-in user; a server that does not send them yet means "nothing required". */
export function accountFlagsOf(me: object): AccountFlags {
  const flags = me as Partial<Record<keyof AccountFlags, unknown>>;
  return {
    mfaEnrolled: flags.mfaEnrolled === true,
    mfaEnrolmentRequired: flags.mfaEnrolmentRequired === true,
    mustChangePassword: flags.mustChangePassword === true,
  };
}

/**
 * Where a user must go before anything else, or null. A temporary password is changed first (it is the weaker
 * credential, and someone else has seen it), then the second factor is enrolled; the server refuses the rest
 * with 403 meanwhile.
 */
export function requiredAccountStep(me: object): (typeof ACCOUNT_PATHS)['mfa' | 'password'] | null {
  const flags = accountFlagsOf(me);
  if (flags.mustChangePassword) return ACCOUNT_PATHS.password;
  if (flags.mfaEnrolmentRequired) return ACCOUNT_PATHS.mfa;
  return null;
}

/** The page to send a signed-in user to instead of `pathname`, or null when they may stay. */
export function accountRedirect(me: object, pathname: string): string | null {
  const step = requiredAccountStep(me);
  return step && pathname !== step ? step : null;
}
