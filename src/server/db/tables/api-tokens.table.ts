import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz, stamps } from './columns.js';
import { agencies, banks, provinces } from './reference.table.js';
import { users } from './users.table.js';

/** Integration tokens for banks' and agencies' own systems (Authorization: Bearer). */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    role: text('role').notNull(),
    provinceId: text('province_id').references(() => provinces.id),
    agencyId: text('agency_id').references(() => agencies.id),
    bankId: text('bank_id').references(() => banks.id),
    createdBy: uuid('created_by').references(() => users.id),
    revokedAt: tstz('revoked_at'),
    lastUsedAt: tstz('last_used_at'),
    ...stamps,
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
);
