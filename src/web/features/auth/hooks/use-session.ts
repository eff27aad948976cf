import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchMe, login, logout, type Credentials, type Me } from '../api/auth-api.js';

export const meQueryKey = ['auth', 'me'] as const;

/** Shared by the route guard (ensureQueryData) and the components. */
export const meQueryOptions = queryOptions({
  queryKey: meQueryKey,
  queryFn: ({ signal }) => fetchMe(signal),
  staleTime: 5 * 60_000,
  retry: false,
});

export function useMe(): Me | null {
  const { data } = useQuery(meQueryOptions);
  return data ?? null;
}

export function useLogin(onSuccess: (user: Me) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => login(credentials),
    onSuccess: (user) => {
      // Nothing cached for an earlier user may survive a new sign-in.
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, user);
      onSuccess(user);
    },
  });
}

export function useLogout(onDone: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => logout(),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
      onDone();
    },
  });
}
