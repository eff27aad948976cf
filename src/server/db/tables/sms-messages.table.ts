/**
 * The SMS outbox (issue 11): every text message Tashil sends, from the moment it is queued (in the same transaction
 * as the change that causes it) to the centre's delivery receipt. It is also the delivery queue — see
 * modules/sms/sms.job.ts for why, and for the states:
 *
 *   queued → sending → sent → delivered
 *      ↑________|  (a failed attempt: back to queued, `next_attempt_at` later)       → failed (attempts spent,
 *                                                                                      refused for good, or a
 *                                                                                      receipt saying so)
 *
 * `provider_message_ids[i]` is the centre's id for part i+1, written as soon as the centre accepts that part and before
 * the message is marked sent, so a worker that dies in between resends nothing the centre already took.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

import type { SmsStatus } from '../../../shared/contracts/sms.js';

export type { SmsStatus };

/** One receipt per part, keyed by the centre's message id. */
export type SmsReceipts = Record<string, { stat: string; err?: string; at: string }>;

export const smsMessages = pgTable(
  'sms_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id'),
    /** normalised: 09xxxxxxxxx */
    mobile: text('mobile').notNull(),
    text: text('text').notNull(),
    /** `<module>.<what>`, e.g. otp.register, notification */
    kind: text('kind').notNull(),
    refType: text('ref_type'),
    refId: text('ref_id'),
    status: text('status').$type<SmsStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
    /** While `sending`: until when the worker that claimed it holds it; after that another may take it over. */
    leaseUntil: tstz('lease_until'),
    lastError: text('last_error'),
    /** the driver that sent it: smpp, kavenegar, log */
    provider: text('provider'),
    /** number of parts the text was split into (set when first sent) */
    parts: integer('parts'),
    providerMessageIds: text('provider_message_ids').array().notNull().default(sql`'{}'::text[]`),
    receipts: jsonb('receipts').$type<SmsReceipts>().notNull().default({}),
    /** Unique when given: a message queued twice with the same key (a retried request, a second instance) exists once. */
    dedupeKey: text('dedupe_key'),
    queuedAt: tstz('queued_at').notNull().defaultNow(),
    sentAt: tstz('sent_at'),
    deliveredAt: tstz('delivered_at'),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sms_messages_dedupe_uq').on(t.dedupeKey),
    index('sms_messages_due_idx').on(t.nextAttemptAt).where(sql`status in ('queued', 'sending')`),
    index('sms_messages_provider_ids_idx').using('gin', t.providerMessageIds),
    index('sms_messages_mobile_idx').on(t.mobile, t.queuedAt),
    index('sms_messages_queued_idx').on(t.queuedAt),
    check('sms_messages_status_ck', sql`status in ('queued', 'sending', 'sent', 'delivered', 'failed')`),
    check('sms_messages_mobile_ck', sql`mobile ~ '^09[0-9]{9}$'`),
  ],
);
