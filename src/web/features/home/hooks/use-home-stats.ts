import { useQuery } from '@tanstack/react-query';
import { fetchHomeStats } from '../api/home-api.js';

export function useHomeStats() {
  return useQuery({
    queryKey: ['stats', 'home'],
    queryFn: ({ signal }) => fetchHomeStats(signal),
  });
}
