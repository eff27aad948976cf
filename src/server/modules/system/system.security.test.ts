import { describe, expect, it } from 'vitest';
import { isLoopbackHost, loadConfig } from '../../config.js';
import { demoExposureProblem } from '../../server.js';
import { startTestApp } from '../../test/harness.js';

describe('demo accounts and the network', () => {
  it('tells loopback hosts apart', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'tashil.example']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('refuses to serve demo accounts to a network unless TASHIL_DEMO=1 says so', () => {
    expect(demoExposureProblem(loadConfig({ HOST: '127.0.0.1' } as NodeJS.ProcessEnv), true)).toBeNull();
    expect(demoExposureProblem(loadConfig({ HOST: '0.0.0.0' } as NodeJS.ProcessEnv), false)).toMatch(/TASHIL_DEMO=1/);
    expect(demoExposureProblem(loadConfig({ HOST: '0.0.0.0', TASHIL_DEMO: '0' } as NodeJS.ProcessEnv), true)).toMatch(/TASHIL_DEMO=1/);
    expect(demoExposureProblem(loadConfig({ HOST: '0.0.0.0', TASHIL_DEMO: '0' } as NodeJS.ProcessEnv), false)).toBeNull();
    expect(demoExposureProblem(loadConfig({ HOST: '0.0.0.0', TASHIL_DEMO: '1' } as NodeJS.ProcessEnv), true)).toBeNull();
  });

  it('defaults TASHIL_MFA_ROLES to none in demo mode and to admin, secretariat, national, bank otherwise', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv).mfaRoles).toEqual([]);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' } as NodeJS.ProcessEnv).mfaRoles).toEqual(['admin', 'secretariat', 'national', 'bank']);
    expect(loadConfig({ TASHIL_MFA_ROLES: 'admin' } as NodeJS.ProcessEnv).mfaRoles).toEqual(['admin']);
    expect(() => loadConfig({ TASHIL_MFA_ROLES: 'root' } as NodeJS.ProcessEnv)).toThrow(/unknown role/);
  });

  it('lists demo passwords only on loopback, names only on a network; HSTS only when asked', async () => {
    const t = await startTestApp('pglite', { config: { host: '0.0.0.0', hsts: true } });
    try {
      const meta = (await t.anonymous.get('/api/v1/meta')).json();
      expect(meta.demoAccounts.length).toBeGreaterThan(0);
      expect(JSON.stringify(meta)).not.toContain('tashil-demo');
      t.config.host = '127.0.0.1';
      const local = (await t.anonymous.get('/api/v1/meta')).json();
      expect(local.demoAccounts[0].password).toBe('tashil-demo');
      expect((await t.anonymous.get('/api/v1/health')).headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await t.close();
    }
  }, 120_000);
});
