#!/usr/bin/env node
/**
 * Draws the app's icons (the brand mark of src/web/components/brand-mark.tsx) into src/web/public/icons as PNG:
 * 192 and 512 px, a 512 px maskable one (the mark inside the safe circle, the brand colour to the edges) and a
 * 180 px touch icon. Chromium renders the SVG and takes the screenshot; nothing is fetched. The PNGs are committed:
 * run this again only when the mark changes.
 *
 *   node scripts/make-icons.mjs
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'src/web/public/icons');
const BRAND_8 = '#086d55';
const BRAND_9 = '#005e48';
const GOLD_4 = '#f2ba40';

/** The mark on a 40-unit grid; `plate` draws its rounded square (any-purpose icons) or not (maskable: full bleed). */
function mark({ plate }) {
  return `
    ${plate ? `<rect width="40" height="40" rx="9" fill="${BRAND_8}"/>` : ''}
    <circle cx="20" cy="20" r="9.5" fill="none" stroke="#fff" stroke-width="2.5" stroke-dasharray="4.2 3.2"/>
    <circle cx="20" cy="20" r="4.5" fill="none" stroke="#fff" stroke-width="2.2"/>
    <path d="M10 30 30 10" stroke="${GOLD_4}" stroke-width="2.6" stroke-linecap="round"/>
    <path d="M23.5 10H30v6.5" fill="none" stroke="${GOLD_4}" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/>`;
}

function svg(size, kind) {
  if (kind === 'maskable') {
    // Maskable: the platform cuts any shape out of the square; the mark stays within the central 80 % circle.
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 40 40">
      <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${BRAND_8}"/><stop offset="1" stop-color="${BRAND_9}"/></linearGradient></defs>
      <rect width="40" height="40" fill="url(#g)"/>
      <g transform="translate(-2 -2) scale(1.1)">${mark({ plate: false })}</g></svg>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 40 40">${mark({ plate: true })}</svg>`;
}

const icons = [
  { file: 'icon-192.png', size: 192, kind: 'any' },
  { file: 'icon-512.png', size: 512, kind: 'any' },
  { file: 'icon-maskable-512.png', size: 512, kind: 'maskable' },
  { file: 'apple-touch-icon-180.png', size: 180, kind: 'maskable' },
];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg(icon.size, icon.kind)}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(out, icon.file), omitBackground: true });
    await page.close();
    console.log(`wrote ${path.relative(root, path.join(out, icon.file))}`);
  }
} finally {
  await browser.close();
}
