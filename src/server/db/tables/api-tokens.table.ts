import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz, stamps, accountScope } from './columns.js';
import { users } from './users.table.js';

/** Integration tokens for banks' and agencies' own systems (Authorization: Bearer). */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    ...accountScope(),
    createdBy: uuid('created_by').references(() => users.id),
    revokedAt: tstz('revoked_at'),
    lastUsedAt: tstz('last_used_at'),
    ...stamps,
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
);
