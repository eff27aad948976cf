import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf } from '../../../shared/contracts/common.js';
import { createQuotaBody, listQuotasQuery, patchQuotaBody, quotaSchema } from '../../../shared/contracts/referrals.js';
import { contextOf } from '../../plugins/auth.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import { createQuota, listQuotas, updateQuota } from './quotas.service.js';

export async function quotasRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const qtags = ['quotas'];
  r.get('/quotas', { schema: { tags: qtags, summary: 'Quotas, with what has been paid against them through referrals and directly', querystring: listQuotasQuery, response: { 200: listOf(quotaSchema) } } }, async (req) =>
    listQuotas(contextOf(app, req), req.query),
  );
  r.post('/quotas', { schema: { tags: qtags, body: createQuotaBody, response: { 201: quotaSchema } } }, async (req, reply) => {
    reply.code(201);
    return createQuota(contextOf(app, req), req.body);
  });
  r.patch('/quotas/:id', { schema: { tags: qtags, params: idParams, body: patchQuotaBody, response: { 200: quotaSchema } } }, async (req) => {
    const { version, ...changes } = req.body;
    return updateQuota(contextOf(app, req), req.params.id, changes, expectedVersion(version, req));
  });
}
