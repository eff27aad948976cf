import type { Role } from '../../../../shared/roles.js';
import { api, isApiError } from '../../../lib/api.js';

/** The signed-in user, as `GET /api/v1/auth/me` returns it. */
export interface Me {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  provinceId: string;
  agencyId?: string | null;
  bankId?: string | null;
  unitId?: string | null;
}

export interface DemoAccount {
  username: string;
  role: Role;
  password: string;
}

/** Public facts about the installation (`GET /api/v1/meta`). */
export interface Meta {
  name: string;
  version: string;
  demo: boolean;
  demoAccounts: DemoAccount[];
}

export interface Credentials {
  username: string;
  password: string;
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
