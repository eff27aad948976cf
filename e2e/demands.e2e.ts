/**
 * The demands journey: the secretariat records a visit to the demo producer's unit with two demands;
 * the Industry Organisation's officer (agency.smt) starts one, follows it up and resolves it; the
 * producer sees it resolved, with its trail — all in Persian, right to left, in Chromium.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiGet, htmlAttributes, loginAs, type Journey } from './harness.js';

const UNIT = 'شرکت صنایع غذایی کوثر قم';

const ascii = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[\u200e\u200f\u2066-\u2069]/g, '').trim();

/** Opens a Mantine select by its test id, types to narrow it, and picks the option. */
async function choose(page: Page, testId: string, typed: string, option: string | RegExp) {
  const input = page.getByTestId(testId);
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

async function registerDemand(page: Page, d: { category: string; title: string; description: string }): Promise<{ id: string; code: string }> {
  await page.getByTestId('visit-add-demand').click();
  await page.waitForURL((url) => url.pathname === '/demands/new');
  await choose(page, 'demand-category', d.category, d.category);
  await page.getByTestId('demand-title').fill(d.title);
  await page.getByTestId('demand-description').fill(d.description);
  await page.getByTestId('demand-submit').click();
  await page.waitForURL((url) => /^\/demands\/[0-9a-f-]{36}$/.test(url.pathname));
  const id = new URL(page.url()).pathname.split('/').pop()!;
  const code = ascii((await page.getByTestId('demand-code').textContent()) ?? '');
  assert.match(code, /^D-\d{4}-\d{6}$/, `tracking code «${code}»`);
  return { id, code };
}

const journey: Journey = async ({ newPage, screenshot, log }) => {
  // ── The secretariat records the visit and its two demands ──
  const secretariat = await newPage();
  await loginAs(secretariat, 'secretariat');
  await secretariat.getByTestId('nav-visits').click();
  await secretariat.getByRole('heading', { level: 1, name: 'بازدیدهای میدانی' }).waitFor();
  await secretariat.getByTestId('visit-calendar').waitFor();
  await screenshot(secretariat, 'visits-fa');
  await secretariat.getByTestId('new-visit').click();
  await secretariat.waitForURL((url) => url.pathname === '/visits/new');
  await choose(secretariat, 'visit-unit', 'کوثر', new RegExp(UNIT));
  await secretariat.getByTestId('visit-team').fill('دبیرخانهٔ ستاد و کارشناس سازمان صمت');
  await secretariat.getByTestId('visit-employees').fill('84');
  await secretariat.getByTestId('visit-capacity').fill('68');
  await secretariat.getByTestId('visit-findings').fill('کمبود مواد اولیهٔ نشاسته و برگ تشخیص مالیاتی علی‌الرأس.');
  await secretariat.getByTestId('visit-submit').click();
  await secretariat.waitForURL((url) => /^\/visits\/[0-9a-f-]{36}$/.test(url.pathname));
  const visitUrl = secretariat.url();
  await secretariat.getByTestId('visit-report').getByText(UNIT).first().waitFor();
  assert.equal(await secretariat.getByTestId('observed-employees').textContent(), '۸۴');

  const first = await registerDemand(secretariat, {
    category: 'تأمین مواد اولیه',
    title: 'تأمین سهمیهٔ نشاسته از بورس کالا',
    description: 'سهمیهٔ ماهانهٔ نشاسته نصف نیاز خط تولید است.',
  });
  // the category suggested the agency: the Industry Organisation
  await secretariat.getByText('سازمان صنعت، معدن و تجارت استان').first().waitFor();
  await secretariat.getByTestId('demand-status').filter({ hasText: 'ارجاع‌شده به دستگاه' }).waitFor();
  await secretariat.goto(visitUrl);
  const second = await registerDemand(secretariat, {
    category: 'مالیات و ارزش افزوده',
    title: 'اعتراض به مالیات علی‌الرأس سال ۱۴۰۳',
    description: 'برگ تشخیص بدون رسیدگی به دفاتر صادر شده است.',
  });
  assert.notEqual(first.code, second.code);
  await secretariat.goto(visitUrl);
  await secretariat.locator('[data-testid="visit-demands"] tbody tr').nth(1).waitFor();
  assert.equal(await secretariat.locator('[data-testid="visit-demands"] tbody tr').count(), 2);
  assert.deepEqual(await htmlAttributes(secretariat), { dir: 'rtl', lang: 'fa' });
  const reportText = (await secretariat.getByTestId('visit-report').textContent()) ?? '';
  assert.match(reportText, /[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}/, 'the report dates are Jalali with Persian digits');
  await secretariat.emulateMedia({ media: 'print' });
  await screenshot(secretariat, 'visit-report-print');
  await secretariat.emulateMedia({ media: 'screen' });
  log(`visit with ${first.code} and ${second.code}`);

  // ── The agency officer starts, follows up and resolves the first ──
  const agency = await newPage();
  await loginAs(agency, 'agency.smt');
  await agency.getByTestId('nav-inbox').click();
  await agency.getByRole('heading', { level: 1, name: 'کارتابل مطالبات' }).waitFor();
  await agency.locator('[data-testid="inbox-table"][aria-busy="false"] tbody tr').first().waitFor();
  await screenshot(agency, 'inbox-fa');
  // the other demand went to the tax administration: not in this inbox
  const theirs = await apiGet<{ items: { id: string }[] }>(agency, `/demands?q=${second.code}`);
  assert.deepEqual(theirs.items, []);
  await agency.goto(`/demands?q=${first.code}`);
  await agency.getByTestId('demand-link').first().click();
  await agency.waitForURL((url) => url.pathname === `/demands/${first.id}`);
  await agency.getByTestId('action-in_progress').click();
  await agency.getByTestId('action-confirm').click();
  await agency.getByTestId('demand-status').filter({ hasText: 'در دست اقدام' }).waitFor();
  await agency.getByTestId('followup-note').fill('سهمیهٔ تکمیلی از بورس کالا درخواست شد.');
  await agency.getByTestId('followup-submit').click();
  await agency.getByTestId('followup').filter({ hasText: 'سهمیهٔ تکمیلی از بورس کالا درخواست شد.' }).waitFor();
  // resolving needs no reason; "unresolvable" would
  await agency.getByTestId('action-resolved').click();
  await agency.getByTestId('action-note').fill('سهمیهٔ ماه آینده دو برابر شد.');
  await agency.getByTestId('action-confirm').click();
  await agency.getByTestId('demand-status').filter({ hasText: 'رفع‌شده' }).waitFor();
  assert.equal(await agency.getByTestId('demand-actions').count(), 0, 'no action is left for the agency on a resolved demand');
  await screenshot(agency, 'demand-resolved-fa');

  // ── The producer sees it resolved, with the trail ──
  const producer = await newPage();
  await loginAs(producer, 'producer.demo');
  await producer.getByTestId('nav-demands').click();
  await producer.getByRole('heading', { level: 1, name: 'مطالبات واحد من' }).waitFor();
  await producer.getByTestId('demands-search').fill(first.code);
  const row = producer.locator('[data-testid="demands-table"] tbody tr').filter({ hasText: 'تأمین سهمیهٔ نشاسته از بورس کالا' });
  await row.getByTestId('demand-status').filter({ hasText: 'رفع‌شده' }).waitFor();
  await row.getByTestId('demand-link').click();
  await producer.getByTestId('followup').filter({ hasText: 'سهمیهٔ تکمیلی از بورس کالا درخواست شد.' }).waitFor();
  await producer.getByTestId('history').getByText('سهمیهٔ ماه آینده دو برابر شد.').waitFor();
  const seen = await apiGet<{ status: string; followups: unknown[] }>(producer, `/demands/${first.id}`);
  assert.equal(seen.status, 'resolved');
  assert.equal(seen.followups.length, 1);
  await screenshot(producer, 'producer-demand-fa');
  log(`producer sees ${first.code} resolved`);
};

export default journey;
