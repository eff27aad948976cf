import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { changePassword, confirmMfa, disableMfa, endMySession, enrollMfa, fetchMySessions } from '../api/account-api.js';
import type { ChangePasswordBody, MfaCodeBody } from '../api/contracts.js';

/** The same key as features/auth's `meQueryKey`: a change here refreshes who the app thinks you are. */
const meKey = ['auth', 'me'] as const;
const sessionsKey = ['account', 'sessions'] as const;

export function useEnrollMfa() {
  return useMutation({ mutationFn: () => enrollMfa() });
}

export function useConfirmMfa() {
  // me is refreshed when the person has put the recovery codes away, not now: the page would move on.
  return useMutation({ mutationFn: (body: MfaCodeBody) => confirmMfa(body) });
}

export function useDisableMfa() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: MfaCodeBody) => disableMfa(body), onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }) });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => changePassword(body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meKey });
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}

/** Reloads who the user is (after the second factor is confirmed). */
export function useRefreshMe() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: meKey });
}

export function useMySessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: ({ signal }) => fetchMySessions(signal) });
}

export function useEndMySession() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => endMySession(id), onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }) });
}
