import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, listOf } from '../../../shared/contracts/common.js';
import { createTokenBody, tokenSchema } from '../../../shared/contracts/users.js';
import { contextOf } from '../../plugins/auth.js';
import { createToken, listTokens, revokeToken } from './tokens.service.js';

export async function tokensRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tokens'];
  r.get('/tokens', { schema: { tags, response: { 200: listOf(tokenSchema) } } }, async (req) => listTokens(contextOf(app, req)));
  r.post('/tokens', { schema: { tags, body: createTokenBody, response: { 201: tokenSchema.extend({ token: z.string().describe('shown once') }) } } }, async (req, reply) => {
    reply.code(201);
    return createToken(contextOf(app, req), req.body);
  });
  r.delete('/tokens/:id', { schema: { tags, params: idParams } }, async (req, reply) => {
    await revokeToken(contextOf(app, req), req.params.id);
    return reply.code(204).send();
  });
}
