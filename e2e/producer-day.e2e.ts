/**
 * A producer's whole day with Tashil (issue 11), every SMS read from the SMPP centre the server sends through — the
 * Persian text re-assembled from its UCS-2 parts as the phone shows it.
 *
 * A newcomer registers with a new mobile at «ثبت‌نام تولیدکننده» (the code comes by SMS) and claims a demo unit; the
 * secretariat approves the claim. The producer applies for a loan (program, facility type, amount, purpose, a PDF);
 * the committee returns it with what is missing; the producer completes it and sends it again; the committee approves
 * it; the secretariat refers it to a bank from the application's page; the bank receives, approves and pays. Then the
 * producer raises a demand with a photo, the Industry Organisation answers and resolves it, the producer rates it 4
 * with a comment, and the agency scorecard's satisfaction count and mean move by that rating (API and page agree).
 * After each step the producer has the SMS and sees the state on their page.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { internationalMobile } from '../src/shared/mobile.js';
import type { TestCentre } from '../src/server/modules/sms/sms.test-centre.js';
import { demoPhoto } from '../src/server/seed/demo-files.js';
import { apiGet, approveClaim, assertEveryInputLabelled, chooseOption, loginAs, nationalCode, persianNumber, registerProducer, type Journey } from './harness.js';

const WAIT = { timeout: 30_000 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const FULL_NAME = 'سمیرا کاظمی‌نژاد';
const RETURN_NOTE = 'صورت‌های مالی حسابرسی‌شدهٔ سال گذشته را پیوست کنید.';
const AGENCY = 'smt';
const DEMAND_TITLE = 'کمبود ورق فولادی برای خط بسته‌بندی';
const ANSWER = 'سهمیهٔ ورق از بورس کالا برای واحد شما تخصیص یافت.';

/** Without the direction marks and isolates the app puts around codes and numbers. */
const plain = (s: string | null) => (s ?? '').replace(/[\u2066-\u2069\u200e\u200f]/g, '').trim();
const asciiDigits = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));

/**
 * The producer's phone: the messages the SMS centre took for their number, whole. `receives` waits for one not yet
 * read whose text (direction marks aside) matches, marks it read — so a step whose text comes twice (taken up for
 * review again) needs two — and returns it as it arrived. A wait may start before the step that sends the message,
 * and run beside the producer looking at their page.
 */
function phoneOf(centre: TestCentre, mobile: string) {
  const number = internationalMobile(mobile);
  const read = new Set<number>();
  return {
    receives(what: string, pattern: RegExp, ms = 30_000): Promise<string> {
      const waiting = this.wait(what, pattern, ms);
      waiting.catch(() => undefined); // awaited later; a journey that failed meanwhile must not leave it unhandled
      return waiting;
    },
    async wait(what: string, pattern: RegExp, ms: number): Promise<string> {
      const until = Date.now() + ms;
      for (;;) {
        const messages = centre.messagesFor(number);
        const i = messages.findIndex((text, n) => !read.has(n) && pattern.test(plain(text)));
        if (i >= 0) {
          read.add(i);
          return messages[i]!;
        }
        if (Date.now() > until) throw new Error(`no SMS ${what} reached ${mobile} within ${ms / 1000} s; the phone has:\n${messages.join('\n---\n')}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}

async function act(page: Page, to: string, note?: string) {
  await page.getByTestId(`action-${to}`).click();
  if (note) await page.getByTestId('loan-action-note').fill(note);
  await page.getByTestId('action-confirm').click();
}

async function statusIs(page: Page, testId: string, status: string) {
  await page.locator(`[data-testid="${testId}"][data-status="${status}"]`).first().waitFor(WAIT);
}

interface Satisfaction {
  count: number;
  mean: number | null;
}

const satisfactionOf = async (page: Page): Promise<Satisfaction> =>
  (await apiGet<{ items: { agencyId: string; satisfaction: Satisfaction }[] }>(page, '/stats/agencies')).items.find((i) => i.agencyId === AGENCY)?.satisfaction ?? { count: 0, mean: null };

const journey: Journey = async ({ newPage, smsCentre, screenshot, log }) => {
  assert.ok(smsCentre, 'this journey reads the producer’s phone from the SMS centre scripts/e2e.mjs starts: run it without E2E_BASE_URL');
  const mobile = `0937${String(Date.now()).slice(-7)}`;
  const phone = phoneOf(smsCentre, mobile);
  const started = Date.now();
  const at = () => `${Math.round((Date.now() - started) / 1000)} s`;

  const secretariat = await newPage();
  await loginAs(secretariat, 'secretariat');
  const units = await apiGet<{ items: { id: string; name: string; nationalId: string }[] }>(secretariat, '/units?pageSize=10&sort=name');
  const unit = units.items[6]!;
  const satisfactionBefore = await satisfactionOf(secretariat);

  // ── register at «ثبت‌نام تولیدکننده» with the code the phone receives, claiming the unit ──
  const page = await newPage();
  /** The producer looks again at the page they are on (a reload, as a person refreshes). */
  const pageShows = async (testId: string, status: string) => {
    await page.reload();
    await statusIs(page, testId, status);
  };
  await registerProducer(page, { mobile, fullName: FULL_NAME, nationalCode: nationalCode('004812399'), unitNationalId: unit.nationalId }, async () => {
    const sms = await phone.receives('with the registration code', /کد .+ شما: [0-9۰-۹]{6}/);
    const code = asciiDigits(/([0-9۰-۹]{6})/.exec(sms)![1]!);
    log(`${mobile} got its code ${code} from the SMPP centre, claims ${unit.name} (${at()})`);
    return code;
  });
  await phone.receives('that the claim is registered', /درخواست نمایندگی واحد «.+» ثبت شد/);

  // ── the secretariat approves the claim ──
  await approveClaim(secretariat, mobile);
  await phone.receives('that the claim is approved', /درخواست نمایندگی واحد «.+» تأیید شد/);
  await page.goto(`/units/${unit.id}`);
  await page.getByText(unit.name).first().waitFor(WAIT);

  // ── the producer applies: program, facility type, amount, purpose, a PDF ──
  await page.goto('/loan-applications');
  await page.getByRole('heading', { level: 1, name: 'درخواست‌های تسهیلات من' }).waitFor(WAIT);
  await page.getByTestId('loan-new').click();
  await page.waitForURL((url) => url.pathname === '/loan-applications/new');
  await chooseOption(page, 'loan-program', '', /رونق تولید/);
  await chooseOption(page, 'loan-facility', '', 'سرمایهٔ ثابت');
  await page.getByTestId('loan-amount').fill('۲۵۰۰۰۰۰۰۰۰');
  assert.equal(await page.getByTestId('loan-amount').inputValue(), '۲٬۵۰۰٬۰۰۰٬۰۰۰', 'the amount is grouped as it is typed');
  await page.getByTestId('loan-purpose').fill('خرید دستگاه برش لیزری برای خط تولید');
  await page.locator('input[type="file"]').setInputFiles({ name: 'پروانه-بهره‌برداری.pdf', mimeType: 'application/pdf', buffer: PDF });
  await screenshot(page, 'apply');
  await page.getByTestId('loan-submit').click();
  await page.waitForURL((url) => /^\/loan-applications\/[0-9a-f-]{36}$/.test(url.pathname), WAIT);
  const applicationId = page.url().split('/').at(-1)!;
  await statusIs(page, 'loan-status', 'submitted');
  await page.getByTestId('loan-attachment-link').first().waitFor(WAIT);
  const trackingCode = plain(await page.getByTestId('loan-code').textContent());
  const applied = await apiGet<{ facilityType: string; requestedAmount: string }>(page, `/loan-applications/${applicationId}`);
  assert.deepEqual([applied.facilityType, applied.requestedAmount], ['fixed_capital', '2500000000']);
  log(`applied: ${trackingCode} (${at()})`);

  // ── the committee takes it up and returns it with what is missing ──
  await secretariat.goto(`/loan-applications/${applicationId}`);
  await act(secretariat, 'under_review');
  await statusIs(secretariat, 'loan-status', 'under_review');
  const reviewSms = phone.receives('that the committee reviews it', /در کمیته بررسی می‌شود/);
  await act(secretariat, 'returned', RETURN_NOTE);
  await statusIs(secretariat, 'loan-status', 'returned');

  // ── the producer hears of both, reads what is missing, completes it and sends it again ──
  const [review] = await Promise.all([
    reviewSms,
    phone.receives('that it is returned, with what is missing', /برای تکمیل برگشت خورد[\s\S]*صورت‌های مالی حسابرسی‌شده/),
    pageShows('loan-status', 'returned'),
  ]);
  assert.ok(review.includes(`\u2066${asciiDigits(trackingCode)}\u2069`), `the SMS names the tracking code, isolated: ${review}`);
  await page.getByTestId('loan-return-note').filter({ hasText: RETURN_NOTE }).waitFor(WAIT);
  await screenshot(page, 'returned');
  await page.getByTestId('loan-edit-amount').fill('۳۰۰۰۰۰۰۰۰۰');
  await page.getByTestId('loan-edit-save').click();
  await page.getByTestId('loan-amount-shown').filter({ hasText: '۳٬۰۰۰٬۰۰۰٬۰۰۰' }).waitFor(WAIT);
  await page.locator('input[type="file"]').setInputFiles({ name: 'صورت-مالی-۱۴۰۴.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByTestId('loan-attachment-upload').click();
  await page.getByTestId('loan-attachment-link').nth(1).waitFor(WAIT);
  await act(page, 'submitted');
  await statusIs(page, 'loan-status', 'submitted');

  // ── the committee approves it ──
  await secretariat.reload();
  await act(secretariat, 'under_review');
  await statusIs(secretariat, 'loan-status', 'under_review');
  await act(secretariat, 'approved');
  await statusIs(secretariat, 'loan-status', 'approved');
  await Promise.all([
    phone.receives('that the committee reviews it again', /در کمیته بررسی می‌شود/),
    phone.receives('that the committee approved it', /در کمیته تأیید شد/),
    pageShows('loan-status', 'approved'),
  ]);

  // ── the secretariat refers it to a bank («معرفی به بانک») from the application ──
  await secretariat.getByTestId('loan-refer').click();
  await secretariat.waitForURL((url) => url.pathname === '/referrals/new');
  assert.equal(await secretariat.getByTestId('referral-amount').inputValue(), '۳٬۰۰۰٬۰۰۰٬۰۰۰', 'the referral form takes the application’s amount');
  await chooseOption(secretariat, 'referral-bank', 'صنعت', /صنعت و معدن/);
  await secretariat.getByTestId('referral-submit').click();
  await secretariat.waitForURL((url) => /^\/referrals\/[0-9a-f-]{36}$/.test(url.pathname), WAIT);
  const referralId = secretariat.url().split('/').at(-1)!;
  const referred = await apiGet<{ status: string; referralId: string }>(secretariat, `/loan-applications/${applicationId}`);
  assert.deepEqual([referred.status, referred.referralId], ['referred', referralId]);
  await Promise.all([phone.receives('that it was referred to the bank', /به بانک صنعت و معدن معرفی شد/), pageShows('loan-status', 'referred')]);

  // ── the bank receives it, approves and pays; the producer follows it on the same page ──
  const bank = await newPage();
  await loginAs(bank, 'bank.sanat-madan');
  await bank.goto(`/referrals/${referralId}`);
  const bankSteps = [
    ['received', 'وصول در بانک', 'that the bank received it', /وصول شد/],
    ['under_review', 'در حال بررسی', null, null],
    ['approved', 'مصوب', 'that the bank approved it', /تسهیلات شما را تصویب کرد/],
    ['paid', 'پرداخت‌شده', 'that it was paid', /تسهیلات شما پرداخت شد/],
  ] as const;
  for (const [to, label, what, pattern] of bankSteps) {
    await bank.getByTestId(`action-${to}`).click();
    await bank.getByTestId('action-confirm').click();
    await bank.getByTestId('referral-status').filter({ hasText: label }).waitFor(WAIT);
    if (!what) continue;
    await Promise.all([phone.receives(what, pattern), pageShows('loan-referral-status', to)]);
  }
  await page.getByTestId('history').getByText(FULL_NAME).first().waitFor(WAIT);
  await screenshot(page, 'paid');
  log(`${trackingCode} referred, received, approved and paid; each step reached the phone (${at()})`);

  // ── the producer raises a demand with a photo ──
  await page.getByTestId('nav-demands').click();
  await page.getByTestId('new-demand').click();
  await page.waitForURL((url) => url.pathname === '/demands/new');
  await chooseOption(page, 'demand-category', 'مواد اولیه', 'تأمین مواد اولیه');
  await page.getByTestId('demand-title').fill(DEMAND_TITLE);
  await page.getByTestId('demand-description').fill('ورق فولادی مورد نیاز خط بسته‌بندی دو ماه است تأمین نشده و خط با نصف ظرفیت کار می‌کند.');
  await page.getByTestId('demand-files-input').setInputFiles({ name: 'انبار ورق.png', mimeType: 'image/png', buffer: demoPhoto(20, 320, 240) });
  await page.getByTestId('demand-files-chosen').getByText('انبار ورق.png').waitFor();
  await assertEveryInputLabelled(page, 'the producer’s demand form');
  await screenshot(page, 'new-demand');
  await page.getByTestId('demand-submit').click();
  await page.waitForURL((url) => /^\/demands\/[0-9a-f-]{36}$/.test(url.pathname), WAIT);
  const demandId = new URL(page.url()).pathname.split('/').pop()!;
  const photo = page.getByTestId('attachment-photo').locator('img');
  await photo.waitFor(WAIT);
  await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth === 320, await photo.elementHandle(), WAIT);
  const demand = await apiGet<{ code: string; status: string; unitId: string; attachments: { fileName: string; mime: string }[] }>(page, `/demands/${demandId}`);
  assert.deepEqual([demand.status, demand.unitId], ['registered', unit.id]);
  assert.deepEqual(demand.attachments.map((a) => [a.fileName, a.mime]), [['انبار ورق.png', 'image/png']]);
  log(`${demand.code} raised with a photo (${at()})`);

  // ── the secretariat assigns it to the Industry Organisation, which answers and resolves it ──
  await secretariat.goto(`/demands/${demandId}`);
  await secretariat.getByTestId('attachment-photo').waitFor(WAIT);
  await secretariat.getByTestId('action-assigned').click();
  await chooseOption(secretariat, 'action-agency', 'صنعت', 'سازمان صنعت، معدن و تجارت استان');
  await secretariat.getByTestId('action-confirm').click();
  await secretariat.getByTestId('demand-status').filter({ hasText: 'ارجاع‌شده به دستگاه' }).waitFor(WAIT);
  const agency = await newPage();
  await loginAs(agency, 'agency.smt');
  await agency.goto(`/demands/${demandId}`);
  await agency.getByTestId('followup-note').fill(ANSWER);
  await agency.getByTestId('followup-submit').click();
  await agency.getByTestId('followup').filter({ hasText: ANSWER }).waitFor(WAIT);
  const answerSms = phone.receives('with the agency’s answer', new RegExp(`پاسخ تازه به مطالبهٔ ${demand.code}`));
  await agency.getByTestId('action-resolved').click();
  await agency.getByTestId('action-note').fill('ورق تحویل واحد شد.');
  await agency.getByTestId('action-confirm').click();
  await agency.getByTestId('demand-status').filter({ hasText: 'رفع‌شده' }).waitFor(WAIT);

  // ── the producer hears of both, reads the answer and rates the handling 4 with a comment ──
  const [answer] = await Promise.all([
    answerSms,
    phone.receives('that the demand is resolved', new RegExp(`^مطالبهٔ ${demand.code} شما رفع‌شده اعلام شد`)),
    (async () => {
      await page.reload();
      await page.getByTestId('followup').filter({ hasText: ANSWER }).waitFor(WAIT);
      await page.getByTestId('demand-status').filter({ hasText: 'رفع‌شده' }).waitFor(WAIT);
    })(),
  ]);
  assert.ok(plain(answer).includes(ANSWER), `the answer is in the SMS: ${answer}`);
  await page.getByTestId('demand-feedback-form').waitFor(WAIT);
  await page.getByRole('radio', { name: /^۴ از ۵/ }).waitFor({ state: 'attached', ...WAIT });
  await page.getByTestId('feedback-star-4').click();
  assert.equal(await page.getByRole('radio', { name: /^۴ از ۵/ }).isChecked(), true);
  await page.getByTestId('feedback-comment-input').fill('پاسخ دستگاه سریع و روشن بود.');
  await assertEveryInputLabelled(page, 'the rating form');
  await page.getByTestId('feedback-submit').click();
  await page.getByTestId('demand-feedback').waitFor(WAIT);
  assert.equal(plain(await page.getByTestId('feedback-value').textContent()), '۴ از ۵ — راضی');
  assert.equal(await page.getByTestId('demand-feedback-form').count(), 0, 'rated once: the form is gone');
  await screenshot(page, 'rated');

  // ── the agency scorecard counts it: the API's figures, and the same on the page ──
  const after = await satisfactionOf(secretariat);
  assert.equal(after.count, satisfactionBefore.count + 1);
  assert.ok(after.mean !== null);
  assert.ok(Math.abs(after.mean - ((satisfactionBefore.mean ?? 0) * satisfactionBefore.count + 4) / after.count) < 0.006, `mean ${after.mean}`);
  await secretariat.goto('/stats/agencies');
  const row = secretariat.getByTestId(`agency-row-${AGENCY}`);
  await row.waitFor(WAIT);
  await secretariat.locator('[data-testid="agency-table"][aria-busy="false"]').waitFor(WAIT);
  assert.equal(plain(await row.getByTestId(`agency-${AGENCY}-satisfactionCount`).textContent()), persianNumber(after.count));
  const mean = new Intl.NumberFormat('fa-IR', { numberingSystem: 'arabext', maximumFractionDigits: 2 }).format(after.mean);
  assert.ok(mean.includes('٫') || Number.isInteger(after.mean), `the mean «${mean}» has the Persian decimal separator`);
  assert.equal(plain(await row.getByTestId(`agency-${AGENCY}-satisfactionMean`).textContent()), `${mean} از ۵`);
  await row.scrollIntoViewIfNeeded();
  await screenshot(secretariat, 'scorecard');
  // ── what reached the phone: every message whole, UCS-2, the long ones in parts ──
  const number = internationalMobile(mobile);
  const parts = smsCentre.accepted.filter((r) => r.destination === number);
  const messages = smsCentre.messagesFor(number);
  assert.ok(parts.every((r) => r.dataCoding === 8), 'Persian goes as UCS-2 (data_coding 8)');
  assert.ok(parts.some((r) => r.concat !== null) && parts.length > messages.length, 'the long messages came in parts');
  assert.ok(messages.every((text) => text.trimEnd().endsWith('سامانه تسهیل')), `every message arrived whole, down to its signature:\n${messages.join('\n---\n')}`);
  log(`scorecard: ${after.count} ratings, mean ${after.mean}; ${messages.length} SMS (${parts.length} parts) reached the phone (${at()})`);
};

/** Two journeys' worth of steps (an application to payment, a demand to its rating): more than the runner's 180 s on a loaded machine. */
export const timeoutMs = 300_000;

export default journey;
