/**
 * What a cold first load costs: every response of one page load, read from Chromium's own network events
 * (CDP `Network.*`), and the page's largest contentful paint. Shared by the first-load journey
 * (e2e/first-load.e2e.ts), which asserts the targets, and bench/first-load.ts, which writes the figures to
 * docs/benchmarks.md.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export interface Transfer {
  /** Requests of this kind. */
  count: number;
  /** Body bytes after decoding (what the bundler wrote). */
  raw: number;
  /** Body bytes as sent (compressed when the response was). */
  body: number;
  /** Bytes that crossed the wire for them, headers included. */
  transferred: number;
}

export interface LoadedResource {
  url: string;
  /** CDP's resource type: Document, Script, Stylesheet, Font, Fetch, XHR, Image… */
  type: string;
  status: number;
  /** The response's content-encoding ('' when sent as is). */
  encoding: string;
  cacheControl: string;
  raw: number;
  /** The body as sent: content-length, else what arrived after the headers. */
  body: number;
  transferred: number;
}

export interface LoadFigures {
  path: string;
  resources: LoadedResource[];
  all: Transfer;
  js: Transfer;
  css: Transfer;
  fonts: Transfer;
  /** Largest contentful paint, ms from navigation start (null when the page reported none). */
  lcpMs: number | null;
  /** The element the LCP was measured on (tag, test id or class), to know what it was. */
  lcpElement: string | null;
  /** Uncaught errors the page threw while loading. */
  errors: string[];
}

/** Sums resources of one kind. */
export function transferOf(resources: LoadedResource[], pick: (resource: LoadedResource) => boolean = () => true): Transfer {
  const chosen = resources.filter(pick);
  return {
    count: chosen.length,
    raw: chosen.reduce((sum, r) => sum + r.raw, 0),
    body: chosen.reduce((sum, r) => sum + r.body, 0),
    transferred: chosen.reduce((sum, r) => sum + r.transferred, 0),
  };
}

export const isScript = (r: LoadedResource) => r.type === 'Script';
export const isStylesheet = (r: LoadedResource) => r.type === 'Stylesheet';
export const isFont = (r: LoadedResource) => r.type === 'Font';

/** Records every largest-contentful-paint candidate from the first paint on, before any page script runs. */
const LCP_RECORDER = `
  window.__lcp = { ms: null, element: null };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const el = entry.element;
      window.__lcp = {
        ms: entry.startTime,
        element: el ? (el.getAttribute('data-testid') || el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')) : null,
      };
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
`;

/**
 * Opens `path` in a fresh browser context (an empty HTTP cache; `options.storageState` carries a session in),
 * waits until `ready` says the page is usable and the network is quiet, and returns what was transferred.
 */
export async function measureLoad(
  browser: Browser,
  baseUrl: string,
  path: string,
  ready: (page: Page) => Promise<void>,
  options: BrowserContextOptions = {},
): Promise<LoadFigures> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 860 }, ...options });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(LCP_RECORDER);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

    const seen = new Map<string, LoadedResource>();
    const headerBytes = new Map<string, number>();
    const contentLength = new Map<string, number>();
    cdp.on('Network.responseReceived', (event) => {
      const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      headerBytes.set(event.requestId, event.response.encodedDataLength);
      if (headers['content-length'] !== undefined) contentLength.set(event.requestId, Number(headers['content-length']));
      seen.set(event.requestId, {
        url: event.response.url,
        type: event.type ?? 'Other',
        status: event.response.status,
        encoding: headers['content-encoding'] ?? '',
        cacheControl: headers['cache-control'] ?? '',
        raw: 0,
        body: 0,
        transferred: 0,
      });
    });
    cdp.on('Network.dataReceived', (event) => {
      const resource = seen.get(event.requestId);
      if (resource) resource.raw += event.dataLength;
    });
    const finished = new Set<string>();
    cdp.on('Network.loadingFinished', (event) => {
      const resource = seen.get(event.requestId);
      if (resource) {
        resource.transferred = event.encodedDataLength;
        resource.body = contentLength.get(event.requestId) ?? Math.max(0, event.encodedDataLength - (headerBytes.get(event.requestId) ?? 0));
      }
      finished.add(event.requestId);
    });

    await page.goto(path, { waitUntil: 'load' });
    await ready(page);
    await page.waitForLoadState('networkidle');
    // every response that arrived has finished (its byte count is final)
    const deadline = Date.now() + 5_000;
    while ([...seen.keys()].some((id) => !finished.has(id)) && Date.now() < deadline) await page.waitForTimeout(50);

    const lcp = await page.evaluate(() => (window as unknown as { __lcp: { ms: number | null; element: string | null } }).__lcp);
    const resources = [...seen.values()].filter((r) => !r.url.startsWith('data:'));
    return {
      path,
      resources,
      all: transferOf(resources),
      js: transferOf(resources, isScript),
      css: transferOf(resources, isStylesheet),
      fonts: transferOf(resources, isFont),
      lcpMs: lcp.ms === null ? null : Math.round(lcp.ms),
      lcpElement: lcp.element,
      errors,
    };
  } finally {
    await context.close();
  }
}

/** Signs in through the API in a throwaway context and returns its cookies, so a measured load starts with a session. */
export async function sessionFor(browser: Browser, baseUrl: string, username: string, password: string): Promise<NonNullable<BrowserContextOptions['storageState']>> {
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    const response = await context.request.post('/api/v1/auth/login', {
      data: { username, password },
      headers: { 'x-requested-with': 'tashil' },
    });
    if (!response.ok()) throw new Error(`signing in as ${username} answered ${response.status()}: ${(await response.text()).slice(0, 200)}`);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

export const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** One line per measured load, for logs. */
export function describeLoad(figures: LoadFigures): string {
  return (
    `${figures.path}: JS ${figures.js.count} files, ${kb(figures.js.raw)} KB raw → ${kb(figures.js.body)} KB compressed (${kb(figures.js.transferred)} KB with headers); ` +
    `CSS ${kb(figures.css.raw)} → ${kb(figures.css.body)} KB; fonts ${kb(figures.fonts.body)} KB; ` +
    `${figures.all.count} requests, ${kb(figures.all.transferred)} KB in all; LCP ${figures.lcpMs ?? '—'} ms (${figures.lcpElement ?? '?'})`
  );
}
