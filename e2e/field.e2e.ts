/**
 * The field journey (issue 12), on a 390×844 phone: the secretariat's visit team member — a member of the demo's
 * planned visits — checks that the app is installable (a valid Persian manifest, a service worker in control),
 * downloads «بازدیدهای من», and goes offline. At the unit, with no network, they record a visit with two demands, the
 * position and a photo (a 2400 px JPEG made here, resized on the device); reload the page while still offline — the
 * app opens from its cache and the draft is all there; queue it; come back online and the outbox sends it. Through the
 * API: one visit, two demands, and the photo with exactly the bytes the device kept. Then a second visit whose sync is
 * cut twice (the visit's answer and the upload's answer lost on the way back) and retried: still one of each.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { formatJalali, tehranDate } from '../src/shared/jalali.js';
import { apiGet, assertEveryInputLabelled, htmlAttributes, loginAs, type Journey } from './harness.js';

const PHONE = { width: 390, height: 844 };
const POSITION = { latitude: 34.6401, longitude: 50.8764, accuracy: 15 };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface VisitJson {
  id: string;
  unitId: string;
  status: string;
  clientId: string | null;
  visitDate: string;
  findings: string | null;
  employees: number | null;
  capacityUtilization: number | null;
  location: { lat: number; lng: number; accuracyM: number } | null;
  demands: { id: string; title: string; agencyId: string | null; dueDate: string; status: string }[];
  attachments: { id: string; mime: string; size: number; sha256: string }[];
}

/** The PNG's width and height, from its IHDR chunk. */
function pngSize(b: Buffer): { width: number; height: number } {
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', 'an icon is a PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** A photo as a phone camera would give it: 2400×1800 JPEG, drawn on a canvas in the page. */
async function makeJpeg(page: Page, hue: number): Promise<Buffer> {
  const base64 = await page.evaluate(async (h) => {
    const canvas = document.createElement('canvas');
    canvas.width = 2400;
    canvas.height = 1800;
    const g = canvas.getContext('2d')!;
    const grad = g.createLinearGradient(0, 0, 2400, 1800);
    grad.addColorStop(0, `hsl(${h} 60% 45%)`);
    grad.addColorStop(1, `hsl(${h + 60} 50% 70%)`);
    g.fillStyle = grad;
    g.fillRect(0, 0, 2400, 1800);
    g.fillStyle = '#fff';
    g.font = 'bold 160px sans-serif';
    g.fillText(`VISIT ${h}`, 200, 900);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.9));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const byte of bytes) s += String.fromCharCode(byte);
    return btoa(s);
  }, hue);
  return Buffer.from(base64, 'base64');
}

/** What the device's store holds (read straight from IndexedDB, as the app wrote it). */
async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('tashil-field');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction(name, 'readonly').objectStore(name).getAll();
          req.onsuccess = () => {
            const rows = (req.result as Record<string, unknown>[]).map((r) => {
              // bytes travel back as base64
              if (r['bytes'] instanceof ArrayBuffer) {
                let s = '';
                for (const b of new Uint8Array(r['bytes'])) s += String.fromCharCode(b);
                return { ...r, bytes: btoa(s) };
              }
              return r;
            });
            db.close();
            resolve(rows);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  ) as Promise<T[]>;
}

interface DraftRow {
  visitId: string;
  findings: string;
  photoIds: string[];
  demands: { title: string; categoryCode: string; agencyId: string; dueDate: string | null }[];
  location: { lat: number } | null;
}
interface PhotoRow {
  id: string;
  ownerKey: string;
  bytes: string;
  width: number;
  height: number;
  type: string;
}
interface EntryRow {
  id: string;
  status: string;
  visit: { idempotencyKey: string; serverId: string | null };
  photos: { photoId: string; idempotencyKey: string }[];
}

/** Fetches an attachment in the page's session and returns its bytes. */
async function download(page: Page, url: string): Promise<Buffer> {
  const base64 = await page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    if (!r.ok) throw new Error(`GET ${u}: ${r.status}`);
    const bytes = new Uint8Array(await r.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, url);
  return Buffer.from(base64, 'base64');
}

/** Types a Jalali date into a date input as a person would, and closes its calendar. */
async function typeJalali(page: Page, name: string, iso: string) {
  const input = page.locator(`input[name="${name}"]`);
  await input.click();
  await input.fill(formatJalali(iso, { digits: 'latn' }));
  await page.keyboard.press('Tab');
  await page.locator('[data-testid="jalali-calendar"]').waitFor({ state: 'detached', timeout: 3_000 }).catch(() => undefined);
}

async function waitForDraft(page: Page, visitId: string, done: (d: DraftRow) => boolean): Promise<DraftRow> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const d = (await readStore<DraftRow>(page, 'drafts')).find((x) => x.visitId === visitId);
    if (d && done(d)) return d;
    if (Date.now() > deadline) throw new Error(`the draft of ${visitId} was not saved as typed: ${JSON.stringify(d)}`);
    await page.waitForTimeout(100);
  }
}

/** Records a planned visit on the phone, offline: findings, figures, position, a photo and two demands. */
async function recordVisit(page: Page, visitId: string, photo: Buffer, texts: { findings: string; demands: [string, string] }) {
  await page.getByTestId(`record-${visitId}`).click();
  await page.waitForURL((url) => url.pathname === `/field/visits/${visitId}`);
  await page.getByTestId('draft-findings').fill(texts.findings);
  await page.getByTestId('draft-employees').fill('۸۴');
  await page.getByTestId('draft-capacity').fill('۶۱');
  await page.getByTestId('locate').click();
  await page.getByTestId('draft-coordinates').waitFor();
  await page.getByTestId('photo-input').setInputFiles({ name: 'IMG_20261129_1012.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByTestId('draft-photo').first().waitFor();
  // two demands: the category fills in its agency and its deadline; the second's due date is typed on the Jalali calendar
  await page.getByTestId('add-demand').click();
  await page.getByTestId('demand-0-title').fill(texts.demands[0]);
  await page.getByTestId('demand-0-category').selectOption('power');
  assert.equal(await page.getByTestId('demand-0-agency').inputValue(), 'power', 'the category suggests its agency');
  await page.getByTestId('add-demand').click();
  await page.getByTestId('demand-1-title').fill(texts.demands[1]);
  await page.getByTestId('demand-1-category').selectOption('social-security');
  await page.getByTestId('demand-1-agency').selectOption('sso');
  await typeJalali(page, 'demand-1-due', DUE);
  await assertEveryInputLabelled(page, 'the field record');
}

const TODAY = tehranDate(new Date());
const DUE = (() => {
  const d = new Date(`${TODAY}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 20);
  return d.toISOString().slice(0, 10);
})();

async function setOffline(context: BrowserContext, page: Page, offline: boolean) {
  await context.setOffline(offline);
  await page.waitForFunction((o) => navigator.onLine === !o, offline);
}

const journey: Journey = async ({ newPage, screenshot, log }) => {
  const page = await newPage({ viewport: PHONE, isMobile: true, hasTouch: true, permissions: ['geolocation'], geolocation: POSITION, serviceWorkers: 'allow' });
  const context = page.context();

  // ── Installable: the manifest, its icons, the service worker ──
  await page.goto('/login');
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  assert.equal(manifestHref, '/manifest.webmanifest');
  assert.equal(await page.locator('meta[name="theme-color"]').getAttribute('content'), '#086d55');
  const manifestResponse = await page.request.get(manifestHref);
  assert.equal(manifestResponse.status(), 200);
  assert.match(manifestResponse.headers()['content-type'] ?? '', /application\/manifest\+json/);
  const manifest = (await manifestResponse.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; type: string; purpose?: string }[] };
  assert.equal(manifest['name'], 'تسهیل');
  assert.ok(typeof manifest['short_name'] === 'string' && (manifest['short_name'] as string).length > 0 && (manifest['short_name'] as string).length <= 12, 'a short name for the home screen');
  assert.equal(manifest['lang'], 'fa');
  assert.equal(manifest['dir'], 'rtl');
  assert.equal(manifest['display'], 'standalone');
  assert.equal(manifest['start_url'], '/');
  assert.equal(manifest['scope'], '/');
  assert.match(String(manifest['theme_color']), /^#[0-9a-f]{6}$/i);
  assert.match(String(manifest['background_color']), /^#[0-9a-f]{6}$/i);
  for (const [size, purpose] of [['192x192', 'any'], ['512x512', 'any'], ['512x512', 'maskable']] as const) {
    const icon = manifest.icons.find((i) => i.sizes === size && (i.purpose ?? 'any').split(' ').includes(purpose));
    assert.ok(icon, `an icon ${size} (${purpose})`);
    const res = await page.request.get(icon.src);
    assert.equal(res.status(), 200, icon.src);
    assert.equal(res.headers()['content-type'], 'image/png');
    const { width, height } = pngSize(await res.body());
    assert.equal(`${width}x${height}`, size, `${icon.src} is really ${size}`);
  }
  log('manifest: Persian, rtl, standalone, 192/512/maskable PNG icons');

  await loginAs(page, 'secretariat');
  assert.deepEqual(await htmlAttributes(page), { dir: 'rtl', lang: 'fa' });
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, { timeout: 30_000 });
  const sw = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? '');
  assert.match(sw, /\/sw\.js$/);
  log('a service worker controls the page');

  // ── «بازدیدهای من»: through the phone's menu, then the download ──
  await page.getByRole('button', { name: 'باز و بسته کردن منو' }).click();
  await page.getByTestId('nav-field').click();
  await page.waitForURL((url) => url.pathname === '/field');
  await page.getByRole('heading', { level: 1, name: 'بازدیدهای من' }).waitFor();
  await page.getByTestId('field-download').click();
  await page.getByTestId('field-download-done').waitFor();
  const cards = page.getByTestId('field-visit-card');
  await cards.first().waitFor();
  const planned = await apiGet<{ items: { id: string; unitId: string; field: { unit: { address: string; managerName: string } } }[]; total: number }>(page, '/visits?memberId=me&status=planned&include=field&sort=visitDate&pageSize=200');
  assert.ok(planned.total >= 2, 'the demo plans visits for the secretariat');
  assert.equal(await cards.count(), planned.total);
  const [first, second] = planned.items as [(typeof planned.items)[number], (typeof planned.items)[number]];
  const firstCard = page.locator(`[data-testid="field-visit-card"][data-visit-id="${first.id}"]`);
  await firstCard.getByText(first.field.unit.address).waitFor();
  await firstCard.getByText(first.field.unit.managerName).waitFor();
  // cards, not a squeezed table: nothing wider than the phone
  assert.equal(await page.locator('table').count(), 0, 'no table on the field page');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'nothing overflows 390 px');
  await screenshot(page, 'my-visits');
  log(`downloaded ${planned.total} planned visits`);

  // ── Offline at the unit ──
  await setOffline(context, page, true);
  await page.getByTestId('field-online').filter({ hasText: 'بدون اتصال' }).waitFor();
  const offlineProbe = await page.evaluate(() => fetch('/api/v1/auth/me').then(() => 'reached', () => 'failed'));
  assert.equal(offlineProbe, 'failed', 'the API is out of reach while offline');
  const photo1 = await makeJpeg(page, 120);
  await recordVisit(page, first.id, photo1, { findings: 'خط تولید دوم به دلیل افت ولتاژ متوقف است؛ انبار مواد اولیه نیمه‌پر.', demands: ['افزایش قدرت انشعاب برق', 'بخشودگی جرائم بیمهٔ تأمین اجتماعی'] });
  const saved = await waitForDraft(page, first.id, (d) => d.demands.length === 2 && d.photoIds.length === 1 && d.demands[1]!.dueDate === DUE && d.location !== null && d.findings.startsWith('خط تولید دوم'));
  assert.deepEqual(saved.demands.map((d) => [d.categoryCode, d.agencyId]), [['power', 'power'], ['social-security', 'sso']]);
  await screenshot(page, 'record-offline');

  // ── Reload while still offline: the app opens from its cache, the draft is all there ──
  const reloaded = await page.reload();
  assert.ok(reloaded?.fromServiceWorker(), 'the page came from the service worker');
  await page.getByRole('heading', { level: 1, name: 'ثبت بازدید' }).waitFor();
  assert.equal(await page.getByTestId('draft-findings').inputValue(), saved.findings);
  assert.equal(await page.getByTestId('draft-employees').inputValue(), '۸۴');
  assert.equal(await page.getByTestId('draft-photo').count(), 1);
  assert.ok(await page.getByTestId('draft-photo').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the kept photo shows');
  assert.equal(await page.getByTestId('draft-demand').count(), 2);
  assert.equal(await page.getByTestId('demand-1-title').inputValue(), 'بخشودگی جرائم بیمهٔ تأمین اجتماعی');
  await page.getByTestId('draft-coordinates').waitFor();
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker still controls the page');
  log('reloaded offline: the app shell came from the cache and the draft was there');

  // the photo as the device keeps it: resized to at most 1600 px, a JPEG
  const kept = (await readStore<PhotoRow>(page, 'photos')).find((p) => p.id === saved.photoIds[0])!;
  assert.equal(kept.type, 'image/jpeg');
  assert.ok(Math.max(kept.width, kept.height) <= 1600, `resized on the device: ${kept.width}×${kept.height}`);
  assert.equal(Math.max(kept.width, kept.height), 1600);
  const keptBytes = Buffer.from(kept.bytes, 'base64');
  assert.deepEqual([...keptBytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);

  await page.getByTestId('draft-submit').click();
  await page.waitForURL((url) => url.pathname === '/field');
  const entry1 = page.locator('[data-testid="outbox-entry"]').first();
  await entry1.and(page.locator('[data-status="waiting"]')).waitFor();
  await entry1.getByTestId('outbox-reason').waitFor({ state: 'detached' }).catch(() => undefined);
  const [queued1] = await readStore<EntryRow>(page, 'outbox');
  assert.ok(queued1, 'one entry in the outbox');
  await screenshot(page, 'outbox-waiting');

  // ── Back online: the outbox sends it by itself ──
  await setOffline(context, page, false);
  await page.locator(`[data-testid="outbox-entry"][data-client-id="${queued1.id}"][data-status="sent"]`).waitFor({ timeout: 30_000 });
  const visit1 = await apiGet<VisitJson>(page, `/visits/${first.id}`);
  assert.equal(visit1.status, 'done');
  assert.equal(visit1.clientId, queued1.id);
  assert.equal(visit1.visitDate, TODAY);
  assert.equal(visit1.employees, 84);
  assert.equal(visit1.capacityUtilization, 61);
  assert.ok(visit1.location && Math.abs(visit1.location.lat - POSITION.latitude) < 1e-6 && Math.abs(visit1.location.lng - POSITION.longitude) < 1e-6, 'the position');
  assert.deepEqual(visit1.demands.map((d) => d.title), ['افزایش قدرت انشعاب برق', 'بخشودگی جرائم بیمهٔ تأمین اجتماعی']);
  assert.deepEqual(visit1.demands.map((d) => [d.agencyId, d.status]), [['power', 'assigned'], ['sso', 'assigned']]);
  assert.equal(visit1.demands[1]!.dueDate, DUE);
  assert.equal(visit1.attachments.length, 1);
  assert.equal(visit1.attachments[0]!.sha256, sha256(keptBytes), 'the server holds the bytes the device kept');
  const served1 = await download(page, `/api/v1/visits/${first.id}/attachments/${visit1.attachments[0]!.id}`);
  assert.equal(sha256(served1), sha256(keptBytes), 'and serves them back unchanged');
  const ofUnit1 = await apiGet<{ items: { clientId: string | null }[] }>(page, `/visits?unitId=${first.unitId}&pageSize=500`);
  assert.equal(ofUnit1.items.filter((v) => v.clientId === queued1.id).length, 1, 'exactly one visit');
  assert.equal((await apiGet<{ total: number }>(page, `/demands?visitId=${first.id}`)).total, 2, 'exactly two demands');
  log('synced: one visit, two demands, the photo with the same bytes');

  // the visit page shows the photo and the coordinates with a link, and prints them
  await page.goto(`/visits/${first.id}`);
  await page.getByTestId('visit-photo').first().waitFor();
  assert.ok(await page.getByTestId('visit-photo').first().evaluate(async (img: HTMLImageElement) => (img.complete || (await new Promise<boolean>((r) => img.addEventListener("load", () => r(true), { once: true })))) && img.naturalWidth > 0));
  await page.getByTestId('visit-location').getByText(/۳۴٫۶۴۰۱|۳۴\.۶۴۰۱/).waitFor();
  assert.match((await page.getByTestId('visit-location').locator('a[href^="geo:"]').getAttribute('href')) ?? '', /^geo:34\.6401\d*,50\.8764\d*$/);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the visit page fits the phone');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.getByTestId('visit-photo').first().isVisible(), 'the photo is in the printed report');
  assert.ok(await page.getByTestId('visit-report').isVisible(), 'the report itself prints');
  await page.emulateMedia({ media: 'screen' });
  await screenshot(page, 'visit-report');

  // ── The second visit: its sync is cut twice, then retried ──
  await page.goto('/field');
  await page.getByTestId('field-visit-card').first().waitFor();
  await setOffline(context, page, true);
  const photo2 = await makeJpeg(page, 220);
  await recordVisit(page, second.id, photo2, { findings: 'بازدید دوم: نیاز به سرمایه در گردش برای خرید مواد اولیه.', demands: ['تسهیلات سرمایه در گردش', 'تقسیط بدهی بیمه'] });
  await waitForDraft(page, second.id, (d) => d.demands.length === 2 && d.photoIds.length === 1 && d.demands[1]!.dueDate === DUE);
  await page.getByTestId('draft-submit').click();
  await page.waitForURL((url) => url.pathname === '/field');
  const queued2 = (await readStore<EntryRow>(page, 'outbox')).find((e) => e.status !== 'sent')!;
  const kept2 = Buffer.from((await readStore<PhotoRow>(page, 'photos')).find((p) => p.id === queued2.photos[0]!.photoId)!.bytes, 'base64');

  // the server acts, but its answers are lost on the way back: first the visit's, then the upload's
  const seen = { visit: [] as string[], upload: [] as string[] };
  let loseVisit = true;
  let loseUpload = true;
  await page.route('**/api/v1/visits', async (route: Route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    seen.visit.push(route.request().headers()['idempotency-key'] ?? '');
    if (!loseVisit) return route.fallback();
    loseVisit = false;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.route('**/api/v1/visits/*/attachments', async (route: Route) => {
    seen.upload.push(route.request().headers()['idempotency-key'] ?? '');
    if (!loseUpload) return route.fallback();
    loseUpload = false;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await setOffline(context, page, false);
  const entry2 = page.locator(`[data-testid="outbox-entry"][data-client-id="${queued2.id}"]`);
  // the first try goes when the network comes back; a lost answer reads as no connection, and the entry waits for
  // the next try (the button, here, rather than the half-minute timer)
  const deadline = Date.now() + 30_000;
  while ((await entry2.getAttribute('data-status')) !== 'sent') {
    assert.ok(Date.now() < deadline, `the second visit was not sent: ${await entry2.textContent()}`);
    const button = page.getByTestId('sync-now');
    if (await button.isEnabled()) await button.click();
    await page.waitForTimeout(700);
  }
  await entry2.and(page.locator('[data-status="sent"]')).waitFor({ timeout: 30_000 });
  await page.unrouteAll({ behavior: 'wait' });
  assert.ok(seen.visit.length >= 2 && new Set(seen.visit).size === 1 && seen.visit[0] === queued2.visit.idempotencyKey, `the visit was sent again with the same key: ${JSON.stringify(seen.visit)}`);
  assert.ok(seen.upload.length >= 2 && new Set(seen.upload).size === 1 && seen.upload[0] === queued2.photos[0]!.idempotencyKey, `the photo was sent again with the same key: ${JSON.stringify(seen.upload)}`);
  const visit2 = await apiGet<VisitJson>(page, `/visits/${second.id}`);
  assert.equal(visit2.clientId, queued2.id);
  assert.equal(visit2.demands.length, 2, 'still exactly two demands');
  assert.equal(visit2.attachments.length, 1, 'still exactly one photo');
  assert.equal(visit2.attachments[0]!.sha256, sha256(kept2));
  assert.equal(sha256(await download(page, `/api/v1/visits/${second.id}/attachments/${visit2.attachments[0]!.id}`)), sha256(kept2));
  const ofUnit2 = await apiGet<{ items: { clientId: string | null }[] }>(page, `/visits?unitId=${second.unitId}&pageSize=500`);
  assert.equal(ofUnit2.items.filter((v) => v.clientId === queued2.id).length, 1, 'still exactly one visit');
  assert.equal((await apiGet<{ total: number }>(page, `/demands?visitId=${second.id}`)).total, 2);
  await screenshot(page, 'outbox-sent');
  log(`interrupted twice and retried (${seen.visit.length} visit sends, ${seen.upload.length} uploads): one visit, two demands, one photo`);
};

export default journey;
