import type { UnitStatus } from '../../../../shared/machines.js';
import { api } from '../../../lib/api.js';

/** `GET /api/v1/stats/home`: headline counts within the caller's scope. */
export interface HomeStats {
  units: number;
  unitsByStatus: Record<UnitStatus, number>;
  /** null for roles that may not count users. */
  users: number | null;
  agencies: number;
  banks: number;
  /** YYYY-MM-DD, Asia/Tehran. */
  today: string;
  fiscalYear: number;
  daysLeftInFiscalYear: number;
}

export function fetchHomeStats(signal?: AbortSignal): Promise<HomeStats> {
  return api.get<HomeStats>('/stats/home', signal ? { signal } : {});
}
