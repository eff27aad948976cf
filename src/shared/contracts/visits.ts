/** Field visits (بازدید میدانی). */
import { z } from 'zod';
import { VISIT_STATUSES, type VisitStatus } from '../machines.js';
import { listOf, pageQuery, recordStamps, versionField, exportFormat } from './common.js';
import { calendarDate, DEMAND_PRIORITIES, optionalPersianText, persianLine } from './demands.js';
import { DEMAND_STATUSES } from '../machines.js';

export { VISIT_STATUSES, type VisitStatus };

export const VISIT_LIMITS = { team: 300, findings: 8000 } as const;

export const visitFields = {
  unitId: z.uuid({ message: 'v.id' }),
  visitDate: calendarDate,
  /** Who visited, as it is written on the report. */
  team: persianLine(VISIT_LIMITS.team),
  /** Users who took part (optional). */
  memberIds: z.array(z.uuid({ message: 'v.id' })).max(30).optional(),
  findings: optionalPersianText(VISIT_LIMITS.findings),
  /** Staff counted on the visit. */
  employees: z.number().int().min(0).max(1_000_000).nullable().optional(),
  /** Capacity use observed, 0–100. */
  capacityUtilization: z.number().int().min(0, { message: 'v.percent' }).max(100, { message: 'v.percent' }).nullable().optional(),
  status: z.enum(VISIT_STATUSES),
};

export const createVisitBody = z.strictObject(visitFields);
export type CreateVisitInput = z.infer<typeof createVisitBody>;

const { unitId: _unitId, ...editable } = visitFields;
export const patchVisitBody = z.strictObject(editable).partial().extend({ version: versionField.optional() });
export type PatchVisitInput = Omit<z.infer<typeof patchVisitBody>, 'version'>;

export const visitSchema = z.object({
  ...recordStamps,
  provinceId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  countyId: z.string(),
  countyName: z.string(),
  estateName: z.string().nullable(),
  visitDate: z.string(),
  team: z.string(),
  memberIds: z.array(z.string()),
  members: z.array(z.object({ id: z.string(), fullName: z.string() })),
  findings: z.string().nullable(),
  employees: z.number().int().nullable(),
  capacityUtilization: z.number().int().nullable(),
  status: z.enum(VISIT_STATUSES),
  /** Demands registered from this visit (within the caller's scope). */
  demandCount: z.number().int(),
});
export type Visit = z.infer<typeof visitSchema>;

/** A demand as the visit report lists it. */
export const visitDemandSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  priority: z.enum(DEMAND_PRIORITIES),
  dueDate: z.string(),
  status: z.enum(DEMAND_STATUSES),
});

export const visitDetailSchema = visitSchema.extend({
  /** The unit's figures in the register, beside what the visit observed. */
  unitEmployees: z.number().int(),
  unitCapacityUtilization: z.number().int(),
  demands: z.array(visitDemandSchema),
});
export type VisitDetail = z.infer<typeof visitDetailSchema>;

export const VISIT_SORTS = ['visitDate', 'createdAt'] as const;

export const listVisitsQuery = z.strictObject({
  ...pageQuery,
  unitId: z.uuid({ message: 'v.id' }).optional(),
  status: z.enum(VISIT_STATUSES).optional(),
  /** visit date from (inclusive) */
  from: calendarDate.optional(),
  /** visit date to (inclusive) */
  to: calendarDate.optional(),
  countyId: z.string().max(64).optional(),
  /** Unit name or team. */
  q: z.string().max(200).optional(),
  sort: z.enum([...VISIT_SORTS, ...VISIT_SORTS.map((s) => `-${s}` as const)]).optional(),
});
export type ListVisitsQuery = z.infer<typeof listVisitsQuery>;

export const visitList = listOf(visitSchema);

/** `GET …/export`: the list's own filters and sort, as a file (`format=xlsx|csv`). */
export const exportVisitsQuery = listVisitsQuery.omit({ page: true, pageSize: true }).extend(exportFormat);
export type ExportVisitsQuery = z.infer<typeof exportVisitsQuery>;
