/** Demands (مطالبات), their follow-ups and history: one schema per contract, for routes, forms and the client. */
import { z } from 'zod';
import { DEMAND_STATUSES, type DemandStatus } from '../machines.js';
import { exportFormat, followupSchema, isoDate, isoInstant, listOf, nullableAgencyFields, optionalPersianBlock, pageQuery, persianBlock, persianText as persianLine, queryFlag, recordStamps, refCode, relatedResolutionSchema, sortParam, statusStep, versionField } from './common.js';
import { fileAttachmentSchema } from './files.js';

export { DEMAND_STATUSES, type DemandStatus };

export const DEMAND_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type DemandPriority = (typeof DEMAND_PRIORITIES)[number];

/** Limits people meet in the forms (characters, after normalisation). */
export const DEMAND_LIMITS = { title: 200, description: 4000, note: 2000 } as const;

/** A calendar date that really exists, in the accepted range (the one shared date schema). */
export const calendarDate = isoDate;

/** Persian text stored normalised: a line (a title), or a block whose line breaks are kept (descriptions, notes). */
export { persianLine, persianBlock as persianText, optionalPersianBlock as optionalPersianText };

export const createDemandBody = z.strictObject({
  unitId: z.uuid({ message: 'v.id' }),
  visitId: z.uuid({ message: 'v.id' }).nullable().optional(),
  categoryCode: refCode,
  title: persianLine(DEMAND_LIMITS.title),
  description: persianBlock(DEMAND_LIMITS.description),
  /** Given → the demand starts `assigned`; absent → `registered`, for the secretariat to assign. */
  agencyId: z.string().trim().max(64).transform((s) => s || null).nullable().optional(),
  priority: z.enum(DEMAND_PRIORITIES).default('normal'),
  /** Absent → today + the category's deadline_days. Past dates are allowed (records back-filled from paper). */
  dueDate: calendarDate.nullable().optional(),
});
export type CreateDemandInput = z.infer<typeof createDemandBody>;

/** Corrections by the secretariat; changing the agency of an assigned demand reassigns it. */
export const patchDemandBody = z.strictObject({
  version: versionField.optional(),
  categoryCode: refCode.optional(),
  title: persianLine(DEMAND_LIMITS.title).optional(),
  description: persianBlock(DEMAND_LIMITS.description).optional(),
  agencyId: z.string().trim().min(1).max(64).optional(),
  priority: z.enum(DEMAND_PRIORITIES).optional(),
  dueDate: calendarDate.optional(),
});
export type PatchDemandInput = Omit<z.infer<typeof patchDemandBody>, 'version'>;

export const demandTransitionBody = z.strictObject({
  to: z.enum(DEMAND_STATUSES),
  version: versionField.optional(),
  /** A reason (required → unresolvable) or a remark kept in the history. */
  note: optionalPersianBlock(DEMAND_LIMITS.note),
  /** → assigned: the responsible agency, when the demand has none yet (or another one). */
  agencyId: z.string().trim().min(1).max(64).optional(),
});
export type DemandTransitionInput = z.infer<typeof demandTransitionBody>;

export const demandFollowupBody = z.strictObject({ note: persianBlock(DEMAND_LIMITS.note) });

export const demandSchema = z.object({
  ...recordStamps,
  code: z.string().describe('tracking code, e.g. D-1405-000123'),
  provinceId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  countyId: z.string(),
  countyName: z.string(),
  visitId: z.string().nullable(),
  categoryCode: z.string(),
  categoryName: z.string(),
  title: z.string(),
  description: z.string(),
  ...nullableAgencyFields,
  priority: z.enum(DEMAND_PRIORITIES),
  dueDate: z.string(),
  status: z.enum(DEMAND_STATUSES),
  escalatedAt: isoInstant.nullable(),
  resolvedAt: isoInstant.nullable(),
  /** Open and past its due date, as of today in Tehran (derived, never stored). */
  overdue: z.boolean(),
  /** Due date − today in days (negative when overdue); null once closed. */
  daysLeft: z.number().int().nullable(),
  /** Days since registration (until closing, for a closed demand). */
  ageDays: z.number().int(),
});
export type Demand = z.infer<typeof demandSchema>;

export const demandFollowupSchema = followupSchema;
export type DemandFollowup = z.infer<typeof demandFollowupSchema>;

export const demandEventSchema = z.object({
  id: z.string(),
  ...statusStep(DEMAND_STATUSES),
  note: z.string().nullable(),
  ...nullableAgencyFields,
  actorName: z.string(),
  actorRole: z.string(),
  at: isoInstant,
});
export type DemandEvent = z.infer<typeof demandEventSchema>;

/** The states in which the unit's producer may rate how the demand was handled. */
export const DEMAND_FEEDBACK_STATUSES = ['resolved', 'unresolvable'] as const satisfies readonly DemandStatus[];

export function isRateable(status: DemandStatus): boolean {
  return (DEMAND_FEEDBACK_STATUSES as readonly DemandStatus[]).includes(status);
}

const scoreField = z
  .number({ message: 'v.score' })
  .int({ message: 'v.score' })
  .min(1, { message: 'v.score' })
  .max(5, { message: 'v.score' })
  .describe('1 (very dissatisfied) … 5 (very satisfied)');

/** The producer's rating of a closed demand: once, by the unit's producer. */
export const demandFeedbackBody = z.strictObject({
  score: scoreField,
  comment: optionalPersianBlock(DEMAND_LIMITS.note),
});
export type DemandFeedbackInput = z.infer<typeof demandFeedbackBody>;

export const demandFeedbackSchema = z.object({
  score: z.number().int(),
  comment: z.string().nullable(),
  authorName: z.string(),
  createdAt: isoInstant,
});
export type DemandFeedback = z.infer<typeof demandFeedbackSchema>;

export const demandDetailSchema = demandSchema.extend({
  followups: z.array(demandFollowupSchema).describe('oldest first'),
  history: z.array(demandEventSchema).describe('oldest first'),
  attachments: z.array(fileAttachmentSchema).describe('documents and photos, oldest first; each downloads from its `url`'),
  feedback: demandFeedbackSchema.nullable().describe("the producer's rating, once given (resolved or unresolvable demands)"),
  resolutions: z.array(relatedResolutionSchema).optional().describe('working-group resolutions about this demand (on GET)'),
  allowedTransitions: z.array(z.enum(DEMAND_STATUSES)).optional().describe('the moves the caller may make from here (on GET)'),
});
export type DemandDetail = z.infer<typeof demandDetailSchema>;

export const DEMAND_SORTS = ['createdAt', 'dueDate', 'code', 'priority', 'updatedAt'] as const;

export const listDemandsQuery = z.strictObject({
  ...pageQuery,
  unitId: z.uuid({ message: 'v.id' }).optional(),
  visitId: z.uuid({ message: 'v.id' }).optional(),
  agencyId: z.string().max(64).optional(),
  status: z.enum(DEMAND_STATUSES).optional(),
  /** true → only open demands (registered, assigned, in progress, escalated); false → only closed ones. */
  open: queryFlag.optional(),
  categoryCode: z.string().max(64).optional(),
  countyId: z.string().max(64).optional(),
  priority: z.enum(DEMAND_PRIORITIES).optional(),
  /** true → open and past due as of today in Tehran; false → not overdue. */
  overdue: queryFlag.optional(),
  /** Due on or before this day (with open=true&overdue=false: what falls due by then). */
  dueBy: isoDate.optional(),
  /** Title, tracking code or unit name (Persian-normalised). */
  q: z.string().max(200).optional(),
  /** `urgency`: overdue first, then the nearest due date, then the highest priority (the agency inbox). */
  sort: z.enum([...sortParam(DEMAND_SORTS).options, 'urgency']).optional(),
});
export type ListDemandsQuery = z.infer<typeof listDemandsQuery>;

export const demandList = listOf(demandSchema);

/** `GET …/export`: the list's own filters and sort, as a file (`format=xlsx|csv`). */
export const exportDemandsQuery = listDemandsQuery.omit({ page: true, pageSize: true }).extend(exportFormat);
export type ExportDemandsQuery = z.infer<typeof exportDemandsQuery>;
