/** The security review's findings on sign-in (issue 14): throttling that holds under a race, delays instead of lockouts, second factor, sessions. */
import { expect, it } from 'vitest';
import { generateSync } from 'otplib';
import { describeOnEngines, makeClient, type Client } from '../../test/harness.js';
import { DEMO_PASSWORD } from '../../seed/demo-accounts.js';

describeOnEngines('sign-in security', (t) => {
  const login = (username: string, password: string, remoteAddress: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-requested-with': 'tashil', ...headers }, remoteAddress, payload: { username, password, ...extra } });
  const cookieOf = (res: { headers: Record<string, unknown> }) => String([res.headers['set-cookie']].flat()[0] ?? '').split(';')[0]!;
  const later = (minutes: number) => {
    t.clock.now = new Date(t.clock.now.getTime() + minutes * 60_000);
  };
  const codeAt = (secret: string, offsetSeconds = 0) => generateSync({ secret, epoch: Math.floor(t.clock.now.getTime() / 1000) + offsetSeconds });

  async function newUser(username: string, role = 'executive'): Promise<{ id: string; client: Client }> {
    const admin = await t.as('admin');
    const password = 'a long enough password';
    const created = await admin.post('/api/v1/users', { username, fullName: 'کاربر آزمایشی', role, password, provinceId: 'qom' });
    expect(created.statusCode, created.body).toBe(201);
    return { id: created.json().id, client: await t.as(username, password) };
  }

  it('evaluates at most 5 of 50 parallel wrong passwords, and refuses a right one after them with 429 and Retry-After', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => login('executive', 'wrong-password', '10.50.0.1')));
    const evaluated = results.filter((r) => r.statusCode === 401).length;
    const refused = results.filter((r) => r.statusCode === 429);
    expect(evaluated).toBeLessThanOrEqual(5);
    expect(evaluated + refused.length).toBe(50);
    for (const r of refused) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    const right = await login('executive', DEMO_PASSWORD, '10.50.0.1');
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // the delay grows but ends: after it, one more attempt is evaluated
    later(2);
    expect((await login('executive', DEMO_PASSWORD, '10.50.0.1')).statusCode).toBe(200);
  }, 120_000);

  it('slows an attacker spread over many addresses without keeping the owner out of their usual address', async () => {
    expect((await login('agency.smt', DEMO_PASSWORD, '10.60.0.1')).statusCode).toBe(200); // the owner's office
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login('agency.smt', 'guess-' + i, `10.61.0.${i + 1}`)).statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
    expect(statuses.slice(-5).every((s) => s === 429)).toBe(true);
    // a new address is delayed…
    const fresh = await login('agency.smt', DEMO_PASSWORD, '10.62.0.1');
    expect(fresh.statusCode).toBe(429);
    expect(Number(fresh.headers['retry-after'])).toBeGreaterThan(0);
    // …but the owner at their usual address gets in
    expect((await login('agency.smt', DEMO_PASSWORD, '10.60.0.1')).statusCode).toBe(200);
  }, 120_000);

  it('lets 100 failures from one office address delay only accounts that never signed in there', async () => {
    expect((await login('secretariat', DEMO_PASSWORD, '10.70.0.1')).statusCode).toBe(200);
    for (let i = 0; i < 100; i++) expect((await login(`nobody-${i}`, 'whatever-password', '10.70.0.1')).statusCode).toBe(401);
    expect((await login('nobody-x', 'whatever-password', '10.70.0.1')).statusCode).toBe(429);
    // a colleague who works there is not locked out
    expect((await login('secretariat', DEMO_PASSWORD, '10.70.0.1')).statusCode).toBe(200);
    // one who never signed in there waits a bounded delay, then gets in
    const first = await login('bank.sanat-madan', DEMO_PASSWORD, '10.70.0.1');
    expect(first.statusCode).toBe(429);
    const wait = Number(first.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(t.config.loginMaxDelayMinutes * 60);
    later(wait / 60 + 0.1);
    expect((await login('bank.sanat-madan', DEMO_PASSWORD, '10.70.0.1')).statusCode).toBe(200);
  }, 180_000);

  it('lets an administrator clear the delays (audited)', async () => {
    const { id } = await newUser('locked.one');
    for (let i = 0; i < 5; i++) await login('locked.one', 'wrong-password', '10.80.0.1');
    expect((await login('locked.one', 'a long enough password', '10.80.0.1')).statusCode).toBe(429);
    const admin = await t.as('admin');
    expect((await admin.post(`/api/v1/users/${id}/unlock`)).statusCode).toBe(204);
    expect((await login('locked.one', 'a long enough password', '10.80.0.1')).statusCode).toBe(200);
    const audit = (await admin.get(`/api/v1/audit?entityType=user&entityId=${id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('user.unlock');
  });

  it('enrols a second factor, requires it at login, takes a recovery code once, and lets an administrator reset it', async () => {
    const { id, client } = await newUser('mfa.user');
    const enrol = await client.post('/api/v1/auth/mfa/enroll');
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUrl } = enrol.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Tashil:mfa\.user\?/);
    expect((await client.post('/api/v1/auth/mfa/confirm', { code: '000000' })).json().code).toBe('auth.mfa_code_invalid');
    const confirmed = await client.post('/api/v1/auth/mfa/confirm', { code: codeAt(secret) });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect((await client.get('/api/v1/auth/me')).json()).toMatchObject({ mfaEnrolled: true, mfaEnrolmentRequired: false, mustChangePassword: false });

    const pw = 'a long enough password';
    const without = await login('mfa.user', pw, '10.90.0.1');
    expect(without.statusCode).toBe(401);
    expect(without.json().code).toBe('auth.mfa_required');
    const wrong = await login('mfa.user', pw, '10.90.0.1', { otp: '123456' });
    expect(wrong.json().code).toBe('auth.mfa_invalid');
    later(1);
    const good = await login('mfa.user', pw, '10.90.0.1', { otp: codeAt(secret) });
    expect(good.statusCode).toBe(200);
    expect(good.json().user.mfaEnrolled).toBe(true);
    // the same code twice is refused (one code, one login)
    expect((await login('mfa.user', pw, '10.90.0.2', { otp: codeAt(secret) })).json().code).toBe('auth.mfa_invalid');
    expect((await login('mfa.user', pw, '10.90.0.3', { otp: recoveryCodes[0] })).statusCode).toBe(200);
    expect((await login('mfa.user', pw, '10.90.0.4', { otp: recoveryCodes[0] })).json().code).toBe('auth.mfa_invalid');

    const admin = await t.as('admin');
    expect((await admin.post(`/api/v1/users/${id}/mfa/reset`)).statusCode).toBe(204);
    expect((await login('mfa.user', pw, '10.90.0.5')).statusCode).toBe(200);
    const user = (await admin.get('/api/v1/users?q=mfa.user')).json().items[0];
    expect(user).toMatchObject({ mfaEnrolled: false });
    const actions = (await admin.get(`/api/v1/audit?entityType=user&entityId=${id}`)).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.mfa_enrol', 'user.mfa_reset']));
    expect(JSON.stringify((await admin.get(`/api/v1/audit?entityId=${id}`)).json())).not.toContain(secret);
  });

  it('sends a role that needs a second factor to enrol before anything else', async () => {
    const before = t.config.mfaRoles;
    t.config.mfaRoles = ['executive'];
    try {
      const { client } = await newUser('mfa.required');
      expect((await client.get('/api/v1/auth/me')).json()).toMatchObject({ mfaEnrolmentRequired: true, mfaEnrolled: false });
      const units = await client.get('/api/v1/units');
      expect(units.statusCode).toBe(403);
      expect(units.json().code).toBe('auth.mfa_enrolment_required');
      expect((await client.get('/api/v1/provinces')).statusCode).toBe(200);
      const { secret } = (await client.post('/api/v1/auth/mfa/enroll')).json();
      expect((await client.post('/api/v1/auth/mfa/confirm', { code: codeAt(secret) })).statusCode).toBe(200);
      expect((await client.get('/api/v1/units')).statusCode).toBe(200);
      // removing it (allowed, with a code) sends the account back to enrolment
      later(1);
      expect((await client.request('DELETE', '/api/v1/auth/mfa', { code: codeAt(secret) })).statusCode).toBe(204);
      expect((await client.get('/api/v1/units')).json().code).toBe('auth.mfa_enrolment_required');
    } finally {
      t.config.mfaRoles = before;
    }
  });

  it("resets a password: the user's sessions end and the temporary one must be changed first", async () => {
    const { id, client } = await newUser('reset.me');
    const admin = await t.as('admin');
    const reset = await admin.post(`/api/v1/users/${id}/password-reset`);
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = reset.json();
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
    const res = await login('reset.me', temporaryPassword, '10.91.0.1');
    expect(res.json().user.mustChangePassword).toBe(true);
    const c = makeClient(t.app, cookieOf(res));
    expect((await c.get('/api/v1/units')).json().code).toBe('auth.password_change_required');
    expect((await c.post('/api/v1/auth/password', { currentPassword: 'not it at all', newPassword: 'my own new password' })).json().code).toBe('auth.password_wrong');
    expect((await c.post('/api/v1/auth/password', { currentPassword: temporaryPassword, newPassword: 'my own new password' })).statusCode).toBe(204);
    expect((await c.get('/api/v1/units')).statusCode).toBe(200);
    const actions = (await admin.get(`/api/v1/audit?entityType=user&entityId=${id}`)).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.password_reset', 'user.password_change']));
  });

  it('shows a user their sessions, ends one of them, never another user’s; an administrator ends them all', async () => {
    const { id, client: first } = await newUser('many.sessions');
    const second = await t.as('many.sessions', 'a long enough password');
    const listed = await first.get('/api/v1/auth/sessions');
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as { id: string; current: boolean; address: string; device: string | null; lastSeenAt: string }[];
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    expect(items[0]!.address).toMatch(/^10\.9\./);
    const other = items.find((s) => !s.current)!;
    const stranger = await t.as('executive');
    expect((await stranger.del(`/api/v1/auth/sessions/${other.id}`)).statusCode).toBe(404);
    expect((await first.del(`/api/v1/auth/sessions/${other.id}`)).statusCode).toBe(204);
    expect((await second.get('/api/v1/auth/me')).statusCode).toBe(401);
    const admin = await t.as('admin');
    expect((await admin.post(`/api/v1/users/${id}/sessions/revoke`)).statusCode).toBe(204);
    expect((await first.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses cookie mutations and logins from another site', async () => {
    const c = await t.as('admin');
    const evil = await c.post('/api/v1/notifications/read-all', {}, { origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe('auth.cross_site');
    expect((await c.post('/api/v1/notifications/read-all', {}, { 'sec-fetch-site': 'cross-site' })).json().code).toBe('auth.cross_site');
    expect((await login('admin', DEMO_PASSWORD, '10.92.0.1', {}, { origin: 'https://evil.example' })).json().code).toBe('auth.cross_site');
    // its own origin, and a same-site fetch, are fine
    expect((await c.post('/api/v1/notifications/read-all', {}, { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' })).statusCode).toBeLessThan(300);
    // an origin named in TASHIL_ALLOWED_ORIGINS is fine
    t.config.allowedOrigins.push('https://portal.example');
    try {
      expect((await c.post('/api/v1/notifications/read-all', {}, { origin: 'https://portal.example' })).statusCode).toBeLessThan(300);
    } finally {
      t.config.allowedOrigins.pop();
    }
  });

  it('keeps authenticated answers out of caches', async () => {
    const c = await t.as('admin');
    expect((await c.get('/api/v1/auth/me')).headers['cache-control']).toBe('no-store');
    expect((await c.get('/api/v1/units')).headers['cache-control']).toBe('no-store');
    expect((await t.anonymous.get('/api/v1/auth/me')).headers['strict-transport-security']).toBeUndefined();
  });
});
