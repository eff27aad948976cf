import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchUsers, type UserListParams } from '../api/users-api.js';

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: ['users', 'list', params],
    queryFn: ({ signal }) => fetchUsers(params, signal),
    placeholderData: keepPreviousData,
  });
}
