/**
 * Who is calling, and may they call this route: runs on every request before its body is read.
 * Cookie → server-side session; `Authorization: Bearer` → integration token. Cookie mutations must
 * carry `X-Requested-With: tashil` (a plain HTML form cannot set it). Then the permission matrix decides.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';
import type { Actor, ServiceContext } from '../context.js';
import { ruleFor } from '../access/permissions.js';
import { authenticateBearer, authenticateSession, SESSION_COOKIE } from '../modules/auth/auth.service.js';
import { languageOf } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    authVia: 'cookie' | 'bearer' | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);

  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    if (!url || !url.startsWith('/api/')) return; // static files and the 404 handler
    const { db, config, now } = app.deps;

    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      request.actor = await authenticateBearer(db, auth.slice(7).trim(), now());
      if (!request.actor) throw new AppError('auth.required');
      request.authVia = 'bearer';
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        request.actor = await authenticateSession(db, config, token, now());
        if (request.actor) request.authVia = 'cookie';
      }
      if (!SAFE_METHODS.has(request.method) && request.headers['x-requested-with'] !== 'tashil') {
        throw new AppError('auth.csrf');
      }
    }

    const rule = ruleFor(request.method, url);
    if (!rule) throw new AppError('auth.no_rule');
    if (rule.access === 'public') return;
    if (!request.actor) throw new AppError('auth.required');
    if (rule.access === 'roles' && !rule.roles.includes(request.actor.role)) throw new AppError('auth.forbidden');
  });
}

/** The service context of an authenticated request. */
export function contextOf(app: FastifyInstance, request: FastifyRequest): ServiceContext {
  if (!request.actor) throw new AppError('auth.required');
  return {
    db: app.deps.db,
    actor: request.actor,
    now: app.deps.now,
    requestId: request.id,
    ip: request.ip,
    lang: languageOf(request),
  };
}
