import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  authSessionsResponse,
  changePasswordBody,
  loginBody,
  loginResponse,
  meSchema,
  mfaCodeBody,
  mfaConfirmResponse,
  mfaEnrolResponse,
} from '../../../shared/contracts/auth.js';
import { idParams } from '../../../shared/contracts/common.js';
import { AppError } from '../../../shared/errors.js';
import { contextOf } from '../../plugins/auth.js';
import {
  changeOwnPassword,
  confirmMfaEnrolment,
  endOwnSession,
  endSession,
  listOwnSessions,
  login,
  meOf,
  removeOwnMfa,
  SESSION_COOKIE,
  startMfaEnrolment,
} from './auth.service.js';

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.deps;
  const tags = ['auth'];

  r.post('/auth/login', { schema: { tags, body: loginBody, response: { 200: loginResponse } } }, async (request, reply) => {
    const { actor, token } = await login(app.deps.db, config, {
      username: request.body.username,
      password: request.body.password,
      otp: request.body.otp,
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
    return { user: meOf(config, actor) };
  });

  r.post('/auth/logout', { schema: { tags } }, async (request, reply) => {
    if (request.actor?.sessionId) await endSession(app.deps.db, request.actor.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  r.get('/auth/me', { schema: { tags, response: { 200: meSchema } } }, async (request) => {
    if (!request.actor) throw new AppError('auth.required');
    return meOf(config, request.actor);
  });

  r.post('/auth/password', { schema: { tags, summary: 'Change one’s own password; the other sessions end', body: changePasswordBody } }, async (req, reply) => {
    await changeOwnPassword(contextOf(app, req), req.body.currentPassword, req.body.newPassword);
    return reply.code(204).send();
  });

  r.post('/auth/mfa/enroll', { schema: { tags, summary: 'Start enrolling an authenticator (TOTP)', response: { 200: mfaEnrolResponse } } }, async (req) =>
    startMfaEnrolment(contextOf(app, req)),
  );
  r.post('/auth/mfa/confirm', { schema: { tags, summary: 'Confirm the authenticator with a code; recovery codes are shown once', body: mfaCodeBody, response: { 200: mfaConfirmResponse } } }, async (req) =>
    confirmMfaEnrolment(contextOf(app, req), req.body.code),
  );
  r.delete('/auth/mfa', { schema: { tags, summary: 'Remove one’s own second factor (a current or recovery code proves it)', body: mfaCodeBody } }, async (req, reply) => {
    await removeOwnMfa(contextOf(app, req), req.body.code);
    return reply.code(204).send();
  });

  r.get('/auth/sessions', { schema: { tags, summary: 'One’s own signed-in sessions', response: { 200: authSessionsResponse } } }, async (req) => listOwnSessions(contextOf(app, req)));
  r.delete('/auth/sessions/:id', { schema: { tags, summary: 'End one of one’s own sessions', params: idParams } }, async (req, reply) => {
    await endOwnSession(contextOf(app, req), req.params.id);
    return reply.code(204).send();
  });
}
