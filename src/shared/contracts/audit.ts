import { z } from 'zod';
import { isoDate, isoInstant, listOf, pageQuery } from './common.js';

export { AUDIT_ENTITY_TYPES, type AuditEntityType } from '../audit-entities.js';

export const auditEventSchema = z.object({
  id: z.string(),
  at: isoInstant,
  provinceId: z.string().nullable(),
  actorId: z.string().nullable(),
  actorLabel: z.string().describe('the account: a username, a token’s name or "system"'),
  actorName: z.string().describe('who acted as a person reads it: the user’s full name (the label for a token or the system)'),
  actorKind: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** Filters of the trail; `from`/`to` are calendar days in Tehran, both included. */
export const auditFilters = {
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

export const listAuditQuery = z.strictObject({ ...pageQuery, ...auditFilters });
export type ListAuditQuery = z.infer<typeof listAuditQuery>;
export const auditListSchema = listOf(auditEventSchema);

export const exportAuditQuery = z.strictObject({ ...auditFilters, format: z.enum(['csv', 'xlsx']).default('xlsx') });
export type ExportAuditQuery = z.infer<typeof exportAuditQuery>;
