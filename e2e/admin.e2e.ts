/**
 * The admin journey (issue 14, existing endpoints): the admin creates an agency user with its scope, the new
 * user signs in; the admin disables them → their open session ends and their sign-in fails; the admin makes a
 * bank integration token, sees its secret once, a bearer call with it works, revokes it → the same call gets 401;
 * the audit page filtered by the new user shows what happened to them. Every input on these screens has a label,
 * and the users page works at 390 px.
 */
import assert from 'node:assert/strict';
import { apiGet, assertEveryInputLabelled, chooseOption as choose, loginAs, type Journey } from './harness.js';

const USERNAME = 'agency.e2e-admin';
const PASSWORD = 'e2e-first-password';
const FULL_NAME = 'نرگس آزمونی (صمت)';
const TOKEN_NAME = 'سامانهٔ اعتبارات آزمونی';

async function bearerGet(baseUrl: string, token: string, path: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  return response.status;
}

const journey: Journey = async ({ baseUrl, newPage, screenshot, log }) => {
  const admin = await newPage();
  await loginAs(admin, 'admin');

  // ── A new agency user, with province and agency ──
  await admin.getByTestId('nav-users').click();
  await admin.getByRole('heading', { level: 1, name: 'کاربران' }).waitFor();
  await admin.getByTestId('user-create').click();
  await admin.getByTestId('user-fullName').fill(FULL_NAME);
  await admin.getByTestId('user-username').fill(USERNAME);
  await choose(admin, 'user-role', '', 'دستگاه اجرایی');
  // the scope pickers follow the role
  await admin.getByTestId('user-agency').waitFor();
  assert.equal(await admin.getByTestId('user-bank').count(), 0, 'no bank picker for an agency user');
  await choose(admin, 'user-province', 'قم', 'قم');
  await choose(admin, 'user-agency', '', /صنعت/);
  await admin.getByTestId('user-password').fill(PASSWORD);
  await assertEveryInputLabelled(admin, 'create-user dialog');
  await screenshot(admin, 'create-user');
  await admin.getByTestId('user-create-submit').click();
  await admin.getByTestId('action-done').waitFor();
  const created = await apiGet<{ items: { id: string; username: string; role: string; agencyId: string | null; provinceId: string | null }[] }>(admin, `/users?q=${USERNAME}`);
  const user = created.items.find((u) => u.username === USERNAME);
  assert.ok(user, 'the user exists');
  assert.equal(user.role, 'agency');
  assert.equal(user.provinceId, 'qom');
  assert.ok(user.agencyId, 'the user carries an agency');
  log(`created ${USERNAME} (${user.id}, agency ${user.agencyId})`);

  // ── The new user signs in ──
  const newcomer = await newPage();
  await loginAs(newcomer, USERNAME, PASSWORD);
  assert.equal((await newcomer.getByTestId('current-role').textContent())?.trim(), 'دستگاه اجرایی');

  // ── The admin disables them: their session ends, their sign-in fails ──
  await admin.getByTestId('users-q').fill(USERNAME);
  await admin.locator('[data-testid="users-table"][aria-busy="false"]').getByText(USERNAME).waitFor();
  await admin.getByTestId(`user-actions-${USERNAME}`).click();
  await admin.getByTestId('user-action-disable').click();
  await admin.getByRole('dialog').getByText(FULL_NAME, { exact: false }).waitFor();
  await admin.getByTestId('confirm-action').click();
  await admin.getByTestId('action-done').waitFor();
  await admin.locator('[data-testid="users-table"] [data-testid="user-status"]', { hasText: 'غیرفعال' }).waitFor();
  await screenshot(admin, 'user-disabled');

  const me = await newcomer.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
  assert.equal(me, 401, 'the disabled user’s open session is over');
  const again = await newPage();
  await again.goto('/login');
  await again.locator('input[name="username"]').fill(USERNAME);
  await again.locator('input[name="password"]').fill(PASSWORD);
  await again.getByRole('button', { name: 'ورود' }).click();
  await again.getByTestId('login-error').waitFor();
  assert.equal(new URL(again.url()).pathname, '/login');

  // ── An integration token: its secret once, a bearer call, then revoked ──
  await admin.getByTestId('nav-tokens').click();
  await admin.getByRole('heading', { level: 1, name: 'توکن‌های یکپارچه‌سازی' }).waitFor();
  await admin.getByTestId('token-create').click();
  await admin.getByTestId('token-name').fill(TOKEN_NAME);
  await choose(admin, 'token-role', '', 'بانک عامل');
  await choose(admin, 'token-bank', '', /صنعت و معدن/);
  await assertEveryInputLabelled(admin, 'create-token dialog');
  await admin.getByTestId('token-create-submit').click();
  const secret = (await admin.getByTestId('token-secret').textContent())?.trim() ?? '';
  assert.match(secret, /^tsl_/, 'the secret is shown');
  await screenshot(admin, 'token-secret');
  assert.equal(await bearerGet(baseUrl, secret, '/referrals?pageSize=1'), 200, 'the token works');
  await admin.getByTestId('token-secret-close').click();
  await admin.reload();
  const row = admin.locator('[data-testid="tokens-table"] tbody tr', { hasText: TOKEN_NAME });
  await row.waitFor();
  assert.ok(!(await admin.content()).includes(secret), 'the secret is not shown again');
  await row.getByTestId('token-revoke').click();
  await admin.getByTestId('confirm-action').click();
  await row.getByTestId('token-status').filter({ hasText: 'باطل شده' }).waitFor();
  assert.equal(await bearerGet(baseUrl, secret, '/referrals?pageSize=1'), 401, 'a revoked token is refused');

  // ── The audit page, filtered by the new user ──
  await admin.getByTestId('nav-audit').click();
  await admin.getByRole('heading', { level: 1, name: 'رویدادنگاری' }).waitFor();
  await choose(admin, 'audit-entityType', '', 'کاربر');
  const entityId = admin.getByTestId('audit-entityId');
  await entityId.fill(user.id);
  await entityId.press('Enter');
  await admin.waitForURL((url) => url.searchParams.get('entityId') === user.id);
  const table = admin.locator('[data-testid="audit-table"][aria-busy="false"]');
  await table.locator('tbody tr', { hasText: 'user.update' }).first().waitFor();
  const actions = await table.locator('tbody tr td:nth-child(3)').allTextContents();
  assert.deepEqual(new Set(actions.map((a) => a.trim())), new Set(['user.create', 'user.update']), `the user's events: ${actions.join(', ')}`);
  const trail = await apiGet<{ total: number }>(admin, `/audit?entityType=user&entityId=${user.id}`);
  assert.equal(actions.length, trail.total, 'as many rows as the API has events');
  assert.match(await admin.getByTestId('audit-export-xlsx').getAttribute('href') ?? '', new RegExp(`entityId=${user.id}`), 'the export carries the filters');
  await assertEveryInputLabelled(admin, 'audit page');
  await screenshot(admin, 'audit');

  // ── 390 px wide: the users page still reads and acts ──
  const narrow = await newPage({ viewport: { width: 390, height: 844 } });
  await loginAs(narrow, 'admin');
  await narrow.goto('/users');
  await narrow.getByRole('heading', { level: 1, name: 'کاربران' }).waitFor();
  await narrow.getByTestId('user-create').waitFor();
  const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the page does not scroll sideways at 390 px (${overflow}px)`);
  await screenshot(narrow, 'users-390');

  // ── English beside Persian: the same screens after the language switch ──
  await narrow.getByTestId('language-switch').getByText('English').click();
  await narrow.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  await narrow.goto('/tokens');
  await narrow.getByRole('heading', { level: 1, name: 'Integration tokens' }).waitFor();
  await narrow.locator('[data-testid="tokens-table"] [data-testid="token-status"]', { hasText: 'Revoked' }).first().waitFor();
  await screenshot(narrow, 'tokens-390-en');
};

export default journey;
