#!/usr/bin/env node
/**
 * Browser journeys against a real server.
 *
 *   node scripts/e2e.mjs [filter…]
 *
 * Builds the web app if dist/web is missing (or older than src/web,
 * src/shared), starts `tashil serve` on a free
 * port with a fresh data folder and the demo data, launches Chromium once and
 * runs every e2e/*.e2e.* file whose name contains one of the filters (all of
 * them without filters). Each file's default export is called with a
 * JourneyContext (see e2e/harness.ts). Ends with `e2e: N passed, M failed`.
 *
 * E2E_BASE_URL=http://127.0.0.1:3000 uses a server that is already running.
 * CHROMIUM_PATH overrides /usr/bin/chromium. E2E_HEADED=1 shows the browser.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const e2eDir = path.join(root, 'e2e');
const screenshotsDir = path.join(e2eDir, 'screenshots');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const HEALTH_TIMEOUT_MS = 90_000;
const JOURNEY_TIMEOUT_MS = 180_000;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const filters = process.argv.slice(2);
let server = null; // { child, exited: Promise<number|null>, logFile }
let tempDir = null;
let browser = null;
let journeyCount = 0;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Newest modification time under a path (files only), 0 when it is missing. */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds dist/web when it is missing, or older than the sources it is built from. */
function ensureWebBuild() {
  const index = path.join(root, 'dist', 'web', 'index.html');
  const sources = ['src/web', 'src/shared', 'vite.config.ts', 'postcss.config.cjs'].map((p) => path.join(root, p));
  const missing = !existsSync(index);
  if (!missing && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  console.log(`e2e: building the web app (dist/web is ${missing ? 'missing' : 'older than its sources'})…`);
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}

async function startServer() {
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'tashil-e2e-'));
  const dataDir = path.join(tempDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(tempDir, 'server.log');
  const log = createWriteStream(logFile);
  const port = await freePort();
  // node itself, not npm/npx: the PID we hold is the server's.
  const child = spawn(process.execPath, [path.join(root, 'bin', 'tashil.mjs'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TASHIL_DATA_DIR: dataDir,
      TASHIL_DEMO: '1',
      // notifications (and the producers' SMS they make) go out within seconds, so journeys can read them
      TASHIL_NOTIFY_INTERVAL_SECONDS: process.env.TASHIL_NOTIFY_INTERVAL_SECONDS || '2',
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  server = { child, exited, logFile };
  return `http://127.0.0.1:${port}`;
}

function serverLogTail(lines = 30) {
  if (!server || !existsSync(server.logFile)) return '';
  return readFileSync(server.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

async function waitForHealth(baseUrl) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  let hasExited = false;
  server?.exited.then(() => (hasExited = true));
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`the server exited before it was healthy\n${serverLogTail()}`);
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) {
        const body = await response.json();
        if (body?.status === 'ok') return body;
        lastProblem = `health answered ${JSON.stringify(body)}`;
      } else {
        lastProblem = `health answered ${response.status}`;
      }
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(300);
  }
  throw new Error(`the server was not healthy within ${HEALTH_TIMEOUT_MS / 1000} s (${lastProblem})\n${serverLogTail()}`);
}

async function stopServer() {
  if (!server) return;
  const { child, exited } = server;
  server = null;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timeout = sleep(20_000).then(() => 'timeout');
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      console.error('e2e: the server did not stop within 20 s of SIGTERM; killing it');
      child.kill('SIGKILL');
      await exited;
    }
  }
}

async function cleanUp() {
  await browser?.close().catch(() => {});
  browser = null;
  await stopServer();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
  tempDir = null;
}

function findJourneys() {
  return readdirSync(e2eDir)
    .filter((file) => /\.e2e\.(ts|mts|js|mjs)$/.test(file))
    .sort()
    .map((file) => ({ name: file.replace(/\.e2e\.\w+$/, ''), file: path.join(e2eDir, file) }))
    .filter((journey) => filters.length === 0 || filters.some((filter) => journey.name.includes(filter)));
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runJourney(journey, baseUrl) {
  const contexts = [];
  const pageErrors = [];
  const ctx = {
    baseUrl,
    browser,
    newPage: async (options = {}) => {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 860 }, ...options });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error));
      return page;
    },
    screenshot: async (page, name) => {
      mkdirSync(screenshotsDir, { recursive: true });
      const file = path.join(screenshotsDir, `${journey.name}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      return file;
    },
    log: (message) => console.log(`    ${message}`),
  };
  try {
    const module = await import(pathToFileURL(journey.file).href);
    const run = module.default;
    if (typeof run !== 'function') throw new Error(`${path.relative(root, journey.file)} has no default export function`);
    // a journey that walks many pages may ask for longer (`export const timeoutMs = …`)
    const timeout = typeof module.timeoutMs === 'number' && module.timeoutMs > 0 ? module.timeoutMs : JOURNEY_TIMEOUT_MS;
    await withTimeout(Promise.resolve(run(ctx)), timeout, journey.name);
    if (pageErrors.length > 0) throw new Error(`uncaught error in the page: ${pageErrors[0]?.message}`);
  } finally {
    for (const context of contexts) await context.close().catch(() => {});
  }
}

async function main() {
  const journeys = findJourneys();
  journeyCount = journeys.length;
  if (journeys.length === 0) {
    console.log(`e2e: no journey matches ${filters.join(' ') || 'e2e/*.e2e.*'}`);
    console.log('e2e: 0 passed, 0 failed');
    return 0;
  }

  // Journeys are TypeScript: load them through tsx in this process.
  const { register } = await import('tsx/esm/api');
  register();
  const { chromium } = await import('playwright-core');

  let baseUrl = process.env.E2E_BASE_URL?.replace(/\/$/, '');
  if (!baseUrl) {
    ensureWebBuild();
    baseUrl = await startServer();
  }
  const health = await waitForHealth(baseUrl);
  console.log(`e2e: server ${baseUrl} (${health.database ?? '?'}, ${health.version ?? '?'})`);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: process.env.E2E_HEADED !== '1',
    args: CHROMIUM_ARGS,
  });

  let passed = 0;
  let failed = 0;
  for (const journey of journeys) {
    const started = Date.now();
    try {
      await runJourney(journey, baseUrl);
      passed += 1;
      console.log(`✓ ${journey.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed += 1;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.log(`✗ ${journey.name}: ${message}`);
    }
  }
  if (failed > 0 && server) console.log(`e2e: last lines of the server log:\n${serverLogTail(20)}`);
  await cleanUp();
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`e2e: ${signal}, stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch(async (error) => {
    console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
    await cleanUp();
    // Nothing ran: every journey that was to run counts as failed.
    console.log(`e2e: 0 passed, ${Math.max(1, journeyCount)} failed`);
    process.exitCode = 1;
  });
