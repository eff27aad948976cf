/**
 * A lean reader for the first worksheet of an .xlsx whose parts the zip guard has already unpacked
 * (within limits). It reads cell values only — shared strings, inline strings, numbers, booleans,
 * formula results — which is all an import needs, several times faster and leaner than a general
 * spreadsheet library on a 50k-row sheet.
 */
import type { Cell, SheetRow } from './sheet-row.js';

export class XlsxFormatError extends Error {
  override name = 'XlsxFormatError';
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));|_x([0-9a-fA-F]{4})_/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s.replace(ENTITY, (whole, dec?: string, hex?: string, named?: string, escaped?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (named) return NAMED[named] ?? whole;
    if (escaped) return String.fromCharCode(parseInt(escaped, 16));
    return whole;
  });
}

const T_RE = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g;
const PHONETIC_RE = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;

function textRuns(xml: string): string {
  let out = '';
  for (const m of xml.replace(PHONETIC_RE, '').matchAll(T_RE)) out += m[1]!;
  return decodeXml(out);
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g)) out.push(m[1] === undefined ? '' : textRuns(m[1]));
  return out;
}

/** The part holding the workbook's first sheet: workbook.xml's first <sheet>, through its relationship. */
function firstSheetPath(files: Map<string, Buffer>): string {
  const workbook = files.get('xl/workbook.xml')?.toString('utf8');
  const rels = files.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
  const rid = workbook && /<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"/.exec(workbook)?.[1];
  if (rid && rels) {
    for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
      const attrs = m[1]!;
      if (/\bId="([^"]+)"/.exec(attrs)?.[1] !== rid) continue;
      const target = /\bTarget="([^"]+)"/.exec(attrs)?.[1];
      if (target) {
        const resolved = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
        if (files.has(resolved)) return resolved;
      }
    }
  }
  const sheets = [...files.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  if (!sheets[0]) throw new XlsxFormatError('no worksheet');
  return sheets[0];
}

function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

const ROW_RE = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL_RE = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const V_RE = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/;
const IS_RE = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/;

/** Reads the first worksheet's rows; stops with `onTooMany` once more than `maxRows` rows come. */
export function readXlsxRows(files: Map<string, Buffer>, maxRows: number, onTooMany: () => never): SheetRow[] {
  const strings = sharedStrings(files.get('xl/sharedStrings.xml')?.toString('utf8'));
  const xml = files.get(firstSheetPath(files))!.toString('utf8');
  const start = xml.search(/<(?:\w+:)?sheetData\b/);
  if (start < 0) throw new XlsxFormatError('no sheetData');
  const data = xml.slice(start);
  const rows: SheetRow[] = [];
  let rowNumber = 0;
  for (const rm of data.matchAll(ROW_RE)) {
    const r = /\br="(\d+)"/.exec(rm[1]!);
    rowNumber = r ? Number(r[1]) : rowNumber + 1;
    const cells: Cell[] = [];
    let col = -1;
    const body = rm[2];
    if (body) {
      for (const cm of body.matchAll(CELL_RE)) {
        const attrs = cm[1]!;
        const ref = /\br="([A-Z]+)\d*"/.exec(attrs);
        col = ref ? columnIndex(ref[1]!) : col + 1;
        const inner = cm[2];
        if (!inner) continue;
        const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
        let value: Cell = null;
        if (type === 'inlineStr') {
          const is = IS_RE.exec(inner);
          value = is ? textRuns(is[1]!) : null;
        } else {
          const v = V_RE.exec(inner)?.[1];
          if (v === undefined) value = null;
          else if (type === 's') value = strings[Number(v)] ?? null;
          else if (type === 'b') value = v === '1';
          else if (type === 'str' || type === 'e' || type === 'd') value = decodeXml(v);
          else value = v.trim() === '' ? null : Number(v);
        }
        while (cells.length < col) cells.push(null);
        cells[col] = value;
      }
    }
    rows.push({ row: rowNumber, cells });
    if (rows.length > maxRows + 1) onTooMany();
  }
  return rows;
}
