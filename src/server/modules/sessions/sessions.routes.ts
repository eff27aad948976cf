import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../../shared/contracts/common.js';
import {
  agendaCandidatesSchema,
  agendaItemParams,
  agendaItemSchema,
  carryOverBody,
  createAgendaItemBody,
  createSessionBody,
  listSessionsQuery,
  minutesQuery,
  patchAgendaItemBody,
  patchSessionBody,
  sessionDetailSchema,
  sessionList,
} from '../../../shared/contracts/sessions.js';
import { createResolutionBody, resolutionSchema } from '../../../shared/contracts/resolutions.js';
import { contextOf } from '../../plugins/auth.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import { createResolution } from '../resolutions/resolutions.service.js';
import {
  addAgendaItem,
  agendaCandidates,
  carryOverAgendaItem,
  createSession,
  getSession,
  listSessions,
  sessionMinutes,
  updateAgendaItem,
  updateSession,
} from './sessions.service.js';

export async function sessionsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sessions'];
  r.get('/sessions', { schema: { tags, querystring: listSessionsQuery, response: { 200: sessionList } } }, async (req) => listSessions(contextOf(app, req), req.query));
  r.post('/sessions', { schema: { tags, body: createSessionBody, response: { 201: sessionDetailSchema } } }, async (req, reply) => {
    reply.code(201);
    return createSession(contextOf(app, req), req.body);
  });
  r.get('/sessions/:id', { schema: { tags, params: idParams, response: { 200: sessionDetailSchema } } }, async (req) => getSession(contextOf(app, req), req.params.id));
  r.patch('/sessions/:id', { schema: { tags, params: idParams, body: patchSessionBody, response: { 200: sessionDetailSchema } } }, async (req) => {
    const { version, ...changes } = req.body;
    return updateSession(contextOf(app, req), req.params.id, changes, expectedVersion(version, req));
  });
  r.post('/sessions/:id/agenda', { schema: { tags, params: idParams, body: createAgendaItemBody, response: { 201: agendaItemSchema } } }, async (req, reply) => {
    reply.code(201);
    return addAgendaItem(contextOf(app, req), req.params.id, req.body);
  });
  r.patch(
    '/sessions/:id/agenda/:itemId',
    { schema: { tags, params: agendaItemParams, body: patchAgendaItemBody, response: { 200: sessionDetailSchema }, description: 'Moves an agenda item (position, 1-based) or changes its subject or status; answers the whole session.' } },
    async (req) => {
      const { version, ...changes } = req.body;
      return updateAgendaItem(contextOf(app, req), req.params.id, req.params.itemId, changes, expectedVersion(version, req));
    },
  );
  r.post(
    '/sessions/:id/agenda/:itemId/carry-over',
    { schema: { tags, params: agendaItemParams, body: carryOverBody, response: { 201: agendaItemSchema }, description: 'Carries the item over to the next planned session (or `toSessionId`); answers the new item.' } },
    async (req, reply) => {
      const hasVersion = req.body.version !== undefined || typeof req.headers['if-match'] === 'string';
      reply.code(201);
      return carryOverAgendaItem(contextOf(app, req), req.params.id, req.params.itemId, req.body.toSessionId, hasVersion ? expectedVersion(req.body.version, req) : null);
    },
  );
  r.get('/sessions/:id/agenda-candidates', { schema: { tags, params: idParams, response: { 200: agendaCandidatesSchema } } }, async (req) => agendaCandidates(contextOf(app, req), req.params.id));
  r.post('/sessions/:id/resolutions', { schema: { tags, params: idParams, body: createResolutionBody, response: { 201: resolutionSchema } } }, async (req, reply) => {
    reply.code(201);
    return createResolution(contextOf(app, req), req.params.id, req.body);
  });
  r.get(
    '/sessions/:id/minutes',
    {
      schema: {
        tags,
        params: idParams,
        querystring: minutesQuery,
        description: 'The minutes (صورتجلسه): printable RTL HTML for A4, or `?format=pdf` printed by Chromium (503 where it cannot be made).',
        response: { 200: z.any() },
      },
    },
    async (req, reply) => {
      const doc = await sessionMinutes(contextOf(app, req), req.params.id, req.query.format, app.deps.config.webDir);
      reply.type(doc.contentType).header('cache-control', 'no-store');
      reply.header('content-disposition', `${doc.contentType === 'application/pdf' ? 'attachment' : 'inline'}; filename="${doc.fileName}"`);
      if (doc.scriptNonce) {
        reply.header(
          'content-security-policy',
          `default-src 'none'; style-src 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; script-src 'nonce-${doc.scriptNonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`,
        );
      }
      return reply.send(doc.body);
    },
  );
}
