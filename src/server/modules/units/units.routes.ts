import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/contracts/common.js';
import { createUnitBody, listUnitsQuery, patchUnitBody, unitList, unitSchema } from '../../../shared/contracts/units.js';
import { contextOf } from '../../plugins/auth.js';
import { expectedVersion } from '../../db/concurrency.js';
import { createUnit, getUnit, listUnits, updateUnit } from './units.service.js';

export async function unitsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];
  r.get('/units', { schema: { tags, querystring: listUnitsQuery, response: { 200: unitList } } }, async (req) => listUnits(contextOf(app, req), req.query));
  r.post('/units', { schema: { tags, body: createUnitBody, response: { 201: unitSchema } } }, async (req, reply) => {
    reply.code(201);
    return createUnit(contextOf(app, req), req.body);
  });
  r.get('/units/:id', { schema: { tags, params: idParams, response: { 200: unitSchema } } }, async (req) => getUnit(contextOf(app, req), req.params.id));
  r.patch('/units/:id', { schema: { tags, params: idParams, body: patchUnitBody, response: { 200: unitSchema } } }, async (req) => {
    const { version, ...changes } = req.body;
    return updateUnit(contextOf(app, req), req.params.id, changes, expectedVersion(version, req));
  });
}
