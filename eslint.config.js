// Type-aware lint: the rules that catch real bugs here (floating promises, non-exhaustive switches),
// on top of typescript-eslint's recommended set.
import fs from 'node:fs';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

// ── Server layering: what the server's folders may import (docs/architecture.md, "Rules the linter enforces") ──
const serverModules = fs
  .readdirSync(path.join(import.meta.dirname, 'src/server/modules'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
/** Each module is a zone: from another module it may import only that module's `*.service.ts`. */
const moduleZones = serverModules.map((name) => ({
  target: `./src/server/modules/${name}`,
  from: serverModules.filter((other) => other !== name).map((other) => `./src/server/modules/${other}/**`),
  except: [`${import.meta.dirname}/src/server/modules/*/*.service.ts`],
  message: `A module talks to another through its *.service.ts only (not its repo, tables, rules or helpers).`,
}));
/** SQL building blocks: only repositories (and db/, seed/, jobs) import them — never a service or a route. */
const sqlImports = {
  paths: [{ name: 'drizzle-orm', message: 'SQL lives in *.repo.ts: call a repository function.' }],
  patterns: [
    { group: ['drizzle-orm/*'], message: 'SQL lives in *.repo.ts: call a repository function.' },
    { group: ['**/db/schema.js', '**/db/tables/*'], message: 'Tables are read and written in *.repo.ts: call a repository function.' },
  ],
};
import reactHooks from 'eslint-plugin-react-hooks';

// ── Web guard-rails (src/web) ─────────────────────────────────────────────────
// A feature never imports another feature; shared pieces live in src/web/components and src/web/lib, which import
// no feature (lib/i18n.ts merges the features' messages.ts, the one exception) and not the app frame; app/ wires
// features together. docs/architecture.md ("Web") says the same in words.
const WEB_FEATURES = ['account', 'admin', 'auth', 'bank', 'demands', 'field', 'home', 'notifications', 'producers', 'referrals', 'resolutions', 'sessions', 'sms', 'stats', 'units', 'visits', 'loan-applications'];
const webBoundaries = [
  ...WEB_FEATURES.map((feature) => ({
    target: `./src/web/features/${feature}`,
    from: './src/web/features',
    except: [`./${feature}`],
    message: 'A feature does not import another feature: move the shared piece to src/web/components or src/web/lib.',
  })),
  { target: './src/web/features', from: './src/web/app', message: 'Features do not import the app frame; app/ imports them.' },
  { target: './src/web/components', from: './src/web/features', message: 'Shared components import no feature.' },
  { target: ['./src/web/components', './src/web/lib'], from: './src/web/app', message: 'Shared web pieces do not import the app frame.' },
  {
    target: './src/web/lib',
    from: './src/web/features',
    except: WEB_FEATURES.map((feature) => `./${feature}/messages.ts`),
    message: 'lib imports no feature (lib/i18n.ts may merge their messages.ts).',
  },
  { target: './src/web', from: './src/server', message: 'The web app never imports the server; share through src/shared.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'drizzle/**', 'data/**', '.tmp/**', '.scratch*/**', 'e2e/screenshots/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // ── Smaller rooms (issue 16): no source file over 600 lines, tests included ──
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'max-lines': ['error', { max: 600, skipBlankLines: false, skipComments: false }] },
  },
  // ── Server layering (src/server, src/shared, src/cli): cycles, module boundaries, SQL only in repositories ──
  {
    files: ['src/server/**/*.ts', 'src/shared/**/*.ts', 'src/cli/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/server/modules/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-helpers.ts', '**/*.fixtures.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: moduleZones }],
    },
  },
  {
    files: ['src/server/**/*.service.ts', 'src/server/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': ['error', sqlImports],
    },
  },
  // ── Web: hooks rules, no import cycles, boundaries between features (see WEB_FEATURES above) ──
  {
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: webBoundaries }],
    },
  },
);
