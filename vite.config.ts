import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type PluginOption } from 'vite';
import { compression } from 'vite-plugin-compression2';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

// ── First load (issue 15) ──
// Every text asset is written beside itself as .br and .gz at build time, and the server sends the variant the
// browser accepts (@fastify/static `preCompressed`, src/server/app.ts) — no compression per request. Small files too,
// so every script and stylesheet travels compressed; woff2 is compressed already.
const precompressed: PluginOption = compression({
  algorithms: ['brotliCompress', 'gzip'],
  include: /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/,
  threshold: 0,
  skipIfLargerOrEqual: false,
  logLevel: 'silent',
});

/** Server-only libraries that must never reach the browser's bundle (Excel files are made by the server). */
const SERVER_ONLY = /[\\/]node_modules[\\/](exceljs|pg|pg-boss|@electric-sql|fastify|@fastify|drizzle-orm|nodemailer|@node-rs)[\\/]/;
const serverOnlyGuard: PluginOption = {
  name: 'tashil:server-only-guard',
  apply: 'build',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const leaked = Object.keys(chunk.modules).filter((id) => SERVER_ONLY.test(id));
      if (leaked.length > 0) this.error(`${chunk.fileName} bundles server-only code: ${leaked.slice(0, 3).join(', ')}`);
    }
  },
};

/**
 * Pages are split by route (src/web/app/lazy-page.ts). The chunks holding the charts library (fetched with the first
 * chart drawn, never before a page is usable) and the Jalali date picker (with the forms that enter a date) are named
 * after them, so a journey can tell them apart — naming only: the bundler still decides what goes where.
 */
const LIBRARY_CHUNKS: [string, RegExp][] = [
  ['charts', /[\\/]node_modules[\\/](echarts|zrender)[\\/]/],
  ['date-picker', /[\\/]node_modules[\\/]react-multi-date-picker[\\/]/],
];
function chunkFileNames(chunk: { name: string; moduleIds: string[] }): string {
  const library = LIBRARY_CHUNKS.find(([, test]) => chunk.moduleIds.some((id) => test.test(id)));
  return `assets/${library ? library[0] : '[name]'}-[hash].js`;
}
// ── end of first load ──

// The API server (`tashil serve`) serves dist/web with an SPA fallback; in
// development Vite serves the app and forwards /api to a server on port 3000.
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), precompressed, serverOnlyGuard],
  build: {
    outDir,
    emptyOutDir: true,
    // The office may have no internet: everything, the font included, ships
    // inside dist/web.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: { output: { chunkFileNames } },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
