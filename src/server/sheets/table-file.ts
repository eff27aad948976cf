/**
 * Any table or list as a file a person opens in Excel: one description of the columns (Persian header, kind,
 * value), written as .xlsx (right-to-left, counts and amounts as numeric cells) or .csv (UTF-8 with a BOM).
 * The statistics tables and every list's export (demands, referrals, resolutions, visits, loan applications…)
 * go through here, so a rial is written the same way everywhere.
 *
 * Rials: Excel keeps 15 significant digits. An amount below 10^15 rials (a million billion) is exact as a
 * number cell, so it is written as a number; a larger one — only national totals could reach it — is written
 * as its exact digits in a text cell rather than rounded. A .csv always carries the exact digits.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../shared/errors.js';
import { formatJalali, formatJalaliDateTime } from '../../shared/jalali.js';
import { statusLabel, type StatusKind } from '../../shared/labels.js';
import type { SheetFormat } from '../../shared/contracts/common.js';
import type { Cell } from './sheet-row.js';
import { writeCsv, writeXlsx, type SheetColumn } from './write-sheet.js';

/**
 * - `text`: written as text whatever it looks like (codes, national ids)
 * - `count`, `number`: numeric cells (`number` keeps its decimals: rates in percent, medians)
 * - `rials`: integer rials (a decimal string or bigint) as a numeric cell, grouped `#,##0`
 * - `date`: an ISO calendar date shown as Jalali text `1405/09/08`; `withIso` adds the ISO date in a column beside it
 * - `instant`: an ISO instant or Date shown as Jalali date and Tehran time
 */
export type ColumnKind = 'text' | 'count' | 'number' | 'rials' | 'date' | 'instant';

export type CellValue = string | number | bigint | Date | null | undefined;

export interface ExportColumn<T> {
  header: string;
  kind: ColumnKind;
  value: (row: T) => CellValue;
  width?: number;
  /** for `date`: also the Gregorian ISO date, in a column headed «<header> (میلادی)» */
  withIso?: boolean;
}

export interface SheetFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** Below this, an integer is exact in an Excel number cell (15 significant digits). */
export const EXCEL_EXACT_LIMIT = 10n ** 15n;

export function contentTypeOf(format: SheetFormat): string {
  return format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
}

function rialsCell(v: CellValue, format: SheetFormat): Cell {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'bigint' ? v : BigInt(String(v));
  if (format === 'csv') return n.toString();
  const abs = n < 0n ? -n : n;
  return abs < EXCEL_EXACT_LIMIT ? Number(n) : n.toString();
}

function cellsOf<T>(c: ExportColumn<T>, row: T, format: SheetFormat): Cell[] {
  const v = c.value(row);
  switch (c.kind) {
    case 'text':
      return [v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v)];
    case 'count':
    case 'number':
      return [v === null || v === undefined || v === '' ? null : Number(v)];
    case 'rials':
      return [rialsCell(v, format)];
    case 'date': {
      const iso = v === null || v === undefined || v === '' ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
      const jalali = iso ? formatJalali(iso, { digits: 'latn' }) : null;
      return c.withIso ? [jalali, iso] : [jalali];
    }
    case 'instant':
      return [v === null || v === undefined || v === '' ? null : formatJalaliDateTime(v instanceof Date ? v : new Date(String(v)), 'latn')];
  }
}

function sheetColumnsOf<T>(columns: ExportColumn<T>[]): SheetColumn[] {
  return columns.flatMap((c): SheetColumn[] => {
    const numeric = c.kind === 'count' || c.kind === 'number' || c.kind === 'rials';
    const main: SheetColumn = {
      header: c.header,
      width: c.width ?? (c.kind === 'rials' ? 22 : c.kind === 'date' ? 12 : c.kind === 'instant' ? 17 : numeric ? 12 : 20),
      kind: numeric ? 'number' : 'text',
      ...(c.kind === 'rials' || c.kind === 'count' ? { numFmt: '#,##0' } : c.kind === 'number' ? { numFmt: '#,##0.0' } : {}),
    };
    return c.kind === 'date' && c.withIso ? [main, { header: `${c.header} (میلادی)`, width: 12, kind: 'text' }] : [main];
  });
}

export interface TableFileSpec<T> {
  format: SheetFormat;
  /** the file's name without extension (ASCII: it travels in a header) */
  fileBase: string;
  sheetName: string;
  columns: ExportColumn<T>[];
  rows: Iterable<T>;
  /** lines above the header in .xlsx (title, period, when made); a .csv starts with its header, so it reads back as a table */
  title?: string[];
}

export async function tableFile<T>(spec: TableFileSpec<T>): Promise<SheetFile> {
  const columns = sheetColumnsOf(spec.columns);
  const format = spec.format;
  function* cells(): Generator<Cell[]> {
    for (const r of spec.rows) yield spec.columns.flatMap((c) => cellsOf(c, r, format));
  }
  const body =
    format === 'xlsx' ? await writeXlsx([{ name: spec.sheetName, columns, rows: cells(), ...(spec.title ? { title: spec.title } : {}) }]) : writeCsv(columns, cells());
  return { filename: `${spec.fileBase}.${format}`, contentType: contentTypeOf(format), body };
}

/** Rows one export may hold; past it the caller is asked, in Persian, to narrow the filters. */
export const LIST_EXPORT_MAX_ROWS = 50_000;
const PAGE = 1000;

export interface ListExportSpec<T> extends Omit<TableFileSpec<T>, 'rows'> {
  /** the list's own service, with its own scope and filters: one page of it */
  fetchPage: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>;
  maxRows?: number;
}

/**
 * A list as a file, read through the list's own service page by page — so the file holds exactly what the
 * list shows the caller (scope and filters), and a list longer than `maxRows` is refused before it is read.
 */
export async function listFile<T>(spec: ListExportSpec<T>): Promise<SheetFile> {
  const max = spec.maxRows ?? LIST_EXPORT_MAX_ROWS;
  const first = await spec.fetchPage(1, PAGE);
  if (first.total > max) throw tooManyRows(first.total, max);
  const rows = [...first.items];
  for (let page = 2; rows.length < first.total && (page - 1) * PAGE < first.total; page++) {
    const next = await spec.fetchPage(page, PAGE);
    if (next.items.length === 0) break;
    rows.push(...next.items);
  }
  return tableFile({ ...spec, rows });
}

export function tooManyRows(total: number, max: number): AppError {
  const fa = (n: number) => n.toLocaleString('fa-IR');
  return new AppError('export.too_many_rows', {
    detail: {
      fa: `این فهرست ${fa(total)} ردیف دارد و خروجی حداکثر ${fa(max)} ردیف را در بر می‌گیرد؛ با فیلترها (بازهٔ تاریخ، وضعیت، …) فهرست را کوتاه‌تر کنید.`,
      en: `This list has ${total.toLocaleString('en')} rows and an export holds at most ${max.toLocaleString('en')}; narrow it with the filters (dates, status, …).`,
    },
    extra: { total, max },
  });
}

/** Sends a file as a download; `no-store`, since it holds the caller's records. */
export function sendSheetFile(reply: FastifyReply, file: SheetFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

/**
 * A list's export as one function of the caller's context and the export query (the list's filters and a
 * format): the list's own service (`list`) read page by page, so the file is the list the caller sees.
 */
export function listExport<C, Q extends { page: number; pageSize: number }, T>(
  list: (ctx: C, q: Q) => Promise<{ items: T[]; total: number }>,
  spec: Omit<ListExportSpec<T>, 'format' | 'fetchPage'>,
): (ctx: C, q: Omit<Q, 'page' | 'pageSize'> & { format: SheetFormat }) => Promise<SheetFile> {
  return (ctx, q) => {
    const { format, ...filters } = q;
    // the filters with a page are the list query again; TypeScript cannot see that for a generic Q
    return listFile({ ...spec, format, fetchPage: (page, pageSize) => list(ctx, { ...filters, page, pageSize } as unknown as Q) });
  };
}

/** Columns every record list's export opens or closes with, headed the same in every file. */
export const trackingCodeColumn = <T extends { code: string }>(): ExportColumn<T> => ({ header: 'کد رهگیری', kind: 'text', value: (r) => r.code, width: 16 });
export const unitNameColumn = <T extends { unitName: string | null }>(width = 34): ExportColumn<T> => ({ header: 'واحد صنعتی', kind: 'text', value: (r) => r.unitName, width });
export const statusColumn = <T extends { status: string }>(kind: StatusKind, width: number): ExportColumn<T> => ({
  header: 'وضعیت',
  kind: 'text',
  value: (r) => statusLabel(kind, r.status, 'fa'),
  width,
});
export const overdueColumn = <T extends { overdue: boolean }>(): ExportColumn<T> => ({ header: 'معوق', kind: 'text', value: (r) => (r.overdue ? 'بله' : 'خیر'), width: 7 });
