import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf } from '../../../shared/contracts/common.js';
import { temporaryPasswordResponse } from '../../../shared/contracts/auth.js';
import { createUserBody, listUsersQuery, patchUserBody, userSchema } from '../../../shared/contracts/users.js';
import { contextOf } from '../../plugins/auth.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import { createUser, listUsers, updateUser } from './users.service.js';
import { resetUserMfa, resetUserPassword, revokeUserSessions, unlockUser } from '../auth/auth.service.js';

export async function usersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  r.get('/users', { schema: { tags, querystring: listUsersQuery, response: { 200: listOf(userSchema) } } }, async (req) => listUsers(contextOf(app, req), req.query));
  r.post('/users', { schema: { tags, body: createUserBody, response: { 201: userSchema } } }, async (req, reply) => {
    reply.code(201);
    return createUser(contextOf(app, req), req.body);
  });
  r.patch('/users/:id', { schema: { tags, params: idParams, body: patchUserBody, response: { 200: userSchema } } }, async (req) =>
    updateUser(contextOf(app, req), req.params.id, req.body, expectedVersion(req.body.version, req)),
  );
  r.post('/users/:id/sessions/revoke', { schema: { tags, summary: "End all of a user's sessions", params: idParams } }, async (req, reply) => {
    await revokeUserSessions(contextOf(app, req), req.params.id);
    return reply.code(204).send();
  });
  r.post('/users/:id/password-reset', { schema: { tags, summary: 'A temporary password the user must change at next login', params: idParams, response: { 200: temporaryPasswordResponse } } }, async (req) =>
    resetUserPassword(contextOf(app, req), req.params.id),
  );
  r.post('/users/:id/mfa/reset', { schema: { tags, summary: "Remove a user's second factor (they enrol again)", params: idParams } }, async (req, reply) => {
    await resetUserMfa(contextOf(app, req), req.params.id);
    return reply.code(204).send();
  });
  r.post('/users/:id/unlock', { schema: { tags, summary: "Clear a user's failed-login delays", params: idParams } }, async (req, reply) => {
    await unlockUser(contextOf(app, req), req.params.id);
    return reply.code(204).send();
  });
}
