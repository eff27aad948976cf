/**
 * The statistics journey: the governor's deputy (executive) opens the dashboard — charts drawn, Persian digits,
 * no English — then the bank comparison, opens the referrals behind a count and finds as many as the number said.
 * The Bank of Industry and Mine's officer sees every bank's figures but can open only their own bank's records.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { toBillionRials } from '../src/shared/money.js';
import { apiGet, htmlAttributes, loginAs, parseLocalizedInteger, persianNumber, type Journey } from './harness.js';

interface BankRowLite {
  bankId: string;
  bankName: string;
  referred: number;
  paid: number;
  rejected: number;
}

/** Clicks a figure that opens its records and checks the list's total equals it. */
async function drillAndCompare(page: Page, testId: string): Promise<number> {
  const cell = page.getByTestId(testId);
  await cell.waitFor();
  assert.equal(await cell.getAttribute('data-drill'), 'on', `${testId} should open its records`);
  const figureText = (await cell.textContent()) ?? '';
  assert.doesNotMatch(figureText, /[0-9]/, `«${figureText}» should be in Persian digits`);
  const figure = parseLocalizedInteger(figureText);
  await cell.click();
  const drawer = page.getByTestId('drill-drawer');
  const total = drawer.getByTestId('drill-total');
  await page.locator('[data-testid="drill-table"][aria-busy="false"]').waitFor();
  await total.filter({ hasText: /[۰-۹]/ }).waitFor();
  const totalText = (await total.textContent()) ?? '';
  assert.equal(parseLocalizedInteger(totalText), figure, `the list behind ${testId} holds «${totalText}», the figure was «${figureText}»`);
  const rows = await page.locator('[data-testid="drill-table"][aria-busy="false"] [data-testid="drill-row"]').count();
  assert.equal(rows, Math.min(figure, 25), 'the first page lists the records (25 a page)');
  await page.keyboard.press('Escape');
  await drawer.getByTestId('drill-total').waitFor({ state: 'detached' }).catch(() => undefined);
  return figure;
}

const journey: Journey = async ({ newPage, screenshot, log }) => {
  // ── The secretariat records two published figures that disagree, and the year's visit target ──
  const sec = await newPage();
  await loginAs(sec, 'secretariat');
  await sec.goto('/stats/overview');
  await sec.getByRole('heading', { level: 1, name: 'داشبورد آماری ستاد' }).waitFor();
  const computed = await apiGet<{ funnel: { stage: string; amount: string }[] }>(sec, '/stats/overview');
  const paidRials = BigInt(computed.funnel.find((s) => s.stage === 'paid')!.amount);
  const published = [
    { value: toBillionRials(paidRials).text.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!).replace('.', '٫'), source: 'گزارش معاونت اقتصادی استانداری' },
    { value: toBillionRials(paidRials + 150_000_000_000n).text, source: 'خبرگزاری رسمی استان' },
  ];
  await sec.getByTestId('reported').waitFor();
  const rowsBefore = await sec.getByTestId('reported-row').count();
  for (const figure of published) {
    await sec.getByTestId('reported-new').click();
    await sec.getByTestId('reported-value').fill(figure.value);
    await sec.getByTestId('reported-source').fill(figure.source);
    await sec.getByTestId('reported-save').click();
    await sec.getByTestId('reported-save').waitFor({ state: 'detached' });
  }
  await sec.getByTestId('reported-conflict').waitFor();
  await sec.locator('[data-testid="reported-row"]').nth(rowsBefore + 1).waitFor();
  assert.equal(await sec.getByTestId('reported-row').count(), rowsBefore + 2);
  await sec.getByTestId('visit-target-open').click();
  await sec.getByTestId('visit-target-input').fill('۶۰');
  await sec.getByTestId('visit-target-save').click();
  await sec.getByTestId('kpi-visits').getByText('از هدف ۶۰ بازدید').waitFor();
  log('secretariat: two reported figures (flagged as disagreeing) and a visit target of 60');

  // ── The executive's dashboard ──
  const page = await newPage({ viewport: { width: 1440, height: 900 } });
  await loginAs(page, 'executive');
  await page.getByTestId('nav-stats/overview').click();
  await page.getByRole('heading', { level: 1, name: 'داشبورد آماری ستاد' }).waitFor();
  assert.deepEqual(await htmlAttributes(page), { dir: 'rtl', lang: 'fa' });

  // every chart is drawn on a canvas (the chart code arrives lazily)
  for (const chart of ['chart-funnel', 'chart-banks', 'chart-decision', 'chart-trend', 'chart-demands-trend', 'chart-categories']) {
    await page.locator(`[data-testid="${chart}"] canvas`).first().waitFor({ timeout: 20_000 });
  }
  const overview = await apiGet<{ units: { total: number }; funnel: { stage: string; count: number }[]; pace: { daysLeft: number } }>(page, '/stats/overview');
  assert.equal(await page.getByTestId('kpi-units-value').textContent(), persianNumber(overview.units.total));
  assert.equal(await page.getByTestId('pace-days-left').textContent(), persianNumber(overview.pace.daysLeft));
  const paid = overview.funnel.find((s) => s.stage === 'paid')!.count;
  assert.equal(await page.getByTestId('funnel-paid').textContent(), persianNumber(paid));
  log(`dashboard: ${overview.units.total} units, ${paid} paid referrals, ${overview.pace.daysLeft} days to the end of Esfand`);

  // Persian throughout: no Latin digit and no English word on the page itself
  await page.waitForTimeout(500);
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /[0-9]/, `Latin digits on the Persian dashboard: …${text.match(/.{0,30}[0-9].{0,30}/)?.[0] ?? ''}…`);
  assert.doesNotMatch(text, /[A-Za-z]{3,}/, `English on the Persian dashboard: …${text.match(/.{0,30}[A-Za-z]{3,}.{0,30}/)?.[0] ?? ''}…`);

  // a figure on the dashboard opens its records too
  await drillAndCompare(page, 'funnel-paid');
  // the figures read by the secretariat are there beside the computed one, the disagreement in red
  await page.getByTestId('reported-conflict').waitFor();
  assert.ok((await page.getByTestId('reported-row').count()) >= 2);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await screenshot(page, 'dashboard');

  // ── The bank comparison: every count opens the referrals behind it ──
  await page.getByTestId('open-bank-table').click();
  await page.getByRole('heading', { level: 1, name: 'مقایسهٔ عملکرد بانک‌های عامل' }).waitFor();
  await page.locator('[data-testid="bank-table"][aria-busy="false"]').waitFor();
  const banks = await apiGet<{ items: BankRowLite[]; total: { referred: number } }>(page, '/stats/banks');
  const top = banks.items[0]!;
  assert.equal(await drillAndCompare(page, `cell-${top.bankId}-paid`), top.paid);
  assert.equal(await drillAndCompare(page, `cell-${top.bankId}-rejected`), top.rejected);
  assert.equal(await drillAndCompare(page, 'cell-total-referred'), banks.total.referred);
  await page.getByTestId('written-reasons').waitFor();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await screenshot(page, 'banks');
  log(`bank table: ${banks.items.length} banks; ${top.bankName} paid ${top.paid}, province referred ${banks.total.referred}`);

  // ── A bank officer: peers' figures visible, only their own records open ──
  const bankPage = await newPage();
  await loginAs(bankPage, 'bank.sanat-madan');
  await bankPage.getByTestId('nav-stats/banks').click();
  await bankPage.locator('[data-testid="bank-table"][aria-busy="false"]').waitFor();
  const peers = await apiGet<{ items: BankRowLite[] }>(bankPage, '/stats/banks');
  const others = peers.items.filter((b) => b.bankId !== 'sanat-madan' && b.referred > 0);
  assert.ok(others.length >= 3, 'the bank sees its peers in the comparison');
  for (const other of others.slice(0, 3)) {
    const cell = bankPage.getByTestId(`cell-${other.bankId}-referred`);
    assert.equal(await cell.textContent(), persianNumber(other.referred), `${other.bankName}'s figure is shown`);
    assert.equal(await cell.getAttribute('data-drill'), 'off', `${other.bankName}'s figure must not open its records`);
    assert.equal(await bankPage.locator(`[data-testid="bank-row-${other.bankId}"] button`).count(), 0, `no clickable figure in ${other.bankName}'s row`);
  }
  assert.equal(await bankPage.getByTestId('cell-total-referred').getAttribute('data-drill'), 'off', 'the province total is not the bank’s own');
  const own = peers.items.find((b) => b.bankId === 'sanat-madan')!;
  assert.equal(await drillAndCompare(bankPage, 'cell-sanat-madan-referred'), own.referred);
  await screenshot(bankPage, 'bank-officer');
  log(`bank officer: ${others.length} peers shown, own referrals ${own.referred} open`);
};

export default journey;
