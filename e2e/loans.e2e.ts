/**
 * Loan applications (issue 11): a newcomer registers with a new mobile (the code read from the SMS outbox, which shows
 * codes in demo mode) and claims a demo unit; the secretariat approves the claim. The producer applies for a loan with
 * a PDF; the committee returns it with what is missing; the producer completes it and sends it again; the committee
 * approves it; the secretariat refers it to a bank from the application's page; the bank receives, approves and pays.
 * The producer sees each step on the application's page, and each reaches their mobile as an SMS.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiGet, chooseOption, loginAs, type Journey } from './harness.js';

function nationalCode(nine: string): string {
  const sum = Array.from(nine, Number).reduce((s, d, i) => s + d * (10 - i), 0);
  const r = sum % 11;
  return nine + String(r < 2 ? r : 11 - r);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const RETURN_NOTE = 'صورت‌های مالی حسابرسی‌شدهٔ سال گذشته را پیوست کنید.';

async function act(page: Page, to: string, note?: string) {
  await page.getByTestId(`action-${to}`).click();
  if (note) await page.getByTestId('loan-action-note').fill(note);
  await page.getByTestId('action-confirm').click();
}

async function statusIs(page: Page, testId: string, status: string) {
  await page.locator(`[data-testid="${testId}"][data-status="${status}"]`).first().waitFor({ timeout: 15_000 });
}

interface Sms {
  text: string;
  kind: string;
  refType: string | null;
}

const journey: Journey = async ({ newPage, screenshot, log }) => {
  const mobile = `0938${String(Date.now()).slice(-7)}`;
  const admin = await newPage();
  await loginAs(admin, 'admin');
  const units = await apiGet<{ items: { id: string; name: string; nationalId: string }[] }>(admin, '/units?pageSize=10&sort=name');
  const unit = units.items[6]!;
  log(`${mobile} claims ${unit.name}`);

  // ── register and claim the unit ──
  const page = await newPage();
  await page.goto('/login');
  await page.getByTestId('register-link').click();
  await page.locator('input[name="mobile"]').fill(mobile);
  await page.getByRole('button', { name: 'دریافت کد تأیید' }).click();
  await page.locator('input[name="code"]').waitFor();
  const outbox = await apiGet<{ items: Sms[] }>(admin, `/sms/outbox?mobile=${mobile}&kind=otp.register`);
  const code = /(\d{6})/.exec(outbox.items[0]?.text ?? '')?.[1];
  assert.ok(code, 'the code is in the SMS outbox');
  await page.locator('input[name="code"]').fill(code);
  await page.locator('input[name="fullName"]').fill('سمیرا کاظمی‌نژاد');
  await page.locator('input[name="nationalCode"]').fill(nationalCode('004812399'));
  await page.locator('input[name="unitNationalId"]').fill(unit.nationalId);
  await page.getByRole('button', { name: 'ثبت‌نام و ثبت درخواست' }).click();
  await page.getByTestId('registration-done').waitFor({ timeout: 15_000 });

  const secretariat = await newPage();
  await loginAs(secretariat, 'secretariat');
  await secretariat.goto('/unit-claims');
  const row = secretariat.locator(`tr[data-mobile="${mobile}"]`);
  await row.waitFor({ timeout: 15_000 });
  await row.getByRole('button', { name: 'تأیید' }).click();
  await row.waitFor({ state: 'detached', timeout: 15_000 });

  // ── the producer applies, with a PDF ──
  await page.goto('/loan-applications');
  await page.getByRole('heading', { level: 1, name: 'درخواست‌های تسهیلات من' }).waitFor();
  await page.getByTestId('loan-new').click();
  await page.waitForURL((url) => url.pathname === '/loan-applications/new');
  await chooseOption(page, 'loan-program', '', /رونق تولید/);
  await page.getByTestId('loan-amount').fill('۲۵۰۰۰۰۰۰۰۰');
  assert.equal(await page.getByTestId('loan-amount').inputValue(), '۲٬۵۰۰٬۰۰۰٬۰۰۰', 'the amount is grouped as it is typed');
  await page.getByTestId('loan-purpose').fill('خرید مواد اولیهٔ شش ماه آینده برای خط تولید');
  await page.locator('input[type="file"]').setInputFiles({ name: 'پروانه-بهره‌برداری.pdf', mimeType: 'application/pdf', buffer: PDF });
  await screenshot(page, 'apply');
  await page.getByTestId('loan-submit').click();
  await page.waitForURL((url) => /^\/loan-applications\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 15_000 });
  const applicationId = page.url().split('/').at(-1)!;
  await statusIs(page, 'loan-status', 'submitted');
  await page.getByTestId('loan-attachment-link').first().waitFor();
  const trackingCode = ((await page.getByTestId('loan-code').textContent()) ?? '').trim();
  log(`applied: ${trackingCode}`);

  // ── the committee takes it up and returns it ──
  await secretariat.goto(`/loan-applications/${applicationId}`);
  await act(secretariat, 'under_review');
  await statusIs(secretariat, 'loan-status', 'under_review');
  await act(secretariat, 'returned', RETURN_NOTE);
  await statusIs(secretariat, 'loan-status', 'returned');

  // ── the producer reads what is missing, completes it and sends it again ──
  await page.reload();
  await page.getByTestId('loan-return-note').filter({ hasText: RETURN_NOTE }).waitFor({ timeout: 15_000 });
  await screenshot(page, 'returned');
  await page.getByTestId('loan-edit-amount').fill('۳۰۰۰۰۰۰۰۰۰');
  await page.getByTestId('loan-edit-save').click();
  await page.getByTestId('loan-amount-shown').filter({ hasText: '۳٬۰۰۰٬۰۰۰٬۰۰۰' }).waitFor({ timeout: 15_000 });
  await page.locator('input[type="file"]').setInputFiles({ name: 'صورت-مالی-۱۴۰۴.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByTestId('loan-attachment-upload').click();
  await page.getByTestId('loan-attachment-link').nth(1).waitFor({ timeout: 15_000 });
  await act(page, 'submitted');
  await statusIs(page, 'loan-status', 'submitted');

  // ── the committee approves, and the secretariat refers it to a bank from the application ──
  await secretariat.reload();
  await act(secretariat, 'under_review');
  await statusIs(secretariat, 'loan-status', 'under_review');
  await act(secretariat, 'approved');
  await statusIs(secretariat, 'loan-status', 'approved');
  await secretariat.getByTestId('loan-refer').click();
  await secretariat.waitForURL((url) => url.pathname === '/referrals/new');
  assert.equal(await secretariat.getByTestId('referral-amount').inputValue(), '۳٬۰۰۰٬۰۰۰٬۰۰۰', 'the referral form takes the application’s amount');
  await chooseOption(secretariat, 'referral-bank', 'صنعت', /صنعت و معدن/);
  await secretariat.getByTestId('referral-submit').click();
  await secretariat.waitForURL((url) => /^\/referrals\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 15_000 });
  const referralId = secretariat.url().split('/').at(-1)!;
  const application = await apiGet<{ status: string; referralId: string }>(secretariat, `/loan-applications/${applicationId}`);
  assert.deepEqual([application.status, application.referralId], ['referred', referralId]);

  // ── the bank receives it, approves and pays ──
  const bank = await newPage();
  await loginAs(bank, 'bank.sanat-madan');
  await bank.goto(`/referrals/${referralId}`);
  for (const [to, label] of [['received', 'وصول در بانک'], ['under_review', 'در حال بررسی'], ['approved', 'مصوب'], ['paid', 'پرداخت‌شده']] as const) {
    await bank.getByTestId(`action-${to}`).click();
    await bank.getByTestId('action-confirm').click();
    await bank.getByTestId('referral-status').filter({ hasText: label }).waitFor({ timeout: 15_000 });
  }

  // ── the producer follows it to payment on one page ──
  await page.reload();
  await statusIs(page, 'loan-status', 'referred');
  await statusIs(page, 'loan-referral-status', 'paid');
  await page.getByTestId('history').getByText('سمیرا کاظمی‌نژاد').first().waitFor();
  await screenshot(page, 'paid');

  // ── and heard of each step by SMS ──
  const wanted: [string, RegExp][] = [
    ['returned', /برای تکمیل برگشت خورد[\s\S]*صورت‌های مالی حسابرسی‌شده/],
    ['under review', /در کمیته بررسی می‌شود/],
    ['approved', /در کمیته تأیید شد/],
    ['referred', /معرفی شد/],
    ['received by the bank', /وصول شد/],
    ['approved by the bank', /تصویب کرد/],
    ['paid', /پرداخت شد/],
  ];
  let texts: string[] = [];
  for (let i = 0; i < 30; i++) {
    texts = (await apiGet<{ items: Sms[] }>(admin, `/sms/outbox?mobile=${mobile}&pageSize=100`)).items.map((m) => m.text);
    if (wanted.every(([, re]) => texts.some((t) => re.test(t)))) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  for (const [what, re] of wanted) assert.ok(texts.some((t) => re.test(t)), `an SMS says the application was ${what}; the outbox has:\n${texts.join('\n---\n')}`);
  assert.ok(texts.some((t) => t.includes(`\u2066${trackingCode.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))}\u2069`)), 'the SMS names the tracking code, isolated');
};

export default journey;
