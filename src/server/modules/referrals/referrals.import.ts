/**
 * A bank's status sheet (`POST /referrals/import`): one row per referral, by tracking code, saying where it
 * stands now — received, under review, approved (with the amount), paid (amount and date), rejected (with
 * the written reason). The file is read by the shared sheet reader (src/server/sheets), the same one the
 * unit import uses. Every row walks the referral machine step by step with the same rules as the API
 * (`applyStep`), inside one transaction: any bad row → nothing written (422 `import.invalid_rows`, each
 * error named by row and column); a dry run reports and rolls back. A row restating the current state is
 * `unchanged`, so the same sheet uploaded twice changes nothing the second time. A bank touches only its
 * own referrals: a code of another bank's is "not found", exactly as an unknown code.
 */
import { and, inArray } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { referrals, rejectionReasons } from '../../db/schema.js';
import { AppError, type FieldError, type Lang } from '../../../shared/errors.js';
import { isIsoDate, parseJalali } from '../../../shared/jalali.js';
import { REFERRAL_STATUSES, referralMachine, type ReferralStatus } from '../../../shared/machines.js';
import { STATUS_LABELS } from '../../../shared/labels.js';
import { tryParseRials } from '../../../shared/money.js';
import { normalizePersian, searchKey, toAsciiDigits } from '../../../shared/text.js';
import type { ImportError } from '../../../shared/contracts/units.js';
import type { ReferralImportReport } from '../../../shared/contracts/referrals.js';
import { DEFAULT_SHEET_LIMITS, readSheet, type SheetLimits } from '../../sheets/read-sheet.js';
import type { Cell, SheetRow } from '../../sheets/sheet-row.js';
import { readDeadlines, scopeConditions, selectReferrals, type JoinedReferral } from './referrals.repo.js';
import { pathTo } from './referrals.rules.js';
import { applyStep, referralScopeOf } from './referrals.service.js';

export const STATUS_SHEET_LIMITS: SheetLimits = { ...DEFAULT_SHEET_LIMITS, maxBytes: 10 * 1024 * 1024, maxRows: 20_000 };

type Field =
  | 'code'
  | 'status'
  | 'approvedAmount'
  | 'paidAmount'
  | 'paidDate'
  | 'reasonCode'
  | 'reasonText'
  | 'reasonLetterNo'
  | 'reasonLetterDate'
  | 'note';

/** The sheet's columns: the API's field names, their English and Persian labels, and what people write. */
export const STATUS_SHEET_COLUMNS: readonly { field: Field; fa: string; en: string; aliases: string[]; required?: boolean }[] = [
  { field: 'code', fa: 'کد رهگیری', en: 'Tracking code', aliases: ['کد', 'کد پیگیری', 'شماره رهگیری', 'trackingCode', 'referralCode'], required: true },
  { field: 'status', fa: 'وضعیت', en: 'Status', aliases: ['وضعیت پرونده', 'state'], required: true },
  { field: 'approvedAmount', fa: 'مبلغ مصوب', en: 'Approved amount', aliases: ['مبلغ مصوب (ریال)', 'مبلغ تصویب شده'] },
  { field: 'paidAmount', fa: 'مبلغ پرداختی', en: 'Paid amount', aliases: ['مبلغ پرداخت شده', 'مبلغ پرداختی (ریال)'] },
  { field: 'paidDate', fa: 'تاریخ پرداخت', en: 'Paid date', aliases: [] },
  { field: 'reasonCode', fa: 'دلیل رد', en: 'Reason code', aliases: ['کد دلیل رد', 'علت رد', 'reason'] },
  { field: 'reasonText', fa: 'شرح دلیل رد', en: 'Reason text', aliases: ['شرح علت رد', 'شرح'] },
  { field: 'reasonLetterNo', fa: 'شماره نامه', en: 'Letter no', aliases: ['شماره نامه بانک', 'letterNo', 'letter number'] },
  { field: 'reasonLetterDate', fa: 'تاریخ نامه', en: 'Letter date', aliases: ['تاریخ نامه بانک', 'letterDate'] },
  { field: 'note', fa: 'توضیحات', en: 'Note', aliases: ['یادداشت', 'comment'] },
];

const HEADER_INDEX: ReadonlyMap<string, Field> = (() => {
  const index = new Map<string, Field>();
  for (const c of STATUS_SHEET_COLUMNS)
    for (const label of [c.fa, c.en, c.field, ...c.aliases]) {
      const key = searchKey(label);
      if (key && !index.has(key)) index.set(key, c.field);
    }
  return index;
})();

/** Status words people write: the codes, the labels in both languages, and everyday variants. */
const STATUS_INDEX: ReadonlyMap<string, ReferralStatus> = (() => {
  const index = new Map<string, ReferralStatus>();
  const add = (label: string, s: ReferralStatus) => {
    const key = searchKey(label);
    if (key && !index.has(key)) index.set(key, s);
  };
  for (const s of REFERRAL_STATUSES) {
    add(s, s);
    add(STATUS_LABELS.referral[s]!.fa, s);
    add(STATUS_LABELS.referral[s]!.en, s);
  }
  const extra: [string, ReferralStatus][] = [
    ['معرفی', 'referred'],
    ['وصول', 'received'],
    ['وصول شده', 'received'],
    ['دریافت شده', 'received'],
    ['بررسی', 'under_review'],
    ['در دست بررسی', 'under_review'],
    ['تصویب', 'approved'],
    ['تصویب شده', 'approved'],
    ['مصوب شده', 'approved'],
    ['پرداخت', 'paid'],
    ['پرداخت شد', 'paid'],
    ['رد', 'rejected'],
    ['رد شد', 'rejected'],
    ['عدم پرداخت', 'rejected'],
    ['انصراف متقاضی', 'withdrawn'],
    ['under review', 'under_review'],
  ];
  for (const [label, s] of extra) add(label, s);
  return index;
})();

const m = (lang: Lang, fa: string, en: string) => (lang === 'en' ? en : fa);

function cellText(v: Cell): string {
  return v === null ? '' : String(v).trim();
}

/** 'R-1405-000045', also typed as 'r-1405-45', 'R1405000045' or with Persian digits. */
export function normalizeReferralCode(s: string): string | null {
  const t = toAsciiDigits(s).replace(/[\s\u200c\u200f\u200e]/g, '').toUpperCase();
  const match = /^R-?(\d{4})-?(\d{1,6})$/.exec(t) ?? /^R(\d{4})(\d{6})$/.exec(t);
  if (!match) return null;
  return `R-${match[1]}-${match[2]!.padStart(6, '0')}`;
}

function parseDate(s: string): string | null {
  const t = toAsciiDigits(s).trim();
  // an ISO date, also written with slashes (2026/11/29); else a Jalali date as people type it (1405/08/12)
  const asIso = t.replace(/\//g, '-');
  if (isIsoDate(t)) return t;
  if (/^(19|20)\d{2}-\d{2}-\d{2}$/.test(asIso) && isIsoDate(asIso)) return asIso;
  return parseJalali(t);
}

interface ParsedRow {
  row: number;
  code: string;
  to: ReferralStatus;
  approvedAmount: bigint | null;
  paidAmount: bigint | null;
  paidDate: string | null;
  reason: { code: string | null; text: string | null; letterNo: string | null; letterDate: string | null };
  note: string | null;
}

interface Header {
  fields: Map<number, Field>;
  labels: Map<Field, string>;
  ignored: string[];
  errors: ImportError[];
}

function makeError(row: number, column: string, field: string | null, message: string): ImportError {
  return { row, column, field, path: `${row}.${field ?? column}`, message };
}

function mapHeader(header: SheetRow, lang: Lang): Header {
  const out: Header = { fields: new Map(), labels: new Map(), ignored: [], errors: [] };
  header.cells.forEach((cell, i) => {
    const text = cellText(cell);
    if (!text) return;
    const field = HEADER_INDEX.get(searchKey(text));
    if (!field) {
      out.ignored.push(text);
      return;
    }
    if (out.labels.has(field)) {
      out.errors.push(makeError(header.row, text, field, m(lang, `ستون «${text}» تکراری است`, `Column "${text}" appears twice`)));
      return;
    }
    out.fields.set(i, field);
    out.labels.set(field, text);
  });
  for (const c of STATUS_SHEET_COLUMNS)
    if (c.required && !out.labels.has(c.field))
      out.errors.push(makeError(header.row, c.fa, c.field, m(lang, `ستون الزامی «${c.fa}» در سطر عنوان فایل نیست`, `The required column "${c.en}" is missing from the header row`)));
  return out;
}

const FIELD_LABEL = new Map(STATUS_SHEET_COLUMNS.map((c) => [c.field, c]));

function columnOf(h: Header, field: Field, lang: Lang): string {
  const c = FIELD_LABEL.get(field)!;
  return h.labels.get(field) ?? (lang === 'en' ? c.en : c.fa);
}

/** A service error's field paths (approvedAmount, reason.text…) as the sheet's columns. */
const PATH_TO_FIELD: Record<string, Field> = {
  approvedAmount: 'approvedAmount',
  paidAmount: 'paidAmount',
  paidDate: 'paidDate',
  'reason.code': 'reasonCode',
  'reason.text': 'reasonText',
  'reason.letterNo': 'reasonLetterNo',
  'reason.letterDate': 'reasonLetterDate',
};

function parseRow(r: SheetRow, h: Header, lang: Lang, reasonByKey: Map<string, string>): { parsed: ParsedRow | null; errors: ImportError[]; code: string | null } {
  const v = new Map<Field, string>();
  h.fields.forEach((field, i) => v.set(field, cellText(r.cells[i] ?? null)));
  const errors: ImportError[] = [];
  const err = (field: Field, fa: string, en: string) => errors.push(makeError(r.row, columnOf(h, field, lang), field, m(lang, fa, en)));

  const rawCode = v.get('code') ?? '';
  const code = rawCode ? normalizeReferralCode(rawCode) : null;
  if (!rawCode) err('code', 'کد رهگیری خالی است', 'The tracking code is empty');
  else if (!code) err('code', `کد رهگیری «${rawCode}» معتبر نیست (نمونه: R-1405-000045)`, `"${rawCode}" is not a tracking code (e.g. R-1405-000045)`);

  const rawStatus = v.get('status') ?? '';
  const to = rawStatus ? (STATUS_INDEX.get(searchKey(rawStatus)) ?? null) : null;
  if (!rawStatus) err('status', 'وضعیت خالی است', 'The status is empty');
  else if (!to) err('status', `وضعیت «${rawStatus}» شناخته نشد`, `Unknown status "${rawStatus}"`);

  const amount = (field: 'approvedAmount' | 'paidAmount'): bigint | null => {
    const raw = v.get(field) ?? '';
    if (!raw) return null;
    const parsed = tryParseRials(raw);
    if (parsed === null) err(field, `مبلغ «${raw}» عدد صحیح ریالی نیست`, `"${raw}" is not a whole number of rials`);
    return parsed;
  };
  const date = (field: 'paidDate' | 'reasonLetterDate'): string | null => {
    const raw = v.get(field) ?? '';
    if (!raw) return null;
    const parsed = parseDate(raw);
    if (!parsed) err(field, `تاریخ «${raw}» معتبر نیست (شمسی مانند ۱۴۰۵/۰۸/۱۲ یا میلادی YYYY-MM-DD)`, `"${raw}" is not a date (Jalali like 1405/08/12, or YYYY-MM-DD)`);
    return parsed;
  };
  const approvedAmount = amount('approvedAmount');
  const paidAmount = amount('paidAmount');
  const paidDate = date('paidDate');
  const letterDate = date('reasonLetterDate');
  const rawReason = v.get('reasonCode') ?? '';
  let reasonCode: string | null = null;
  if (rawReason) {
    reasonCode = reasonByKey.get(searchKey(rawReason)) ?? null;
    if (!reasonCode) err('reasonCode', `دلیل رد «${rawReason}» شناخته نشد`, `Unknown reason "${rawReason}"`);
  }
  const note = normalizePersian(v.get('note') ?? '') || null;
  if (errors.length || !code || !to) return { parsed: null, errors, code };
  return {
    parsed: {
      row: r.row,
      code,
      to,
      approvedAmount,
      paidAmount,
      paidDate,
      reason: { code: reasonCode, text: v.get('reasonText') || null, letterNo: v.get('reasonLetterNo') || null, letterDate },
      note,
    },
    errors,
    code,
  };
}

/** Does a row that names the current status also agree with what is recorded? */
function restates(row: ParsedRow, r: JoinedReferral['r']): { same: boolean; field?: Field } {
  if (row.approvedAmount !== null && r.approvedAmount !== null && row.approvedAmount !== r.approvedAmount) return { same: false, field: 'approvedAmount' };
  if (row.to === 'paid') {
    if (row.paidAmount !== null && row.paidAmount !== r.paidAmount) return { same: false, field: 'paidAmount' };
    if (row.paidDate !== null && row.paidDate !== r.paidDate) return { same: false, field: 'paidDate' };
  }
  return { same: true };
}

class Rollback extends Error {}

export interface StatusSheetFile {
  filename: string;
  data: Buffer;
}

export async function importReferralStatuses(ctx: ServiceContext, file: StatusSheetFile, opts: { dryRun: boolean }): Promise<ReferralImportReport> {
  const lang: Lang = ctx.lang ?? 'fa';
  const scope = referralScopeOf(ctx);
  const sheet = await readSheet(file.filename, file.data, STATUS_SHEET_LIMITS);
  const isEmpty = (r: SheetRow) => r.cells.every((c) => cellText(c) === '');
  const headerIndex = sheet.rows.findIndex((r) => !isEmpty(r));
  if (headerIndex < 0) throw new AppError('import.empty');
  const header = mapHeader(sheet.rows[headerIndex]!, lang);
  const dataRows = sheet.rows.slice(headerIndex + 1).filter((r) => !isEmpty(r));
  const report: ReferralImportReport = { dryRun: opts.dryRun, total: dataRows.length, created: 0, updated: 0, unchanged: 0, errors: [], ignoredColumns: header.ignored, rows: [] };
  if (header.errors.length) {
    report.errors = header.errors;
    throw new AppError('import.invalid_rows', { extra: { ...report } });
  }
  if (dataRows.length === 0) throw new AppError('import.empty');

  const reasons = await ctx.db.select().from(rejectionReasons);
  const reasonByKey = new Map<string, string>();
  for (const r of reasons) for (const label of [r.code, r.name, r.nameEn]) if (searchKey(label)) reasonByKey.set(searchKey(label), r.code);

  const parsed: ParsedRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of dataRows) {
    const { parsed: p, errors, code } = parseRow(r, header, lang, reasonByKey);
    if (code) {
      const first = firstRowOf.get(code);
      if (first !== undefined) errors.push(makeError(r.row, columnOf(header, 'code', lang), 'code', m(lang, `کد رهگیری تکراری است؛ همان ردیف ${first}`, `Duplicate tracking code; the same as row ${first}`)));
      else firstRowOf.set(code, r.row);
    }
    if (errors.length || !p) {
      report.errors.push(...errors);
      report.rows.push({ row: r.row, outcome: 'error', code, referralId: null, from: null, to: p?.to ?? null, steps: [] });
    } else parsed.push(p);
  }

  const deadlines = await readDeadlines(ctx.db, scope.provinceId);
  const outcome = new Map<number, ReferralImportReport['rows'][number]>();
  try {
    await ctx.db.transaction(async (tx: Tx) => {
      const codes = parsed.map((p) => p.code);
      const found = new Map<string, JoinedReferral>();
      for (let i = 0; i < codes.length; i += 500) {
        const rows = await selectReferrals(tx)
          .where(and(...scopeConditions(scope), inArray(referrals.code, codes.slice(i, i + 500))))
          .orderBy(referrals.code)
          .for('update', { of: referrals });
        for (const row of rows) found.set(row.r.code, row);
      }
      for (const p of parsed) {
        const current = found.get(p.code);
        const base = { row: p.row, code: p.code, to: p.to, steps: [] as ReferralStatus[] };
        if (!current) {
          report.errors.push(makeError(p.row, columnOf(header, 'code', lang), 'code', m(lang, `پرونده‌ای با کد رهگیری «${p.code}» یافت نشد`, `No referral with tracking code "${p.code}" was found`)));
          outcome.set(p.row, { ...base, outcome: 'error', referralId: null, from: null });
          continue;
        }
        const from = current.r.status as ReferralStatus;
        const withIds = { ...base, referralId: current.r.id, from };
        if (from === p.to) {
          const same = restates(p, current.r);
          if (!same.same) {
            report.errors.push(
              makeError(p.row, columnOf(header, same.field!, lang), same.field!, m(lang, 'با آنچه پیش‌تر ثبت شده فرق دارد؛ مبلغ یا تاریخ ثبت‌شده با فایل عوض نمی‌شود', 'Differs from what is recorded; a recorded amount or date is not changed by a sheet')),
            );
            outcome.set(p.row, { ...withIds, outcome: 'error' });
          } else {
            report.unchanged++;
            outcome.set(p.row, { ...withIds, outcome: 'unchanged' });
          }
          continue;
        }
        const steps = pathTo(referralMachine, from, p.to, ctx.actor.role);
        if (!steps) {
          report.errors.push(
            makeError(p.row, columnOf(header, 'status', lang), 'status', m(lang, `تغییر وضعیت از «${STATUS_LABELS.referral[from]!.fa}» به «${STATUS_LABELS.referral[p.to]!.fa}» مجاز نیست`, `Moving from "${from}" to "${p.to}" is not allowed`)),
          );
          outcome.set(p.row, { ...withIds, outcome: 'error' });
          continue;
        }
        try {
          // A savepoint per row: a refused row is reported and the others still checked.
          let row = current;
          await tx.transaction(async (sp) => {
            for (const step of steps) {
              const stepped = await applyStep(ctx, sp, row, step, { approvedAmount: p.approvedAmount, paidAmount: p.paidAmount, paidDate: p.paidDate, reason: p.reason }, deadlines, {
                note: p.note,
                source: 'import',
              });
              // the rows are locked FOR UPDATE by this transaction: their versions cannot have moved
              if (!stepped) throw new Error(`referral ${row.r.code} changed under its lock`);
              row = stepped;
            }
          });
          found.set(p.code, row);
          report.updated++;
          outcome.set(p.row, { ...withIds, outcome: 'updated', steps });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          const fieldErrors: FieldError[] = e.errors?.length ? e.errors : [{ path: 'status', message: e.detail?.[lang] ?? e.message }];
          for (const fe of fieldErrors) {
            const field = PATH_TO_FIELD[fe.path] ?? 'status';
            const title = e.code === 'validation.failed' ? '' : `${m(lang, 'رد شد', 'refused')}: `;
            report.errors.push(makeError(p.row, columnOf(header, field, lang), field, `${title}${fe.message}`));
          }
          outcome.set(p.row, { ...withIds, outcome: 'error' });
        }
      }
      if (report.errors.length || opts.dryRun) throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  const errorRow = new Map(report.rows.map((r) => [r.row, r]));
  report.rows = dataRows.map((r) => outcome.get(r.row) ?? errorRow.get(r.row)!).filter(Boolean);
  report.errors.sort((a, b) => a.row - b.row);
  if (report.errors.length) {
    throw new AppError('import.invalid_rows', { extra: { ...report } });
  }
  return report;
}
