/**
 * What a browser journey gets from scripts/e2e.mjs, and helpers journeys share.
 *
 * A journey is a file `e2e/<name>.e2e.ts` whose default export is a `Journey`.
 * The runner starts a server on a fresh database with the demo data, launches
 * Chromium once, and calls each journey with a `JourneyContext`.
 */
import assert from 'node:assert/strict';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export interface JourneyContext {
  /** The server under test, e.g. http://127.0.0.1:41234 (no trailing slash). */
  baseUrl: string;
  browser: Browser;
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
