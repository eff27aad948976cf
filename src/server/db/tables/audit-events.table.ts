import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './columns.js';

/**
 * The audit events that may change a statistic: all but follow-ups no figure counts (a demand's or a resolution's, and a
 * referral's by anyone but an agency — the agency table counts referrals its agency followed up), attachments (a
 * document added to a record changes none of its columns, and no figure counts files) and accounts' own changes. The
 * statistics' snapshots are kept while no such event is newer (stats.sql.ts `writeMarkOf`); the index below holds only
 * these, so that question stays one index probe however many follow-ups a province writes. Raw SQL: the mark's query
 * repeats it word for word, which is how PostgreSQL matches it to the partial index.
 */
export const MAY_CHANGE_FIGURES = `not (action in ('demand.followup', 'resolution.followup') or (action = 'referral.followup' and (after ->> 'agencyId') is null) or action like '%.attachment' or action like 'user.%' or action like 'token.%')`;

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tstz('at').notNull().defaultNow(),
    provinceId: text('province_id'),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    actorKind: text('actor_kind').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId, t.id), index('audit_province_idx').on(t.provinceId, t.id), index('audit_figures_idx').on(t.provinceId, t.id).where(sql.raw(MAY_CHANGE_FIGURES))],
);
