/**
 * The referrals journey: the Industry Organisation's officer (agency.smt) refers a unit to Bank of Industry
 * and Mine, typing the amount in Persian digits; the bank's officer (bank.sanat-madan) sees it in the inbox,
 * acknowledges receipt, starts the review and tries to reject it without the bank letter's number and date —
 * refused, both named at once, nothing changed — then with them (and the letter attached); the agency then
 * reads the written reason. In Persian, right to left, in Chromium.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { formatJalali, tehranDate } from '../src/shared/jalali.js';
import { apiGet, htmlAttributes, loginAs, type Journey } from './harness.js';

const UNIT = 'شرکت صنایع غذایی کوثر قم';
const REASON_TEXT = 'وثیقهٔ ملکی ارائه‌شده ارزش کارشناسی کافی برای پوشش مبلغ درخواستی ندارد.';
const ascii = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[\u200e\u200f\u2066-\u2069]/g, '').trim();

/** Opens a Mantine select by its test id, types to narrow it (when searchable), and picks the option. */
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

async function act(page: Page, to: string) {
  await page.getByTestId(`action-${to}`).click();
  await page.getByTestId('action-confirm').click();
}

interface ReferralJson {
  id: string;
  code: string;
  status: string;
  version: number;
  requestedAmount: string;
  reason: { code: string; text: string; letterNo: string; letterDate: string } | null;
  attachments: { id: string; mime: string }[];
  events: { to: string }[];
}

const journey: Journey = async ({ newPage, screenshot, log }) => {
  const today = tehranDate(new Date());

  // ── The agency refers the unit ──
  const agency = await newPage();
  await loginAs(agency, 'agency.smt');
  await agency.getByTestId('nav-referrals').click();
  await agency.getByRole('heading', { level: 1, name: 'معرفی به بانک' }).waitFor();
  await agency.locator('[data-testid="referrals-table"][aria-busy="false"] tbody tr').first().waitFor();
  await agency.getByTestId('new-referral').click();
  await agency.waitForURL((url) => url.pathname === '/referrals/new');
  await choose(agency, 'referral-unit', 'کوثر', new RegExp(UNIT));
  await choose(agency, 'referral-bank', 'صنعت', /بانک صنعت و معدن/);
  await choose(agency, 'referral-program', '', /رونق تولید/);
  await agency.getByTestId('referral-amount').fill('۱۲٬۵۰۰٬۰۰۰٬۰۰۰');
  // the amount is read back in rials and in billion rials as it is typed
  await agency.getByText(/۱۲٬۵۰۰٬۰۰۰٬۰۰۰\W*ریال = \W*۱۲٫۵۰\W*میلیارد ریال/).waitFor();
  await agency.getByTestId('referral-letter').fill('۳۴۵۶/ص/۱۴۰۵');
  await screenshot(agency, 'form-fa');
  await agency.getByTestId('referral-submit').click();
  await agency.waitForURL((url) => /^\/referrals\/[0-9a-f-]{36}$/.test(url.pathname));
  const id = new URL(agency.url()).pathname.split('/').pop()!;
  const code = ascii((await agency.getByTestId('referral-code').textContent()) ?? '');
  assert.match(code, /^R-\d{4}-\d{6}$/, `tracking code «${code}»`);
  await agency.getByTestId('referral-status').filter({ hasText: 'معرفی‌شده' }).waitFor();
  const created = await apiGet<ReferralJson>(agency, `/referrals/${id}`);
  assert.equal(created.requestedAmount, '12500000000');
  assert.deepEqual(await htmlAttributes(agency), { dir: 'rtl', lang: 'fa' });
  log(`referred ${code}`);

  // ── The bank receives, reviews and rejects ──
  const bank = await newPage();
  await loginAs(bank, 'bank.sanat-madan');
  await bank.getByTestId('nav-bank').click();
  await bank.getByRole('heading', { level: 1, name: 'کارتابل بانک' }).waitFor();
  await bank.getByTestId('stage-referred-count').waitFor();
  await bank.locator('[data-testid="inbox-table"][aria-busy="false"] tbody tr').first().waitFor();
  await screenshot(bank, 'bank-inbox-fa');
  // a bank sees only referrals to it
  const bankList = await apiGet<{ items: { bankId: string }[] }>(bank, '/referrals?pageSize=500');
  assert.ok(bankList.items.length > 0 && bankList.items.every((r) => r.bankId === 'sanat-madan'));

  await bank.goto(`/referrals?q=${code}`);
  await bank.getByTestId('referral-link').filter({ hasText: /R-|[۰-۹]/ }).first().click();
  await bank.waitForURL((url) => url.pathname === `/referrals/${id}`);
  await act(bank, 'received');
  await bank.getByTestId('referral-status').filter({ hasText: 'وصول در بانک' }).waitFor();
  await act(bank, 'under_review');
  await bank.getByTestId('referral-status').filter({ hasText: 'در حال بررسی' }).waitFor();

  // without the letter's number and date: refused, the error shown, nothing changed
  await bank.getByTestId('action-rejected').click();
  await choose(bank, 'reason-code', '', /وثیقه ناکافی/);
  await bank.getByTestId('reason-text').fill(REASON_TEXT);
  await bank.locator('input[type="file"]').setInputFiles({
    name: 'نامه-رد-بانک.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  });
  await bank.getByTestId('action-confirm').click();
  // both missing parts are named at once, on their fields, before anything is sent
  const form = bank.getByTestId('form-rejected');
  await form.getByText('شمارهٔ نامهٔ بانک را وارد کنید').waitFor();
  await form.getByText('تاریخ نامهٔ بانک را وارد کنید').waitFor();
  await screenshot(bank, 'reject-refused-fa');
  const unchanged = await apiGet<ReferralJson>(bank, `/referrals/${id}`);
  assert.equal(unchanged.status, 'under_review');
  assert.equal(unchanged.reason, null);
  assert.equal(unchanged.events.length, 3);

  // with them: rejected, with its written reason
  await bank.getByTestId('reason-letter-no').fill('۷۸۹/ب/۱۴۰۵');
  await typeJalali(bank, 'reason-letter-date', today);
  await bank.getByTestId('action-confirm').click();
  await bank.getByTestId('referral-status').filter({ hasText: 'ردشده' }).waitFor();
  await bank.getByTestId('rejection-reason').waitFor();
  await screenshot(bank, 'rejected-fa');
  const rejected = await apiGet<ReferralJson>(bank, `/referrals/${id}`);
  assert.equal(rejected.status, 'rejected');
  assert.deepEqual({ ...rejected.reason }, { code: 'collateral', name: 'وثیقه ناکافی یا غیرقابل قبول', text: REASON_TEXT, letterNo: '۷۸۹/ب/۱۴۰۵', letterDate: today });
  assert.equal(rejected.attachments.length, 1);
  assert.equal(rejected.attachments[0]!.mime, 'application/pdf');
  log(`${code} rejected with letter ${rejected.reason!.letterNo}`);

  // ── The agency reads the written reason ──
  await agency.reload();
  await agency.getByTestId('referral-status').filter({ hasText: 'ردشده' }).waitFor();
  const reason = agency.getByTestId('rejection-reason');
  await reason.getByText('وثیقه ناکافی یا غیرقابل قبول').waitFor();
  await reason.getByTestId('reason-text-shown').filter({ hasText: REASON_TEXT }).waitFor();
  const letter = (await reason.getByTestId('reason-letter').textContent()) ?? '';
  assert.ok(letter.includes('۷۸۹/ب/۱۴۰۵') && letter.includes(formatJalali(today)), `the letter's number and Jalali date: «${letter}»`);
  await agency.getByTestId('attachment-link').first().waitFor();
  await screenshot(agency, 'agency-sees-reason-fa');
  log('the agency reads the written reason');

  // ── The agency's monitor, the bank's reports, the quotas ──
  await agency.getByTestId('nav-monitor').click();
  await agency.getByRole('heading', { level: 1, name: 'پایش معرفی‌ها' }).waitFor();
  await agency.getByTestId('monitor-table').getByText('بانک صنعت و معدن').first().waitFor();
  await screenshot(agency, 'monitor-fa');
  await bank.getByTestId('nav-bank-reports').click();
  await bank.getByRole('heading', { level: 1, name: 'گزارش عملکرد بانک' }).waitFor();
  await bank.locator('[data-testid="bank-reports-table"] tbody tr').first().waitFor();
  await screenshot(bank, 'bank-reports-fa');
  const secretariat = await newPage();
  await loginAs(secretariat, 'secretariat');
  await secretariat.getByTestId('nav-quotas').click();
  await secretariat.getByRole('heading', { level: 1, name: 'سهمیه‌ها' }).waitFor();
  await secretariat.locator('[data-testid="quotas-table"] tbody tr').first().waitFor();
  await screenshot(secretariat, 'quotas-fa');
  // the province's deadlines for banks: shown to all, changed by the secretariat, refused in Persian when out of range
  await secretariat.goto('/referrals');
  const deadlines = secretariat.getByTestId('referral-deadlines');
  // interpolated values sit inside bidi isolates (U+2068 … U+2069)
  const shown = (receipt: string, decision: string) => new RegExp(`مهلت وصول \u2068?${receipt}\u2069? روز · مهلت تصمیم \u2068?${decision}\u2069? روز`);
  await deadlines.getByText(shown('۵', '۳۰')).waitFor();
  const setDeadlines = async (receipt: string, decision: string) => {
    await secretariat.getByTestId('referral-deadlines-open').click();
    await secretariat.getByTestId('referral-deadlines-receiptDays').fill(receipt);
    await secretariat.getByTestId('referral-deadlines-decisionDays').fill(decision);
    await secretariat.getByTestId('referral-deadlines-save').click();
  };
  await setDeadlines('۰', '۳۰');
  await secretariat.getByText(/عددی از \u2068?۱\u2069? تا \u2068?۳۶۵\u2069? روز وارد کنید/).waitFor();
  await secretariat.getByTestId('referral-deadlines-receiptDays').fill('۷');
  await secretariat.getByTestId('referral-deadlines-save').click();
  await deadlines.getByText(shown('۷', '۳۰')).waitFor();
  await screenshot(secretariat, 'referral-deadlines-fa');
  await bank.goto('/referrals');
  await bank.getByTestId('referral-deadlines').getByText(shown('۷', '۳۰')).waitFor();
  if ((await bank.getByTestId('referral-deadlines-open').count()) !== 0) throw new Error('a bank was offered to change the deadlines');
  log('deadlines: the secretariat set receipt to 7 days; the bank sees it');
  await setDeadlines('5', '30'); // as they were, for the journeys that follow
  await deadlines.getByText(shown('۵', '۳۰')).waitFor();
  await secretariat.goto(`/referrals/${id}`);
  await secretariat.getByTestId('language-switch').getByText('English').click();
  await secretariat.getByTestId('rejection-reason').getByText('Written reason for the rejection').waitFor();
  await screenshot(secretariat, 'referral-en');
};

export default journey;
