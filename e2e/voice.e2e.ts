/**
 * The producer's voice (issue 11): the demo producer raises a demand with a photo (picked through the file input),
 * the secretariat assigns it to the Industry Organisation, whose officer answers and resolves it; the producer reads
 * the answer (and got it by SMS), rates the handling 4 of 5 with a comment, and the agency scorecard shows the
 * satisfaction count and mean moved by that rating — in Persian digits, right to left, in Chromium.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../src/server/seed/demo-accounts.js';
import { demoPhoto } from '../src/server/seed/demo-files.js';
import { apiGet, assertEveryInputLabelled, chooseOption, loginAs, persianNumber, type Journey } from './harness.js';

const AGENCY = 'smt';
const TITLE = 'کمبود ورق فولادی برای خط بسته‌بندی';
const ANSWER = 'سهمیهٔ ورق از بورس کالا برای واحد شما تخصیص یافت.';

interface Satisfaction {
  count: number;
  mean: number | null;
}

const satisfactionOf = async (page: Page): Promise<Satisfaction> =>
  (await apiGet<{ items: { agencyId: string; satisfaction: Satisfaction }[] }>(page, '/stats/agencies')).items.find((i) => i.agencyId === AGENCY)?.satisfaction ?? { count: 0, mean: null };

/** Polls until `check` holds (the notification job sends the SMS a few seconds after the change). */
async function eventually<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, ms = 45_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`${what}: not seen in ${ms / 1000} s (${JSON.stringify(value).slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const plain = (s: string | null) => (s ?? '').replace(/[\u2066-\u2069\u200e\u200f]/g, '').trim();

const journey: Journey = async ({ newPage, screenshot, log }) => {
  const admin = await newPage();
  await loginAs(admin, 'admin');
  const before = await satisfactionOf(admin);

  // ── The producer raises a demand with a photo ──
  const producer = await newPage();
  await loginAs(producer, 'producer.demo');
  const mobile = DEMO_ACCOUNTS.find((a) => a.username === 'producer.demo')?.mobile;
  assert.ok(mobile, 'the demo producer has a mobile');
  await producer.getByTestId('nav-demands').click();
  await producer.getByTestId('new-demand').click();
  await producer.waitForURL((url) => url.pathname === '/demands/new');
  await chooseOption(producer, 'demand-category', 'مواد اولیه', 'تأمین مواد اولیه');
  await producer.getByTestId('demand-title').fill(TITLE);
  await producer.getByTestId('demand-description').fill('ورق فولادی مورد نیاز خط بسته‌بندی دو ماه است تأمین نشده و خط با نصف ظرفیت کار می‌کند.');
  await producer.getByTestId('demand-files-input').setInputFiles({ name: 'انبار ورق.png', mimeType: 'image/png', buffer: demoPhoto(20, 320, 240) });
  await producer.getByTestId('demand-files-chosen').getByText('انبار ورق.png').waitFor();
  await assertEveryInputLabelled(producer, 'the producer’s demand form');
  await screenshot(producer, 'new-demand');
  await producer.getByTestId('demand-submit').click();
  await producer.waitForURL((url) => /^\/demands\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 15_000 });
  const id = new URL(producer.url()).pathname.split('/').pop()!;
  const photo = producer.getByTestId('attachment-photo').locator('img');
  await photo.waitFor();
  await producer.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth === 320, await photo.elementHandle());
  const demand = await apiGet<{ code: string; status: string; attachments: { fileName: string; mime: string; url: string }[] }>(producer, `/demands/${id}`);
  assert.equal(demand.status, 'registered');
  assert.deepEqual(demand.attachments.map((a) => [a.fileName, a.mime]), [['انبار ورق.png', 'image/png']]);
  log(`${demand.code} raised with a photo`);

  // ── The secretariat assigns it ──
  const secretariat = await newPage();
  await loginAs(secretariat, 'secretariat');
  await secretariat.goto(`/demands/${id}`);
  await secretariat.getByTestId('attachment-photo').waitFor();
  await secretariat.getByTestId('action-assigned').click();
  await chooseOption(secretariat, 'action-agency', 'صنعت', 'سازمان صنعت، معدن و تجارت استان');
  await secretariat.getByTestId('action-confirm').click();
  await secretariat.getByTestId('demand-status').filter({ hasText: 'ارجاع‌شده به دستگاه' }).waitFor();

  // ── The agency answers and resolves it ──
  const agency = await newPage();
  await loginAs(agency, 'agency.smt');
  await agency.goto(`/demands/${id}`);
  await agency.getByTestId('followup-note').fill(ANSWER);
  await agency.getByTestId('followup-submit').click();
  await agency.getByTestId('followup').filter({ hasText: ANSWER }).waitFor();
  await agency.getByTestId('action-resolved').click();
  await agency.getByTestId('action-note').fill('ورق تحویل واحد شد.');
  await agency.getByTestId('action-confirm').click();
  await agency.getByTestId('demand-status').filter({ hasText: 'رفع‌شده' }).waitFor();

  // ── The producer reads the answer, here and by SMS ──
  await producer.reload();
  await producer.getByTestId('followup').filter({ hasText: ANSWER }).waitFor();
  await producer.getByTestId('demand-status').filter({ hasText: 'رفع‌شده' }).waitFor();
  const texts = await eventually(
    'the SMS of the answer and of the resolution',
    async () => (await apiGet<{ items: { text: string; refId: string | null }[] }>(admin, `/sms/outbox?mobile=${mobile}&pageSize=100`)).items.filter((m) => m.refId === id).map((m) => plain(m.text)),
    (x) => x.length >= 2,
  );
  assert.ok(texts.some((x) => x.includes(`پاسخ تازه به مطالبهٔ ${demand.code}`) && x.includes(ANSWER)), 'the answer went by SMS');
  assert.ok(texts.some((x) => x.startsWith(`مطالبهٔ ${demand.code} شما رفع‌شده اعلام شد`)), 'the resolution went by SMS');

  // ── … and rates it 4 with a comment ──
  const form = producer.getByTestId('demand-feedback-form');
  await form.waitFor();
  await producer.getByRole('radio', { name: /^۴ از ۵/ }).waitFor({ state: 'attached' });
  await producer.getByTestId('feedback-star-4').click();
  assert.equal(await producer.getByRole('radio', { name: /^۴ از ۵/ }).isChecked(), true);
  await producer.getByTestId('feedback-comment-input').fill('پاسخ دستگاه سریع و روشن بود.');
  await assertEveryInputLabelled(producer, 'the rating form');
  await screenshot(producer, 'rating');
  await producer.getByTestId('feedback-submit').click();
  await producer.getByTestId('demand-feedback').waitFor();
  assert.equal(plain(await producer.getByTestId('feedback-value').textContent()), '۴ از ۵ — راضی');
  assert.equal(await producer.getByTestId('demand-feedback-form').count(), 0, 'rated once: the form is gone');
  await screenshot(producer, 'rated');

  // ── The agency scorecard counts it ──
  const after = await satisfactionOf(admin);
  assert.equal(after.count, before.count + 1);
  assert.ok(after.mean !== null);
  assert.ok(Math.abs(after.mean - ((before.mean ?? 0) * before.count + 4) / after.count) < 0.006, `mean ${after.mean}`);
  await secretariat.goto('/stats/agencies');
  const row = secretariat.getByTestId(`agency-row-${AGENCY}`);
  await row.waitFor();
  await secretariat.locator('[data-testid="agency-table"][aria-busy="false"]').waitFor();
  assert.equal(plain(await row.getByTestId(`agency-${AGENCY}-satisfactionCount`).textContent()), persianNumber(after.count));
  const mean = new Intl.NumberFormat('fa-IR', { numberingSystem: 'arabext', maximumFractionDigits: 2 }).format(after.mean);
  assert.ok(mean.includes('٫') || Number.isInteger(after.mean), `the mean «${mean}» has the Persian decimal separator`);
  assert.equal(plain(await row.getByTestId(`agency-${AGENCY}-satisfactionMean`).textContent()), `${mean} از ۵`);
  await row.scrollIntoViewIfNeeded();
  await screenshot(secretariat, 'scorecard');
  log(`scorecard: ${after.count} ratings, mean ${after.mean}`);
};

export default journey;
