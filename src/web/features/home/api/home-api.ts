import type { HomeStats } from '../../../../shared/contracts/stats.js';
import { api } from '../../../lib/api.js';

export type { HomeStats };

export function fetchHomeStats(signal?: AbortSignal): Promise<HomeStats> {
  return api.get<HomeStats>('/stats/home', signal ? { signal } : {});
}
