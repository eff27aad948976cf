import { z } from 'zod';
import { isValidLegalId } from '../ids.js';
import { normalizeCode } from '../text.js';
import { dryRunQuery, importErrorSchema, importReportFields, isoDate, isoInstant, listOf, optionalPersian, pageQuery, persianText, recordStamps, refCode, SHEET_FORMATS, sortParam, versionField } from './common.js';

import { UNIT_STATUSES, type UnitStatus } from '../machines.js';

export { UNIT_STATUSES, type UnitStatus };


export const nationalIdField = z
  .string()
  .max(40)
  .transform((s) => normalizeCode(s))
  .refine((s) => isValidLegalId(s), { message: 'v.legal_id' });

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
  sort: sortParam(UNIT_SORTS).optional(),
});
export type ListUnitsQuery = z.infer<typeof listUnitsQuery>;

export const unitList = listOf(unitSchema);

// ── Spreadsheets: import, export and template ─────────────────────────────

/**
 * The columns of a unit sheet, in the order export and template write them. An import header may
 * name a column by its Persian label, its English label, its API field name or an alias; the match
 * goes through `searchKey`, so «درصد بهره برداری» (no half-space) and «درصد بهره‌برداری» are one.
 * `sectorName` is the sector's name beside its code: used when the code cell is empty or absent.
 */
export const UNIT_SHEET_COLUMNS = [
  { field: 'name', fa: 'نام واحد', en: 'Unit name', required: true, aliases: ['نام شرکت', 'نام بنگاه', 'نام واحد صنعتی', 'نام واحد تولیدی'] },
  { field: 'nationalId', fa: 'شناسه ملی', en: 'National id', required: true, aliases: ['شناسه ملی شرکت', 'شناسه', 'legal id'] },
  { field: 'sectorCode', fa: 'کد آیسیک', en: 'ISIC code', required: false, aliases: ['کد ISIC', 'آیسیک', 'isic', 'sector code'] },
  { field: 'sectorName', fa: 'رشته فعالیت', en: 'Sector', required: false, aliases: ['زمینه فعالیت', 'نوع فعالیت', 'sector name'] },
  { field: 'countyId', fa: 'شهرستان', en: 'County', required: true, aliases: ['county id'] },
  { field: 'estateId', fa: 'شهرک صنعتی', en: 'Industrial estate', required: false, aliases: ['شهرک یا ناحیه صنعتی', 'شهرک/ناحیه صنعتی', 'ناحیه صنعتی', 'شهرک', 'estate id'] },
  { field: 'address', fa: 'نشانی', en: 'Address', required: false, aliases: ['آدرس'] },
  { field: 'phone', fa: 'تلفن', en: 'Phone', required: false, aliases: ['شماره تلفن', 'تلفن تماس', 'تلفن ثابت'] },
  { field: 'managerName', fa: 'مدیرعامل', en: 'Manager', required: false, aliases: ['نام مدیرعامل', 'مدیر', 'manager name'] },
  { field: 'employees', fa: 'تعداد کارکنان', en: 'Employees', required: true, aliases: ['کارکنان', 'تعداد پرسنل', 'تعداد شاغلین', 'اشتغال', 'staff'] },
  { field: 'capacityUtilization', fa: 'درصد بهره‌برداری', en: 'Capacity utilisation', required: true, aliases: ['درصد بهره‌برداری از ظرفیت', 'بهره‌برداری از ظرفیت', 'درصد ظرفیت', 'capacity utilization', 'capacity'] },
  { field: 'status', fa: 'وضعیت', en: 'Status', required: true, aliases: ['وضعیت واحد', 'وضعیت فعالیت'] },
  { field: 'licenseNo', fa: 'شماره پروانه', en: 'Licence no.', required: false, aliases: ['شماره پروانه بهره‌برداری', 'پروانه بهره‌برداری', 'license no', 'licence no'] },
  { field: 'lat', fa: 'عرض جغرافیایی', en: 'Latitude', required: false, aliases: ['latitude'] },
  { field: 'lng', fa: 'طول جغرافیایی', en: 'Longitude', required: false, aliases: ['longitude'] },
] as const;
export type UnitSheetField = (typeof UNIT_SHEET_COLUMNS)[number]['field'];

/** Columns an export adds that an import reads past without complaint. */
export const UNIT_SHEET_INFO_COLUMNS = [
  { key: 'updatedAt', fa: 'آخرین به‌روزرسانی', en: 'Last updated' },
  { key: 'row', fa: 'ردیف', en: 'Row' },
] as const;

export { SHEET_FORMATS, type SheetFormat } from './common.js';

export const exportUnitsQuery = z.strictObject({
  ...unitFilters,
  format: z.enum(SHEET_FORMATS).default('xlsx'),
  sort: listUnitsQuery.shape.sort,
});
export type ExportUnitsQuery = z.infer<typeof exportUnitsQuery>;

export const templateQuery = z.strictObject({ format: z.enum(SHEET_FORMATS).default('xlsx') });

export const importUnitsQuery = dryRunQuery;

export const IMPORT_OUTCOMES = ['created', 'updated', 'unchanged', 'error'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export { importErrorSchema };
export type ImportError = z.infer<typeof importErrorSchema>;

export const importRowSchema = z.object({
  row: z.number().int(),
  outcome: z.enum(IMPORT_OUTCOMES),
  nationalId: z.string().nullable(),
  name: z.string().nullable(),
  /** the existing unit, for updated and unchanged rows */
  unitId: z.string().nullable(),
  /** fields an update would change */
  changes: z.array(z.string()),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const unitImportResult = z.object({
  ...importReportFields,
  /** every row's outcome: on a dry run, and on any refusal */
  rows: z.array(importRowSchema).optional(),
});
export type UnitImportResult = z.infer<typeof unitImportResult>;

// ── The unit's story ───────────────────────────────────────────────────────

/**
 * One entry of a unit's timeline. Other modules contribute entries through a function exported
 * from their service, `unitTimelineEntries(ctx, unitId): Promise<UnitTimelineEntry[]>`, scoped by
 * the caller themselves (an agency sees its own demands and referrals only). An entry that observed
 * staff or capacity (a visit) carries `observed`, which feeds the timeline's `series`.
 */
export const unitTimelineEntrySchema = z.object({
  /** when it happened (ISO instant); entries are sorted by it, newest first */
  at: isoInstant,
  /** the calendar date it is about, when it has one (a visit's date) */
  date: isoDate.nullable().optional(),
  /** e.g. unit.created, unit.updated, visit, demand, demand.followup, referral, referral.event, resolution */
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable().optional(),
  entityType: z.string(),
  entityId: z.string(),
  /** the record's id, as some modules name it (same as entityId) */
  refId: z.string().optional(),
  /** tracking code of the record (demands, referrals, resolutions) */
  code: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
  actor: z.string().nullable().optional(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })).optional(),
  observed: z
    .object({ employees: z.number().int().nullable().optional(), capacityUtilization: z.number().int().nullable().optional() })
    .optional(),
});
export type UnitTimelineEntry = z.infer<typeof unitTimelineEntrySchema>;
/** A line a module contributes by `refId`, its record's id (the units module names the entity from it). */
export type ContributedTimelineEntry = Omit<UnitTimelineEntry, 'entityType' | 'entityId'> & { refId: string };

export const unitSeriesPointSchema = z.object({
  date: isoDate,
  employees: z.number().int().nullable(),
  capacityUtilization: z.number().int().nullable(),
  source: z.enum(['register', 'visit']),
});

export const unitTimelineSchema = z.object({
  items: z.array(unitTimelineEntrySchema),
  /** staff and capacity over time: the register's changes and what visits observed, oldest first */
  series: z.array(unitSeriesPointSchema),
});
export type UnitTimeline = z.infer<typeof unitTimelineSchema>;
