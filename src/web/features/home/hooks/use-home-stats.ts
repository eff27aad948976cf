import { useQuery } from '@tanstack/react-query';
import { fetchHomeStats, fetchRoleHome } from '../api/home-api.js';

export function useHomeStats(enabled = true) {
  return useQuery({
    queryKey: ['stats', 'home'],
    queryFn: ({ signal }) => fetchHomeStats(signal),
    enabled,
  });
}

/** Today's work: asked again when the user comes back to the window, since it changes as others act. */
export function useRoleHome(enabled = true) {
  return useQuery({
    queryKey: ['home'],
    queryFn: ({ signal }) => fetchRoleHome(signal),
    enabled,
    refetchOnWindowFocus: true,
  });
}
