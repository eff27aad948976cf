import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/contracts/common.js';
import { createVisitBody, listVisitsQuery, patchVisitBody, visitDetailSchema, visitList } from '../../../shared/contracts/visits.js';
import { contextOf } from '../../plugins/auth.js';
import { exportVisitsQuery } from '../../../shared/contracts/visits.js';
import { sendSheetFile } from '../../sheets/table-file.js';
import { exportVisits } from './visits.export.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import { createVisit, getVisit, listVisits, updateVisit } from './visits.service.js';

export async function visitsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['visits'];
  r.get('/visits', { schema: { tags, querystring: listVisitsQuery, response: { 200: visitList } } }, async (req) => listVisits(contextOf(app, req), req.query));
  r.get('/visits/export', { schema: { tags, summary: "The list's visits as .xlsx or .csv (the list's scope, filters and sort)", querystring: exportVisitsQuery } }, async (req, reply) =>
    sendSheetFile(reply, await exportVisits(contextOf(app, req), req.query)),
  );
  r.post('/visits', { schema: { tags, body: createVisitBody, response: { 201: visitDetailSchema } } }, async (req, reply) => {
    reply.code(201);
    return createVisit(contextOf(app, req), req.body);
  });
  r.get('/visits/:id', { schema: { tags, params: idParams, response: { 200: visitDetailSchema } } }, async (req) => getVisit(contextOf(app, req), req.params.id));
  r.patch('/visits/:id', { schema: { tags, params: idParams, body: patchVisitBody, response: { 200: visitDetailSchema } } }, async (req) => {
    const { version, ...changes } = req.body;
    return updateVisit(contextOf(app, req), req.params.id, changes, expectedVersion(version, req));
  });
}
