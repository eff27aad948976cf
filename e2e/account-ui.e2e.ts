/**
 * The account screens against stand-ins for the security branch's endpoints (issue 14), so the screens are
 * exercised before that branch lands: the browser context answers `/auth/mfa/*`, `/auth/sessions`,
 * `/auth/password` itself, adds the account flags to `/auth/me` and the login's `user`, and plays the login's
 * second step (401 auth.mfa_required / auth.mfa_invalid). Everything else goes to the real server.
 * The real end-to-end journey is account.e2e.ts (after the merge).
 */
import assert from 'node:assert/strict';
import { generateSecret, generateSync, verifySync } from 'otplib';
import type { BrowserContext, Route } from 'playwright-core';
import { assertEveryInputLabelled, loginAs, type Journey } from './harness.js';

const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

interface StandIn {
  secret: string;
  enrolled: boolean;
  mustChangePassword: boolean;
  sessions: { id: string; device: string; address: string; createdAt: string; lastSeenAt: string; current: boolean }[];
  recoveryCodes: string[];
}

const problem = (route: Route, status: number, code: string, title: string) =>
  route.fulfill({ status, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title, status, code }) });

async function standIn(context: BrowserContext, state: StandIn) {
  const flags = () => ({ mfaEnrolled: state.enrolled, mfaEnrolmentRequired: false, mustChangePassword: state.mustChangePassword });
  await context.route('**/api/v1/auth/**', async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname.replace('/api/v1', '');
    const method = request.method();
    if (path === '/auth/me' && method === 'GET') {
      const response = await route.fetch();
      if (response.status() !== 200) return route.fulfill({ response });
      return route.fulfill({ response, json: { ...((await response.json()) as object), ...flags() } });
    }
    if (path === '/auth/login' && method === 'POST') {
      const body = request.postDataJSON() as { username: string; password: string; otp?: string };
      if (state.enrolled && !body.otp) return problem(route, 401, 'auth.mfa_required', 'کد یک‌بار مصرف لازم است');
      if (state.enrolled && body.otp) {
        const recovery = state.recoveryCodes.indexOf(body.otp);
        if (recovery >= 0) state.recoveryCodes.splice(recovery, 1);
        else if (!verifySync({ secret: state.secret, token: body.otp }).valid) return problem(route, 401, 'auth.mfa_invalid', 'کد یک‌بار مصرف نادرست است');
      }
      const response = await route.fetch({ postData: JSON.stringify({ username: body.username, password: body.password }) });
      if (response.status() !== 200) return route.fulfill({ response });
      const answer = (await response.json()) as { user: object };
      return route.fulfill({ response, json: { user: { ...answer.user, ...flags() } } });
    }
    if (path === '/auth/mfa/enroll' && method === 'POST') {
      return route.fulfill({ json: { secret: state.secret, otpauthUrl: `otpauth://totp/Tashil:executive?secret=${state.secret}&issuer=Tashil` } });
    }
    if (path === '/auth/mfa/confirm' && method === 'POST') {
      const { code } = request.postDataJSON() as { code: string };
      if (!verifySync({ secret: state.secret, token: code }).valid) return problem(route, 422, 'auth.mfa_invalid', 'کد یک‌بار مصرف نادرست است');
      state.enrolled = true;
      state.recoveryCodes = ['a1b2-c3d4', 'e5f6-g7h8', 'j9k1-m2n3', 'p4q5-r6s7', 't8u9-v1w2'];
      return route.fulfill({ json: { recoveryCodes: state.recoveryCodes } });
    }
    if (path === '/auth/sessions' && method === 'GET') return route.fulfill({ json: { items: state.sessions } });
    const ending = /^\/auth\/sessions\/(.+)$/.exec(path);
    if (ending && method === 'DELETE') {
      state.sessions = state.sessions.filter((s) => s.id !== ending[1]);
      return route.fulfill({ status: 204 });
    }
    if (path === '/auth/password' && method === 'POST') {
      state.mustChangePassword = false;
      return route.fulfill({ status: 204 });
    }
    return route.fallback();
  });
}

const journey: Journey = async ({ newPage, screenshot, log }) => {
  const now = Date.now();
  const state: StandIn = {
    secret: generateSecret(),
    enrolled: false,
    mustChangePassword: false,
    recoveryCodes: [],
    sessions: [
      { id: 's-here', device: CHROME_LINUX, address: '127.0.0.1', createdAt: new Date(now - 3_600_000).toISOString(), lastSeenAt: new Date(now).toISOString(), current: true },
      { id: 's-other', device: FIREFOX_WINDOWS, address: '10.20.30.40', createdAt: new Date(now - 86_400_000).toISOString(), lastSeenAt: new Date(now - 7_200_000).toISOString(), current: false },
    ],
  };
  const page = await newPage();
  await standIn(page.context(), state);
  await loginAs(page, 'executive');

  // ── The header menu leads to «حساب کاربری»; sessions read as people say them ──
  await page.getByTestId('current-user').click();
  await page.getByTestId('menu-account').click();
  await page.getByRole('heading', { level: 1, name: 'حساب کاربری' }).waitFor();
  const rows = page.locator('[data-testid="my-sessions-table"][aria-busy="false"] tbody tr');
  await rows.filter({ hasText: /Chrome\W+روی\W+Linux/ }).getByTestId('session-current').waitFor();
  await rows.filter({ hasText: /Firefox\W+روی\W+Windows/ }).waitFor();
  await screenshot(page, 'account');
  await rows.filter({ hasText: 'Firefox' }).getByTestId('session-end').click();
  await page.getByTestId('confirm-action').click();
  await rows.filter({ hasText: 'Firefox' }).waitFor({ state: 'detached' });
  assert.equal(await rows.count(), 1);

  // ── Enrolment ──
  await page.getByTestId('account-mfa').click();
  await page.getByTestId('mfa-start').click();
  assert.equal(await page.getByTestId('mfa-secret').getAttribute('data-secret'), state.secret);
  assert.match((await page.getByTestId('mfa-qr').getAttribute('src')) ?? '', /^data:image\/png;base64,/);
  await assertEveryInputLabelled(page, 'enrolment');
  await page.getByTestId('mfa-confirm-code').fill('۰۰۰۰۰۰');
  await page.getByTestId('mfa-confirm').click();
  await page.getByTestId('action-error').waitFor();
  // typed in Persian digits, as on a Persian keyboard
  const code = generateSync({ secret: state.secret }).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
  await page.getByTestId('mfa-confirm-code').fill(code);
  await page.getByTestId('mfa-confirm').click();
  await page.getByTestId('recovery-codes').waitFor();
  await screenshot(page, 'recovery-codes');
  await page.getByTestId('recovery-codes-done').click();
  await page.waitForURL((url) => url.pathname === '/account');
  await page.locator('[data-testid="account-mfa-status"]', { hasText: 'فعال' }).waitFor();

  // ── Sign in again: the second step ──
  await page.getByTestId('logout').click();
  await page.waitForURL((url) => url.pathname === '/login');
  await page.locator('input[name="username"]').fill('executive');
  await page.locator('input[name="password"]').fill('tashil-demo');
  await page.getByRole('button', { name: 'ورود' }).click();
  await page.getByTestId('login-otp-step').waitFor();
  assert.equal(await page.getByTestId('login-error').count(), 0, 'being asked for the code is not an error');
  await assertEveryInputLabelled(page, 'second step');
  await screenshot(page, 'login-otp');
  await page.locator('input[name="otp"]').fill('000000');
  await page.getByTestId('login-otp-submit').click();
  assert.match((await page.getByTestId('login-error').textContent()) ?? '', /نادرست/);
  await page.locator('input[name="otp"]').fill('e5f6-g7h8');
  await page.getByTestId('login-otp-submit').click();
  await page.waitForURL((url) => url.pathname === '/');

  // ── A temporary password: the change-password page first, and only it ──
  state.mustChangePassword = true;
  await page.evaluate(() => window.location.assign('/units'));
  await page.waitForURL((url) => url.pathname === '/account/password');
  await page.getByTestId('password-forced').waitFor();
  await assertEveryInputLabelled(page, 'change password');
  await page.getByTestId('password-current').fill('tashil-demo');
  await page.getByTestId('password-new').fill('short');
  await page.getByTestId('password-submit').click();
  await page.getByText('گذرواژه باید دست‌کم ۱۰ نویسه باشد').waitFor();
  await page.getByTestId('password-new').fill('یک عبارت بلند و تازه');
  await page.getByTestId('password-repeat').fill('یک عبارت بلند و تازه');
  await page.getByTestId('password-submit').click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.goto('/units');
  await page.waitForURL((url) => url.pathname === '/units');

  // ── 390 px ──
  const narrow = await newPage({ viewport: { width: 390, height: 844 } });
  await standIn(narrow.context(), { ...state, enrolled: false, mustChangePassword: false });
  await loginAs(narrow, 'executive');
  await narrow.getByTestId('language-switch').waitFor();
  await narrow.goto('/account/mfa');
  await narrow.getByTestId('mfa-start').click();
  await narrow.getByTestId('mfa-qr').waitFor();
  const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no sideways scroll at 390 px (${overflow}px)`);
  await screenshot(narrow, 'mfa-390');
  log('account screens work against the stand-ins');
};

export default journey;
