import type { HomeStats } from '../../../../shared/contracts/stats.js';
import type { RoleHome } from '../../../../shared/contracts/home.js';
import { api } from '../../../lib/api.js';

export type { HomeStats, RoleHome };

/** The installation's counts (the administrator's home). */
export function fetchHomeStats(signal?: AbortSignal): Promise<HomeStats> {
  return api.get<HomeStats>('/stats/home', signal ? { signal } : {});
}

/** The caller's own work for today (GET /home): one shape per role. */
export function fetchRoleHome(signal?: AbortSignal): Promise<RoleHome> {
  return api.get<RoleHome>('/home', signal ? { signal } : {});
}
