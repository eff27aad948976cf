/** `GET /api/v1/stats/home`: the headline counts within the caller's scope. */
import { z } from 'zod';

export const homeSchema = z.object({
  units: z.number().int(),
  unitsByStatus: z.object({ active: z.number().int(), semi_active: z.number().int(), idle: z.number().int(), closed: z.number().int() }),
  /** null for roles that may not count users. */
  users: z.number().int().nullable(),
  agencies: z.number().int(),
  banks: z.number().int(),
  /** YYYY-MM-DD, Asia/Tehran. */
  today: z.string(),
  fiscalYear: z.number().int(),
  daysLeftInFiscalYear: z.number().int(),
});
export type HomeStats = z.infer<typeof homeSchema>;
