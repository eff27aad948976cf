import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../plugins/auth.js';
import { homeCounts } from './home.service.js';

export const homeSchema = z.object({
  units: z.number().int(),
  unitsByStatus: z.object({ active: z.number().int(), semi_active: z.number().int(), idle: z.number().int(), closed: z.number().int() }),
  users: z.number().int().nullable(),
  agencies: z.number().int(),
  banks: z.number().int(),
  today: z.string(),
  fiscalYear: z.number().int(),
  daysLeftInFiscalYear: z.number().int(),
});

export async function statsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/stats/home', { schema: { tags: ['stats'], response: { 200: homeSchema } } }, async (req) => homeCounts(contextOf(app, req)));
}
