import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { stamps, tstz, provinceRecord } from './columns.js';
import { units } from './units.table.js';
import { users } from './users.table.js';

/**
 * A producer's claim to speak for a unit (issue 11): a registry unit (`unit_id`), or a unit they describe
 * (`proposed_unit`, the units fields) that the secretariat creates when it approves. Until then the producer's
 * account has no unit and sees none. The decision trail is in the audit log.
 */
export const unitClaims = pgTable(
  'unit_claims',
  {
    ...provinceRecord(),
    userId: uuid('user_id').notNull().references(() => users.id),
    /** the registry unit claimed; for a proposed unit, the unit made on approval */
    unitId: uuid('unit_id').references(() => units.id),
    proposedUnit: jsonb('proposed_unit').$type<Record<string, unknown>>(),
    /** pending | approved | rejected */
    status: text('status').notNull().default('pending'),
    note: text('note'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: tstz('decided_at'),
    ...stamps,
  },
  (t) => [index('unit_claims_province_status_idx').on(t.provinceId, t.status, t.createdAt), index('unit_claims_user_idx').on(t.userId)],
);
