/** Building blocks shared by every contract. */
import { z } from 'zod';
import { normalizePersian } from '../text.js';

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

export const isoInstant = z.string().describe('ISO 8601 instant with offset');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'v.date' }).describe('YYYY-MM-DD');
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
    .max(max * 2)
    .transform((s) => normalizePersian(s))
    .pipe(z.string().min(1, { message: 'v.required' }).max(max));

/** The same, optional: empty becomes null. */
export const optionalPersian = (max: number) =>
  z
    .string()
    .max(max * 2)
    .transform((s) => normalizePersian(s) || null)
    .pipe(z.string().max(max).nullable())
    .nullable()
    .optional();

/** A working-group resolution about a record (a demand, a referral), as the caller may see it. */
export const relatedResolutionSchema = z.object({ id: z.string(), code: z.string(), text: z.string(), status: z.string(), dueDate: z.string() });
