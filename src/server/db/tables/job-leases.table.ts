import { pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './columns.js';

/**
 * Which instance runs a periodic job that must not run twice at once (the reminders' collection), until when. Taken
 * and renewed with one conditional upsert, between short transactions — unlike an advisory lock it needs no session
 * held open (so it works through PgBouncer in transaction mode), and an instance that dies frees it when it expires.
 */
export const jobLeases = pgTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  leaseUntil: tstz('lease_until').notNull(),
});
