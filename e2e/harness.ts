/**
 * What a browser journey gets from scripts/e2e.mjs, and helpers journeys share.
 *
 * A journey is a file `e2e/<name>.e2e.ts` whose default export is a `Journey`.
 * The runner starts a server on a fresh database with the demo data, launches
 * Chromium once, and calls each journey with a `JourneyContext`.
 */
import assert from 'node:assert/strict';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { TestCentre } from '../src/server/modules/sms/sms.test-centre.js';

export interface JourneyContext {
  /** The server under test, e.g. http://127.0.0.1:41234 (no trailing slash). */
  baseUrl: string;
  browser: Browser;
  /**
   * The SMPP centre the server sends its SMS through (TASHIL_SMS_URL): `messagesFor('98912…')` is what that phone
   * shows. Null when the run uses a server already running (E2E_BASE_URL).
   */
  smsCentre: TestCentre | null;
  /**
   * A page in a fresh browser context (its own cookies and storage), with
   * `baseURL` set so `page.goto('/login')` works. The runner closes it, and
   * fails the journey if the page threw an uncaught error.
   */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  /** Saves e2e/screenshots/<journey>-<name>.png and returns its path. */
  screenshot: (page: Page, name: string) => Promise<string>;
  log: (message: string) => void;
}

export type Journey = (ctx: JourneyContext) => Promise<void>;

/** The demo accounts' password (TASHIL_DEMO=1). */
export const DEMO_PASSWORD = 'tashil-demo';

/** A personal national code (کد ملی) with its check digit, from nine digits. */
export function nationalCode(nine: string): string {
  const sum = Array.from(nine, Number).reduce((s, d, i) => s + d * (10 - i), 0);
  const r = sum % 11;
  return nine + String(r < 2 ? r : 11 - r);
}

/**
 * Registers as a newcomer does from the login page («ثبت‌نام تولیدکننده»): asks for a code for the mobile, types the
 * one `readCode` finds (wherever the journey reads that phone's SMS), then the person and the unit's national id, and
 * waits until the claim is registered.
 */
export async function registerProducer(
  page: Page,
  person: { mobile: string; fullName: string; nationalCode: string; unitNationalId: string },
  readCode: () => Promise<string>,
): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('register-link').click();
  await page.waitForURL((url) => url.pathname === '/register');
  await page.locator('input[name="mobile"]').fill(person.mobile);
  await page.getByRole('button', { name: 'دریافت کد تأیید' }).click();
  await page.locator('input[name="code"]').waitFor();
  await page.locator('input[name="code"]').fill(await readCode());
  await page.locator('input[name="fullName"]').fill(person.fullName);
  await page.locator('input[name="nationalCode"]').fill(person.nationalCode);
  await page.locator('input[name="unitNationalId"]').fill(person.unitNationalId);
  await page.getByRole('button', { name: 'ثبت‌نام و ثبت درخواست' }).click();
  await page.getByTestId('registration-done').waitFor({ timeout: 30_000 });
}

/** On the claims page, the secretariat approves the claim made with this mobile (its row then leaves the list). */
export async function approveClaim(secretariat: Page, mobile: string, onPage?: () => Promise<unknown>): Promise<void> {
  await secretariat.goto('/unit-claims');
  const row = secretariat.locator(`tr[data-mobile="${mobile}"]`);
  await row.waitFor({ timeout: 30_000 });
  await onPage?.();
  await row.getByRole('button', { name: 'تأیید' }).click();
  await row.waitFor({ state: 'detached', timeout: 30_000 });
}

/** Fills the login form as a person would and waits for the home page. */
export async function loginAs(page: Page, username: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: /^(ورود|Sign in)$/ }).click();
  await page.waitForURL((url) => url.pathname === '/', { timeout: 15_000 });
}

/**
 * GET an API path from inside the page, so it runs with the page's session
 * cookie — what the signed-in user's browser would be answered.
 */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  const result = await page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return { status: response.status, body: await response.text() };
  }, `/api/v1${path}`);
  assert.equal(result.status, 200, `GET /api/v1${path} answered ${result.status}: ${result.body.slice(0, 300)}`);
  return JSON.parse(result.body) as T;
}

/** Persian digits (۰–۹) of a number with grouping, as the fa UI prints it. */
export function persianNumber(value: number): string {
  return new Intl.NumberFormat('fa-IR', { numberingSystem: 'arabext', maximumFractionDigits: 0 }).format(value);
}

/** ASCII digits of a string that may hold Persian or Arabic-Indic ones, separators dropped. */
export function parseLocalizedInteger(text: string): number {
  const ascii = text
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[^\d-]/g, '');
  return Number.parseInt(ascii, 10);
}

export async function htmlAttributes(page: Page): Promise<{ dir: string | null; lang: string | null }> {
  return page.evaluate(() => ({
    dir: document.documentElement.getAttribute('dir'),
    lang: document.documentElement.getAttribute('lang'),
  }));
}

/**
 * POST (or another mutation) from inside the page, with its session cookie and the CSRF header the app sends;
 * fails the journey on anything but 2xx.
 */
export async function apiSend<T>(page: Page, method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([m, url, b]) => {
      const response = await fetch(url, {
        method: m,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'tashil', Accept: 'application/json' },
        ...(b === undefined ? {} : { body: JSON.stringify(b) }),
      });
      return { status: response.status, body: await response.text() };
    },
    [method, `/api/v1${path}`, body] as const,
  );
  assert.ok(result.status < 300, `${method} /api/v1${path} answered ${result.status}: ${result.body.slice(0, 300)}`);
  return (result.body ? JSON.parse(result.body) : undefined) as T;
}

/** Every visible form control on the page is named by a label (or aria-label / aria-labelledby). */
export async function assertEveryInputLabelled(page: Page, where: string): Promise<void> {
  const unlabelled = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea'))
      .filter((el) => el.type !== 'hidden' && el.getAttribute('aria-hidden') !== 'true' && el.offsetParent !== null)
      .filter((el) => !(el.labels && el.labels.length > 0) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 160)),
  );
  assert.deepEqual(unlabelled, [], `${where}: inputs without a label`);
}

/** Opens a Mantine select by its test id, types to narrow it (if asked), and picks the option. */
export async function chooseOption(page: Page, testId: string, typed: string, option: string | RegExp): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}
