import { z } from 'zod';

export const referenceItem = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
});

export const countyItem = referenceItem.extend({ provinceId: z.string() });
export const estateItem = referenceItem.extend({ provinceId: z.string(), countyId: z.string() });
export const bankItem = referenceItem.extend({ kind: z.string() });
export const categoryItem = referenceItem.extend({ defaultAgencyId: z.string().nullable(), deadlineDays: z.number().int() });

export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export const provinceFilter = z.strictObject({ provinceId: z.string().max(64).optional() });

/** What a newcomer describes a unit with before having an account (registration): public, reference data only. */
export const unitChoices = z.object({
  provinces: z.array(referenceItem).describe('the provinces that have counties'),
  counties: z.array(countyItem),
  estates: z.array(estateItem),
  sectors: z.array(referenceItem),
});
export type UnitChoices = z.infer<typeof unitChoices>;
