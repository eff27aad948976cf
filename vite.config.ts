import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type PluginOption } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

// ── The installable app (issue 12): web app manifest + a Workbox service worker ──────────────────────────────────
// The service worker precaches the app shell (index.html, JS, CSS, the Vazirmatn fonts, the icons) and answers every
// navigation with index.html when the network is gone, so the app opens in a factory yard with no signal. It never
// touches the API: /api/* is neither cached nor answered by it (field data lives in the app's own IndexedDB, see
// src/web/features/field). A new version replaces the old one by itself on the next visit (autoUpdate); the field
// screens save every keystroke, so the reload that brings it loses nothing.
const THEME_COLOR = '#086d55'; // brand.8, the header
const BACKGROUND_COLOR = '#f8f9fa'; // gray.0, the page
function installableApp(): PluginOption {
  return VitePWA({
    strategies: 'generateSW',
    registerType: 'autoUpdate',
    // registered from src/web/main.tsx (virtual:pwa-register): an inline script would break the CSP
    injectRegister: false,
    manifestFilename: 'manifest.webmanifest',
    // the manifest's icons are precached with it (includeManifestIcons); the touch icon is the one extra
    includeAssets: ['icons/apple-touch-icon-180.png'],
    manifest: {
      id: '/',
      name: 'تسهیل',
      short_name: 'تسهیل',
      description: 'سامانه تسهیل و رفع موانع تولید: بازدیدهای میدانی، مطالبات، معرفی به بانک و کارگروه',
      lang: 'fa',
      dir: 'rtl',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      orientation: 'any',
      theme_color: THEME_COLOR,
      background_color: BACKGROUND_COLOR,
      categories: ['business', 'productivity'],
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
      shortcuts: [{ name: 'بازدیدهای من', short_name: 'بازدیدها', url: '/field', icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }] }],
    },
    workbox: {
      globPatterns: ['**/*.{html,js,css,woff2,woff,svg,ico}'],
      // the lazy chart bundle is the largest file; it is part of the shell too
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/api\//, /^\/metrics/],
      runtimeCaching: [],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
    },
  });
}

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
 * chart drawn, never before a page is usable) are named after it, so a journey can tell them apart — naming only: the
 * bundler still decides what goes where.
 */
const LIBRARY_CHUNKS: [string, RegExp][] = [
  ['charts', /[\\/]node_modules[\\/](echarts|zrender)[\\/]/],
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
  plugins: [react(), installableApp(), precompressed, serverOnlyGuard],
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
