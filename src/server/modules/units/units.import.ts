/**
 * Importing the register from a spreadsheet: every row is read and validated first (with the same
 * zod fields as the create form), each failure named by row and column in the caller's language;
 * one bad row writes nothing. A clean file is written in one transaction, idempotent by national id:
 * new units are created, changed ones updated (version + 1), the rest left untouched — in bulk SQL,
 * with one audit event per created or updated unit, also written in bulk.
 */
import { eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { counties, estates, sectors } from '../../db/schema.js';
import { AppError, type Lang } from '../../../shared/errors.js';
import {
  createUnitBody,
  UNIT_SHEET_COLUMNS,
  UNIT_SHEET_INFO_COLUMNS,
  UNIT_STATUSES,
  type CreateUnitInput,
  type ImportError,
  type ImportRow,
  type UnitImportResult,
  type UnitSheetField,
  type UnitStatus,
} from '../../../shared/contracts/units.js';
import { STATUS_LABELS } from '../../../shared/labels.js';
import { searchKey, toAsciiDigits } from '../../../shared/text.js';
import { translateIssue } from '../../plugins/errors.js';
import { isUniqueViolation } from '../../db/concurrency.js';
import { readSheet, DEFAULT_SHEET_LIMITS, type SheetLimits } from '../../sheets/read-sheet.js';
import type { Cell, SheetRow } from '../../sheets/sheet-row.js';
import { unitScopeOf } from './units.service.js';
import { chunks, loadExisting, writePlan, type ExistingUnit } from './units.import.repo.js';

export interface ImportFile {
  filename: string;
  data: Buffer;
}

export type ImportPhase = 'read' | 'validate' | 'compare' | 'write' | 'done';

export interface ImportOptions {
  dryRun: boolean;
  limits?: SheetLimits;
  /** called as the import moves on: rows done of the phase's total */
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
}

type Field = UnitSheetField;
type ColumnKind = Field | 'info';

const m = (lang: Lang, fa: string, en: string) => (lang === 'en' ? en : fa);

// ── Header ─────────────────────────────────────────────────────────────────

const HEADER_INDEX: ReadonlyMap<string, ColumnKind> = (() => {
  const index = new Map<string, ColumnKind>();
  const add = (label: string, kind: ColumnKind) => {
    const key = searchKey(label);
    if (key && !index.has(key)) index.set(key, kind);
  };
  for (const c of UNIT_SHEET_COLUMNS) for (const label of [c.fa, c.en, c.field, ...c.aliases]) add(label, c.field);
  for (const c of UNIT_SHEET_INFO_COLUMNS) for (const label of [c.fa, c.en, c.key]) add(label, 'info');
  return index;
})();

const COLUMN_BY_FIELD = new Map(UNIT_SHEET_COLUMNS.map((c) => [c.field as Field, c]));

interface HeaderMap {
  headerRow: number;
  /** the unit fields the file has columns for */
  present: Set<keyof CreateUnitInput>;
  /** column index → field */
  fields: Map<number, Field>;
  /** field → the header text as the file writes it */
  labels: Map<Field, string>;
  ignored: string[];
  errors: ImportError[];
}

function cellText(v: Cell): string {
  if (v === null) return '';
  return String(v).trim();
}

function makeError(row: number, column: string, field: string | null, message: string): ImportError {
  return { row, column, field, path: `${row}.${field ?? column}`, message };
}

function mapHeader(header: SheetRow, lang: Lang): HeaderMap {
  const out: HeaderMap = { headerRow: header.row, present: new Set(), fields: new Map(), labels: new Map(), ignored: [], errors: [] };
  header.cells.forEach((cell, i) => {
    const text = cellText(cell);
    if (!text) return;
    const kind = HEADER_INDEX.get(searchKey(text));
    if (!kind) {
      out.ignored.push(text);
      return;
    }
    if (kind === 'info') return;
    if (out.labels.has(kind)) {
      out.errors.push(makeError(header.row, text, kind, m(lang, `ستون «${text}» تکراری است (همان «${out.labels.get(kind)}»)`, `Column "${text}" repeats "${out.labels.get(kind)}"`)));
      return;
    }
    out.fields.set(i, kind);
    out.labels.set(kind, text);
  });
  for (const c of UNIT_SHEET_COLUMNS) {
    if (c.required && !out.labels.has(c.field)) {
      out.errors.push(makeError(header.row, c.fa, c.field, m(lang, `ستون الزامی «${c.fa}» در سطر عنوان فایل نیست`, `The required column "${c.en}" is missing from the header row`)));
    }
  }
  if (!out.labels.has('sectorCode') && !out.labels.has('sectorName')) {
    out.errors.push(makeError(header.row, 'کد آیسیک', 'sectorCode', m(lang, 'ستون «کد آیسیک» یا «رشته فعالیت» در سطر عنوان فایل نیست', 'Neither an "ISIC code" nor a "Sector" column is in the header row')));
  }
  return out;
}

// ── Reference data: codes or Persian names ────────────────────────────────

interface Refs {
  /** resolved cell texts: a sheet repeats the same county, estate, sector and status thousands of times */
  memo: Map<string, string | undefined>;
  sectorByKey: Map<string, string>;
  sectorName: Map<string, string>;
  countyByKey: Map<string, string>;
  countyName: Map<string, string>;
  estateByKey: Map<string, string>;
  estate: Map<string, { name: string; countyId: string }>;
}

const COUNTY_PREFIX = searchKey('شهرستان');
const ESTATE_PREFIXES = ['شهرک صنعتی', 'ناحیه صنعتی', 'شهرک', 'ناحیه'].map(searchKey);

function stripPrefix(key: string, prefixes: string[]): string {
  for (const p of prefixes) if (key.startsWith(p) && key.length > p.length) return key.slice(p.length);
  return key;
}

async function loadRefs(db: DbOrTx, provinceId: string): Promise<Refs> {
  const [sectorRows, countyRows, estateRows] = await Promise.all([
    db.select().from(sectors),
    db.select().from(counties).where(eq(counties.provinceId, provinceId)),
    db.select().from(estates).where(eq(estates.provinceId, provinceId)),
  ]);
  const refs: Refs = { memo: new Map(), sectorByKey: new Map(), sectorName: new Map(), countyByKey: new Map(), countyName: new Map(), estateByKey: new Map(), estate: new Map() };
  const put = (map: Map<string, string>, key: string, value: string) => {
    if (key && !map.has(key)) map.set(key, value);
  };
  for (const s of sectorRows) {
    refs.sectorName.set(s.code, s.name);
    put(refs.sectorByKey, s.code.toLowerCase(), s.code);
    put(refs.sectorByKey, searchKey(s.name), s.code);
    put(refs.sectorByKey, searchKey(s.nameEn), s.code);
  }
  for (const c of countyRows) {
    refs.countyName.set(c.id, c.name);
    put(refs.countyByKey, c.id.toLowerCase(), c.id);
    put(refs.countyByKey, searchKey(c.name), c.id);
    put(refs.countyByKey, searchKey(c.nameEn), c.id);
  }
  for (const e of estateRows) {
    refs.estate.set(e.id, { name: e.name, countyId: e.countyId });
    put(refs.estateByKey, e.id.toLowerCase(), e.id);
    put(refs.estateByKey, searchKey(e.name), e.id);
    put(refs.estateByKey, stripPrefix(searchKey(e.name), ESTATE_PREFIXES), e.id);
    put(refs.estateByKey, searchKey(e.nameEn), e.id);
  }
  return refs;
}

function memoized(refs: Refs, kind: string, v: Cell, resolve: (refs: Refs, v: Cell) => string | undefined): string | undefined {
  const key = `${kind}\u0000${typeof v}\u0000${String(v)}`;
  if (refs.memo.has(key)) return refs.memo.get(key);
  const value = resolve(refs, v);
  refs.memo.set(key, value);
  return value;
}

function resolveSector(refs: Refs, v: Cell): string | undefined {
  let text = toAsciiDigits(cellText(v));
  // "10 - ساخت محصولات غذایی": the code in front wins
  const lead = /^(\d{1,4})\s*[-–—:.]\s*\D/.exec(text);
  if (lead) text = lead[1]!;
  if (/^\d$/.test(text)) text = `0${text}`; // Excel drops the zero of "01"
  const key = searchKey(text);
  const exact = refs.sectorByKey.get(text.toLowerCase()) ?? refs.sectorByKey.get(key);
  if (exact || key.length < 6) return exact;
  // a sector's name cut short («ساخت وسایل نقلیه موتوری»): accepted when only one name starts so
  const candidates = new Set([...refs.sectorByKey].filter(([k]) => k.startsWith(key)).map(([, code]) => code));
  return candidates.size === 1 ? [...candidates][0] : undefined;
}

function resolveCounty(refs: Refs, v: Cell): string | undefined {
  const text = cellText(v);
  const key = searchKey(text);
  return refs.countyByKey.get(text.toLowerCase()) ?? refs.countyByKey.get(key) ?? refs.countyByKey.get(stripPrefix(key, [COUNTY_PREFIX]));
}

function resolveEstate(refs: Refs, v: Cell): string | undefined {
  const text = cellText(v);
  const key = searchKey(text);
  return refs.estateByKey.get(text.toLowerCase()) ?? refs.estateByKey.get(key) ?? refs.estateByKey.get(stripPrefix(key, ESTATE_PREFIXES));
}

const STATUS_BY_KEY: ReadonlyMap<string, UnitStatus> = (() => {
  const index = new Map<string, UnitStatus>();
  for (const s of UNIT_STATUSES) {
    const label = STATUS_LABELS.unit[s]!;
    for (const text of [s, label.fa, label.en]) index.set(searchKey(text), s);
  }
  index.set(searchKey('تعطیل شده'), 'closed');
  index.set(searchKey('نیمه تعطیل'), 'semi_active');
  return index;
})();

// ── Cells to values ────────────────────────────────────────────────────────

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function parseNumberCell(v: Cell, lang: Lang, opts: { integer: boolean; percent?: boolean }): Parsed<number | null> {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return { ok: true, value: null };
  let n: number;
  if (typeof v === 'number') {
    n = v;
    // a cell formatted as 72% holds 0.72
    if (opts.percent && n > 0 && n < 1 && !Number.isInteger(n)) n = Math.round(n * 100);
  } else {
    const text = toAsciiDigits(String(v))
      .replace(/[\s,\u066C\u060C'’]/g, '')
      .replace(/\u066B/g, '.')
      .replace(/[%\u066A]$/, '');
    if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, message: m(lang, `«${String(v)}» عدد نیست`, `"${String(v)}" is not a number`) };
    n = Number(text);
  }
  if (!Number.isFinite(n)) return { ok: false, message: m(lang, 'عدد نامعتبر است', 'Not a valid number') };
  if (opts.integer && !Number.isInteger(n)) return { ok: false, message: m(lang, `«${String(v)}» باید عدد صحیح باشد`, `"${String(v)}" must be a whole number`) };
  return { ok: true, value: n };
}

function textCell(v: Cell): string | null {
  if (v === null) return null;
  let s = typeof v === 'number' ? (Number.isInteger(v) ? BigInt(v).toString() : String(v)) : String(v);
  // our CSV export defuses formula-looking text with an apostrophe
  if (/^'[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\t\r]/.test(s)) s = s.slice(1);
  return s.trim() === '' ? null : s;
}

interface ParsedRow {
  row: number;
  input: CreateUnitInput;
  /** fields the file gives a value for (columns present) */
  present: Set<keyof CreateUnitInput>;
}

function validateRow(sheetRow: SheetRow, header: HeaderMap, refs: Refs, lang: Lang): { parsed?: ParsedRow; errors: ImportError[]; nationalId: string | null; name: string | null } {
  const errors: ImportError[] = [];
  const cells = new Map<Field, Cell>();
  for (const [i, field] of header.fields) cells.set(field, sheetRow.cells[i] ?? null);
  const label = (f: Field) => header.labels.get(f) ?? COLUMN_BY_FIELD.get(f)?.fa ?? f;
  const fail = (f: Field, message: string) => errors.push(makeError(sheetRow.row, label(f), f === 'sectorName' ? 'sectorCode' : f, message));
  const raw: Record<string, unknown> = {};
  // the same for every row (it follows the header): one set, shared
  const present = header.present;
  const failed = new Set<string>();

  for (const f of ['name', 'nationalId', 'licenseNo', 'address', 'phone', 'managerName'] as const) {
    if (!header.labels.has(f)) continue;
    present.add(f);
    const value = textCell(cells.get(f) ?? null);
    if (value === null) {
      if (COLUMN_BY_FIELD.get(f)?.required) {
        fail(f, m(lang, 'این خانه خالی است و پر کردن آن الزامی است', 'This cell is empty and is required'));
        failed.add(f);
      } else raw[f] = null;
    } else raw[f] = value;
  }

  // sector: the code column, else the name column
  if (header.labels.has('sectorCode') || header.labels.has('sectorName')) {
    present.add('sectorCode');
    const codeCell = cells.get('sectorCode') ?? null;
    const nameCell = cells.get('sectorName') ?? null;
    const [source, cell] = textCell(codeCell) !== null ? (['sectorCode', codeCell] as const) : (['sectorName', nameCell] as const);
    if (textCell(cell) === null) fail(header.labels.has('sectorCode') ? 'sectorCode' : 'sectorName', m(lang, 'رشتهٔ فعالیت (کد آیسیک) خالی است', 'The sector (ISIC code) is empty'));
    else {
      const code = memoized(refs, 'sector', cell, resolveSector);
      if (code) raw['sectorCode'] = code;
      else fail(source, m(lang, `رشتهٔ فعالیت «${cellText(cell)}» شناخته نشد (کد آیسیک یا نام رشته)`, `Unknown sector "${cellText(cell)}" (ISIC code or name)`));
    }
    if (!raw['sectorCode']) failed.add('sectorCode');
  }

  if (header.labels.has('countyId')) {
    present.add('countyId');
    const cell = cells.get('countyId') ?? null;
    if (textCell(cell) === null) fail('countyId', m(lang, 'شهرستان خالی است', 'The county is empty'));
    else {
      const id = memoized(refs, 'county', cell, resolveCounty);
      if (id) raw['countyId'] = id;
      else fail('countyId', m(lang, `شهرستان «${cellText(cell)}» در این استان یافت نشد`, `No county "${cellText(cell)}" in this province`));
    }
    if (!raw['countyId']) failed.add('countyId');
  }

  if (header.labels.has('estateId')) {
    present.add('estateId');
    const cell = cells.get('estateId') ?? null;
    if (textCell(cell) === null) raw['estateId'] = null;
    else {
      const id = memoized(refs, 'estate', cell, resolveEstate);
      if (!id) fail('estateId', m(lang, `شهرک یا ناحیهٔ صنعتی «${cellText(cell)}» در این استان یافت نشد`, `No industrial estate "${cellText(cell)}" in this province`));
      else if (typeof raw['countyId'] === 'string' && refs.estate.get(id)?.countyId !== raw['countyId'])
        fail('estateId', m(lang, `«${refs.estate.get(id)?.name}» در شهرستان «${refs.countyName.get(raw['countyId'])}» نیست`, `"${refs.estate.get(id)?.name}" is not in the chosen county`));
      else raw['estateId'] = id;
    }
  }

  for (const [f, integer, percent] of [
    ['employees', true, false],
    ['capacityUtilization', true, true],
    ['lat', false, false],
    ['lng', false, false],
  ] as const) {
    if (!header.labels.has(f)) continue;
    present.add(f);
    const r = parseNumberCell(cells.get(f) ?? null, lang, { integer, percent });
    if (!r.ok) {
      fail(f, r.message);
      failed.add(f);
    } else if (r.value === null && COLUMN_BY_FIELD.get(f)?.required) {
      fail(f, m(lang, 'این خانه خالی است و پر کردن آن الزامی است', 'This cell is empty and is required'));
      failed.add(f);
    } else raw[f] = r.value;
  }

  if (header.labels.has('status')) {
    present.add('status');
    const cell = cells.get('status') ?? null;
    if (textCell(cell) === null) fail('status', m(lang, 'وضعیت خالی است', 'The status is empty'));
    else {
      const s = memoized(refs, 'status', cell, (_r, c) => STATUS_BY_KEY.get(searchKey(cellText(c)))) as UnitStatus | undefined;
      if (s) raw['status'] = s;
      else fail('status', m(lang, `وضعیت «${cellText(cell)}» شناخته نشد (فعال، نیمه‌فعال، راکد یا تعطیل)`, `Unknown status "${cellText(cell)}" (active, semi_active, idle or closed)`));
    }
    if (!raw['status']) failed.add('status');
  }

  // The same rules as the create form, for what the cells above did not already refuse.
  const result = createUnitBody.safeParse(raw, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const f = String(issue.path[0] ?? '') as Field;
      if (failed.has(f) || errors.some((e) => e.field === f)) continue;
      const message = translateIssue({ instancePath: `/${issue.path.join('/')}`, keyword: issue.code, message: issue.message, params: { ...issue } }, lang);
      fail(f, message);
    }
  }
  const nationalId = typeof raw['nationalId'] === 'string' ? toAsciiDigits(raw['nationalId']).replace(/\D/g, '') || null : null;
  const name = typeof raw['name'] === 'string' ? raw['name'] : null;
  if (errors.length || !result.success) return { errors, nationalId, name };
  return { parsed: { row: sheetRow.row, input: result.data, present }, errors, nationalId: result.data.nationalId, name: result.data.name };
}

// ── Existing units and outcomes ────────────────────────────────────────────

const COMPARED: (keyof CreateUnitInput)[] = ['name', 'licenseNo', 'sectorCode', 'countyId', 'estateId', 'address', 'phone', 'managerName', 'employees', 'capacityUtilization', 'status', 'lat', 'lng'];

function changedFields(row: ParsedRow, existing: ExistingUnit): (keyof CreateUnitInput)[] {
  const changes: (keyof CreateUnitInput)[] = [];
  for (const f of COMPARED) {
    if (!row.present.has(f)) continue;
    const next = row.input[f] ?? null;
    const current = (existing as unknown as Record<string, unknown>)[f] ?? null;
    if (next !== current) changes.push(f);
  }
  return changes;
}

interface Plan {
  creates: ParsedRow[];
  updates: { row: ParsedRow; existing: ExistingUnit; changes: (keyof CreateUnitInput)[] }[];
  unchanged: number;
  outcomes: Map<number, ImportRow>;
}

function planImport(rows: ParsedRow[], existing: Map<string, ExistingUnit>, keepOutcomes: boolean): Plan {
  const plan: Plan = { creates: [], updates: [], unchanged: 0, outcomes: new Map() };
  for (const r of rows) {
    const found = existing.get(r.input.nationalId);
    const base = () => ({ row: r.row, nationalId: r.input.nationalId, name: r.input.name });
    if (!found) {
      plan.creates.push(r);
      if (keepOutcomes) plan.outcomes.set(r.row, { ...base(), outcome: 'created', unitId: null, changes: [] });
      continue;
    }
    const changes = changedFields(r, found);
    if (changes.length) plan.updates.push({ row: r, existing: found, changes });
    else plan.unchanged++;
    if (keepOutcomes) plan.outcomes.set(r.row, { ...base(), outcome: changes.length ? 'updated' : 'unchanged', unitId: found.id, changes });
  }
  return plan;
}

// ── The use case ───────────────────────────────────────────────────────────

const RELEASED: SheetRow = { row: 0, cells: [] };

export async function importUnits(ctx: ServiceContext, file: ImportFile, opts: ImportOptions): Promise<UnitImportResult> {
  const lang: Lang = ctx.lang ?? 'fa';
  const { provinceId } = unitScopeOf(ctx);
  const report = (phase: ImportPhase, done: number, total: number) => opts.onProgress?.(phase, done, total);
  report('read', 0, 0);
  const sheet = await readSheet(file.filename, file.data, opts.limits ?? DEFAULT_SHEET_LIMITS);

  const isEmpty = (r: SheetRow) => r.cells.every((c) => cellText(c) === '');
  const headerIndex = sheet.rows.findIndex((r) => !isEmpty(r));
  if (headerIndex < 0) throw new AppError('import.empty');
  const header = mapHeader(sheet.rows[headerIndex]!, lang);
  const dataRows = sheet.rows.slice(headerIndex + 1).filter((r) => !isEmpty(r));
  const result: UnitImportResult = { dryRun: opts.dryRun, total: dataRows.length, created: 0, updated: 0, unchanged: 0, errors: [], ignoredColumns: header.ignored };
  if (header.errors.length) {
    result.errors = header.errors;
    throw new AppError('import.invalid_rows', { extra: { ...result } });
  }
  if (dataRows.length === 0) throw new AppError('import.empty');
  // From here on the rows are only needed one at a time: each is let go once validated.
  sheet.rows.length = 0;
  const rowNumbers = dataRows.map((r) => r.row);

  const refs = await loadRefs(ctx.db, provinceId);
  const parsed: ParsedRow[] = [];
  const errorRows = new Map<number, ImportRow>();
  const firstRowOf = new Map<string, number>();
  report('validate', 0, dataRows.length);
  for (let i = 0; i < dataRows.length; i++) {
    const r = dataRows[i]!;
    dataRows[i] = RELEASED;
    if (i % 5000 === 4999) {
      report('validate', i + 1, dataRows.length);
      // let a progress line reach the caller while a big sheet is being checked
      if (opts.onProgress) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const v = validateRow(r, header, refs, lang);
    if (v.nationalId) {
      const first = firstRowOf.get(v.nationalId);
      if (first !== undefined) {
        v.errors.push(makeError(r.row, header.labels.get('nationalId') ?? 'شناسه ملی', 'nationalId', m(lang, `شناسهٔ ملی تکراری است؛ همان شناسهٔ ردیف ${first}`, `Duplicate national id; the same as row ${first}`)));
      } else firstRowOf.set(v.nationalId, r.row);
    }
    if (v.errors.length || !v.parsed) {
      result.errors.push(...v.errors);
      errorRows.set(r.row, { row: r.row, outcome: 'error', nationalId: v.nationalId, name: v.name, unitId: null, changes: [] });
    } else parsed.push(v.parsed);
  }

  // Compared (and written) a chunk at a time, so a 50k-row file never holds 50k existing units at once.
  const outcomes = new Map<number, ImportRow>();
  const keepOutcomes = opts.dryRun || result.errors.length > 0;
  const classifyAndWrite = async (db: DbOrTx, write: boolean) => {
    let done = 0;
    report(write ? 'write' : 'compare', 0, parsed.length);
    for (const batch of chunks(parsed)) {
      const existing = await loadExisting(db, provinceId, batch.map((p) => p.input.nationalId));
      const plan = planImport(batch, existing, keepOutcomes);
      result.created += plan.creates.length;
      result.updated += plan.updates.length;
      result.unchanged += plan.unchanged;
      if (write) await writePlan(db, ctx, provinceId, plan);
      if (keepOutcomes) for (const [row, o] of plan.outcomes) outcomes.set(row, o);
      report(write ? 'write' : 'compare', (done += batch.length), parsed.length);
    }
  };

  if (keepOutcomes) {
    await classifyAndWrite(ctx.db, false);
    result.rows = rowNumbers.map((row) => errorRows.get(row) ?? outcomes.get(row)).filter((o): o is ImportRow => o !== undefined);
    if (result.errors.length) throw new AppError('import.invalid_rows', { extra: { ...result } });
    return result;
  }

  try {
    await ctx.db.transaction(async (tx) => {
      // One import per province at a time; a unit edited meanwhile is caught by its version.
      await tx.execute(sql`select pg_advisory_xact_lock(7301, hashtext(${provinceId}))`);
      await classifyAndWrite(tx, true);
    });
  } catch (e) {
    // a unit created by someone else between our read and our write
    if (isUniqueViolation(e)) throw new AppError('record.duplicate');
    throw e;
  }
  report('done', result.total, result.total);
  return result;
}
