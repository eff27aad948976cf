/**
 * The units journey: the secretariat registers a unit, finds it again typing Arabic letters, edits
 * it, imports a sheet with one bad row (sees the row and column named, nothing written), fixes the
 * sheet and imports it (created), and exports the register.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { apiGet, loginAs, type Journey } from './harness.js';
import { makeLegalId } from '../src/shared/ids.js';
import { toPersianDigits } from '../src/shared/text.js';

const HEADER = ['نام واحد', 'شناسه ملی', 'کد آیسیک', 'شهرستان', 'شهرک صنعتی', 'تعداد کارکنان', 'درصد بهره‌برداری', 'وضعیت'];

async function sheet(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('واحدها', { views: [{ rightToLeft: true }] });
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function pick(page: Page, testId: string, option: string | RegExp) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).first().click();
}

const journey: Journey = async ({ newPage, screenshot, log }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tashil-e2e-units-'));
  try {
    const page = await newPage();
    await loginAs(page, 'secretariat');

    // ── register a unit ─────────────────────────────────────────────────
    const nationalId = makeLegalId('4086100001');
    await page.goto('/units/new');
    await page.getByTestId('unit-form').waitFor();
    await page.getByTestId('unit-name').fill('شرکت کیمیای آزمون مرورگر');
    // a wrong check digit is caught while typing
    await page.getByTestId('unit-national-id').fill('۱۰۸۶۱۰۰۰۰۱۰');
    await page.getByTestId('unit-name').click();
    await page.getByText('رقم کنترل شناسهٔ ملی درست نیست').waitFor();
    await page.getByTestId('unit-national-id').fill(toPersianDigits(nationalId));
    await pick(page, 'unit-sector', /ساخت محصولات غذایی/);
    await pick(page, 'unit-county', 'قم');
    await pick(page, 'unit-estate', 'شهرک صنعتی شکوهیه');
    await page.getByTestId('unit-employees').fill('42');
    await page.getByTestId('unit-capacity').fill('65');
    await screenshot(page, 'form-fa');
    await page.getByTestId('unit-submit').click();
    await page.getByRole('heading', { level: 1, name: 'شرکت کیمیای آزمون مرورگر' }).waitFor();
    await page.getByTestId('unit-timeline').getByText('ثبت واحد در سامانه').waitFor();
    log(`registered ${nationalId}`);

    // ── find it with Arabic letters ─────────────────────────────────────
    await page.goto('/units');
    await page.getByTestId('units-search').fill('كيمياي آزمون');
    const link = page.getByTestId('unit-link').filter({ hasText: 'شرکت کیمیای آزمون مرورگر' });
    await link.waitFor();
    assert.equal(await page.getByTestId('unit-link').count(), 1);
    assert.match(page.url(), /q=/, 'the search is kept in the address');
    await screenshot(page, 'search-arabic-fa');

    // ── edit it ─────────────────────────────────────────────────────────
    await link.click();
    await page.getByTestId('unit-edit').click();
    await page.getByTestId('unit-employees').fill('57');
    await page.getByTestId('unit-submit').click();
    await page.getByTestId('unit-timeline').getByText('ویرایش اطلاعات واحد').waitFor();
    assert.equal(await page.getByTestId('unit-employees-value').textContent(), '۵۷');
    await screenshot(page, 'unit-page-fa');

    // ── import: one bad row, nothing written ────────────────────────────
    const good = [
      ['تولیدی نان سحر', makeLegalId('4086100002'), '10', 'قم', 'شکوهیه', 12, 70, 'فعال'],
      ['صنایع سنگ کهک', makeLegalId('4086100003'), '23', 'کهک', null, '۸', '۴۰', 'نیمه فعال'],
    ];
    const bad = [good[0]!, [...good[1]!.slice(0, 1), '40861000030', ...good[1]!.slice(2)]];
    writeFileSync(path.join(dir, 'bad.xlsx'), await sheet(bad));
    writeFileSync(path.join(dir, 'good.xlsx'), await sheet(good));
    const before = (await apiGet<{ total: number }>(page, '/units?pageSize=1')).total;

    await page.goto('/units/import');
    await page.locator('input[type="file"]').setInputFiles(path.join(dir, 'bad.xlsx'));
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-errors').waitFor();
    const badRow = page.getByTestId('import-row-3');
    assert.equal(await badRow.getAttribute('data-outcome'), 'error');
    await badRow.getByText('«شناسه ملی»', { exact: false }).waitFor();
    assert.ok(await page.getByTestId('import-run').isDisabled(), 'a sheet with errors cannot be imported');
    await screenshot(page, 'import-errors-fa');
    assert.equal((await apiGet<{ total: number }>(page, '/units?pageSize=1')).total, before, 'nothing was written');

    // ── the fixed sheet: checked, then imported ─────────────────────────
    await page.locator('input[type="file"]').setInputFiles(path.join(dir, 'good.xlsx'));
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-ready').waitFor();
    assert.equal(await page.getByTestId('import-row-2').getAttribute('data-outcome'), 'created');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();
    assert.match((await page.getByTestId('import-count-created').textContent()) ?? '', /۲/);
    await screenshot(page, 'import-done-fa');
    assert.equal((await apiGet<{ total: number }>(page, '/units?pageSize=1')).total, before + 2);

    // ── export ──────────────────────────────────────────────────────────
    await page.goto('/units?countyId=kahak');
    await page.getByTestId('unit-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('unit-export-xlsx').click()]);
    assert.match(download.suggestedFilename(), /^tashil-units-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.views[0]?.rightToLeft, true);
    const names = ws.getColumn(1).values.slice(2).map(String);
    assert.ok(names.includes('صنایع سنگ کهک'), 'the imported Kahak unit is in the Kahak export');
    log(`exported ${names.length} units of Kahak`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default journey;
