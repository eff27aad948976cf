/**
 * Counties on the map, and lists out to Excel. The governor's deputy (executive) opens the counties page, reads
 * the county map, clicks Kahak on it and finds the page filtered to Kahak, with its figures those the API gives;
 * downloads the county table and the referrals list as Excel files, opens them and adds up their numeric cells
 * against the figures on the page. The national HQ sees Iran's provinces on the map and opens a province's
 * counties from it. Screenshots at 1440×900 and 390×844 (the bank comparison too).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { apiGet, loginAs, parseLocalizedInteger, type Journey } from './harness.js';

interface CountyLite {
  countyId: string;
  units: number;
  demandsRegistered: number;
  referred: number;
  paidAmount: string;
}

/** Clicks a region of a map (a canvas) where the map says it is drawn. */
async function clickRegion(page: Page, testId: string, region: string): Promise<void> {
  const map = page.getByTestId(testId);
  await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-centers'), testId);
  const centers = JSON.parse((await map.getAttribute('data-centers')) ?? '{}') as Record<string, [number, number]>;
  const at = centers[region];
  assert.ok(at, `${region} is drawn on ${testId} (${Object.keys(centers).join(', ')})`);
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + at[0], box.y + at[1]);
  await page.waitForTimeout(200);
  await page.mouse.click(box.x + at[0], box.y + at[1]);
}

async function workbookOf(page: Page, dir: string, trigger: () => Promise<void>): Promise<{ ws: ExcelJS.Worksheet; name: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  return { ws: wb.worksheets[0]!, name: download.suggestedFilename() };
}

/** The column under a header (searching the first rows for it) as numbers; asserts every cell is a number. */
function numericColumn(ws: ExcelJS.Worksheet, header: string, opts: { skipLast?: boolean } = {}): number[] {
  for (let r = 1; r <= 4; r++) {
    const values = (ws.getRow(r).values as unknown[]).slice(1);
    const c = values.indexOf(header);
    if (c < 0) continue;
    const out: number[] = [];
    const last = opts.skipLast ? ws.rowCount - 1 : ws.rowCount;
    for (let i = r + 1; i <= last; i++) {
      const v = ws.getRow(i).getCell(c + 1).value;
      if (v === null || v === undefined) continue;
      assert.equal(typeof v, 'number', `«${header}» row ${i} is a number cell (${JSON.stringify(v)})`);
      out.push(v as number);
    }
    return out;
  }
  throw new Error(`no column «${header}»`);
}

const journey: Journey = async ({ newPage, screenshot, log }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tashil-counties-'));
  try {
    // ── the executive: the county map, a click on Kahak ──
    const page = await newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await loginAs(page, 'executive');
    await page.goto('/stats/counties');
    await page.getByRole('heading', { level: 1, name: 'مقایسهٔ شهرستان‌ها' }).waitFor();
    await page.locator('[data-testid="county-table"][aria-busy="false"]').waitFor();
    const all = await apiGet<{ items: CountyLite[]; total: CountyLite }>(page, '/stats/counties');
    assert.deepEqual(all.items.map((c) => c.countyId).sort(), ['jafarabad', 'kahak', 'qom']);
    const unitsText = (await page.getByTestId('cell-qom-units').textContent()) ?? '';
    assert.doesNotMatch(unitsText, /[0-9]/, 'figures in Persian digits');
    assert.equal(parseLocalizedInteger(unitsText), all.items.find((c) => c.countyId === 'qom')!.units);
    await page.getByTestId('map-counties').waitFor();
    await screenshot(page, 'counties-1440');

    await clickRegion(page, 'map-counties', 'kahak');
    await page.waitForURL((u) => u.searchParams.get('countyId') === 'kahak');
    await page.getByTestId('county-filter-note').waitFor();
    await page.locator('[data-testid="county-table"][aria-busy="false"] [data-testid="county-row-kahak"]').waitFor();
    assert.equal(await page.getByTestId('county-row-qom').count(), 0, 'only Kahak once filtered');
    const kahak = all.items.find((c) => c.countyId === 'kahak')!;
    assert.equal(parseLocalizedInteger((await page.getByTestId('cell-kahak-demandsRegistered').textContent()) ?? ''), kahak.demandsRegistered);
    // the units behind Kahak's figure
    await page.getByTestId('cell-kahak-units').click();
    await page.locator('[data-testid="drill-table"][aria-busy="false"]').waitFor();
    await page.getByTestId('drill-total').filter({ hasText: /[۰-۹]/ }).waitFor();
    assert.equal(parseLocalizedInteger((await page.getByTestId('drill-total').textContent()) ?? ''), kahak.units);
    await page.keyboard.press('Escape');
    await screenshot(page, 'counties-kahak');
    log(`Kahak: ${kahak.units} units, ${kahak.demandsRegistered} demands`);
    await page.getByTestId('county-show-all').click();
    await page.waitForURL((u) => !u.searchParams.has('countyId'));

    // ── the county table as Excel: numeric cells that add up to the page's total row ──
    await page.locator('[data-testid="county-table"][aria-busy="false"] [data-testid="county-row-total"]').waitFor();
    const countyFile = await workbookOf(page, dir, () => page.getByTestId('export-counties').click());
    assert.equal(countyFile.ws.views[0]?.rightToLeft, true);
    const unitsSum = numericColumn(countyFile.ws, 'واحدها', { skipLast: true }).reduce((a, b) => a + b, 0);
    assert.equal(unitsSum, parseLocalizedInteger((await page.getByTestId('cell-total-units').textContent()) ?? ''), 'units in the file add up to the page total');
    const paidSum = numericColumn(countyFile.ws, 'مبلغ پرداختی (ریال)', { skipLast: true }).reduce((a, b) => a + b, 0);
    const pagePaid = await page.locator('[data-testid="county-row-total"] [data-rials]').first().getAttribute('data-rials');
    assert.equal(String(paidSum), pagePaid, 'rials paid in the file add up to the page total');
    log(`county file: ${unitsSum} units, ${paidSum} rials paid`);

    // ── a list to Excel: the referrals, with the page's filter ──
    await page.goto('/referrals');
    const badge = page.getByTestId('referrals-total');
    await badge.filter({ hasText: /[۰-۹]/ }).waitFor();
    const shown = parseLocalizedInteger((await badge.textContent()) ?? '');
    await page.getByTestId('referrals-export').click();
    const refFile = await workbookOf(page, dir, () => page.getByTestId('referrals-export-xlsx').click());
    assert.match(refFile.name, /^tashil-referrals\.xlsx$/);
    const requested = numericColumn(refFile.ws, 'مبلغ درخواستی (ریال)');
    assert.equal(requested.length, shown, 'the file holds every referral the page counts');
    const list = await apiGet<{ items: { requestedAmount: string }[]; total: number }>(page, '/referrals?pageSize=500');
    assert.equal(BigInt(requested.reduce((a, b) => a + b, 0)), list.items.reduce((a, r) => a + BigInt(r.requestedAmount), 0n));
    log(`referrals file: ${requested.length} rows`);

    // ── the bank comparison at 1440 px: the approval rate in view ──
    await page.goto('/stats/banks');
    await page.locator('[data-testid="bank-table"][aria-busy="false"]').waitFor();
    await page.getByTestId('bank-glance').waitFor();
    const rate = page.getByTestId('cell-total-approvalRate');
    const rateBox = (await rate.boundingBox())!;
    const tableBox = (await page.getByTestId('bank-table').locator('xpath=ancestor::div[contains(@class, "Paper-root")][1]').boundingBox())!;
    assert.ok(rateBox.x >= tableBox.x - 1 && rateBox.x + rateBox.width <= tableBox.x + tableBox.width + 1, 'the approval rate is on screen without scrolling');
    await screenshot(page, 'banks-1440');

    // ── at 390 px ──
    const phone = await newPage({ viewport: { width: 390, height: 844 } });
    await loginAs(phone, 'executive');
    await phone.goto('/stats/counties');
    await phone.getByTestId('map-counties').waitFor();
    await phone.locator('[data-testid="county-table"][aria-busy="false"]').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no sideways scroll of the page at 390 px (${overflow})`);
    await screenshot(phone, 'counties-390');
    await phone.goto('/stats/banks');
    await phone.locator('[data-testid="bank-table"][aria-busy="false"]').waitFor();
    await screenshot(phone, 'banks-390');

    // ── the national HQ: Iran's provinces on the map ──
    const national = await newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(national, 'national');
    await national.goto('/stats/counties');
    await national.getByTestId('map-iran').waitFor();
    const provinces = await apiGet<{ items: { provinceId: string; units: number }[] }>(national, '/stats/provinces');
    assert.ok(provinces.items.filter((p) => p.units > 0).length >= 4, 'several provinces have data');
    await national.getByTestId('pick-province-isfahan').waitFor();
    await screenshot(national, 'provinces-map');
    await clickRegion(national, 'map-iran', 'isfahan');
    await national.waitForURL((u) => u.searchParams.get('provinceId') === 'isfahan');
    await national.locator('[data-testid="county-table"][aria-busy="false"] [data-testid="county-row-kashan"]').waitFor();
    assert.equal(await national.getByTestId('county-row-qom').count(), 0, "Isfahan's counties, not Qom's");
    await screenshot(national, 'isfahan-counties');
    log('national: Isfahan opened from the map');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default journey;
