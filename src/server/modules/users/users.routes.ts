import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf } from '../../../shared/contracts/common.js';
import { createUserBody, listUsersQuery, patchUserBody, userSchema } from '../../../shared/contracts/users.js';
import { contextOf } from '../../plugins/auth.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import { createUser, listUsers, updateUser } from './users.service.js';

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
}
