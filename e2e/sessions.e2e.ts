/**
 * The working-group journey: the secretariat prepares a session from two escalated demands, records
 * attendance and two resolutions, and prints the minutes (صورتجلسه); the Industry Organisation's
 * officer (agency.smt) objects to one — the secretariat upholds it — and carries out the other.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { addDays, formatJalali, tehranDate } from '../src/shared/jalali.js';
import { apiGet, htmlAttributes, loginAs, type Journey } from './harness.js';

const screenshotsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const persianDigits = (n: number) => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
const ascii = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[\u200e\u200f\u2066-\u2069]/g, '').trim();

/** POST from inside the page, with its session cookie and the CSRF header (what the app itself sends). */
async function apiPost<T>(page: Page, url: string, body: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([u, b]) => {
      const response = await fetch(`/api/v1${u}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', 'x-requested-with': 'tashil' }, body: JSON.stringify(b) });
      return { status: response.status, body: await response.text() };
    },
    [url, body] as const,
  );
  assert.ok(result.status < 300, `POST /api/v1${url} answered ${result.status}: ${result.body.slice(0, 300)}`);
  return JSON.parse(result.body) as T;
}

/** Opens a Mantine select by its test id, types to narrow it, and picks the option. */
async function choose(page: Page, testId: string, typed: string, option: string | RegExp) {
  const input = page.getByTestId(testId);
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** Types a Jalali date into a date input as a person would, and closes its calendar. */
async function typeJalali(page: Page, name: string, iso: string) {
  const input = page.locator(`input[name="${name}"]`);
  await input.click();
  await input.fill(formatJalali(iso, { digits: 'latn' }));
  await page.keyboard.press('Tab');
  await page.locator('[data-testid="jalali-calendar"]').waitFor({ state: 'detached', timeout: 3_000 }).catch(() => undefined);
}

async function act(page: Page, to: string, note?: string) {
  await page.getByTestId(`action-${to}`).click();
  if (note) await page.getByTestId('action-note').fill(note);
  await page.getByTestId('action-confirm').click();
}

const journey: Journey = async ({ newPage, screenshot, log }) => {
  const today = tehranDate(new Date());
  const sec = await newPage();
  await loginAs(sec, 'secretariat');

  // ── Two demands are escalated to the working group (through the API, as the demands module would) ──
  const units = await apiGet<{ items: { id: string; name: string }[] }>(sec, '/units?pageSize=3&sort=name');
  const escalated: { id: string; code: string; title: string }[] = [];
  for (const [i, title] of ['قطعی مکرر برق خط تولید', 'توقف ترخیص مواد اولیه در گمرک'].entries()) {
    const d = await apiPost<{ id: string; code: string; version: number }>(sec, '/demands', {
      unitId: units.items[i]!.id,
      categoryCode: i === 0 ? 'power' : 'customs',
      title,
      description: 'موضوع در سطح دستگاه حل نشد و به کارگروه ارجاع می‌شود.',
      agencyId: 'smt',
      priority: 'high',
      dueDate: addDays(today, 10),
    });
    await apiPost(sec, `/demands/${d.id}/transitions`, { to: 'escalated', version: d.version, note: 'نیازمند تصمیم کارگروه' });
    escalated.push({ id: d.id, code: d.code, title });
  }
  log(`escalated ${escalated.map((d) => d.code).join(', ')}`);

  // ── The secretariat creates today's session ──
  await sec.getByTestId('nav-sessions').click();
  await sec.getByRole('heading', { level: 1, name: 'جلسات کارگروه' }).waitFor();
  await sec.locator('[data-testid="sessions-table"][aria-busy="false"] tbody tr').first().waitFor();
  await screenshot(sec, 'sessions-list');
  await sec.getByTestId('session-new').click();
  await typeJalali(sec, 'session-held-on', today);
  await sec.getByTestId('session-title').fill('بررسی مطالبات ارجاعی واحدهای صنعتی');
  await sec.getByTestId('session-chair').fill('معاون هماهنگی امور اقتصادی استاندار');
  await sec.getByTestId('session-location').fill('سالن جلسات استانداری');
  await sec.getByTestId('session-create-submit').click();
  await sec.waitForURL((url) => /^\/sessions\/[0-9a-f-]{36}$/.test(url.pathname));
  const sessionId = new URL(sec.url()).pathname.split('/').pop()!;
  const session = await apiGet<{ number: number; fiscalYear: number; heldOn: string }>(sec, `/sessions/${sessionId}`);
  assert.equal(session.heldOn, today);
  // the session's page arrives with its own chunk: the list's title stays until it is drawn
  const heading = ascii((await sec.getByTestId('page-title').filter({ hasText: 'جلسهٔ' }).textContent()) ?? '');
  assert.equal(heading, `جلسهٔ ${session.number} کارگروه — سال ${session.fiscalYear}`);
  log(`session ${session.number} of ${session.fiscalYear}`);

  // ── The agenda from the two escalated demands offered as candidates ──
  for (const d of escalated) {
    const candidate = sec.locator(`[data-testid="candidate"][data-ref="${d.id}"]`);
    await candidate.waitFor();
    await candidate.getByTestId('candidate-add').click();
    await candidate.getByTestId('candidate-add').filter({ hasText: 'در دستور است' }).waitFor();
  }
  await sec.getByTestId('agenda-item').nth(1).waitFor();
  assert.equal(await sec.getByTestId('agenda-item').count(), 2);

  // ── Attendance ──
  for (const [name, title, present] of [
    ['علی رضایی', 'رئیس سازمان صنعت، معدن و تجارت', true],
    ['مریم احمدی', 'مدیرکل امور مالیاتی', false],
  ] as const) {
    await sec.getByTestId('attendee-name').fill(name);
    await sec.getByTestId('attendee-title').fill(title);
    await sec.getByTestId('attendee-add').click();
    if (!present) await sec.getByTestId('attendee-present').last().uncheck();
  }
  await Promise.all([
    sec.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/sessions/${sessionId}`) && r.status() === 200),
    sec.getByTestId('attendance-save').click(),
  ]);
  await sec.getByTestId('attendance').getByText('۱ حاضر از ۲').waitFor();
  await sec.getByTestId('session-mark-held').click();
  await sec.getByTestId('session-status').filter({ hasText: 'برگزارشده' }).waitFor({ timeout: 5000 }).catch(async (e) => {
    await screenshot(sec, 'debug-held');
    throw e;
  });

  // ── Two resolutions, one per agenda item ──
  const texts = ['شرکت توزیع نیروی برق ظرف دو هفته خط اختصاصی واحد را برقرار کند.', 'سازمان صنعت، معدن و تجارت ترخیص مواد اولیه را با گمرک پیگیری و نتیجه را گزارش کند.'];
  for (const [i, text] of texts.entries()) {
    await choose(sec, 'resolution-agenda-item', '', new RegExp(escalated[i]!.title));
    await sec.getByTestId('resolution-text').fill(text);
    await choose(sec, 'resolution-agencies', 'صنعت', 'سازمان صنعت، معدن و تجارت استان');
    await sec.getByTestId('resolution-text').click();
    await typeJalali(sec, 'resolution-due', addDays(today, 20 + i * 10));
    await sec.getByTestId('resolution-submit').click();
    await sec.getByTestId('resolution-row').nth(i).waitFor();
  }
  const detail = await apiGet<{ resolutions: { id: string; code: string; text: string; agencies: { id: string }[] }[]; attendees: unknown[] }>(sec, `/sessions/${sessionId}`);
  assert.equal(detail.resolutions.length, 2);
  assert.deepEqual(detail.resolutions.map((r) => r.agencies.map((a) => a.id)), [['smt'], ['smt']]);
  const [objectTo, carryOut] = detail.resolutions as [(typeof detail.resolutions)[number], (typeof detail.resolutions)[number]];
  await screenshot(sec, 'session');

  // ── The printed minutes ──
  const [minutes] = await Promise.all([sec.context().waitForEvent('page'), sec.getByTestId('minutes-open').click()]);
  await minutes.waitForLoadState('load');
  await minutes.evaluate(() => document.fonts.ready.then(() => undefined));
  assert.deepEqual(await htmlAttributes(minutes), { dir: 'rtl', lang: 'fa' });
  const body = (await minutes.locator('body').textContent()) ?? '';
  assert.ok(body.includes(`صورتجلسهٔ جلسهٔ ${persianDigits(session.number)} کارگروه`) && body.includes(`سال ${persianDigits(session.fiscalYear)}`), 'the minutes name the session and its year in Persian digits');
  assert.ok(body.includes(formatJalali(today)), 'the minutes carry the Jalali date in Persian digits');
  for (const r of detail.resolutions) assert.ok(body.includes(r.code) && body.includes(r.text), `the minutes list ${r.code}`);
  assert.ok(body.includes('علی رضایی') && body.includes('غایب'), 'the minutes list attendees with presence');
  assert.ok(body.includes('امضا') && body.includes('دبیر کارگروه'), 'the minutes have signature lines');
  assert.equal(await minutes.evaluate(() => getComputedStyle(document.body).fontFamily.split(',')[0]), 'Vazirmatn');
  await minutes.emulateMedia({ media: 'print' });
  mkdirSync(screenshotsDir, { recursive: true });
  await minutes.screenshot({ path: path.join(screenshotsDir, 'minutes.png'), fullPage: true });
  await screenshot(minutes, 'minutes');
  await minutes.close();
  log('minutes printed → e2e/screenshots/minutes.png');

  // ── The agency objects to one resolution, with reasons, inside its window ──
  const smt = await newPage();
  await loginAs(smt, 'agency.smt');
  await smt.goto(`/resolutions/${objectTo.id}`);
  await smt.getByTestId('objection-window').filter({ hasText: 'اعتراض ممکن است' }).waitFor();
  await act(smt, 'objected', 'اجرای این مصوبه در اختیار شرکت توزیع برق است نه سازمان صمت.');
  await smt.getByTestId('resolution-status').filter({ hasText: 'مورد اعتراض' }).waitFor();

  // ── The secretariat upholds the resolution (→ open) ──
  await sec.goto(`/resolutions/${objectTo.id}`);
  await sec.getByTestId('resolution-status').filter({ hasText: 'مورد اعتراض' }).waitFor();
  await act(sec, 'open', 'اعتراض وارد نیست؛ پیگیری با سازمان صمت است.');
  await sec.getByTestId('resolution-status').filter({ hasText: 'ابلاغ‌شده' }).waitFor();
  await sec.getByTestId('history').getByText('اعتراض وارد نیست؛ پیگیری با سازمان صمت است.').waitFor();

  // the objection cannot be raised twice: the agency is now offered only to carry it out
  await smt.reload();
  await smt.getByTestId('resolution-status').filter({ hasText: 'ابلاغ‌شده' }).waitFor();
  assert.equal(await smt.getByTestId('action-objected').count(), 0);

  // ── The agency carries out the other ──
  await smt.goto(`/resolutions/${carryOut.id}`);
  await act(smt, 'in_progress');
  await smt.getByTestId('resolution-status').filter({ hasText: 'در دست اجرا' }).waitFor();
  await act(smt, 'done', 'خط اختصاصی برقرار و صورتجلسهٔ تحویل امضا شد.');
  await smt.getByTestId('resolution-status').filter({ hasText: 'اجراشده' }).waitFor();
  await screenshot(smt, 'resolution-done');

  // ── The tracking board, as the agency sees it ──
  await smt.getByTestId('nav-resolutions').click();
  await smt.getByRole('heading', { level: 1, name: 'پیگیری مصوبات' }).waitFor();
  await smt.getByTestId('board-agency').first().waitFor();
  assert.deepEqual(await smt.getByTestId('board-agency').evaluateAll((els) => els.map((e) => e.getAttribute('data-agency'))), ['smt']);
  const flags = await smt.getByTestId('board-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-overdue')));
  assert.ok(flags.indexOf('false') === -1 || flags.lastIndexOf('true') < flags.indexOf('false'), 'overdue first');
  await screenshot(smt, 'board-agency');
  await smt.getByTestId('language-switch').getByText('English').click();
  await smt.getByRole('heading', { level: 1, name: 'Resolution tracking' }).waitFor();
  assert.deepEqual(await htmlAttributes(smt), { dir: 'ltr', lang: 'en' });
  await screenshot(smt, 'board-agency-en');

  const after = await apiGet<{ status: string }>(sec, `/resolutions/${objectTo.id}`);
  const done = await apiGet<{ status: string }>(sec, `/resolutions/${carryOut.id}`);
  assert.equal(after.status, 'open');
  assert.equal(done.status, 'done');
};

export default journey;
