/** Producers on their own (issue 11): public code and registration routes, sign-in by code, the claims review. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loginResponse } from '../../../shared/contracts/auth.js';
import { idParams } from '../../../shared/contracts/common.js';
import {
  claimTransitionBody,
  listClaimsQuery,
  otpLoginBody,
  otpRequestBody,
  otpRequestResponse,
  registrationBody,
  registrationResponse,
  unitClaimList,
  unitClaimSchema,
} from '../../../shared/contracts/producers.js';
import { contextOf } from '../../plugins/auth.js';
import { languageOf } from '../../plugins/errors.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import { SESSION_COOKIE } from '../auth/auth.service.js';
import { listClaims, meOf, otpLogin, register, requestOtp, transitionClaim, type PublicContext } from './producers.service.js';

export async function producersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.deps;
  const publicTags = ['producers'];
  const off = { idempotency: 'off' as const };

  const publicContext = (req: FastifyRequest): PublicContext => ({
    db: app.deps.db,
    config,
    now: app.deps.now(),
    ip: req.ip,
    userAgent: req.headers['user-agent'],
    requestId: req.id,
    lang: languageOf(req),
  });
  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/', maxAge: config.sessionMaxMinutes * 60 });

  r.post(
    '/public/otp',
    { config: off, schema: { tags: publicTags, summary: 'Send a one-time code by SMS (same answer whether the mobile is known)', body: otpRequestBody, response: { 202: otpRequestResponse } } },
    async (req, reply) => {
      const answer = await requestOtp(publicContext(req), req.body);
      return reply.code(202).send(answer);
    },
  );

  r.post(
    '/public/registrations',
    { config: off, schema: { tags: publicTags, summary: "Register a producer with a code and claim a unit; the secretariat approves the claim", body: registrationBody, response: { 201: registrationResponse } } },
    async (req, reply) => {
      const { actor, token, claim } = await register(publicContext(req), req.body);
      setSession(reply, token);
      return reply.code(201).send({ user: meOf(config, actor), claim });
    },
  );

  r.post('/auth/otp-login', { config: off, schema: { tags: ['auth'], summary: 'A producer signs in by mobile and a one-time code', body: otpLoginBody, response: { 200: loginResponse } } }, async (req, reply) => {
    const { actor, token } = await otpLogin(publicContext(req), req.body);
    setSession(reply, token);
    return { user: meOf(config, actor) };
  });

  const tags = ['unit-claims'];
  r.get('/unit-claims', { schema: { tags, summary: "Producers' claims on units", querystring: listClaimsQuery, response: { 200: unitClaimList } } }, async (req) =>
    listClaims(contextOf(app, req), req.query),
  );
  r.post(
    '/unit-claims/:id/transitions',
    { schema: { tags, summary: 'Approve (binds the producer to the unit) or reject (with a note) a claim', params: idParams, body: claimTransitionBody, response: { 200: unitClaimSchema } } },
    async (req) => transitionClaim(contextOf(app, req), req.params.id, req.body, expectedVersion(req.body.version, req)),
  );
}
