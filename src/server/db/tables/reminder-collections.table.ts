import { date, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './columns.js';

/**
 * The reminder job's last completed collection of each source: the Tehran day and when it started. The first run of
 * a day reads every record that may be due a reminder; a later run the same day reads only the records written since
 * the last completed one began (less a margin for transactions still open then), so a national database is not
 * re-read every few minutes.
 */
export const reminderCollections = pgTable('reminder_collections', {
  source: text('source').primaryKey(),
  day: date('day', { mode: 'string' }).notNull(),
  startedAt: tstz('started_at').notNull(),
});
