import type { User } from '../../../../shared/contracts/users.js';
import { api, type Page } from '../../../lib/api.js';

export type { User };

export interface UserListParams {
  page: number;
  pageSize: number;
}

export function fetchUsers(params: UserListParams, signal?: AbortSignal): Promise<Page<User>> {
  return api.get<Page<User>>('/users', { query: { page: params.page, pageSize: params.pageSize }, ...(signal ? { signal } : {}) });
}
