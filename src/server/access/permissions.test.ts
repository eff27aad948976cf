import { expect, it } from 'vitest';
import { describeOnEngines } from '../test/harness.js';
import { isDocsRoute, PERMISSIONS, ruleFor } from './permissions.js';
import { DEMO_ACCOUNTS } from '../seed/demo-accounts.js';
import { ROLES } from '../../shared/roles.js';

const ANY_ID = '6f1c1d2e-0000-4000-8000-000000000001';

describeOnEngines('permission matrix', (t) => {
  const apiRoutes = () => t.app.routeTable.filter((r) => r.url.startsWith('/api/') && !isDocsRoute(r.url));

  it('has a rule for every registered API route, and no rule for a route that does not exist', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((r) => !ruleFor(r.method, r.url)).map((r) => `${r.method} ${r.url}`);
    expect(missing, 'routes without a rule in src/shared/permissions.ts').toEqual([]);
    // the matrix also holds operator routes outside /api (GET /metrics)
    const registered = new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`));
    const stale = Object.keys(PERMISSIONS).filter((k) => !registered.has(k));
    expect(stale, 'rules for routes that are not registered').toEqual([]);
  });

  it('answers 401 to an anonymous caller on every non-public route', async () => {
    for (const [key, rule] of Object.entries(PERMISSIONS)) {
      if (rule.access === 'public' || rule.access === 'operator') continue;
      const [method, url] = key.split(' ') as [string, string];
      const res = await t.anonymous.request(method, url.replace(':id', ANY_ID), method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(res.statusCode, key).toBe(401);
    }
  });

  it('answers 403 to every role the matrix leaves out, before reading the body', async () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(ROLES));
    const clients = new Map<string, Awaited<ReturnType<typeof t.as>>>();
    for (const a of DEMO_ACCOUNTS) clients.set(a.role, await t.as(a.username));
    let checked = 0;
    for (const [key, rule] of Object.entries(PERMISSIONS)) {
      if (rule.access !== 'roles') continue;
      const [method, url] = key.split(' ') as [string, string];
      for (const role of ROLES) {
        if (rule.roles.includes(role)) continue;
        const res = await clients.get(role)!.request(method, url.replace(':id', ANY_ID), method === 'GET' || method === 'DELETE' ? undefined : {});
        expect(res.statusCode, `${role} → ${key}`).toBe(403);
        expect(res.json().code).toBe('auth.forbidden');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('refuses a route that has no rule (fail closed)', async () => {
    // a route registered without a rule: the check runs at request time and refuses it
    const { startTestApp } = await import('../test/harness.js');
    const extra = await startTestApp('pglite', { demo: true, extraRoutes: (app) => app.get('/api/v1/unruled', async () => ({ leaked: true })) });
    try {
      expect(ruleFor('GET', '/api/v1/unruled')).toBeUndefined();
      const admin = await extra.as('admin');
      const res = await admin.get('/api/v1/unruled');
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('auth.no_rule');
      expect(extra.app.routeTable.some((r) => r.url === '/api/v1/unruled' && !ruleFor(r.method, r.url))).toBe(true);
    } finally {
      await extra.close();
    }
  }, 120_000);
});
