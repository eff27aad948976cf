#!/usr/bin/env node
/**
 * `npm test`: unit and integration tests (vitest), then the browser journeys (Chromium).
 *
 * Integration tests always run on the embedded PGlite. They run again on real PostgreSQL when
 * TASHIL_TEST_DATABASE_URL names a server (e.g. postgres://postgres@127.0.0.1:5432/postgres — each suite
 * creates and drops its own database); otherwise this script says plainly that the leg was skipped.
 * The browser journeys run when Chromium is at /usr/bin/chromium (or CHROMIUM_PATH), and are skipped,
 * plainly, when it is not. TASHIL_SKIP_E2E=1 skips them on purpose.
 * Ends with `tests: N passed, M failed` and exits non-zero when anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const pgUrl = process.env.TASHIL_TEST_DATABASE_URL;
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const extra = process.argv.slice(2);

console.log(
  pgUrl
    ? `PostgreSQL leg: running against ${pgUrl.replace(/\/\/[^@]*@/, '//')}`
    : 'PostgreSQL leg: SKIPPED — set TASHIL_TEST_DATABASE_URL=postgres://user@host:port/db to run the integration tests on real PostgreSQL too',
);

const report = path.join(tmp, 'vitest-report.json');
rmSync(report, { force: true });
const vitest = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
  { cwd: root, stdio: 'inherit', env: process.env },
);
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  // a file that fails outside any test (an import error, a failing hook) counts as one failure
  const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults?.some((a) => a.status === 'failed')).length;
  failed += r.numFailedTests + brokenFiles;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  if (r.numTotalTests === 0) failed += 1;
} else {
  failed += 1;
}
if (vitest.status !== 0 && failed === 0) failed = 1;

let e2eLine = 'e2e: SKIPPED';
if (extra.length > 0 || process.env.TASHIL_SKIP_E2E === '1') {
  e2eLine = 'e2e: SKIPPED (asked)';
} else if (!existsSync(chromium)) {
  e2eLine = `e2e: SKIPPED — no Chromium at ${chromium} (apt-get install chromium)`;
} else {
  const e2e = spawnSync(process.execPath, [path.join(root, 'scripts/e2e.mjs')], { cwd: root, encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(e2e.stdout ?? '');
  const m = /e2e: (\d+) passed, (\d+) failed/.exec(e2e.stdout ?? '');
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  if (!m || (e2e.status !== 0 && Number(m[2]) === 0)) failed += 1;
  e2eLine = m ? m[0] : 'e2e: did not report';
}

console.log(`\n${pgUrl ? 'PostgreSQL leg: ran' : 'PostgreSQL leg: skipped'}; ${e2eLine}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
