/**
 * The messages travel with the code (issue 15): the main bundle carries only the frame's messages, and each lazy page
 * names the features whose messages it needs (`lazyPage(..., [bundles])`, app/lazy-page.ts). A key shown before its
 * feature's messages arrived would print as the key itself, so this reads the sources: for the frame and for each
 * page, every message key its code (and everything it imports) mentions must belong to a bundle that is there.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.resolve(webDir, '..');
const rel = (file: string) => path.relative(webDir, file);

// ── which bundle owns each key ──
async function messageOwners(): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const common = (await import('./messages/common.js')) as { fa: Record<string, string> };
  for (const key of Object.keys(common.fa)) owners.set(key, 'common');
  for (const feature of readdirSync(path.join(webDir, 'features'))) {
    if (!existsSync(path.join(webDir, 'features', feature, 'messages.ts'))) continue;
    const messages = (await import(`../features/${feature}/messages.ts`)) as { fa: Record<string, string> };
    for (const key of Object.keys(messages.fa)) owners.set(key, feature);
  }
  return owners;
}

// ── the import graph of src/web, read from the sources ──
const IMPORT = /(?:^|[;\n])\s*(?:import|export)\s+(type\s+)?(?:[\w*\s{},$]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const LAZY_PAGE = /lazyPage\(\(\) => import\('([^']+)'\), '(\w+)', \[([^\]]*)\]\)/g;

/** A relative import's file under `within` (src/web unless told), or null. */
function resolveImport(from: string, spec: string, within = webDir): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base]) {
    if (candidate.startsWith(within) && existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

const sources = new Map<string, string>();
function source(file: string): string {
  let text = sources.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    sources.set(file, text);
  }
  return text;
}

/** Files a module imports: statically (what loads with it), and by import() (what it fetches later). */
function importsOf(file: string, within = webDir): { static: string[]; dynamic: string[] } {
  const text = source(file);
  const out = { static: [] as string[], dynamic: [] as string[] };
  for (const match of text.matchAll(IMPORT)) {
    if (match[1]) continue; // `import type` brings no code
    const target = resolveImport(file, match[2]!, within);
    if (target) out.static.push(target);
  }
  for (const match of text.matchAll(DYNAMIC_IMPORT)) {
    const target = resolveImport(file, match[1]!, within);
    if (target) out.dynamic.push(target);
  }
  return out;
}

/** The dictionary and the messages themselves mention every key: they are sources, not users. */
const isMessageSource = (file: string) => file.endsWith(`${path.sep}messages.ts`) || rel(file).startsWith(`lib${path.sep}messages`) || rel(file) === path.join('lib', 'i18n.ts');

/** Every module reachable from `entries`, not entering `stopAt`; `followDynamic` also walks import(). */
function reachable(entries: string[], stopAt: Set<string>, followDynamic: boolean, within = webDir): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || isMessageSource(file)) continue;
    seen.add(file);
    const { static: direct, dynamic } = importsOf(file, within);
    for (const next of [...direct, ...(followDynamic ? dynamic : [])]) if (!stopAt.has(next)) queue.push(next);
  }
  return seen;
}

/** Which bundles the keys a file mentions belong to: whole keys in quotes, and the heads of keys built at run time. */
function bundlesUsedBy(file: string, owners: Map<string, string>): Map<string, string[]> {
  const text = source(file);
  const used = new Map<string, string[]>();
  const add = (bundle: string, key: string) => used.set(bundle, [...(used.get(bundle) ?? []), key]);
  for (const match of text.matchAll(/'([a-zA-Z]\w*(?:\.[\w-]+)+)'/g)) {
    const owner = owners.get(match[1]!);
    if (owner) add(owner, match[1]!);
  }
  // `stats.metric.${code}` or 'stats.metric.' + code: every bundle with keys under that head (a bare 'demands.' head is
  // taken for a field path like `demands.${i}.title`, not a key)
  const heads = [...text.matchAll(/`([a-zA-Z]\w*\.[\w-]+[\w.-]*)\$\{/g), ...text.matchAll(/'([a-zA-Z]\w*\.(?:[\w-]+\.)+)'/g)].map((m) => m[1]!);
  for (const head of heads) {
    for (const bundle of new Set([...owners].filter(([key]) => key.startsWith(head)).map(([, b]) => b))) add(bundle, `${head}…`);
  }
  return used;
}

interface LazyPageDeclaration {
  routeFile: string;
  page: string;
  exportName: string;
  bundles: string[];
}

function lazyPageDeclarations(): LazyPageDeclaration[] {
  const out: LazyPageDeclaration[] = [];
  const dir = path.join(webDir, 'app');
  const files = [...readdirSync(dir).map((f) => path.join(dir, f)), ...readdirSync(path.join(dir, 'routes')).map((f) => path.join(dir, 'routes', f))].filter((f) => /\.tsx?$/.test(f) && !f.endsWith('lazy-page.ts'));
  for (const file of files) {
    const text = source(file);
    const calls = (text.match(/\blazyPage\(/g) ?? []).length;
    const found = [...text.matchAll(LAZY_PAGE)].map((m) => ({
      routeFile: file,
      page: resolveImport(file, m[1]!) ?? m[1]!,
      exportName: m[2]!,
      bundles: m[3]!
        .split(',')
        .map((b) => b.trim().replace(/^'|'$/g, ''))
        .filter(Boolean),
    }));
    expect(found.length, `${rel(file)}: write each lazyPage call on one line as lazyPage(() => import('…'), 'Export', ['bundle', …])`).toBe(calls);
    out.push(...found);
  }
  return out;
}

function missing(files: Iterable<string>, available: Set<string>, owners: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const file of files) {
    for (const [bundle, keys] of bundlesUsedBy(file, owners)) {
      if (!available.has(bundle)) problems.push(`${rel(file)} uses ${bundle} messages (${[...new Set(keys)].slice(0, 3).join(', ')})`);
    }
  }
  return problems;
}

describe('the frame stays light, and messages arrive with the code that shows them', () => {
  // the frame's messages: lib/messages/common.ts, in the main bundle
  const shellBundles = new Set<string>(['common']);

  it('finds the lazy pages and their modules', () => {
    const pages = lazyPageDeclarations();
    expect(pages.length).toBeGreaterThan(30);
    for (const page of pages) {
      expect(existsSync(page.page), `${rel(page.routeFile)}: ${page.page}`).toBe(true);
      expect(source(page.page), `${rel(page.page)} exports ${page.exportName}`).toMatch(new RegExp(`export (function|const) ${page.exportName}\\b`));
    }
  });

  it('the main bundle shows only the frame’s messages, and no page is in it', async () => {
    const owners = await messageOwners();
    const pages = lazyPageDeclarations();
    const pageFiles = new Set(pages.map((p) => p.page));
    const main = reachable([path.join(webDir, 'main.tsx')], new Set(), false);
    // a page imported statically by the frame would be in the main bundle however it is declared; so would any
    // feature component a route file imports (route files take only plain helpers from features, e.g. *-search.ts)
    expect([...main].filter((file) => pageFiles.has(file) || /^features\/[^/]+\/components\/.*\.tsx$/.test(rel(file).split(path.sep).join('/'))).map(rel)).toEqual([]);
    // a route file's own components draw only once the route's pages (and their messages) are there
    const routeFiles = new Set(pages.map((p) => p.routeFile));
    const problems = missing(
      [...main].filter((file) => !routeFiles.has(file)),
      shellBundles,
      owners,
    );
    for (const routeFile of routeFiles) {
      const available = new Set([...shellBundles, ...pages.filter((p) => p.routeFile === routeFile).flatMap((p) => p.bundles)]);
      problems.push(...missing([routeFile], available, owners));
    }
    expect(problems).toEqual([]);
  });

  it('the frame loads no zod contract: route files check addresses against zod-free constants', () => {
    const main = reachable([path.join(webDir, 'main.tsx')], new Set(), false, srcDir);
    const contracts = [...main].filter((file) => rel(file).startsWith(path.join('..', 'shared', 'contracts')));
    // a value imported from src/shared/contracts brings zod (some 17 KB compressed) into every first load
    expect(contracts.map(rel)).toEqual([]);
  });

  it('each lazy page names every feature whose messages it shows', async () => {
    const owners = await messageOwners();
    const pages = lazyPageDeclarations();
    const problems: string[] = [];
    for (const page of pages) {
      const available = new Set([...shellBundles, ...page.bundles]);
      for (const problem of missing(reachable([page.page], new Set(), true), available, owners)) problems.push(`${page.exportName} (${rel(page.routeFile)}): ${problem}`);
    }
    expect(problems).toEqual([]);
  });
});
