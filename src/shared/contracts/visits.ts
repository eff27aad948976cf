/** Field visits (بازدید میدانی). */
import { z } from 'zod';
import { VISIT_STATUSES, type VisitStatus } from '../machines.js';
import { attachedFileFields, attachmentParams, exportFormat, listOf, nullableAgencyFields, pageQuery, recordStamps, sortParam, versionField } from './common.js';
import { calendarDate, createDemandBody, DEMAND_PRIORITIES, optionalPersianText, persianLine } from './demands.js';
import { DEMAND_STATUSES } from '../machines.js';

export { VISIT_STATUSES, type VisitStatus };

export const VISIT_LIMITS = { team: 300, findings: 8000, demands: 20 } as const;

/** Where a visit was recorded: the device's position (WGS 84 degrees) and its accuracy radius in metres. */
export const visitLocation = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000),
});
export type VisitLocation = z.infer<typeof visitLocation>;

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
  location: visitLocation.nullable().optional(),
};

/** A demand heard on the visit: the demand create contract, its unit and visit being the visit's own. */
export const visitDemandBody = createDemandBody.omit({ unitId: true, visitId: true });
export type VisitDemandInput = z.infer<typeof visitDemandBody>;

export const createVisitBody = z.strictObject({
  ...visitFields,
  /**
   * A UUID the device made for this record. The same caller sending the same clientId again (a retried sync)
   * gets the first visit back with 200, and nothing is written.
   */
  clientId: z.uuid({ message: 'v.id' }).optional(),
  /** Demands heard on the visit: created with it in one transaction (any invalid → nothing is written). */
  demands: z.array(visitDemandBody).max(VISIT_LIMITS.demands).optional(),
  /**
   * The planned visit this record carries out: that visit (still `planned`, of the same unit) becomes this record —
   * same id, the fields given, status as given. 409 `visit.not_planned` when it is no longer planned.
   */
  plannedVisitId: z.uuid({ message: 'v.id' }).optional(),
});
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
  /** The device's id for a record made in the field (null for visits typed in at a desk). */
  clientId: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number(), accuracyM: z.number() }).nullable(),
});
export type Visit = z.infer<typeof visitSchema>;

/** A demand as the visit report lists it. */
export const visitDemandSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  ...nullableAgencyFields,
  priority: z.enum(DEMAND_PRIORITIES),
  dueDate: z.string(),
  status: z.enum(DEMAND_STATUSES),
});

/** A file attached to a visit (a photo taken there, a PDF handed over). */
export const visitAttachmentSchema = z.object({
  id: z.string(),
  visitId: z.string(),
  ...attachedFileFields,
});
export type VisitAttachment = z.infer<typeof visitAttachmentSchema>;

export const visitAttachmentParams = attachmentParams;

export const visitDetailSchema = visitSchema.extend({
  /** The unit's figures in the register, beside what the visit observed. */
  unitEmployees: z.number().int(),
  unitCapacityUtilization: z.number().int(),
  demands: z.array(visitDemandSchema),
  attachments: z.array(visitAttachmentSchema).describe('oldest first'),
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
  /** Visits with this user among the team members; `me`: the caller's own. */
  memberId: z.union([z.literal('me'), z.uuid({ message: 'v.id' })]).optional(),
  /** `field`: each visit also carries what its team takes into the field (`field` below). */
  include: z.enum(['field']).optional(),
  sort: sortParam(VISIT_SORTS).optional(),
});
export type ListVisitsQuery = z.infer<typeof listVisitsQuery>;

/** `GET …/export`: the list's own filters and sort, as a file (`format=xlsx|csv`). */
export const exportVisitsQuery = listVisitsQuery.omit({ page: true, pageSize: true }).extend(exportFormat);
export type ExportVisitsQuery = z.infer<typeof exportVisitsQuery>;

/** The unit as the field team needs it on site, with its version (a correction made there names it). */
export const fieldUnitSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  nationalId: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  managerName: z.string().nullable(),
  employees: z.number().int(),
  capacityUtilization: z.number().int(),
  status: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
});

/** An open demand of the unit, as the field team reads it before going in. */
export const fieldDemandSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  categoryName: z.string(),
  agencyName: z.string().nullable(),
  status: z.enum(DEMAND_STATUSES),
  dueDate: z.string(),
  overdue: z.boolean(),
});

/** What a team member takes into the field for one visit (`include=field`). */
export const visitFieldKitSchema = z.object({
  unit: fieldUnitSchema,
  /** The unit's last done visit before this one, or null. */
  lastVisit: z.object({ id: z.string(), visitDate: z.string(), findings: z.string().nullable() }).nullable(),
  /** Within the caller's scope, oldest due first. */
  openDemands: z.array(fieldDemandSchema),
});
export type VisitFieldKit = z.infer<typeof visitFieldKitSchema>;

export const visitListItemSchema = visitSchema.extend({ field: visitFieldKitSchema.optional().describe('with include=field') });
export type VisitListItem = z.infer<typeof visitListItemSchema>;

export const visitList = listOf(visitListItemSchema);
