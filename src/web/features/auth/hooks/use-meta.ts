import { useQuery } from '@tanstack/react-query';
import { fetchMeta } from '../api/auth-api.js';

export function useMeta() {
  return useQuery({
    queryKey: ['meta'],
    queryFn: ({ signal }) => fetchMeta(signal),
    staleTime: Infinity,
  });
}
