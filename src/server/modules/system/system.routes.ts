import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthSchema, liveSchema, metaSchema, readySchema } from '../../../shared/contracts/auth.js';
import { languageOf, problem } from '../../plugins/errors.js';
import { checkReadiness } from './system.readiness.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed/demo-accounts.js';
import { isLoopbackHost } from '../../config.js';

export async function systemRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/health', { schema: { tags: ['system'], response: { 200: healthSchema } } }, async () => {
    await app.deps.database.query('select 1');
    return { status: 'ok' as const, database: app.deps.engine, version: app.deps.config.version };
  });
  // For load balancers and orchestrators: live = the process answers (no database); ready = send it traffic.
  r.get('/health/live', { schema: { tags: ['system'], response: { 200: liveSchema } } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' as const };
  });
  r.get('/health/ready', { schema: { tags: ['system'], response: { 200: readySchema } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const state = await checkReadiness(app.deps.database, app.deps.lifecycle);
    if (!state.ready) {
      if (state.reason !== 'draining') request.log.warn({ reason: state.reason, detail: state.detail }, 'not ready');
      return problem(reply, languageOf(request), 'system.not_ready', { detail: state.detail, extra: { reason: state.reason } });
    }
    return { status: 'ready' as const, database: app.deps.engine, version: app.deps.config.version };
  });
  r.get('/meta', { schema: { tags: ['system'], response: { 200: metaSchema } } }, async () => ({
    name: 'Tashil',
    version: app.deps.config.version,
    demo: app.deps.config.demo,
    // The password is shown only to a server on this machine alone; served to a network (TASHIL_DEMO=1), names only.
    demoAccounts: app.deps.config.demo
      ? DEMO_ACCOUNTS.map((a) => ({ username: a.username, role: a.role, ...(isLoopbackHost(app.deps.config.host) ? { password: DEMO_PASSWORD } : {}) }))
      : [],
  }));
}
