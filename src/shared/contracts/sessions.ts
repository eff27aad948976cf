/** Working-group sessions (جلسات کارگروه): the meeting, its attendees, its agenda and the candidates for it. */
import { z } from 'zod';
import { isoDate, isoInstant, listOf, nullableAgencyFields, optionalPersian, pageQuery, persianText, recordStamps, sortParam, versionField } from './common.js';
import { resolutionSchema } from './resolutions.js';

export const SESSION_STATUSES = ['planned', 'held'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const AGENDA_ITEM_STATUSES = ['pending', 'discussed', 'carried_over'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

const line = persianText;
const optionalLine = optionalPersian;

export const attendeeInput = z.strictObject({
  /** The agency the person represents, when they represent one. */
  agencyId: z.string().trim().max(64).transform((s) => s || null).nullable().optional(),
  name: line(200),
  /** Their post («معاون اقتصادی استاندار»). */
  title: optionalLine(200),
  present: z.boolean().default(true),
});
export type AttendeeInput = z.infer<typeof attendeeInput>;

export const createSessionBody = z.strictObject({
  heldOn: isoDate,
  title: optionalLine(300),
  chair: optionalLine(200),
  location: optionalLine(300),
  attendees: z.array(attendeeInput).max(200).optional(),
});
export type CreateSessionInput = z.infer<typeof createSessionBody>;

/** Changes to a session: its details, its status (planned → held) and its attendance (the list given replaces the old one). */
export const patchSessionBody = z.strictObject({
  version: versionField.optional(),
  heldOn: isoDate.optional(),
  title: optionalLine(300),
  chair: optionalLine(200),
  location: optionalLine(300),
  status: z.enum(SESSION_STATUSES).optional(),
  attendees: z.array(attendeeInput).max(200).optional(),
});
export type PatchSessionInput = Omit<z.infer<typeof patchSessionBody>, 'version'>;

export const createAgendaItemBody = z.strictObject({
  unitId: z.uuid({ message: 'v.id' }).nullable().optional(),
  demandId: z.uuid({ message: 'v.id' }).nullable().optional(),
  referralId: z.uuid({ message: 'v.id' }).nullable().optional(),
  subject: line(1000),
});
export type CreateAgendaItemInput = z.infer<typeof createAgendaItemBody>;

export const patchAgendaItemBody = z.strictObject({
  version: versionField.optional(),
  /** 1-based place in the agenda; the others move to make room. */
  position: z.number().int().min(1).max(1000).optional(),
  subject: line(1000).optional(),
  status: z.enum(['pending', 'discussed'] as const).optional(),
});
export type PatchAgendaItemInput = Omit<z.infer<typeof patchAgendaItemBody>, 'version'>;

export const carryOverBody = z.strictObject({
  version: versionField.optional(),
  /** The session to carry the item to; default: the next planned session of the province after this one. */
  toSessionId: z.uuid({ message: 'v.id' }).optional(),
});

export const agendaItemParams = z.strictObject({ id: z.uuid({ message: 'v.id' }), itemId: z.uuid({ message: 'v.id' }) });

export const attendeeSchema = z.object({
  id: z.string(),
  ...nullableAgencyFields,
  name: z.string(),
  title: z.string().nullable(),
  present: z.boolean(),
});
export type Attendee = z.infer<typeof attendeeSchema>;

export const agendaItemSchema = z.object({
  ...recordStamps,
  sessionId: z.string(),
  position: z.number().int(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  demandId: z.string().nullable(),
  demandCode: z.string().nullable(),
  referralId: z.string().nullable(),
  referralCode: z.string().nullable(),
  subject: z.string(),
  status: z.enum(AGENDA_ITEM_STATUSES),
  /** The item of an earlier session this one continues. */
  carriedFromItemId: z.string().nullable(),
  /** For an item carried over: the session it went to. */
  carriedToSessionId: z.string().nullable(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const sessionSchema = z.object({
  ...recordStamps,
  provinceId: z.string(),
  fiscalYear: z.number().int().describe('Jalali year of heldOn'),
  number: z.number().int().describe("the session's number in its fiscal year"),
  heldOn: isoDate,
  title: z.string().nullable(),
  chair: z.string().nullable(),
  location: z.string().nullable(),
  status: z.enum(SESSION_STATUSES),
  agendaCount: z.number().int(),
  resolutionCount: z.number().int(),
  attendeeCount: z.number().int(),
  presentCount: z.number().int(),
});
export type Session = z.infer<typeof sessionSchema>;

export const sessionDetailSchema = sessionSchema.extend({
  attendees: z.array(attendeeSchema),
  agenda: z.array(agendaItemSchema).describe('in agenda order'),
  resolutions: z.array(resolutionSchema),
});
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

export const SESSION_SORTS = ['heldOn', 'number', 'createdAt'] as const;

export const listSessionsQuery = z.strictObject({
  ...pageQuery,
  fiscalYear: z.coerce.number().int().min(1300).max(1600).optional(),
  status: z.enum(SESSION_STATUSES).optional(),
  /** Default: newest first. */
  sort: sortParam(SESSION_SORTS).optional(),
});
export type ListSessionsQuery = z.infer<typeof listSessionsQuery>;

export const sessionList = listOf(sessionSchema);

export const minutesQuery = z.strictObject({
  format: z.enum(['html', 'pdf']).default('html'),
});

// ── Candidates for the agenda ──────────────────────────────────────────────

export const agendaCandidateSchema = z.object({
  kind: z.enum(['demand', 'referral']),
  /** The demand's or referral's id (send it as demandId / referralId with the unit). */
  refId: z.string(),
  code: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  ...nullableAgencyFields,
  /** A suggested subject for the agenda item. */
  subject: z.string(),
  /** Why it is a candidate: «ارجاع به کارگروه»، «معوق در بانک …». */
  reason: z.string(),
  since: isoInstant.nullable(),
  dueDate: isoDate.nullable(),
  /** Already on this session's agenda. */
  onAgenda: z.boolean(),
});
export type AgendaCandidate = z.infer<typeof agendaCandidateSchema>;

export const agendaCandidatesSchema = z.object({
  items: z.array(agendaCandidateSchema),
  /** Which sources answered: a capability that is not installed yet contributes nothing and is named here. */
  sources: z.object({ demands: z.boolean(), referrals: z.boolean() }),
});
export type AgendaCandidates = z.infer<typeof agendaCandidatesSchema>;
