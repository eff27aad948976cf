import { jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { stamps } from './columns.js';

/** Key/value settings per province (deadlines, targets); `province_id` '*' is the installation default. */
export const settings = pgTable(
  'settings',
  {
    provinceId: text('province_id').notNull(),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    ...stamps,
  },
  (t) => [uniqueIndex('settings_uq').on(t.provinceId, t.key)],
);
