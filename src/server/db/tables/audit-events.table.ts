import { bigserial, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './columns.js';

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
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId, t.id), index('audit_province_idx').on(t.provinceId, t.id)],
);
