import { defineConfig } from 'vitest/config';

// Two projects, one run: the server and shared code in Node, the web's components and client in happy-dom.
// `npm test` (scripts/test.mjs) counts both.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'node', include: ['src/**/*.test.ts'], exclude: ['src/web/**'], environment: 'node' } },
      { extends: true, test: { name: 'web', include: ['src/web/**/*.test.ts', 'src/web/**/*.test.tsx'], environment: 'happy-dom', setupFiles: ['src/web/test/setup.ts'] } },
    ],
  },
});
