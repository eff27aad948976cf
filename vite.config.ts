import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type PluginOption } from 'vite';
import { compression } from 'vite-plugin-compression2';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

// ── First load (issue 15): every text asset is written beside itself as .br and .gz at build time, and the server
// sends the variant the browser accepts (@fastify/static `preCompressed`, src/server/app.ts) — no compression per
// request. Small files too, so every script and stylesheet travels compressed; woff2 is compressed already.
const precompressed: PluginOption = compression({
  algorithms: ['brotliCompress', 'gzip'],
  include: /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/,
  threshold: 0,
  skipIfLargerOrEqual: false,
  logLevel: 'silent',
});
// ── end of first load ──

// The API server (`tashil serve`) serves dist/web with an SPA fallback; in
// development Vite serves the app and forwards /api to a server on port 3000.
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), precompressed],
  build: {
    outDir,
    emptyOutDir: true,
    // The office may have no internet: everything, the font included, ships
    // inside dist/web.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
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
