/**
 * The reminder job: every few minutes, each registered reminder source proposes the notifications
 * due now (a demand due in three days, one a day past due, …); they are inserted with
 * ON CONFLICT (dedupe_key) DO NOTHING, then every notification not yet delivered goes out through
 * the delivery channel (the log by default).
 *
 * Safe with several server instances on one database: the collecting step runs under
 * `pg_try_advisory_xact_lock` (a second instance skips it instead of doing the same work), the unique
 * dedupe key makes a repeated reminder a no-op anyway, and delivery claims rows with
 * `FOR UPDATE SKIP LOCKED` and marks them delivered in the same transaction — so each one is sent once.
 */
import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notifications } from '../../db/schema.js';
import { tehranDate } from '../../../shared/jalali.js';
import { notify, targetKey, type DeliveryChannel, type JobLogger, type NotificationTarget, type ReminderSource } from './notifications.service.js';
import type { NotificationRow } from './notifications.repo.js';

export type { DeliveryChannel, JobLogger, OutgoingNotification } from './notifications.service.js';

/** Writes each notification to the server log: the channel when no other is configured. */
export function logChannel(log: JobLogger): DeliveryChannel {
  return {
    name: 'log',
    async deliver(n) {
      log.info({ notification: n.id, to: targetKey(n.target), province: n.provinceId, kind: n.kind, title: n.title, ref: n.refId }, 'notification');
    },
  };
}

function targetOf(r: NotificationRow): NotificationTarget {
  if (r.userId) return { userId: r.userId };
  if (r.agencyId) return { agencyId: r.agencyId };
  if (r.bankId) return { bankId: r.bankId };
  if (r.unitId) return { unitId: r.unitId };
  return { role: (r.role ?? 'secretariat') as 'secretariat' };
}

/** Any constant shared by all instances: the advisory lock that lets one of them collect at a time. */
export const REMINDER_LOCK_KEY = 7_301_405_004;

export interface JobDeps {
  db: Db;
  now: () => Date;
  channel: DeliveryChannel;
  sources: readonly ReminderSource[];
  log?: JobLogger;
  /** rows claimed per delivery transaction */
  batchSize?: number;
}

export interface JobResult {
  /** false when another instance held the lock and collecting was skipped */
  collected: boolean;
  created: number;
  delivered: number;
  failed: number;
}

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** Runs the reminder sources under the advisory lock and writes what is new. */
export async function collectReminders(deps: JobDeps): Promise<{ collected: boolean; created: number }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${REMINDER_LOCK_KEY}::bigint) as locked`));
    if (!lock?.locked) return { collected: false, created: 0 };
    let created = 0;
    for (const source of deps.sources) {
      const items = await source.collect({ db: tx, now, today: tehranDate(now) });
      created += (await notify(tx, items, now)).length;
    }
    return { collected: true, created };
  });
}

/** Sends every undelivered notification through the channel, once. */
export async function deliverPending(deps: JobDeps): Promise<{ delivered: number; failed: number }> {
  const batch = deps.batchSize ?? 100;
  let delivered = 0;
  let failed = 0;
  for (;;) {
    const result = await deps.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(notifications)
        .where(isNull(notifications.deliveredAt))
        .orderBy(asc(notifications.createdAt), asc(notifications.id))
        .limit(batch)
        .for('update', { skipLocked: true });
      let ok = 0;
      let bad = 0;
      for (const r of rows) {
        try {
          await deps.channel.deliver({
            id: r.id,
            provinceId: r.provinceId,
            target: targetOf(r),
            kind: r.kind,
            title: r.title,
            body: r.body,
            refType: r.refType,
            refId: r.refId,
            createdAt: r.createdAt,
          }, tx);
          await tx.update(notifications).set({ deliveredAt: deps.now(), deliveredVia: deps.channel.name }).where(eq(notifications.id, r.id));
          ok++;
        } catch (err) {
          // left undelivered: the next run tries again
          bad++;
          deps.log?.warn({ err, notification: r.id }, 'notification delivery failed');
        }
      }
      return { claimed: rows.length, ok, bad };
    });
    delivered += result.ok;
    failed += result.bad;
    // stop on a short batch, or when nothing in a batch went out (a broken channel must not spin)
    if (result.claimed < batch || result.ok === 0) break;
  }
  return { delivered, failed };
}

/** One run of the job: collect, then deliver. Tests call it with a fixed clock. */
export async function runNotificationJob(deps: JobDeps): Promise<JobResult> {
  const { collected, created } = await collectReminders(deps);
  const { delivered, failed } = await deliverPending(deps);
  return { collected, created, delivered, failed };
}

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Runs the job every `intervalMs` (first run after `firstDelayMs`). `stop` cancels the timer and
 * waits for a run in progress, so the database can be closed after it.
 */
export function startNotificationScheduler(deps: JobDeps & { intervalMs: number; firstDelayMs?: number }): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    running = runNotificationJob(deps)
      .then((r) => {
        if (r.created || r.delivered || r.failed) deps.log?.info({ ...r }, 'notification job');
      })
      .catch((err: unknown) => deps.log?.error({ err }, 'notification job failed'))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, deps.intervalMs);
      });
  };
  timer = setTimeout(tick, deps.firstDelayMs ?? Math.min(deps.intervalMs, 10_000));
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** The job's period from TASHIL_NOTIFY_INTERVAL_SECONDS (default 300; 0 turns the job off in this instance). */
export function notificationIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TASHIL_NOTIFY_INTERVAL_SECONDS;
  const seconds = raw === undefined || raw === '' ? 300 : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`TASHIL_NOTIFY_INTERVAL_SECONDS must be a number of seconds, got "${raw}"`);
  return Math.round(seconds * 1000);
}
