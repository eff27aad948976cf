import { z } from 'zod';
import { isValidLegalId } from '../ids.js';
import { normalizeCode, normalizePersian } from '../text.js';
import { listOf, pageQuery, recordStamps, versionField } from './common.js';

import { UNIT_STATUSES, type UnitStatus } from '../machines.js';

export { UNIT_STATUSES, type UnitStatus };

const persianText = (max: number) =>
  z
    .string()
    .max(max * 2)
    .transform((s) => normalizePersian(s))
    .pipe(z.string().min(1, { message: 'v.required' }).max(max));
const optionalPersian = (max: number) =>
  z
    .string()
    .max(max * 2)
    .transform((s) => normalizePersian(s) || null)
    .pipe(z.string().max(max).nullable())
    .nullable()
    .optional();

export const nationalIdField = z
  .string()
  .max(40)
  .transform((s) => normalizeCode(s))
  .refine((s) => isValidLegalId(s), { message: 'v.legal_id' });

const refCode = z.string().trim().min(1, { message: 'v.required' }).max(64);

export const unitFields = {
  name: persianText(200),
  nationalId: nationalIdField,
  licenseNo: z.string().max(60).transform((s) => normalizeCode(s) || null).nullable().optional(),
  sectorCode: refCode,
  countyId: refCode,
  estateId: z.string().trim().max(64).transform((s) => s || null).nullable().optional(),
  address: optionalPersian(500),
  phone: z.string().max(40).transform((s) => normalizeCode(s) || null).nullable().optional(),
  managerName: optionalPersian(200),
  employees: z.number().int().min(0).max(1_000_000),
  capacityUtilization: z.number().int().min(0, { message: 'v.percent' }).max(100, { message: 'v.percent' }),
  status: z.enum(UNIT_STATUSES),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
};

export const createUnitBody = z.strictObject(unitFields);
export type CreateUnitInput = z.infer<typeof createUnitBody>;

export const patchUnitBody = createUnitBody.partial().extend({ version: versionField.optional() });

export const unitSchema = z.object({
  ...recordStamps,
  provinceId: z.string(),
  name: z.string(),
  nationalId: z.string(),
  licenseNo: z.string().nullable(),
  sectorCode: z.string(),
  sectorName: z.string(),
  countyId: z.string(),
  countyName: z.string(),
  estateId: z.string().nullable(),
  estateName: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  managerName: z.string().nullable(),
  employees: z.number().int(),
  capacityUtilization: z.number().int(),
  status: z.enum(UNIT_STATUSES),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

export const UNIT_SORTS = ['name', 'employees', 'capacityUtilization', 'createdAt', 'updatedAt', 'nationalId'] as const;

export const unitFilters = {
  q: z.string().max(200).optional(),
  countyId: z.string().max(64).optional(),
  estateId: z.string().max(64).optional(),
  sectorCode: z.string().max(64).optional(),
  status: z.enum(UNIT_STATUSES).optional(),
  capacityMin: z.coerce.number().int().min(0).max(100).optional(),
  capacityMax: z.coerce.number().int().min(0).max(100).optional(),
};

export const listUnitsQuery = z.strictObject({
  ...pageQuery,
  ...unitFilters,
  sort: z.enum([...UNIT_SORTS, ...UNIT_SORTS.map((s) => `-${s}` as const)]).optional(),
});
export type ListUnitsQuery = z.infer<typeof listUnitsQuery>;

export const unitList = listOf(unitSchema);
