import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createToken,
  createUser,
  fetchAudit,
  fetchProvinces,
  fetchTokens,
  fetchUsers,
  patchUser,
  resetMfa,
  resetPassword,
  revokeToken,
  revokeUserSessions,
  unlockUser,
  type CreateTokenInput,
  type CreateUserInput,
  type UserListParams,
} from '../api/admin-api.js';
import type { AuditFilters } from '../api/contracts.js';

const usersKey = ['users'] as const;
const tokensKey = ['tokens'] as const;

export function useUserList(params: UserListParams) {
  return useQuery({ queryKey: [...usersKey, 'list', params], queryFn: ({ signal }) => fetchUsers(params, signal), placeholderData: keepPreviousData });
}

/** Every user, for the audit page's actor picker (admins only; the server caps a page at 500). */
export function useAllUsers(enabled: boolean) {
  return useQuery({ queryKey: [...usersKey, 'all'], queryFn: ({ signal }) => fetchUsers({ page: 1, pageSize: 500 }, signal), enabled, staleTime: 60_000 });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => createUser(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useSetUserDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, disabled, version }: { id: string; disabled: boolean; version: number }) => patchUser(id, { disabled, version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => resetPassword(id), onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }) });
}

export function useResetMfa() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => resetMfa(id), onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }) });
}

export function useRevokeUserSessions() {
  return useMutation({ mutationFn: (id: string) => revokeUserSessions(id) });
}

export function useUnlockUser() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => unlockUser(id), onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }) });
}

export function useTokens() {
  return useQuery({ queryKey: [...tokensKey, 'list'], queryFn: ({ signal }) => fetchTokens(signal) });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (input: CreateTokenInput) => createToken(input), onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }) });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => revokeToken(id), onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }) });
}

const REFERENCE_STALE = 10 * 60_000;
/** Provinces are not among lib/reference's kinds; same key scheme and shape (the items). */
export const useProvinces = () =>
  useQuery({ queryKey: ['reference', 'provinces'], queryFn: ({ signal }) => fetchProvinces(signal).then((r) => r.items), staleTime: REFERENCE_STALE });

export function useAudit(filters: AuditFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: ['audit', 'list', filters], queryFn: ({ signal }) => fetchAudit(filters, signal), placeholderData: keepPreviousData });
}
