import type { z } from 'zod';
import type { loginBody, Me, metaSchema } from '../../../../shared/contracts/auth.js';
import { api, isApiError } from '../../../lib/api.js';

// Types come from the shared contracts (type-only: no zod in the bundle).
export type { Me };
export type Meta = z.infer<typeof metaSchema>;
export type DemoAccount = Meta['demoAccounts'][number];

export type Credentials = z.input<typeof loginBody>;

/**
 * Who signed in last on this device, kept so the installed app still opens in the field with no network (the
 * field screens work from the device's own store). Only the account's public fields; dropped on sign-out and
 * whenever the server says the session is over. The server still decides everything once the network is back.
 */
const LAST_USER_KEY = 'tashil.lastUser';

function rememberUser(me: Me): void {
  try {
    localStorage.setItem(LAST_USER_KEY, JSON.stringify(me));
  } catch {
    // storage full or refused: the app simply will not open offline
  }
}

function forgetUser(): void {
  try {
    localStorage.removeItem(LAST_USER_KEY);
  } catch {
    // nothing to forget
  }
}

function lastUser(): Me | null {
  try {
    const raw = localStorage.getItem(LAST_USER_KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

/** The current user, or null when no session is open; offline, the user who signed in last on this device. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me', signal ? { signal } : {});
    rememberUser(me);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      forgetUser();
      return null;
    }
    if (isApiError(error) && error.code === 'network.unreachable') {
      const known = lastUser();
      if (known) return known;
    }
    throw error;
  }
}

export async function login(credentials: Credentials): Promise<Me> {
  const { user } = await api.post<{ user: Me }>('/auth/login', credentials);
  rememberUser(user);
  return user;
}

export async function logout(): Promise<void> {
  forgetUser();
  return api.post<void>('/auth/logout');
}

export function fetchMeta(signal?: AbortSignal): Promise<Meta> {
  return api.get<Meta>('/meta', signal ? { signal } : {});
}
