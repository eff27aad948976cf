import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthSchema, metaSchema } from '../../../shared/contracts/auth.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed/demo-accounts.js';
import { isLoopbackHost } from '../../config.js';

export async function systemRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/health', { schema: { tags: ['system'], response: { 200: healthSchema } } }, async () => {
    await app.deps.database.query('select 1');
    return { status: 'ok' as const, database: app.deps.engine, version: app.deps.config.version };
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
