/** Building blocks shared by every contract. */
import { z } from 'zod';
import { normalizePersian, type NormalizeOptions } from '../text.js';
import { maxLengthKey } from '../validation-messages.js';

export const idParams = z.strictObject({ id: z.uuid({ message: 'v.id' }) });
/** `/…/{id}/attachments/{attachmentId}`: a record's attachment. */
export const attachmentParams = z.strictObject({ id: z.uuid({ message: 'v.id' }), attachmentId: z.uuid({ message: 'v.id' }) });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

/** `?sort=field` ascending, `?sort=-field` descending, for the fields a list sorts by. */
export function sortParam<const S extends readonly string[]>(sorts: S) {
  return z.enum([...sorts, ...sorts.map((s: S[number]) => `-${s}` as `-${S[number]}`)]);
}

/** `?status=a,b`: one status, or several separated by commas, each one of `statuses`. */
export function statusList<const S extends readonly string[]>(statuses: S) {
  return z
    .string()
    .max(200)
    .transform((s, ctx) => {
      const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
      for (const p of parts) {
        if (!(statuses as readonly string[]).includes(p)) {
          ctx.addIssue({ code: 'custom', message: `unknown status "${p}"`, input: s });
          return z.NEVER;
        }
      }
      return parts as S[number][];
    })
    .describe('one status, or several separated by commas');
}

/** A step in a record's history: the status it left (null when the record was made) and the one it entered. */
export function statusStep<const S extends readonly string[]>(statuses: S) {
  return { from: z.enum(statuses).nullable(), to: z.enum(statuses) };
}

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** The files a list or table can be exported as. */
export const SHEET_FORMATS = ['xlsx', 'csv'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];
/** `?format=xlsx|csv` on an export route (xlsx when absent). */
export const exportFormat = { format: z.enum(SHEET_FORMATS).default('xlsx') };

/** How many of something (referrals, demands, resolutions, units…): the figures of statistics and reports. */
export const count = z.number().int();

export const isoInstant = z.string().describe('ISO 8601 instant with offset');
/** The dates Tashil accepts: Jalali 1300-01-01 … 1500-12-29, as Gregorian ISO strings (compare as text). */
export const DATE_RANGE = { min: '1921-03-21', max: '2121-03-20' } as const;

/**
 * Why a 'YYYY-MM-DD' string is not a date Tashil accepts: not that shape ('v.date'), no such day ('v.date_invalid':
 * 2026-02-30, 0000-01-01), or outside the range ('v.date_range'); null when it is fine. Plain arithmetic, no Date.
 */
export function dateProblem(s: string): 'v.date' | 'v.date_invalid' | 'v.date_range' | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return 'v.date';
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (year < 1 || !days || day < 1 || day > days) return 'v.date_invalid';
  if (s < DATE_RANGE.min || s > DATE_RANGE.max) return 'v.date_range';
  return null;
}

/** One date schema for every date field and query parameter: a real calendar day within DATE_RANGE, else 422. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'v.date' })
  .superRefine((s, ctx) => {
    const problem = dateProblem(s);
    if (problem && problem !== 'v.date') ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('YYYY-MM-DD, between 1921-03-21 and 2121-03-20 (Jalali 1300–1500)');
export const versionField = z.number().int().min(1).describe("the record's current version");

export const recordStamps = {
  id: z.string(),
  version: z.number().int(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
};

/** The file behind an attachment as a record lists it (the record's own id and the file's kind stand before these). */
export const attachedFileFields = {
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedByLabel: z.string(),
  createdAt: isoInstant,
};

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .passthrough();

/** Short texts a person types: trimmed, bounded. */
export const shortText = (max = 200) => z.string().trim().min(1, { message: 'v.required' }).max(max);
export const optionalText = (max = 2000) => z.string().trim().max(max).optional().nullable();

/** A code a person picks from a list (a bank, a program, a sector, a county): trimmed, required, bounded. */
export const refCode = z.string().trim().min(1, { message: 'v.required' }).max(64);

/** `?flag=true|false` in a query string, as a boolean. */
export const queryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Normalised Persian text, required and bounded (a grossly oversized input is refused before normalising). */
const requiredPersian = (max: number, options: NormalizeOptions) =>
  z
    .string()
    .max(max * 2, { message: maxLengthKey(max) })
    .transform((s) => normalizePersian(s, options))
    .pipe(z.string().min(1, { message: 'v.required' }).max(max));

/** The same, optional: empty becomes null. */
const optionalNormalisedPersian = (max: number, options: NormalizeOptions) =>
  z
    .string()
    .max(max * 2, { message: maxLengthKey(max) })
    .transform((s) => normalizePersian(s, options) || null)
    .pipe(z.string().max(max).nullable())
    .nullable()
    .optional();

const MULTI_LINE: NormalizeOptions = { keepNewlines: true };

/** Persian text a person types: normalised (letters, digits, half-spaces), then required and bounded. */
export const persianText = (max: number) => requiredPersian(max, {});
/** The same, optional: empty becomes null. */
export const optionalPersian = (max: number) => optionalNormalisedPersian(max, {});
/** Multi-line Persian text (descriptions, notes): line breaks kept. */
export const persianBlock = (max: number) => requiredPersian(max, MULTI_LINE);
/** The same, optional: empty becomes null. */
export const optionalPersianBlock = (max: number) => optionalNormalisedPersian(max, MULTI_LINE);

// ── Spreadsheet imports (units, a bank's status sheet) ─────────────────────

/** `?dryRun=true|1`: check the sheet and report what it would do, writing nothing. */
export const dryRunQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

export const importErrorSchema = z.object({
  /** the sheet's row number (the header is row 1) */
  row: z.number().int(),
  /** the column as the file names it (or its Persian label when the column is missing) */
  column: z.string(),
  /** the API field, when the column maps to one */
  field: z.string().nullable(),
  /** `row.field`, for clients that read problem+json `errors[].path` */
  path: z.string(),
  message: z.string(),
});

/** What an import report says of the whole sheet; each import adds its own `rows`. */
export const importReportFields = {
  dryRun: z.boolean(),
  /** data rows read (empty rows are skipped) */
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(importErrorSchema),
  /** header cells that name no known column; their cells are not read */
  ignoredColumns: z.array(z.string()),
};

// ── Parts several records share ─────────────────────────────────────────────

/** The agency a record is with (assigned to it, written for it, represented by it), when there is one. */
export const nullableAgencyFields = { agencyId: z.string().nullable(), agencyName: z.string().nullable() };

/** A follow-up note on a record (a demand, a resolution): who wrote it, for which agency, and when. */
export const followupSchema = z.object({
  id: z.string(),
  note: z.string(),
  authorName: z.string(),
  authorRole: z.string(),
  ...nullableAgencyFields,
  at: isoInstant,
});

/** A working-group resolution about a record (a demand, a referral), as the caller may see it. */
export const relatedResolutionSchema = z.object({ id: z.string(), code: z.string(), text: z.string(), status: z.string(), dueDate: z.string() });
