/** Working-group resolutions (مصوبات): the record, its history and follow-ups, the board and the implementation rate. */
import { z } from 'zod';
import { NOT_DONE_CAUSES, RESOLUTION_STATUSES, type NotDoneCause, type ResolutionStatus } from '../machines.js';
import { count, exportFormat, followupSchema, isoDate, isoInstant, listOf, optionalPersianBlock, pageQuery, persianBlock, queryFlag, recordStamps, sortParam, statusStep, versionField } from './common.js';

export { NOT_DONE_CAUSES, RESOLUTION_STATUSES, type NotDoneCause, type ResolutionStatus };

export const RESOLUTION_LIMITS = { text: 4000, note: 2000 } as const;

/** Statuses in which a resolution is still to be carried out, and so can be overdue. */
export const ACTIVE_RESOLUTION_STATUSES = ['open', 'in_progress'] as const satisfies readonly ResolutionStatus[];

/** The objection window's default length in days, and the `settings` key that changes it per province. */
export const DEFAULT_OBJECTION_WINDOW_DAYS = 15;
export const OBJECTION_WINDOW_SETTING = 'resolution.objectionWindowDays';

const agencyId = z.string().trim().min(1, { message: 'v.required' }).max(64);

export const createResolutionBody = z.strictObject({
  agendaItemId: z.uuid({ message: 'v.id' }).nullable().optional(),
  text: persianBlock(RESOLUTION_LIMITS.text),
  /** The responsible agencies: at least one. */
  agencyIds: z.array(agencyId).min(1, { message: 'v.required' }).max(20),
  /** Not before the session's date. */
  dueDate: isoDate,
});
export type CreateResolutionInput = z.infer<typeof createResolutionBody>;

export const resolutionTransitionBody = z.strictObject({
  to: z.enum(RESOLUTION_STATUSES),
  version: versionField.optional(),
  /** The objection's reasons (required → objected), or a remark kept in the history. */
  note: optionalPersianBlock(RESOLUTION_LIMITS.note),
  /** → not_done: why it was not carried out. */
  cause: z.enum(NOT_DONE_CAUSES).optional(),
});
export type ResolutionTransitionInput = z.infer<typeof resolutionTransitionBody>;

export const resolutionFollowupBody = z.strictObject({ note: persianBlock(RESOLUTION_LIMITS.note) });

const agencyRef = z.object({ id: z.string(), name: z.string(), nameEn: z.string() });

export const resolutionSchema = z.object({
  ...recordStamps,
  code: z.string().describe('tracking code, e.g. M-1405-000031'),
  provinceId: z.string(),
  sessionId: z.string(),
  sessionNumber: z.number().int(),
  sessionHeldOn: isoDate,
  fiscalYear: z.number().int().describe("the session's fiscal year"),
  agendaItemId: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  demandId: z.string().nullable(),
  referralId: z.string().nullable(),
  text: z.string(),
  agencies: z.array(agencyRef),
  dueDate: isoDate,
  status: z.enum(RESOLUTION_STATUSES),
  notifiedAt: isoInstant.nullable(),
  /** Last day (Tehran) on which a responsible agency may still object. */
  objectionDeadline: isoDate.nullable(),
  /** Open, never objected, and today ≤ objectionDeadline. */
  objectionOpen: z.boolean(),
  objectionReason: z.string().nullable(),
  notDoneCause: z.enum(NOT_DONE_CAUSES).nullable(),
  /** When it was done, found not done or cancelled. */
  closedAt: isoInstant.nullable(),
  /** Open or in progress and past its due date, as of today in Tehran (derived, never stored). */
  overdue: z.boolean(),
  /** Due date − today in days (negative when overdue); null once closed. */
  daysLeft: z.number().int().nullable(),
});
export type Resolution = z.infer<typeof resolutionSchema>;

export const resolutionEventSchema = z.object({
  id: z.string(),
  ...statusStep(RESOLUTION_STATUSES),
  note: z.string().nullable(),
  cause: z.enum(NOT_DONE_CAUSES).nullable(),
  agencyId: z.string().nullable(),
  actorName: z.string(),
  actorRole: z.string(),
  /** The secretariat (or admin) took a step that belongs to an agency. */
  onBehalf: z.boolean(),
  at: isoInstant,
});
export type ResolutionEvent = z.infer<typeof resolutionEventSchema>;

export const resolutionFollowupSchema = followupSchema;
export type ResolutionFollowup = z.infer<typeof resolutionFollowupSchema>;

export const resolutionDetailSchema = resolutionSchema.extend({
  sessionTitle: z.string().nullable(),
  agendaSubject: z.string().nullable(),
  history: z.array(resolutionEventSchema).describe('oldest first'),
  followups: z.array(resolutionFollowupSchema).describe('oldest first'),
  /** What the caller may do now: the machine's moves for the role, less those the rules close (window, scope). */
  allowedTransitions: z.array(z.enum(RESOLUTION_STATUSES)),
  canFollowUp: z.boolean(),
});
export type ResolutionDetail = z.infer<typeof resolutionDetailSchema>;

export const RESOLUTION_SORTS = ['dueDate', 'code', 'createdAt', 'updatedAt'] as const;

export const listResolutionsQuery = z.strictObject({
  ...pageQuery,
  agencyId: z.string().max(64).optional(),
  status: z.enum(RESOLUTION_STATUSES).optional(),
  overdue: queryFlag.optional(),
  /** true → open or in progress (what an agency still has to carry out); false → the others. */
  active: queryFlag.optional(),
  /** Due on or before this day. */
  dueBy: isoDate.optional(),
  fiscalYear: z.coerce.number().int().min(1300).max(1600).optional(),
  sessionId: z.uuid({ message: 'v.id' }).optional(),
  unitId: z.uuid({ message: 'v.id' }).optional(),
  demandId: z.uuid({ message: 'v.id' }).optional(),
  referralId: z.uuid({ message: 'v.id' }).optional(),
  /** Default: overdue first, then by due date. */
  sort: sortParam(RESOLUTION_SORTS).optional(),
});
export type ListResolutionsQuery = z.infer<typeof listResolutionsQuery>;

export const resolutionList = listOf(resolutionSchema);

// ── Implementation rate ────────────────────────────────────────────────────

/** An exact fraction: the API gives both terms; `rate` is their quotient (null when the denominator is 0). */
export const fractionSchema = z.object({
  numerator: count,
  denominator: count,
  rate: z.number().nullable(),
});
export type Fraction = z.infer<typeof fractionSchema>;

export const implementationFiguresSchema = z.object({
  /** Resolutions of the year, cancelled ones excluded. */
  resolutions: count,
  /** Of those, the ones due by today, or already closed (done / not done). */
  due: count,
  open: count,
  objected: count,
  inProgress: count,
  done: count,
  notDone: count,
  cancelled: count,
  overdue: count,
  notDoneByCause: z.object({ agency: count, producer: count, external: count }),
  /** done ÷ resolutions (cancelled excluded) — the published definition (e.g. Qazvin: 138 ÷ 156 = 88.5%). */
  rateOfAll: fractionSchema,
  /** done ÷ resolutions due — DESIGN.md's «done ÷ all due»: resolutions not yet due do not count against anyone. */
  rateOfDue: fractionSchema,
});
export type ImplementationFigures = z.infer<typeof implementationFiguresSchema>;

export const implementationSchema = z.object({
  fiscalYear: z.number().int(),
  /** Today in Tehran: what "due" and "overdue" were computed against. */
  asOf: isoDate,
  /** Sessions of the year that were held. */
  sessionsHeld: count,
  definitions: z.object({ rateOfAll: z.string(), rateOfDue: z.string() }),
  overall: implementationFiguresSchema,
  /** One row per responsible agency (a resolution naming two agencies counts for each); an agency sees its own row only. */
  agencies: z.array(implementationFiguresSchema.extend({ agencyId: z.string(), agencyName: z.string(), agencyNameEn: z.string() })),
});
export type Implementation = z.infer<typeof implementationSchema>;

export const implementationQuery = z.strictObject({
  fiscalYear: z.coerce.number().int().min(1300).max(1600).optional(),
});

// ── Tracking board ─────────────────────────────────────────────────────────

export const boardQuery = z.strictObject({
  fiscalYear: z.coerce.number().int().min(1300).max(1600).optional(),
  agencyId: z.string().max(64).optional(),
  /** Include done, not done and cancelled resolutions (default: only those still in play). */
  includeClosed: queryFlag.optional(),
});

export const boardSchema = z.object({
  fiscalYear: z.number().int(),
  asOf: isoDate,
  agencies: z.array(
    z.object({
      agencyId: z.string(),
      agencyName: z.string(),
      agencyNameEn: z.string(),
      counts: z.record(z.enum(RESOLUTION_STATUSES), count),
      overdue: count,
      rateOfAll: fractionSchema,
      rateOfDue: fractionSchema,
      /** overdue first (most days late first), then by due date */
      items: z.array(resolutionSchema),
    }),
  ),
});
export type Board = z.infer<typeof boardSchema>;

/** `GET …/export`: the list's own filters and sort, as a file (`format=xlsx|csv`). */
export const exportResolutionsQuery = listResolutionsQuery.omit({ page: true, pageSize: true }).extend(exportFormat);
export type ExportResolutionsQuery = z.infer<typeof exportResolutionsQuery>;
