/**
 * The account journey (issue 14) — needs the security branch's endpoints (second factor, own sessions and
 * password, admin resets); it cannot pass before that branch is merged.
 *
 * A fresh user enrols in TOTP (the journey reads the key from the page and computes codes with otplib), keeps the
 * recovery codes, signs out, signs in → is asked for the code → a wrong one is refused in Persian → the right one
 * lets them in; a second device signs in with a recovery code and is ended from «نشست‌های من»; the admin resets
 * their second factor (password alone is enough again); the admin resets their password → the temporary password
 * leads to the change-password page first, and nowhere else until it is changed.
 */
import assert from 'node:assert/strict';
import { generateSync } from 'otplib';
import type { Page } from 'playwright-core';
import { apiGet, apiSend, assertEveryInputLabelled, loginAs, type Journey } from './harness.js';

const USERNAME = 'executive.e2e-account';
const PASSWORD = 'e2e-account-password';
const NEW_PASSWORD = 'یک عبارت بلند و تازه ۱۴۰۵';
const FULL_NAME = 'مهران آزمونی (حساب)';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TOTP code not used before: a server refuses a code twice, so wait for the next 30-second step if needed. */
async function freshCode(secret: string, used: Set<string>): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const code = generateSync({ secret });
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
    await sleep(1_000);
  }
  throw new Error('no fresh TOTP code within 40 s');
}

/** The password step of the sign-in form; the caller handles what comes next. */
async function enterPassword(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: /^(ورود|Sign in)$/ }).click();
}

async function enterOtp(page: Page, code: string) {
  await page.locator('input[name="otp"]').fill(code);
  await page.getByTestId('login-otp-submit').click();
}

/** The admin acts on the user from the users page: picks the action, confirms it. */
async function adminAction(admin: Page, action: 'resetMfa' | 'resetPassword') {
  await admin.goto('/users');
  await admin.getByTestId('users-q').fill(USERNAME);
  await admin.locator('[data-testid="users-table"][aria-busy="false"]').getByText(USERNAME).waitFor();
  await admin.getByTestId(`user-actions-${USERNAME}`).click();
  await admin.getByTestId(`user-action-${action}`).click();
  await admin.getByTestId('confirm-action').click();
}

const journey: Journey = async ({ newPage, screenshot, log }) => {
  const admin = await newPage();
  await loginAs(admin, 'admin');
  await apiSend(admin, 'POST', '/users', { username: USERNAME, fullName: FULL_NAME, role: 'executive', password: PASSWORD, provinceId: 'qom' });
  const used = new Set<string>();

  // ── Enrolment: QR and key on the page, a code from otplib, recovery codes once ──
  const user = await newPage();
  await loginAs(user, USERNAME, PASSWORD);
  await user.getByTestId('current-user').click();
  await user.getByTestId('menu-account').click();
  await user.getByRole('heading', { level: 1, name: 'حساب کاربری' }).waitFor();
  assert.equal((await user.getByTestId('account-mfa-status').textContent())?.trim(), 'غیرفعال');
  await user.getByTestId('account-mfa').click();
  await user.getByTestId('mfa-start').click();
  const secret = (await user.getByTestId('mfa-secret').getAttribute('data-secret')) ?? '';
  assert.match(secret, /^[A-Z2-7]{16,}=*$/, 'a base32 key is shown for manual entry');
  assert.equal((await user.getByTestId('mfa-secret').textContent())?.replace(/\s/g, ''), secret, 'the key as text, in groups');
  assert.match((await user.getByTestId('mfa-qr').getAttribute('src')) ?? '', /^data:image\/png;base64,/, 'the QR code is drawn in the browser');
  await assertEveryInputLabelled(user, 'enrolment');
  await screenshot(user, 'mfa-enrol');
  await user.getByTestId('mfa-confirm-code').fill('000000');
  await user.getByTestId('mfa-confirm').click();
  await user.getByTestId('action-error').waitFor();
  await user.getByTestId('mfa-confirm-code').fill(await freshCode(secret, used));
  await user.getByTestId('mfa-confirm').click();
  const recoveryCodes = ((await user.getByTestId('recovery-codes').textContent()) ?? '').split(/\s+/).filter(Boolean);
  assert.ok(recoveryCodes.length >= 5, `recovery codes are shown (${recoveryCodes.length})`);
  await user.getByTestId('recovery-codes-print').waitFor();
  await screenshot(user, 'recovery-codes');
  await user.getByTestId('recovery-codes-done').click();
  await user.waitForURL((url) => url.pathname === '/account');
  await user.locator('[data-testid="account-mfa-status"]', { hasText: 'فعال' }).waitFor();
  log(`enrolled, ${recoveryCodes.length} recovery codes`);

  // ── Sign out, sign in: the code is asked for; a wrong one is refused in Persian ──
  await user.getByTestId('logout').click();
  await user.waitForURL((url) => url.pathname === '/login');
  await enterPassword(user, USERNAME, PASSWORD);
  await user.getByTestId('login-otp-step').waitFor();
  await assertEveryInputLabelled(user, 'sign-in second step');
  await screenshot(user, 'login-otp');
  await enterOtp(user, '123456' === generateSync({ secret }) ? '654321' : '123456');
  const refusal = (await user.getByTestId('login-error').textContent()) ?? '';
  assert.match(refusal, /[\u0600-\u06FF]/, `the refusal is in Persian: ${refusal}`);
  await enterOtp(user, await freshCode(secret, used));
  await user.waitForURL((url) => url.pathname === '/', { timeout: 15_000 });

  // ── A second device, with a recovery code; ended from «نشست‌های من» ──
  const other = await newPage({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0' });
  await enterPassword(other, USERNAME, PASSWORD);
  await enterOtp(other, recoveryCodes[0]!);
  await other.waitForURL((url) => url.pathname === '/', { timeout: 15_000 });
  await user.goto('/account');
  const rows = user.locator('[data-testid="my-sessions-table"][aria-busy="false"] tbody tr');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2, 'two open sessions');
  assert.equal(await user.getByTestId('session-current').count(), 1, 'the current one is marked');
  const otherRow = rows.filter({ hasText: /Firefox\W+روی\W+Windows/ });
  await otherRow.waitFor();
  await screenshot(user, 'sessions');
  await otherRow.getByTestId('session-end').click();
  await user.getByTestId('confirm-action').click();
  await rows.filter({ hasText: 'Firefox' }).waitFor({ state: 'detached' });
  assert.equal(await other.evaluate(async () => (await fetch('/api/v1/auth/me')).status), 401, 'the other device is signed out');

  // ── The admin resets the second factor: the password alone is enough again ──
  await adminAction(admin, 'resetMfa');
  await admin.getByTestId('action-done').waitFor();
  const third = await newPage();
  await loginAs(third, USERNAME, PASSWORD);
  await third.goto('/account');
  assert.equal((await third.getByTestId('account-mfa-status').textContent())?.trim(), 'غیرفعال');

  // ── The admin resets the password: the temporary one leads to the change-password page first ──
  await adminAction(admin, 'resetPassword');
  const temporary = ((await admin.getByTestId('temporary-password').textContent()) ?? '').trim();
  assert.ok(temporary.length >= 10, 'a temporary password is shown once');
  await screenshot(admin, 'temporary-password');
  await admin.getByTestId('temporary-password-close').click();

  const forced = await newPage();
  await enterPassword(forced, USERNAME, temporary);
  await forced.waitForURL((url) => url.pathname === '/account/password', { timeout: 15_000 });
  await forced.getByTestId('password-forced').waitFor();
  const me = await apiGet<{ mustChangePassword?: boolean }>(forced, '/auth/me');
  assert.equal(me.mustChangePassword, true);
  await forced.goto('/units');
  await forced.waitForURL((url) => url.pathname === '/account/password');
  await assertEveryInputLabelled(forced, 'change password');
  await screenshot(forced, 'password-forced');
  await forced.getByTestId('password-current').fill(temporary);
  await forced.getByTestId('password-new').fill(NEW_PASSWORD);
  await forced.getByTestId('password-repeat').fill(NEW_PASSWORD);
  await forced.getByTestId('password-submit').click();
  await forced.waitForURL((url) => url.pathname === '/', { timeout: 15_000 });

  const last = await newPage();
  await loginAs(last, USERNAME, NEW_PASSWORD);
};

export default journey;
