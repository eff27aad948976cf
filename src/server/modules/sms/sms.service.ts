/**
 * Text messages. Any module queues one with `queueSms(tx, …)` inside its own transaction, so the message exists
 * exactly when the change that causes it is committed; the delivery worker (sms.job.ts) sends it through the
 * configured centre. Administrators read the outbox; one-time codes in it are shown only in demo mode (where a
 * newcomer registers with a made-up number and reads the code there).
 */
import type { ServiceContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { normalizeMobile } from '../../../shared/mobile.js';
import type { ListSmsOutboxQuery, SmsMessage } from '../../../shared/contracts/sms.js';
import { countWaitingSms, insertSms, listSms, type SmsRow } from './sms.repo.js';

export interface QueueSmsInput {
  /** any form normalizeMobile accepts */
  mobile: string;
  text: string;
  /** `<module>.<what>`, e.g. otp.register, notification */
  kind: string;
  refType?: string | null;
  refId?: string | null;
  provinceId?: string | null;
  /** Unique across all messages: the same key is queued only once (a retried request, a second instance). */
  dedupeKey?: string | null;
  now?: Date;
}

/** Longest text queued: eight UCS-2 parts. */
export const SMS_MAX_TEXT = 8 * 67;

export class SmsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmsInputError';
  }
}

/** Queues a message (in the caller's transaction when given one). Returns its id, and whether it is new. */
export async function queueSms(db: DbOrTx, input: QueueSmsInput): Promise<{ id: string; created: boolean }> {
  const mobile = normalizeMobile(input.mobile);
  if (!mobile) throw new SmsInputError(`not a mobile number: ${input.mobile}`);
  const text = input.text.trim();
  if (!text) throw new SmsInputError('an SMS needs a text');
  if (text.length > SMS_MAX_TEXT) throw new SmsInputError(`an SMS text is at most ${SMS_MAX_TEXT} characters`);
  if (!/^[a-z][\w.-]{0,59}$/.test(input.kind)) throw new SmsInputError(`bad SMS kind: ${input.kind}`);
  return insertSms(db, {
    provinceId: input.provinceId ?? null,
    mobile,
    text,
    kind: input.kind,
    refType: input.refType ?? null,
    refId: input.refId ?? null,
    dedupeKey: input.dedupeKey ?? null,
    queuedAt: input.now ?? new Date(),
  });
}

/** One-time codes (kinds otp.*) with their digits hidden, unless demo mode shows them. */
export function outboxText(row: Pick<SmsRow, 'kind' | 'text'>, revealCodes: boolean): string {
  if (revealCodes || !row.kind.startsWith('otp')) return row.text;
  return row.text.replace(/[0-9۰-۹٠-٩]{4,}/g, (d) => '•'.repeat(d.length));
}

export function toSmsMessage(row: SmsRow, revealCodes: boolean): SmsMessage {
  return {
    id: row.id,
    provinceId: row.provinceId,
    mobile: row.mobile,
    text: outboxText(row, revealCodes),
    kind: row.kind,
    refType: row.refType,
    refId: row.refId,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'queued' ? row.nextAttemptAt.toISOString() : null,
    lastError: row.lastError,
    provider: row.provider,
    parts: row.parts,
    providerMessageIds: row.providerMessageIds,
    receipts: row.receipts,
    queuedAt: row.queuedAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

/** The outbox, newest first (administrators: every province). */
export async function listOutbox(ctx: ServiceContext, q: ListSmsOutboxQuery, opts: { revealCodes: boolean }) {
  const { rows, total } = await listSms(ctx.db, { ...(q.mobile ? { mobile: q.mobile } : {}), ...(q.status ? { status: q.status } : {}), ...(q.kind ? { kind: q.kind } : {}) }, q.page, q.pageSize);
  return { items: rows.map((r) => toSmsMessage(r, opts.revealCodes)), total, page: q.page, pageSize: q.pageSize };
}

/** How many messages wait in the outbox (queued, or being sent): the SMS queue's depth. */
export function smsQueueDepth(db: DbOrTx): Promise<number> {
  return countWaitingSms(db);
}
