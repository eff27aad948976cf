import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listOf, pageQuery } from '../../../shared/contracts/common.js';
import { contextOf } from '../../plugins/auth.js';
import { listAuditEvents } from './audit.service.js';

const auditEvent = z.object({
  id: z.string(),
  at: z.string(),
  provinceId: z.string().nullable(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  actorKind: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: z.strictObject({ ...pageQuery, entityType: z.string().max(40).optional(), entityId: z.string().max(64).optional() }),
        response: { 200: listOf(auditEvent) },
      },
    },
    async (req) => listAuditEvents(contextOf(app, req), req.query),
  );
}
