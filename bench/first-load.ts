/**
 * First-load benchmark (not a test): what a browser downloads to show the sign-in page, the home page and the
 * statistics dashboard on a cold cache, and how soon the dashboard paints.
 *
 * Builds dist/web (`vite build`), starts `tashil serve` on a free port with a fresh data folder and the demo data
 * (as scripts/e2e.mjs does), and opens each page in its own fresh Chromium context (/usr/bin/chromium via
 * playwright-core): bytes come from Chromium's network events (CDP `Network.dataReceived` for the decoded body,
 * `Network.loadingFinished`'s encodedDataLength for what crossed the wire), the LCP from a PerformanceObserver in
 * the page. Each page is loaded RUNS times and the run with the median LCP is kept.
 *
 *   node --import tsx bench/first-load.ts [--runs 5] [--no-build] [--no-write]
 *
 * Writes docs/benchmarks.md ("First load"); the "before" row is the measurement of commit 05db22e, kept below.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describeLoad, kb, measureLoad, sessionFor, type LoadFigures } from '../e2e/first-load-figures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const RUNS = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 5;
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);

const DEMO_PASSWORD = 'tashil-demo';

/** The pages measured, and what "usable" means on each. */
export const FIRST_LOAD_PAGES = {
  login: {
    path: '/login',
    user: null,
    ready: async (page: Page) => {
      await page.locator('input[name="username"]').waitFor();
    },
  },
  home: {
    path: '/',
    user: 'executive',
    ready: async (page: Page) => {
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' }).catch(() => undefined);
    },
  },
  dashboard: {
    path: '/stats/overview',
    user: 'executive',
    ready: async (page: Page) => {
      await page.getByRole('heading', { level: 1, name: 'داشبورد آماری ستاد' }).waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="chart-funnel"] canvas').first().waitFor({ timeout: 30_000 });
    },
  },
} as const;

type PageName = keyof typeof FIRST_LOAD_PAGES;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  // node itself, not npx: the PID we hold is the server's
  const child = spawn(process.execPath, [path.join(root, 'bin', 'tashil.mjs'), 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TASHIL_DATA_DIR: dataDir, TASHIL_DEMO: '1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was healthy`);
    const ok = await fetch(`${baseUrl}/api/v1/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { child, baseUrl };
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill('SIGTERM');
  throw new Error('the server was not healthy within 90 s');
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Loads one page RUNS times (each in a fresh context) and keeps the run with the median LCP. */
export async function measurePage(browser: Browser, baseUrl: string, name: PageName, runs: number): Promise<LoadFigures> {
  const spec = FIRST_LOAD_PAGES[name];
  const storageState = spec.user ? await sessionFor(browser, baseUrl, spec.user, DEMO_PASSWORD) : undefined;
  const results: LoadFigures[] = [];
  for (let i = 0; i < runs; i += 1) {
    results.push(await measureLoad(browser, baseUrl, spec.path, spec.ready, storageState ? { storageState } : {}));
  }
  results.sort((a, b) => (a.lcpMs ?? Infinity) - (b.lcpMs ?? Infinity));
  return results[Math.floor(results.length / 2)]!;
}

export function figuresRow(label: string, f: LoadFigures): string {
  const encodings = [...new Set(f.resources.filter((r) => r.type === 'Script' || r.type === 'Stylesheet').map((r) => r.encoding || 'none'))].join(', ');
  return `| now | ${label} | ${f.js.count} | ${kb(f.js.raw)} | ${kb(f.js.transferred)} | ${kb(f.css.raw)} | ${kb(f.css.transferred)} | ${f.all.count} | ${kb(f.all.transferred)} | ${encodings} | ${f.lcpMs ?? '—'} |`;
}

async function main() {
  if (!argv.includes('--no-build')) {
    log('vite build…');
    const built = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`vite build failed (${built.status})`);
  }
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'tashil-first-load-'));
  const dataDir = path.join(tempDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const { child, baseUrl } = await startServer(dataDir);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const measured = {} as Record<PageName, LoadFigures>;
    for (const name of Object.keys(FIRST_LOAD_PAGES) as PageName[]) {
      measured[name] = await measurePage(browser, baseUrl, name, RUNS);
      log(describeLoad(measured[name]));
      for (const r of measured[name].resources.filter((x) => x.type === 'Script')) log(`   ${r.url.replace(baseUrl, '')} ${kb(r.raw)} → ${kb(r.body)} KB ${r.encoding || 'plain'}`);
    }
    if (argv.includes('--no-write')) return;
    const rows = (Object.keys(measured) as PageName[]).map((name) => figuresRow(`${name} (\`${FIRST_LOAD_PAGES[name].path}\`)`, measured[name]));
    const section = firstLoadSection(rows, browser.version());
    const doc = path.join(root, 'docs', 'benchmarks.md');
    const current = readFileSync(doc, 'utf8');
    const pattern = /## First load\n[\s\S]*?(?=\n## |$)/;
    writeFileSync(doc, pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}`);
    log('written to docs/benchmarks.md');
  } finally {
    await browser?.close();
    await stopServer(child);
    await rm(tempDir, { recursive: true, force: true });
  }
}

/**
 * Before the work of issue 15 (commit 05db22e, measured 2026-12-05 by this script): one 900 KB bundle plus two shared
 * chunks on every page, nothing compressed, the charts library fetched with the dashboard.
 */
const BEFORE_ROWS = [
  '| before | login (`/login`) | 3 | 1283.0 | 1285.8 | 250.8 | 251.7 | 8 | 1651.0 | none | 672 |',
  '| before | home (`/`) | 3 | 1283.0 | 1285.8 | 250.8 | 251.7 | 8 | 1650.9 | none | 816 |',
  '| before | dashboard (`/stats/overview`) | 9 | 1889.1 | 1897.6 | 252.9 | 254.8 | 21 | 2290.2 | none | 1316 |',
];

function firstLoadSection(rows: string[], chromiumVersion: string): string {
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  return `## First load

Run ${when} UTC by \`node --import tsx bench/first-load.ts\` (Chromium ${chromiumVersion}, loopback, a fresh browser
context per load so the cache is cold, the demo data; the home page and the dashboard as the executive). Each page is
loaded ${RUNS} times and the load with the median LCP is shown. Sizes in KB (1,024 bytes): raw is the decoded body, sent
is what crossed the wire, headers included. "Before" is commit 05db22e, measured the same way.

| build | page | JS files | JS raw | JS sent | CSS raw | CSS sent | requests | all sent | encodings (JS, CSS) | LCP ms |
|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|
${[...BEFORE_ROWS, ...rows].join('\n')}
`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error('first-load bench failed:', e);
    process.exitCode = 1;
  });
}
