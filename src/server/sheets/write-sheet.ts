/**
 * Writes spreadsheets people open in Excel: .xlsx with right-to-left sheets, a bold frozen header and
 * text cells kept as text (a national id never turns into 1.09E+10); .csv in UTF-8 with a BOM, so
 * Excel reads Persian correctly, and with formula-looking text defused.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from './sheet-row.js';

export interface SheetColumn {
  header: string;
  width?: number;
  /** text cells are written as strings whatever they look like */
  kind?: 'text' | 'number';
  /** an Excel number format for the column's numeric cells ('#,##0' for rials) */
  numFmt?: string;
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  rows: Iterable<Cell[]>;
  rightToLeft?: boolean;
  /** lines above the header (a title, the period, when it was made); the header and data follow them */
  title?: string[];
}

export async function writeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
  workbook.creator = 'Tashil';
  for (const spec of sheets) {
    const title = spec.title ?? [];
    const ws = workbook.addWorksheet(spec.name.slice(0, 31), {
      views: [{ rightToLeft: spec.rightToLeft !== false, state: 'frozen', ySplit: title.length + 1 }],
    });
    ws.columns = spec.columns.map((c, i) => ({ key: `c${i}`, width: c.width ?? 18 }));
    title.forEach((line, i) => {
      const row = ws.addRow([line]);
      if (i === 0) row.font = { bold: true, size: 14 };
      row.commit();
    });
    const header = ws.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F2EE' } };
    });
    header.commit();
    for (const cells of spec.rows) {
      const values = cells.map((v, i) => (spec.columns[i]?.kind === 'text' && typeof v === 'number' ? String(v) : v));
      const row = ws.addRow(values);
      spec.columns.forEach((c, i) => {
        if (c.numFmt && typeof values[i] === 'number') row.getCell(i + 1).numFmt = c.numFmt;
      });
      row.commit();
    }
    ws.commit();
  }
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

const CSV_NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
/** What a spreadsheet may read as the start of a formula: = + - @, their fullwidth forms (＝＋－＠), tab and CR. */
export const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\t\r]/;

export function csvCell(v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  // A text cell that Excel would run as a formula is defused; the import strips the apostrophe.
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return CSV_NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function writeCsv(columns: SheetColumn[], rows: Iterable<Cell[]>, title: string[] = []): Buffer {
  const lines: string[] = [...title.map((t) => csvCell(t)), columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
