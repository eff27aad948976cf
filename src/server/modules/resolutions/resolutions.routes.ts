import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/contracts/common.js';
import {
  boardQuery,
  boardSchema,
  implementationQuery,
  implementationSchema,
  listResolutionsQuery,
  resolutionDetailSchema,
  resolutionFollowupBody,
  resolutionList,
  resolutionTransitionBody,
} from '../../../shared/contracts/resolutions.js';
import { contextOf } from '../../plugins/auth.js';
import { exportResolutionsQuery } from '../../../shared/contracts/resolutions.js';
import { sendSheetFile } from '../../sheets/table-file.js';
import { exportResolutions } from './resolutions.export.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import { addResolutionFollowup, getResolution, implementationRate, listResolutions, resolutionBoard, transitionResolution } from './resolutions.service.js';

export async function resolutionsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['resolutions'];
  r.get('/resolutions', { schema: { tags, querystring: listResolutionsQuery, response: { 200: resolutionList } } }, async (req) => listResolutions(contextOf(app, req), req.query));
  r.get('/resolutions/export', { schema: { tags, summary: "The list's resolutions as .xlsx or .csv (the list's scope, filters and sort)", querystring: exportResolutionsQuery } }, async (req, reply) =>
    sendSheetFile(reply, await exportResolutions(contextOf(app, req), req.query)),
  );
  r.get(
    '/resolutions/implementation',
    {
      schema: {
        tags,
        querystring: implementationQuery,
        response: { 200: implementationSchema },
        description: 'Implementation rate per agency and overall for a fiscal year (default: this one), as exact fractions: `rateOfAll` = done ÷ resolutions (the published definition), `rateOfDue` = done ÷ resolutions due.',
      },
    },
    async (req) => implementationRate(contextOf(app, req), req.query.fiscalYear),
  );
  r.get(
    '/resolutions/board',
    { schema: { tags, querystring: boardQuery, response: { 200: boardSchema }, description: 'The tracking board: resolutions by agency and state, overdue first; an agency sees its own.' } },
    async (req) => resolutionBoard(contextOf(app, req), req.query),
  );
  r.get('/resolutions/:id', { schema: { tags, params: idParams, response: { 200: resolutionDetailSchema } } }, async (req) => getResolution(contextOf(app, req), req.params.id));
  r.post('/resolutions/:id/transitions', { schema: { tags, params: idParams, body: resolutionTransitionBody, response: { 200: resolutionDetailSchema } } }, async (req) => {
    const { version, ...input } = req.body;
    return transitionResolution(contextOf(app, req), req.params.id, { ...input, version }, expectedVersion(version, req));
  });
  r.post('/resolutions/:id/followups', { schema: { tags, params: idParams, body: resolutionFollowupBody, response: { 201: resolutionDetailSchema } } }, async (req, reply) => {
    reply.code(201);
    return addResolutionFollowup(contextOf(app, req), req.params.id, req.body.note);
  });
}
