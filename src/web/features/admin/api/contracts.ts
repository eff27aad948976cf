/**
 * The admin endpoints the security branch adds (issue 14), as this screen expects them.
 * Temporary: at merge these give way to the shared contracts in src/shared/contracts, under the same names.
 * Only the types are imported by the app, so zod stays out of the bundle.
 */
import { z } from 'zod';
import { isoDate } from '../../../../shared/contracts/common.js';

/** `POST /api/v1/users/:id/password-reset` → shown once; the user must change it at the next sign-in. */
export const passwordResetResponse = z.object({ temporaryPassword: z.string() });
export type PasswordResetResponse = z.infer<typeof passwordResetResponse>;

/** `GET /api/v1/audit` and `GET /api/v1/audit/export`: the existing filters plus `actorId`, `from`, `to` (calendar dates, Tehran days). */
export const auditFilters = z.object({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AuditFilters = z.infer<typeof auditFilters>;

export const auditExportFormat = z.enum(['xlsx', 'csv']);
export type AuditExportFormat = z.infer<typeof auditExportFormat>;

/** One event as `GET /api/v1/audit` answers it (src/server/modules/audit/audit.routes.ts). */
export const auditEvent = z.object({
  id: z.string(),
  at: z.string(),
  provinceId: z.string().nullable(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  actorKind: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

/** The entity types the trail records (API.md "Audit", plus what the server writes today). */
export const AUDIT_ENTITY_TYPES = ['unit', 'visit', 'demand', 'referral', 'session', 'agenda_item', 'resolution', 'user', 'token', 'quota', 'bank_report', 'reference', 'setting'] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
