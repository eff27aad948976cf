import type { Role } from '../../../../shared/roles.js';
import { api, type Page } from '../../../lib/api.js';

export interface User {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  disabled: boolean;
  agencyId: string | null;
  bankId: string | null;
  unitId: string | null;
}

export interface UserListParams {
  page: number;
  pageSize: number;
}

export function fetchUsers(params: UserListParams, signal?: AbortSignal): Promise<Page<User>> {
  return api.get<Page<User>>('/users', { query: { page: params.page, pageSize: params.pageSize }, ...(signal ? { signal } : {}) });
}
