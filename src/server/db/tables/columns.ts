/** Column and index helpers shared by the tables. */
import { sql, type SQL } from 'drizzle-orm';
import { integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies, banks, provinces } from './reference.table.js';

export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const stamps = {
  version: integer('version').notNull().default(1),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
};

/** A record of one province: its random UUID and the province it belongs to. */
export const provinceRecord = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  provinceId: text('province_id').notNull().references(() => provinces.id),
});

/** Who wrote a trail row (events, follow-ups): one naming for every trail table. The name is kept as it was then. */
export const actorColumns = () => ({
  actorId: text('actor_id'),
  actorName: text('actor_name').notNull(),
  actorRole: text('actor_role').notNull(),
});

/** A state change's two ends, on an events trail: `fromStatus` is null on the row that records the creation. */
export const statusChange = () => ({
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
});

/** A follow-up note (پیگیری) on a record: its writer, the agency it was written for, and when. */
export const followupColumns = () => ({
  note: text('note').notNull(),
  ...actorColumns(),
  agencyId: text('agency_id').references(() => agencies.id),
  at: tstz('at').notNull().defaultNow(),
});

/** Whom an account acts for: its role and, as the role says, its province, agency or bank. */
export const accountScope = () => ({
  role: text('role').notNull(),
  provinceId: text('province_id').references(() => provinces.id),
  agencyId: text('agency_id').references(() => agencies.id),
  bankId: text('bank_id').references(() => banks.id),
});

/** A partial index's condition on a record's status, from the domain's own list (shared/machines.ts). */
export function statusIn(statuses: readonly string[]): SQL {
  return sql.raw(`status in (${statuses.map((s) => `'${s}'`).join(', ')})`);
}
