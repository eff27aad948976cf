/**
 * Builds the Fastify app: cross-cutting plugins first (errors, auth, OpenAPI), then the modules' routes,
 * then the web app. `server.ts` only opens the database, listens and closes gracefully.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { validatorCompiler } from './plugins/validation.js';
import type { Config } from './config.js';
import { createLifecycle, type Lifecycle } from './lifecycle.js';
import { primaryReads, replicaReads, type ReadRouter } from './db/replica.js';
import type { Database, Db, Engine } from './db/client.js';
import { registerErrorHandling, problem, languageOf } from './plugins/errors.js';
import { registerAuth } from './plugins/auth.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { registerMetrics } from './plugins/metrics.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { referenceRoutes } from './modules/reference/reference.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { tokensRoutes } from './modules/tokens/tokens.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { sessionsRoutes } from './modules/sessions/sessions.routes.js';
import { resolutionsRoutes } from './modules/resolutions/resolutions.routes.js';
import { unitsRoutes } from './modules/units/units.routes.js';
import { visitsRoutes } from './modules/visits/visits.routes.js';
import { demandsRoutes } from './modules/demands/demands.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { referralsRoutes } from './modules/referrals/referrals.routes.js';
import { deadlinesRoutes } from './modules/deadlines/deadlines.routes.js';
import { quotasRoutes } from './modules/quotas/quotas.routes.js';
import { bankReportsRoutes } from './modules/bank-reports/bank-reports.routes.js';
import type { ReminderSource } from './modules/notifications/notifications.service.js';
import { demandReminderSource } from './modules/demands/demands.reminders.js';
import { resolutionReminderSource } from './modules/resolutions/resolutions.reminders.js';
import { referralReminderSource } from './modules/referrals/referrals.reminders.js';
import type { UnitTimelineSource } from './modules/units/units.timeline.js';
import * as visitsService from './modules/visits/visits.service.js';
import * as demandsService from './modules/demands/demands.service.js';
import * as referralsService from './modules/referrals/referrals.service.js';
import * as resolutionsService from './modules/resolutions/resolutions.service.js';

/** Every module's reminder rules, run by the notification job (server.ts starts it). */
export const REMINDER_SOURCES: readonly ReminderSource[] = [demandReminderSource, resolutionReminderSource, referralReminderSource];

/** The modules that tell part of a unit's story on its timeline. */
export const UNIT_TIMELINE_SOURCES: readonly UnitTimelineSource[] = [
  { entityType: 'visit', entries: visitsService.unitTimelineEntries, observations: visitsService.unitObservations },
  { entityType: 'demand', entries: demandsService.unitTimelineEntries },
  { entityType: 'referral', entries: referralsService.unitTimelineEntries },
  { entityType: 'resolution', entries: resolutionsService.unitTimelineEntries },
];
import { smsRoutes } from './modules/sms/sms.routes.js';
import { producersRoutes } from './modules/producers/producers.routes.js';
import { loanApplicationsRoutes } from './modules/loan-applications/loan-applications.routes.js';
import { filesRoutes } from './modules/files/files.routes.js';
import type { FileOwner } from './modules/files/files.service.js';
import { demandFileOwner } from './modules/demands/demands.attachments.js';
import { referralFileOwner } from './modules/referrals/referrals.attachments.js';
import { loanApplicationFileOwner } from './modules/loan-applications/loan-applications.attachments.js';
import { visitFileOwner } from './modules/visits/visits.attachments.js';

/**
 * The modules whose records hold attachments: `GET /files/:id` serves a file only to a caller who can see its
 * record, as the owning module decides. A module that attaches files (visit photos, loan applications' documents)
 * adds its owner here; an attachment of an unlisted owner type is never served.
 */
export const FILE_OWNERS: readonly FileOwner[] = [demandFileOwner, referralFileOwner, loanApplicationFileOwner, visitFileOwner];

export interface AppDeps {
  db: Db;
  database: Database;
  engine: Engine;
  config: Config;
  now: () => Date;
  /** Draining after SIGTERM (readiness answers 503). */
  lifecycle: Lifecycle;
  /** Where statistics, drill-downs and exports read: the replica (DATABASE_REPLICA_URL) or the primary. */
  reads: ReadRouter;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    /** Every route registered, for the permission-matrix test and the docs. */
    routeTable: { method: string; url: string }[];
  }
}

export interface BuildOptions {
  database: Database;
  config: Config;
  now?: () => Date;
  logger?: boolean;
  /** server.ts passes its own, so SIGTERM can mark the instance not ready; tests may too. */
  lifecycle?: Lifecycle;
  /** Tests: a read router of their own (otherwise made from DATABASE_REPLICA_URL and closed with the app). */
  reads?: ReadRouter;
  /** Tests only: routes added beside the modules' (e.g. one without a permission rule). */
  extraRoutes?: (app: FastifyInstance) => void;
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    ajv: undefined,
  });
  const reads = opts.reads ?? makeReadRouter(app, database, config);
  if (!opts.reads) app.addHook('onClose', async () => reads.close());
  app.decorate('deps', { db: database.db, database, engine: database.engine, config, now: opts.now ?? (() => new Date()), lifecycle: opts.lifecycle ?? createLifecycle(), reads });
  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // A draining instance closes each connection after its answer, so kept-alive clients (the load balancer) reconnect
    // elsewhere and the close does not wait for idle sockets to time out.
    if (app.deps.lifecycle.draining) reply.header('connection', 'close');
  });

  registerErrorHandling(app);
  await app.register(cookie);
  // The security headers, built once: @fastify/helmet built helmet's middleware again on every request (its
  // directives parsed each time: ~1 % of a busy instance's CPU).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Only behind HTTPS (TASHIL_HSTS=1): a browser told this over plain HTTP would lock itself out.
    hsts: config.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined)));
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 10 } });
  registerAuth(app);
  registerIdempotency(app);
  registerMetrics(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tashil API — سامانه تسهیل و رفع موانع تولید',
        version: config.version,
        description: 'The published contract (version 1). Errors are application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tashil_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(
    async (api) => {
      await registerApiCompression(api);
      await api.register(systemRoutes);
      await api.register(authRoutes);
      await api.register(referenceRoutes);
      await api.register(usersRoutes);
      await api.register(tokensRoutes);
      await api.register(auditRoutes);
      await api.register(statsRoutes);
      await api.register(unitsRoutes, { timelineSources: UNIT_TIMELINE_SOURCES });
      await api.register(visitsRoutes);
      await api.register(demandsRoutes);
      await api.register(notificationsRoutes);
      await api.register(sessionsRoutes);
      await api.register(resolutionsRoutes);
      await api.register(referralsRoutes);
      await api.register(deadlinesRoutes);
      await api.register(quotasRoutes);
      await api.register(bankReportsRoutes);
      await api.register(smsRoutes);
      await api.register(producersRoutes);
      await api.register(loanApplicationsRoutes);
      await api.register(filesRoutes, { owners: FILE_OWNERS });
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );

  opts.extraRoutes?.(app);
  const hasWeb = await registerWebApp(app, config.webDir);
  app.setNotFoundHandler((request, reply) => {
    // client-side routes get index.html; a missing asset (a path with an extension) is a plain 404
    const pathname = request.url.split('?')[0] ?? '';
    if (hasWeb && (request.method === 'GET' || request.method === 'HEAD') && !pathname.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(pathname)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return problem(reply, languageOf(request), 'route.not_found');
  });
  return app;
}

/** The replica when DATABASE_REPLICA_URL is set on PostgreSQL; the primary otherwise (PGlite has no replica). */
function makeReadRouter(app: FastifyInstance, database: Database, config: Config): ReadRouter {
  if (!config.databaseReplicaUrl) return primaryReads(database.db);
  if (database.engine !== 'postgres') {
    app.log.warn('DATABASE_REPLICA_URL is ignored on the embedded database');
    return primaryReads(database.db);
  }
  return replicaReads({
    url: config.databaseReplicaUrl,
    primary: database.db,
    maxLagMs: config.replicaMaxLagSeconds * 1000,
    poolMax: config.dbPoolMax,
    onFallback: (reason) => app.metrics.replicaFallbacks.inc({ reason }),
    log: app.log,
  });
}

/**
 * API answers compressed (brotli or gzip, as Accept-Encoding allows) from 1 KiB up. Scoped to /api/v1: the web's
 * static assets are precompressed at build and served as they are, and /metrics stays plain. Downloads — any answer
 * with Content-Disposition (letters, photos, spreadsheets, CSV exports, minutes) — go as stored: most are compressed
 * formats already, and they keep their Content-Length and stream unchanged. Compressed request bodies are not accepted.
 */
async function registerApiCompression(api: FastifyInstance) {
  // Instance hooks run before the plugin's per-route onSend, so this marks a download before it is considered.
  api.addHook('onSend', async (request, reply) => {
    if (reply.hasHeader('content-disposition')) request.headers['x-no-compression'] = '1';
  });
  // Answers up to 64 KiB (every page of a list) are compressed in one call on the event loop: a zlib stream per answer
  // (the plugin's default above 8 KiB on two cores) cost the instance 2.3 ms more CPU per page of 20 referrals than one
  // call, for a compression that itself takes 0.2 ms (docs/benchmarks.md); larger answers still stream.
  await api.register(compress, { encodings: ['br', 'gzip'], threshold: 1024, syncThreshold: 64 * 1024, globalDecompression: false });
}

/** Serves the built web app, with index.html for every non-API path (client-side routing). */
async function registerWebApp(app: FastifyInstance, webDir: string): Promise<boolean> {
  const index = path.join(webDir, 'index.html');
  if (!existsSync(index)) return false;
  await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: 'index.html', redirect: false, cacheControl: false,
    // the build writes .br and .gz beside each text asset (vite.config.ts): sent as the browser accepts, else the file itself
    preCompressed: true,
    setHeaders: (res, file) => {
      res.header("cache-control", file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return true;
}
