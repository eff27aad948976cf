import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginBody, meSchema } from '../../../shared/contracts/auth.js';
import { AppError } from '../../../shared/errors.js';
import { endSession, login, meOf, SESSION_COOKIE } from './auth.service.js';

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.deps;

  r.post('/auth/login', { schema: { tags: ['auth'], body: loginBody, response: { 200: z.object({ user: meSchema }) } } }, async (request, reply) => {
    const { actor, token } = await login(app.deps.db, config, {
      username: request.body.username,
      password: request.body.password,
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      now: app.deps.now(),
    });
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
      maxAge: config.sessionMaxMinutes * 60,
    });
    return { user: meOf(actor) };
  });

  r.post('/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    if (request.actor?.sessionId) await endSession(app.deps.db, request.actor.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  r.get('/auth/me', { schema: { tags: ['auth'], response: { 200: meSchema } } }, async (request) => {
    if (!request.actor) throw new AppError('auth.required');
    return meOf(request.actor);
  });
}
