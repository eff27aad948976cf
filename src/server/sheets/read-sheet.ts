/**
 * Reads the first sheet of an uploaded .xlsx or .csv into rows of plain cells, refusing what is not
 * a spreadsheet before it costs anything: the type is told by the bytes (not the name), a .xlsx is
 * checked by the zip guard before anything reads it (and read by our lean reader), a .csv must be text (UTF-8 with or without
 * BOM; UTF-16 and Windows-1256 as Excel saves them are read too). Every refusal is an AppError with
 * an `import.*` code, so a caller never sees a library's exception.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../../shared/errors.js';
import { guardZip, looksLikeZip, ZipGuardError } from './zip-guard.js';
import { readXlsxRows } from './xlsx-reader.js';
import type { SheetRow } from './sheet-row.js';

export interface SheetLimits {
  maxBytes: number;
  maxUnpackedBytes: number;
  maxEntries: number;
  maxRows: number;
}

export const DEFAULT_SHEET_LIMITS: SheetLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxEntries: 500,
  maxRows: 200_000,
};

export interface ReadSheet {
  format: 'xlsx' | 'csv';
  rows: SheetRow[];
}

const ALLOWED_EXTENSIONS = new Set(['xlsx', 'csv', 'txt', '']);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function fileTypeError(fa: string, en: string): AppError {
  return new AppError('import.file_type', { detail: { fa, en } });
}

function unreadable(reason: string): AppError {
  return new AppError('import.unreadable', { detail: { fa: `فایل خوانده نشد (${reason})`, en: `The file could not be read (${reason})` } });
}

export async function readSheet(filename: string, data: Buffer, limits: SheetLimits = DEFAULT_SHEET_LIMITS): Promise<ReadSheet> {
  if (data.length === 0) throw new AppError('import.empty');
  if (data.length > limits.maxBytes) throw new AppError('import.too_large');
  const ext = /\.([a-z0-9]{1,8})$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (data.subarray(0, 8).equals(OLE_MAGIC)) {
    throw fileTypeError('فایل اکسل قدیمی (‎.xls) پذیرفته نیست؛ آن را با قالب ‎.xlsx ذخیره کنید', 'Old Excel files (.xls) are not accepted; save it as .xlsx');
  }
  if (!ALLOWED_EXTENSIONS.has(ext)) {
    throw fileTypeError(`فایل ‎.${ext} پذیرفته نیست؛ فقط ‎.xlsx یا ‎.csv`, `.${ext} files are not accepted; send .xlsx or .csv`);
  }
  const rows = looksLikeZip(data) ? await readXlsx(data, limits) : readCsv(data, limits);
  return { format: looksLikeZip(data) ? 'xlsx' : 'csv', rows };
}

// ── .xlsx ────────────────────────────────────────────────────────────────────

async function readXlsx(data: Buffer, limits: SheetLimits): Promise<SheetRow[]> {
  let files: Map<string, Buffer>;
  try {
    ({ files } = guardZip(data, limits, (name) => (name.startsWith('xl/') && name.endsWith('.xml')) || name === 'xl/_rels/workbook.xml.rels'));
  } catch (e) {
    if (e instanceof ZipGuardError) {
      if (e.problem === 'too_large') throw new AppError('import.too_large');
      throw unreadable(e.problem === 'truncated' ? 'ناقص/truncated' : 'zip');
    }
    throw e;
  }
  if (![...files.keys()].some((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))) {
    throw fileTypeError('این فایل zip یک کارنامهٔ اکسل (‎.xlsx) نیست', 'This zip file is not an Excel workbook (.xlsx)');
  }
  try {
    return readXlsxRows(files, limits.maxRows, () => {
      throw new AppError('import.too_large');
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable((e as Error).message.slice(0, 120));
  }
}

// ── .csv ─────────────────────────────────────────────────────────────────────

function hasControlBytes(buf: Buffer): boolean {
  const n = Math.min(buf.length, 1 << 16);
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return true;
  }
  return false;
}

function decodeText(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  if (buf.includes(0) || hasControlBytes(buf)) {
    throw fileTypeError('این فایل متنی (CSV) نیست؛ فایل دودویی با پسوند ‎.csv فرستاده شده است', 'This is not a text (CSV) file: a binary file was sent as .csv');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // Excel on a Persian Windows saves "CSV" in the ANSI code page.
    try {
      return new TextDecoder('windows-1256', { fatal: true }).decode(buf);
    } catch {
      throw fileTypeError('کدگذاری فایل CSV شناخته نشد؛ آن را با UTF-8 ذخیره کنید', 'Unknown CSV encoding; save the file as UTF-8');
    }
  }
}

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, Math.min(text.length, 4096)).split(/\r?\n/, 1)[0] ?? '';
  const counts: [string, number][] = [',', ';', '\t', '،'].map((d) => [d, firstLine.split(d).length - 1]);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0] && counts[0][1] > 0 ? counts[0][0] : ',';
}

function readCsv(data: Buffer, limits: SheetLimits): SheetRow[] {
  const text = decodeText(data);
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new AppError('import.empty');
  let records: string[][];
  try {
    records = parseCsv(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to: limits.maxRows + 2,
    }) as string[][];
  } catch (e) {
    throw unreadable((e as Error).message.slice(0, 120));
  }
  if (records.length > limits.maxRows + 1) throw new AppError('import.too_large');
  return records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c === '' ? null : c)) }));
}
