import type { z } from 'zod';
import type { Me, metaSchema } from '../../../../shared/contracts/auth.js';
import { api, isApiError } from '../../../lib/api.js';

// Types come from the shared contracts (type-only: no zod in the bundle).
export type { Me };
export type Meta = z.infer<typeof metaSchema>;
export type DemoAccount = Meta['demoAccounts'][number];

export interface Credentials {
  username: string;
  password: string;
  /** The second step: a 6-digit code from the authenticator app, or a recovery code. */
  otp?: string;
}

/** The current user, or null when no session is open. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await api.get<Me>('/auth/me', signal ? { signal } : {});
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export async function login(credentials: Credentials): Promise<Me> {
  const { user } = await api.post<{ user: Me }>('/auth/login', credentials);
  return user;
}

export function logout(): Promise<void> {
  return api.post<void>('/auth/logout');
}

export function fetchMeta(signal?: AbortSignal): Promise<Meta> {
  return api.get<Meta>('/meta', signal ? { signal } : {});
}
