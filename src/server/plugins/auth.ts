/**
 * Who is calling, and may they call this route: runs on every request before its body is read.
 * Cookie → server-side session; `Authorization: Bearer` → integration token. Cookie mutations (and logins) must
 * carry `X-Requested-With: tashil` (a plain HTML form cannot set it) and must not come from another site
 * (`Sec-Fetch-Site: cross-site`, or an `Origin` that is neither this server nor TASHIL_ALLOWED_ORIGINS).
 * Then the permission matrix decides, and an account that must first change its password or enrol a second
 * factor reaches only the routes that let it do so. Authenticated API answers are never cached.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';
import type { Actor, ServiceContext } from '../context.js';
import { isOpenBeforeAccountReady, ruleFor } from '../access/permissions.js';
import type { Config } from '../config.js';
import { accountGate, authenticateBearer, authenticateSession, SESSION_COOKIE } from '../modules/auth/auth.service.js';
import { languageOf } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    authVia: 'cookie' | 'bearer' | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when the request comes from another site: the browser says so, or its Origin is not ours. */
export function isCrossSite(request: FastifyRequest, config: Config): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  let given: URL;
  try {
    given = new URL(origin);
  } catch {
    return true;
  }
  const host = request.host; // Host, or X-Forwarded-Host behind a trusted proxy
  // same host (any scheme: TLS may end at a proxy; default ports are left out of an Origin)
  const bare = (h: string) => h.toLowerCase().replace(/:(80|443)$/, '');
  if (host && bare(given.host) === bare(host)) return false;
  return !config.allowedOrigins.includes(given.origin);
}

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
      if (!SAFE_METHODS.has(request.method)) {
        if (request.headers['x-requested-with'] !== 'tashil') throw new AppError('auth.csrf');
        if (isCrossSite(request, config)) throw new AppError('auth.cross_site');
      }
    }

    const rule = ruleFor(request.method, url);
    if (!rule) throw new AppError('auth.no_rule');
    if (rule.access === 'public') return;
    // operator routes check their own caller and live outside /api; one here would be a mistake: refuse it
    if (rule.access === 'operator') throw new AppError('auth.forbidden');
    if (!request.actor) throw new AppError('auth.required');
    if (rule.access === 'roles' && !rule.roles.includes(request.actor.role)) throw new AppError('auth.forbidden');
    const gate = accountGate(config, request.actor);
    if (gate && !isOpenBeforeAccountReady(request.method, url)) throw new AppError(gate);
  });

  // Answers that depend on who asks stay out of every cache (browser back button, shared proxies).
  app.addHook('onSend', async (request, reply) => {
    if (request.actor && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
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
