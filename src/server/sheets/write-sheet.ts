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
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  rows: Iterable<Cell[]>;
  rightToLeft?: boolean;
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
    const ws = workbook.addWorksheet(spec.name, {
      views: [{ rightToLeft: spec.rightToLeft !== false, state: 'frozen', ySplit: 1 }],
    });
    ws.columns = spec.columns.map((c, i) => ({ key: `c${i}`, width: c.width ?? 18 }));
    const header = ws.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for (const cells of spec.rows) {
      const values = cells.map((v, i) => (spec.columns[i]?.kind === 'text' && typeof v === 'number' ? String(v) : v));
      ws.addRow(values).commit();
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

export function writeCsv(columns: SheetColumn[], rows: Iterable<Cell[]>): Buffer {
  const lines: string[] = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
