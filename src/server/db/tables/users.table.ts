import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stamps } from './columns.js';
import { agencies, banks, provinces } from './reference.table.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    role: text('role').notNull(),
    provinceId: text('province_id').references(() => provinces.id),
    agencyId: text('agency_id').references(() => agencies.id),
    bankId: text('bank_id').references(() => banks.id),
    unitId: uuid('unit_id'),
    /** where e-mailed notifications go, when an SMTP server is configured */
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    ...stamps,
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username), index('users_province_idx').on(t.provinceId)],
);
