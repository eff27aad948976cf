import { bigserial, index, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './columns.js';

/** Failed logins only (never successes), counted per account and per address. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    usernameKey: text('username_key').notNull(),
    ip: text('ip').notNull(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('login_failures_user_idx').on(t.usernameKey, t.at), index('login_failures_ip_idx').on(t.ip, t.at)],
);
