import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { describeOnEngines, type Client } from '../test/harness.js';
import { workbookOf } from '../test/workbook.js';
import { AppError } from '../../shared/errors.js';
import { listFile, tableFile } from './table-file.js';

async function sheetOf(res: { rawPayload: Buffer }) {
  const ws = (await workbookOf(res)).worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: unknown[][] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`no column ${name} in ${header.join(' | ')}`);
    return rows.map((r) => r[i] ?? null);
  };
  return { ws, header, rows, col };
}

/** Every page of a list, as the list route answers it. */
async function everything<T>(c: Client, path: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const res = (await c.get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=500`)).json() as { items: T[]; total: number };
    out.push(...res.items);
    if (out.length >= res.total || res.items.length === 0) return out;
  }
}

describeOnEngines('lists out: demands, referrals, resolutions and visits as files', (t) => {
  it('writes the referrals as .xlsx with Persian headers and rials as numeric cells that add up to the list', async () => {
    const sec = await t.as('secretariat');
    const res = await sec.get('/api/v1/referrals/export?format=xlsx');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('tashil-referrals.xlsx');
    const { ws, header, rows, col } = await sheetOf(res);
    expect(ws.views[0]?.rightToLeft).toBe(true);
    expect(header).toContain('مبلغ درخواستی (ریال)');
    expect(header).toContain('تاریخ معرفی (میلادی)');
    const list = await everything<{ code: string; requestedAmount: string; paidAmount: string | null }>(sec, '/api/v1/referrals');
    expect(rows).toHaveLength(list.length);
    const requested = col('مبلغ درخواستی (ریال)');
    expect(requested.every((v) => typeof v === 'number')).toBe(true);
    const sum = requested.reduce((a: number, v) => a + (v as number), 0);
    expect(BigInt(sum)).toBe(list.reduce((a, r) => a + BigInt(r.requestedAmount), 0n));
    const paid = col('مبلغ پرداختی (ریال)').filter((v) => v !== null);
    expect(paid.every((v) => typeof v === 'number')).toBe(true);
    expect(paid.length).toBe(list.filter((r) => r.paidAmount !== null).length);
    // the Jalali date beside its ISO date
    const jalali = col('تاریخ معرفی')[0];
    expect(String(jalali)).toMatch(/^14\d\d\/\d\d\/\d\d$/);
    expect(String(col('تاریخ معرفی (میلادی)')[0])).toMatch(/^20\d\d-\d\d-\d\d$/);
  });

  it("holds an agency's own referrals only, and a producer's own unit's only", async () => {
    const sec = await t.as('secretariat');
    const all = (await sec.get('/api/v1/referrals?pageSize=1')).json().total as number;
    const agency = await t.as('agency.smt');
    const own = (await agency.get('/api/v1/referrals?pageSize=1')).json().total as number;
    const file = await sheetOf(await agency.get('/api/v1/referrals/export'));
    expect(file.rows).toHaveLength(own);
    expect(own).toBeLessThan(all);
    expect(new Set(file.col('دستگاه معرف'))).toEqual(new Set(['سازمان صنعت، معدن و تجارت استان']));

    const producer = await t.as('producer.demo');
    const me = (await producer.get('/api/v1/auth/me')).json() as { unitId: string };
    const unitName = (await producer.get(`/api/v1/units/${me.unitId}`)).json().name as string;
    for (const list of ['demands', 'referrals', 'visits', 'loan-applications']) {
      const res = await producer.get(`/api/v1/${list}/export`);
      expect(res.statusCode, list).toBe(200);
      const f = await sheetOf(res);
      const total = (await producer.get(`/api/v1/${list}?pageSize=1`)).json().total as number;
      expect(f.rows, list).toHaveLength(total);
      expect(f.col('واحد صنعتی').every((n) => n === unitName), list).toBe(true);
    }
    const agencyDemands = await sheetOf(await agency.get('/api/v1/demands/export'));
    expect(new Set(agencyDemands.col('دستگاه مسئول'))).toEqual(new Set(['سازمان صنعت، معدن و تجارت استان']));
  });

  it('refuses the roles without the list', async () => {
    const bank = await t.as('bank.sanat-madan');
    for (const list of ['demands', 'resolutions', 'visits', 'loan-applications']) expect((await bank.get(`/api/v1/${list}/export`)).statusCode, list).toBe(403);
    expect((await bank.get('/api/v1/referrals/export')).statusCode).toBe(200);
    const producer = await t.as('producer.demo');
    expect((await producer.get('/api/v1/resolutions/export')).statusCode).toBe(403);
    const national = await t.as('national');
    for (const list of ['demands', 'referrals', 'resolutions', 'visits', 'loan-applications']) expect((await national.get(`/api/v1/${list}/export`)).statusCode, list).toBe(403);
    expect((await t.anonymous.get('/api/v1/demands/export')).statusCode).toBe(401);
  });

  it("applies the list's own filters, and writes .csv with a BOM", async () => {
    const sec = await t.as('secretariat');
    const paid = (await sec.get('/api/v1/referrals?status=paid&pageSize=1')).json().total as number;
    const file = await sheetOf(await sec.get('/api/v1/referrals/export?status=paid'));
    expect(file.rows).toHaveLength(paid);
    expect(new Set(file.col('وضعیت'))).toEqual(new Set(['پرداخت‌شده']));

    const overdue = (await sec.get('/api/v1/demands?overdue=true&pageSize=1')).json().total as number;
    const csv = await sec.get('/api/v1/demands/export?format=csv&overdue=true');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = parse(csv.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(overdue);
    expect(records.every((r) => r['معوق'] === 'بله')).toBe(true);

    const done = (await sec.get('/api/v1/visits?status=done&pageSize=1')).json().total as number;
    const visits = await sheetOf(await sec.get('/api/v1/visits/export?status=done'));
    expect(visits.rows).toHaveLength(done);
    const demandsCol = visits.col('مطالبات ثبت‌شده');
    expect(demandsCol.every((v) => typeof v === 'number')).toBe(true);

    const underReview = (await sec.get('/api/v1/loan-applications?status=under_review&pageSize=1')).json().total as number;
    const applications = await sheetOf(await sec.get('/api/v1/loan-applications/export?status=under_review'));
    expect(underReview).toBeGreaterThan(0);
    expect(applications.rows).toHaveLength(underReview);
    expect(new Set(applications.col('وضعیت'))).toEqual(new Set(['در حال بررسی کمیته']));
    expect(applications.col('مبلغ درخواستی (ریال)').every((v) => typeof v === 'number')).toBe(true);

    const resolutions = await sheetOf(await sec.get('/api/v1/resolutions/export?overdue=true'));
    expect(resolutions.rows).toHaveLength((await sec.get('/api/v1/resolutions?overdue=true&pageSize=1')).json().total);
    expect(resolutions.col('معوق').every((v) => v === 'بله')).toBe(true);
  });
});

describe('the table-file helper', () => {
  it('writes rials below 10^15 as numbers and larger ones as exact text', async () => {
    const file = await tableFile({
      format: 'xlsx',
      fileBase: 'x',
      sheetName: 'x',
      columns: [{ header: 'مبلغ', kind: 'rials', value: (r: { a: string }) => r.a }],
      rows: [{ a: '999999999999999' }, { a: '1000000000000000' }, { a: '98765432109876543210' }],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(1).value).toBe(999999999999999);
    expect(ws.getRow(3).getCell(1).value).toBe('1000000000000000');
    expect(ws.getRow(4).getCell(1).value).toBe('98765432109876543210');
  });

  it('refuses a list longer than the limit, in Persian, before reading it', async () => {
    let pages = 0;
    const attempt = listFile({
      format: 'xlsx',
      fileBase: 'x',
      sheetName: 'x',
      columns: [{ header: 'n', kind: 'count', value: (r: number) => r }],
      maxRows: 10,
      fetchPage: async () => {
        pages++;
        return { items: [1, 2, 3], total: 11 };
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    const err = (await attempt.catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('export.too_many_rows');
    expect(err.status).toBe(422);
    expect(err.detail?.fa).toContain('۱۱');
    expect(err.detail?.fa).toContain('فیلتر');
    expect(pages).toBe(1);
  });

  it('reads every page of a list', async () => {
    const items = Array.from({ length: 2500 }, (_, i) => i);
    const file = await listFile({
      format: 'csv',
      fileBase: 'x',
      sheetName: 'x',
      columns: [{ header: 'n', kind: 'count', value: (r: number) => r }],
      fetchPage: async (page, size) => ({ items: items.slice((page - 1) * size, page * size), total: items.length }),
    });
    const rows = parse(file.body, { bom: true, columns: true }) as { n: string }[];
    expect(rows).toHaveLength(2500);
    expect(rows.reduce((a, r) => a + Number(r.n), 0)).toBe((2499 * 2500) / 2);
  });
});
