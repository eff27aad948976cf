// Type-aware lint: the rules that catch real bugs here (floating promises, non-exhaustive switches),
// on top of typescript-eslint's recommended set.
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

// ── Web guard-rails (src/web) ─────────────────────────────────────────────────
// A feature never imports another feature; shared pieces live in src/web/components and src/web/lib, which import
// no feature (lib/i18n.ts merges the features' messages.ts, the one exception) and not the app frame; app/ wires
// features together. docs/architecture.md ("Web") says the same in words.
const WEB_FEATURES = ['auth', 'bank', 'demands', 'home', 'notifications', 'referrals', 'resolutions', 'sessions', 'stats', 'units', 'users', 'visits'];
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
