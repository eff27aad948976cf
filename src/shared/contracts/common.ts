/** Building blocks shared by every contract. */
import { z } from 'zod';
import { normalizePersian } from '../text.js';
import { maxLengthKey } from '../validation-messages.js';

export const idParams = z.strictObject({ id: z.uuid({ message: 'v.id' }) });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

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

/** Persian text a person types: normalised (letters, digits, half-spaces), then required and bounded. */
export const persianText = (max: number) =>
  z
    .string()
    .max(max * 2, { message: maxLengthKey(max) })
    .transform((s) => normalizePersian(s))
    .pipe(z.string().min(1, { message: 'v.required' }).max(max));

/** The same, optional: empty becomes null. */
export const optionalPersian = (max: number) =>
  z
    .string()
    .max(max * 2, { message: maxLengthKey(max) })
    .transform((s) => normalizePersian(s) || null)
    .pipe(z.string().max(max).nullable())
    .nullable()
    .optional();

/** A working-group resolution about a record (a demand, a referral), as the caller may see it. */
export const relatedResolutionSchema = z.object({ id: z.string(), code: z.string(), text: z.string(), status: z.string(), dueDate: z.string() });
