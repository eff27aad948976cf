/**
 * The SMS delivery worker. Messages are queued in `sms_messages` (sms.service.ts, in the caller's transaction); every
 * instance runs this worker, which claims due messages, sends them through the driver and records the outcome.
 *
 * Why the outbox is the queue, not pg-boss: the outbox row must exist anyway — it holds the state, the centre's part
 * ids, the receipts, and it is what the administrator reads — and it is written in the caller's transaction. A pg-boss
 * job beside it would be a second record of the same fact that has to be created atomically with the row (on PGlite,
 * through an adapter over the one connection that the caller's transaction is holding) and kept consistent with it on
 * every retry. Claiming the row itself gives the same guarantees with one source of truth, on both engines, with
 * nothing else to run: `FOR UPDATE SKIP LOCKED` (two workers never take one message), `next_attempt_at` with
 * exponential backoff (30 s doubling, at most an hour; `maxAttempts` then `failed`), and a lease (`lease_until`) after
 * which a message left `sending` by a worker that died is taken over.
 *
 * Exactly once where the protocol allows it: each part's message id is recorded (recordSmsPart) the moment the centre
 * accepts it and before the next part or the `sent` mark, and a message taken over after a crash resends only the parts
 * with no recorded id — so a crash between "centre accepted" and "marked sent" resends nothing. The one gap SMPP leaves
 * (a submit written, the connection gone before the answer) is described in sms.smpp.ts: that part is sent again.
 */
import type { Db, DbOrTx } from '../../db/client.js';
import type { JobLogger } from '../notifications/notifications.service.js';
import { SmsSendError, type SmsDriver, type SmsReceipt } from './sms.driver.js';
import { kavenegarDriver } from './sms.kavenegar.js';
import { logDriver } from './sms.log.js';
import { smppDriver } from './sms.smpp.js';
import type { SmsTarget } from './sms.url.js';
import {
  claimDueSms,
  findSmsByProviderId,
  getSms,
  markSmsFailed,
  markSmsRetry,
  markSmsSent,
  recordSmsPart,
  releaseSms,
  saveSmsReceipts,
  setSmsParts,
} from './sms.repo.js';

export interface SmsWorkerDeps {
  db: Db;
  driver: SmsDriver;
  now: () => Date;
  log?: JobLogger;
  /** messages claimed per run */
  batchSize?: number;
  /** how long a claimed message is held before another worker may take it over */
  leaseMs?: number;
  /** attempts before a message is `failed` */
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  /** Counts each message's outcome (the metrics' SMS counters). */
  onOutcome?: (outcome: 'sent' | 'retried' | 'failed') => void;
  /** tests: runs after a part's id is recorded (a throw here stands for the process dying at that point) */
  afterPartRecorded?: (messageId: string, index: number) => Promise<void>;
}

export const SMS_DEFAULTS = { batchSize: 20, leaseMs: 120_000, maxAttempts: 8 };

/** 30 s after the first failure, doubling, at most an hour. */
export function smsBackoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

export interface SmsRunResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

class LeaseLost extends Error {}

/** Claims the due messages and sends them, one after another. */
export async function deliverDueSms(deps: SmsWorkerDeps): Promise<SmsRunResult> {
  const leaseMs = deps.leaseMs ?? SMS_DEFAULTS.leaseMs;
  const maxAttempts = deps.maxAttempts ?? SMS_DEFAULTS.maxAttempts;
  const backoff = deps.backoffMs ?? smsBackoffMs;
  const now0 = deps.now();
  const ids = await claimDueSms(deps.db, now0, new Date(now0.getTime() + leaseMs), deps.batchSize ?? SMS_DEFAULTS.batchSize);
  const result: SmsRunResult = { claimed: ids.length, sent: 0, retried: 0, failed: 0 };
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    const row = await getSms(deps.db, id);
    if (!row || row.status !== 'sending') continue;
    const parts = row.parts ?? deps.driver.partsOf(row.text);
    if (row.parts === null) await setSmsParts(deps.db, id, parts, deps.driver.name);
    if (row.providerMessageIds.length >= parts) {
      // the centre took every part before a worker died: nothing is sent again
      await markSmsSent(deps.db, id, deps.now());
      result.sent++;
      deps.onOutcome?.('sent');
      continue;
    }
    try {
      await deps.driver.send({ id, mobile: row.mobile, text: row.text, acceptedIds: row.providerMessageIds }, async (index, providerMessageId) => {
        const recorded = await recordSmsPart(deps.db, id, index, providerMessageId, new Date(deps.now().getTime() + leaseMs));
        if (!recorded) throw new LeaseLost(`message ${id} is no longer this worker's to send`);
        await deps.afterPartRecorded?.(id, index);
      });
      await markSmsSent(deps.db, id, deps.now());
      result.sent++;
      deps.onOutcome?.('sent');
    } catch (err) {
      if (err instanceof LeaseLost) {
        deps.log?.warn({ sms: id }, err.message);
        continue;
      }
      if (!(err instanceof SmsSendError)) throw err; // a database or programming error: stop this run, the lease brings the message back
      const now = deps.now();
      if (err.permanent || row.attempts >= maxAttempts) {
        const why = err.permanent ? err.message : `${err.message} (gave up after ${row.attempts} attempts)`;
        await markSmsFailed(deps.db, id, why, now);
        result.failed++;
        deps.onOutcome?.('failed');
        deps.log?.warn({ sms: id, err: why }, 'SMS failed');
        continue;
      }
      await markSmsRetry(deps.db, id, err.message, new Date(now.getTime() + backoff(row.attempts)), now);
      result.retried++;
      deps.onOutcome?.('retried');
      deps.log?.warn({ sms: id, attempt: row.attempts, err: err.message }, 'SMS not sent; will retry');
      // the centre is unreachable or refusing the bind: the rest of this batch would only fail the same way
      for (const rest of ids.slice(k + 1)) await releaseSms(deps.db, rest, now);
      break;
    }
  }
  return result;
}

const FAILED_STATS = new Set(['UNDELIV', 'EXPIRED', 'REJECTD', 'DELETED']);

/** Ids as the centre may spell them in a receipt: as given, and hex ↔ decimal (centres disagree with themselves). */
export function receiptIdCandidates(id: string): string[] {
  const out = [id];
  try {
    if (/^\d{1,30}$/.test(id)) out.push(BigInt(id).toString(16), BigInt(id).toString(16).toUpperCase());
    if (/^[0-9a-f]{1,24}$/i.test(id)) out.push(BigInt(`0x${id}`).toString(10));
  } catch {
    // not a number in either base
  }
  return [...new Set(out)];
}

/** Records a receipt against its message; `delivered` once every part is, `failed` when a part cannot be. */
export async function recordSmsReceipt(db: Db, receipt: SmsReceipt, now: Date): Promise<boolean> {
  return db.transaction(async (tx: DbOrTx) => {
    const found = await findSmsByProviderId(tx, receiptIdCandidates(receipt.providerMessageId));
    if (!found) return false;
    const { row, providerMessageId } = found;
    const at = (receipt.doneAt ?? now).toISOString();
    const receipts = { ...row.receipts, [providerMessageId]: { stat: receipt.stat, ...(receipt.err ? { err: receipt.err } : {}), at } };
    const parts = row.parts ?? row.providerMessageIds.length;
    const allDelivered = row.providerMessageIds.length >= parts && row.providerMessageIds.every((pid) => receipts[pid]?.stat === 'DELIVRD');
    let change: Parameters<typeof saveSmsReceipts>[3] = {};
    if (FAILED_STATS.has(receipt.stat) && row.status !== 'failed') {
      change = { status: 'failed', lastError: `receipt ${receipt.stat}${receipt.err ? ` err:${receipt.err}` : ''} for ${providerMessageId}` };
    } else if (allDelivered && (row.status === 'sending' || row.status === 'sent')) {
      change = { status: 'delivered', deliveredAt: receipt.doneAt ?? now, ...(row.sentAt ? {} : { sentAt: now }) };
    }
    await saveSmsReceipts(tx, row.id, receipts, change, now);
    return true;
  });
}

/** The driver TASHIL_SMS_URL names. */
export function createSmsDriver(target: SmsTarget, log: JobLogger): SmsDriver {
  switch (target.kind) {
    case 'log':
      return logDriver(log);
    case 'smpp':
      return smppDriver({ ...target, log });
    case 'kavenegar':
      return kavenegarDriver({ apiKey: target.apiKey, sender: target.sender, baseUrl: target.baseUrl });
  }
}

export interface SmsWorker {
  /** run soon (after a message is queued) instead of at the next tick */
  wake(): void;
  /** stops the timer, waits for a run in progress, closes the driver */
  stop(): Promise<void>;
}

/**
 * Runs `deliverDueSms` every `intervalMs` and records the receipts the driver hands over (a receipt that arrives
 * before its part id is recorded is tried again for a few seconds).
 */
export function startSmsWorker(deps: SmsWorkerDeps & { intervalMs?: number }): SmsWorker {
  const intervalMs = deps.intervalMs ?? 2_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const pendingReceipts = new Set<Promise<unknown>>();

  deps.driver.onReceipt?.(async (receipt) => {
    const p = (async () => {
      for (let attempt = 0; attempt < 10 && !stopped; attempt++) {
        if (await recordSmsReceipt(deps.db, receipt, deps.now())) return;
        await new Promise((r) => setTimeout(r, 500));
      }
      deps.log?.warn({ receipt }, 'SMS receipt for a message id Tashil does not know');
    })();
    pendingReceipts.add(p);
    try {
      await p;
    } finally {
      pendingReceipts.delete(p);
    }
  });

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
  };
  const tick = () => {
    timer = undefined;
    if (running) return;
    running = deliverDueSms(deps)
      .then((r) => {
        if (r.claimed) deps.log?.info({ ...r }, 'SMS worker');
      })
      .catch((err: unknown) => deps.log?.error({ err }, 'SMS worker run failed'))
      .finally(() => {
        running = undefined;
        schedule(intervalMs);
      });
  };
  schedule(Math.min(intervalMs, 1_000));
  return {
    wake() {
      if (!running) schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await Promise.allSettled([...pendingReceipts]);
      await deps.driver.close();
    },
  };
}
