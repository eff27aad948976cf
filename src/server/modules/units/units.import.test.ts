import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeOnEngines, type Client, type TestApp } from '../../test/harness.js';
import { workbookOf } from '../../test/workbook.js';
import { makeLegalId } from '../../../shared/ids.js';
import { toPersianDigits } from '../../../shared/text.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['نام واحد', 'شناسه ملی', 'کد آیسیک', 'شهرستان', 'شهرک صنعتی', 'نشانی', 'تلفن', 'مدیرعامل', 'تعداد کارکنان', 'درصد بهره‌برداری', 'وضعیت', 'شماره پروانه'];
const id = (i: number) => makeLegalId(`3086${String(200000 + i).padStart(6, '0')}`);

/** Rows of the "fixed" sheet; row i+2 of the file. */
function sheetRows(): (string | number | null)[][] {
  return [
    ['شرکت لبنیات سحر قم', id(1), '10', 'قم', 'شهرک صنعتی شکوهیه', 'خیابان ۱۲', '02533001122', 'رضا احمدی', 45, 70, 'فعال', '12/1001'],
    ['كارخانه كاشي آسمان', id(2), 'ساخت سایر محصولات کانی غیرفلزی', 'قم', 'سلفچگان', null, null, null, '۱۲۰', '۵۵٪', 'نیمه فعال', null],
    ['صنایع چوب ثامن', id(3), 16, 'کهک', null, 'کهک، جادهٔ قدیم', null, 'زهرا موسوی', 8, 0, 'راکد', null],
  ];
}

async function xlsxFile(rows: (string | number | null)[][], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('واحدها', { views: [{ rightToLeft: true }] });
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvFile(rows: (string | number | null)[][], header = HEADER, bom = true): Buffer {
  const cell = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n');
  return Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8');
}

async function multipart(filename: string, data: Buffer, field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(data)]), filename);
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type')! };
}

async function upload(c: Client, filename: string, data: Buffer, query = '', headers: Record<string, string> = {}) {
  const { payload, contentType } = await multipart(filename, data);
  return c.request('POST', `/api/v1/units/import${query}`, payload, { 'content-type': contentType, ...headers });
}

/** A zip written by hand, so its central directory can say what we like. */
function zipOf(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

async function unitCount(t: TestApp): Promise<number> {
  const [row] = await t.database.query<{ n: number }>('select count(*)::int as n from units');
  return row!.n;
}

async function auditCount(t: TestApp): Promise<number> {
  const [row] = await t.database.query<{ n: number }>("select count(*)::int as n from audit_events where entity_type = 'unit'");
  return row!.n;
}

describeOnEngines('units import and export', (t) => {
  it('refuses a sheet with one bad row: 422 naming row and column, and nothing is written', async () => {
    const sec = await t.as('secretariat');
    const rows = sheetRows();
    rows[1] = [...rows[1]!];
    rows[1][1] = '10861000010'; // bad check digit, on sheet row 3
    rows[2] = [...rows[2]!];
    rows[2][3] = 'تهران'; // not a county of Qom, on sheet row 4
    const before = await unitCount(t);
    const res = await upload(sec, 'units.xlsx', await xlsxFile(rows));
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.code).toBe('import.invalid_rows');
    expect(body.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'شناسه ملی', field: 'nationalId', message: 'شناسهٔ ملی باید ۱۱ رقم با رقم کنترل درست باشد' }),
      expect.objectContaining({ row: 4, column: 'شهرستان', field: 'countyId', message: 'شهرستان «تهران» در این استان یافت نشد' }),
    ]);
    expect(body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'error', 'error']);
    expect(await unitCount(t)).toBe(before);
    const en = await upload(sec, 'units.xlsx', await xlsxFile(rows), '', { 'accept-language': 'en' });
    expect(en.json().errors[1].message).toBe('No county "تهران" in this province');
  });

  it('imports the fixed sheet (created), then again (unchanged), then a changed row (updated, version 2, audited)', async () => {
    const sec = await t.as('secretariat');
    const dry = await upload(sec, 'units.xlsx', await xlsxFile(sheetRows()), '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, total: 3, created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(dry.json().rows).toHaveLength(3);
    const before = await unitCount(t);
    expect(before).toBe(before);

    const created = await upload(sec, 'units.xlsx', await xlsxFile(sheetRows()));
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ dryRun: false, total: 3, created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(await unitCount(t)).toBe(before + 3);
    const tile = (await sec.get(`/api/v1/units?q=${id(2)}`)).json().items[0];
    expect(tile).toMatchObject({ name: 'کارخانه کاشی آسمان', sectorCode: '23', estateId: 'salafchegan', employees: 120, capacityUtilization: 55, status: 'semi_active', address: null, version: 1 });
    const wood = (await sec.get(`/api/v1/units?q=${id(3)}`)).json().items[0];
    expect(wood).toMatchObject({ sectorCode: '16', countyId: 'kahak', estateId: null, status: 'idle', capacityUtilization: 0 });

    const audits = await auditCount(t);
    const again = await upload(sec, 'units.xlsx', await xlsxFile(sheetRows()));
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await auditCount(t)).toBe(audits);

    const changed = sheetRows();
    changed[0] = [...changed[0]!];
    changed[0][8] = 52;
    changed[0][0] = 'شرکت لبنیات سحر  قم'; // the same name after normalisation
    const dryChange = await upload(sec, 'units.csv', csvFile(changed), '?dryRun=true');
    expect(dryChange.json().rows[0]).toMatchObject({ row: 2, outcome: 'updated', changes: ['employees'] });
    const updated = await upload(sec, 'units.csv', csvFile(changed));
    expect(updated.json()).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const dairy = (await sec.get(`/api/v1/units?q=${id(1)}`)).json().items[0];
    expect(dairy).toMatchObject({ employees: 52, version: 2 });
    const timeline = (await sec.get(`/api/v1/units/${dairy.id}/timeline`)).json();
    expect(timeline.items[0]).toMatchObject({ kind: 'unit.updated', changes: [{ field: 'employees', before: 45, after: 52 }] });
    expect(timeline.series.at(-1)).toMatchObject({ employees: 52 });
  });

  it('reads a CSV with BOM, Persian headers without half-spaces, Persian digits and Arabic letters', async () => {
    const sec = await t.as('secretariat');
    const header = ['نام واحد', 'شناسه ملي', 'رشته فعاليت', 'شهرستان', 'شهرک صنعتي', 'تعداد کارکنان', 'درصد بهره برداری', 'وضعيت', 'ستون اضافه'];
    const rows = [['توليدي قطعات خودرو ياس', toPersianDigits(id(10)), 'ساخت وسایل نقلیه موتوری', 'شهرستان قم', 'الغدير', '۱٬۲۰۰', '۸۰', 'فعال', 'هرچه']];
    const res = await upload(sec, 'واحدها.csv', csvFile(rows, header));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, ignoredColumns: ['ستون اضافه'] });
    const unit = (await sec.get(`/api/v1/units?q=${id(10)}`)).json().items[0];
    expect(unit).toMatchObject({ name: 'تولیدی قطعات خودرو یاس', nationalId: id(10), sectorCode: '29', countyId: 'qom', estateId: 'al-ghadir', employees: 1200, capacityUtilization: 80 });
    // the same file without a BOM, with semicolons, in English headers: unchanged
    const en = ['name', 'nationalId', 'sectorCode', 'countyId', 'estateId', 'employees', 'capacityUtilization', 'status'];
    const text = [en.join(';'), ['تولیدی قطعات خودرو یاس', id(10), '29', 'qom', 'al-ghadir', '1200', '80', 'active'].join(';')].join('\n');
    const plain = await upload(sec, 'units.csv', Buffer.from(text));
    expect(plain.json(), plain.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('streams progress lines and then the answer when asked for application/x-ndjson', async () => {
    const sec = await t.as('secretariat');
    const rows = Array.from({ length: 12_000 }, (_, i) => [`واحد آزمایشی شمارهٔ ${i}`, makeLegalId(`5086${String(300000 + i).padStart(6, '0')}`), '10', 'قم', null, null, null, null, 5, 50, 'فعال', null]);
    const res = await upload(sec, 'big.csv', csvFile(rows), '?dryRun=true', { accept: 'application/x-ndjson' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l));
    const progress = lines.filter((l) => l.type === 'progress');
    expect(progress.some((l) => l.phase === 'validate' && l.total === 12_000)).toBe(true);
    expect(lines.at(-1)).toMatchObject({ type: 'result', status: 200, body: { dryRun: true, created: 12_000, errors: [] } });
    const bad = await upload(sec, 'bad.csv', csvFile([['x', '123', '10', 'قم', null, null, null, null, 1, 1, 'فعال', null]]), '', { accept: 'application/x-ndjson' });
    expect(bad.body.trim().split('\n').map((l) => JSON.parse(l)).at(-1)).toMatchObject({ type: 'result', status: 422, body: { code: 'import.invalid_rows', errors: [{ row: 2, field: 'nationalId' }] } });
    const empty = await upload(sec, 'empty.csv', Buffer.alloc(0), '', { accept: 'application/x-ndjson' });
    expect(JSON.parse(empty.body.trim().split('\n').at(-1)!)).toMatchObject({ status: 422, body: { code: 'import.empty' } });
  });

  it('refuses duplicate national ids inside one file on the later row, and a missing required column on row 1', async () => {
    const sec = await t.as('secretariat');
    const rows = [...sheetRows(), ['تکرار', id(1), '10', 'قم', null, null, null, null, 1, 1, 'فعال', null]];
    const res = await upload(sec, 'dup.xlsx', await xlsxFile(rows));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ row: 5, column: 'شناسه ملی', message: 'شناسهٔ ملی تکراری است؛ همان شناسهٔ ردیف 2' })]);
    const noStatus = await upload(sec, 'x.csv', csvFile([['a', id(20), '10', 'قم', null, null, null, null, 1, 1]], HEADER.slice(0, 10)));
    expect(noStatus.statusCode).toBe(422);
    expect(noStatus.json().errors).toEqual([expect.objectContaining({ row: 1, column: 'وضعیت', field: 'status' })]);
  });

  it('refuses malformed files with a clear code, and stays up', async () => {
    const sec = await t.as('secretariat');
    const good = await xlsxFile(sheetRows());
    const cases: [string, Buffer, number, string][] = [
      ['empty.csv', Buffer.alloc(0), 422, 'import.empty'],
      ['header-only.csv', csvFile([]), 422, 'import.empty'],
      ['truncated.xlsx', good.subarray(0, Math.floor(good.length * 0.6)), 422, 'import.unreadable'],
      ['binary.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 415, 'import.file_type'],
      ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 415, 'import.file_type'],
      ['units.pdf', Buffer.from('%PDF-1.4\n'), 415, 'import.file_type'],
      // declares 300 MB unpacked: refused from the central directory alone
      ['bomb.xlsx', zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), declaredSize: 300 * 1024 * 1024 }]), 413, 'import.too_large'],
      // declares 1 KB but inflates to 20 MB: stopped at the declared size
      ['liar.xlsx', zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024), declaredSize: 1024 }]), 413, 'import.too_large'],
      ['many.xlsx', zipOf(Array.from({ length: 600 }, (_, i) => ({ name: `f${i}.xml`, data: Buffer.from('x') }))), 413, 'import.too_large'],
      ['notxlsx.xlsx', zipOf([{ name: 'hello.txt', data: Buffer.from('hi') }]), 415, 'import.file_type'],
      ['badxml.xlsx', zipOf([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook><sheets><sheet') }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row') }]), 422, 'import.empty'],
      ['big.csv', Buffer.alloc(21 * 1024 * 1024, 0x61), 413, 'import.too_large'],
    ];
    const before = await unitCount(t);
    for (const [name, data, status, code] of cases) {
      const res = await upload(sec, name, data);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json().code, name).toBe(code);
      expect(res.json().title, name).toMatch(/[\u0600-\u06FF]/);
    }
    const noFile = await sec.request('POST', '/api/v1/units/import', { not: 'multipart' });
    expect(noFile.json().code).toBe('import.file_missing');
    expect(await unitCount(t)).toBe(before);
    expect((await t.anonymous.get('/api/v1/health')).statusCode).toBe(200);
  });

  it('exports xlsx (RTL, Persian headers, Jalali dates) that imports back all unchanged; csv has a BOM; filters apply', async () => {
    const sec = await t.as('secretariat');
    const res = await sec.get('/api/v1/units/export?format=xlsx&countyId=kahak');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="tashil-units-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = await workbookOf(res);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]?.rightToLeft).toBe(true);
    const header = (ws.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['نام واحد', 'شناسه ملی', 'کد آیسیک']);
    expect(header.at(-1)).toBe('آخرین به‌روزرسانی');
    const total = (await sec.get('/api/v1/units?countyId=kahak&pageSize=1')).json().total;
    expect(ws.rowCount).toBe(total + 1);
    const row2 = (ws.getRow(2).values as unknown[]).slice(1);
    expect(row2[4]).toBe('کهک');
    expect(['فعال', 'نیمه‌فعال', 'راکد', 'تعطیل']).toContain(row2[11]);
    expect(String(row2.at(-1))).toMatch(/^۱۴۰۵\/۰۹\/۰۸ /); // 2026-11-29 in Tehran

    const back = await upload(sec, 'export.xlsx', res.rawPayload);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ created: 0, updated: 0, unchanged: total, errors: [] });

    const csv = await sec.get('/api/v1/units/export?format=csv&status=idle');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]!.startsWith('نام واحد,شناسه ملی')).toBe(true);
    expect(lines.slice(1).every((l) => l.includes(',راکد,'))).toBe(true);
    const csvBack = await upload(sec, 'export.csv', csv.rawPayload);
    expect(csvBack.json()).toMatchObject({ created: 0, updated: 0, unchanged: lines.length - 1 });
  });

  it('serves a template (xlsx with an RTL sheet and a help sheet, or csv) whose example row imports', async () => {
    const sec = await t.as('secretariat');
    const x = await sec.get('/api/v1/units/import/template?format=xlsx');
    expect(x.statusCode).toBe(200);
    const wb = await workbookOf(x);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['واحدها', 'راهنما']);
    expect(wb.worksheets[0]!.views[0]?.rightToLeft).toBe(true);
    expect((wb.worksheets[0]!.getRow(1).values as string[]).slice(1, 3)).toEqual(['نام واحد', 'شناسه ملی']);
    const dry = await upload(sec, 'template.xlsx', x.rawPayload, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ created: 1, errors: [] });
    const c = await sec.get('/api/v1/units/import/template?format=csv');
    expect(c.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const dryCsv = await upload(sec, 'template.csv', c.rawPayload, '?dryRun=1');
    expect(dryCsv.json()).toMatchObject({ created: 1, errors: [] });
  });
});
