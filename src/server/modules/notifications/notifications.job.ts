/**
 * The reminder job: every few minutes it collects the reminders due now from each registered source (a demand due in
 * three days, a referral past its bank's deadline, …), then delivers.
 *
 * Built for a national database (a first run there means ~900k reminders):
 * - Bounded: a source is read a page of records at a time (keyset, `pageSize` records, 1000 by default), and each
 *   page is written in its own short transaction; nothing holds all the rows, and no transaction grows with the data.
 * - Not re-read: the first run of a Tehran day reads every record that may be due a reminder (whether one is due
 *   depends on the day); later runs that day read only the records written since the last completed collection began
 *   (`reminder_collections`, less `CHANGE_MARGIN_MS`), whose reminders are all that can be new. A change of the
 *   referral deadlines makes its province read whole again.
 * - Once: each reminder has a dedupe key per record, period and target (UNIQUE, INSERT … ON CONFLICT DO NOTHING), so
 *   a repeated run, a resumed run or another instance writes nothing twice.
 * - One collector at a time: a lease (job_leases, renewed with every page) lets one instance collect while the others
 *   skip; an instance that dies frees it when it expires (a minute). Unlike an advisory lock it needs no session held
 *   open across transactions, so it works through PgBouncer in transaction mode.
 * - Digests: reminders stay in the app one per record (each links to its record, and the in-app list is what people
 *   work from), but the delivery channels (e-mail, SMS) get one message per target per Tehran day — how many items
 *   of each kind, the first few tracking codes and a link — instead of one per record. A digest is claimed in
 *   reminder_digests (unique per target and day), so it goes out once across instances; its reminders are then marked
 *   as in it a bounded chunk per transaction (a province's secretariat has ~50,000 on a national first run; marked
 *   in one statement, 2.1 s on an idle database), each chunk adding to its content, and the digest is
 *   handed to the channel in a transaction of its own. One left unsent (a failed channel, a stopped instance) is
 *   finished by the next run. The instance that completed a collection delivers the digests, so a day's digest never
 *   goes out half-collected; a reminder that arises later that day goes out in the next day's digest (it is in the
 *   app at once).
 * - Paced: after each transaction the job rests `restRatio` times as long as it took (TASHIL_NOTIFY_REST_RATIO, 5 by
 *   default), so a day's first run at national scale yields to the requests served beside it (measured on the
 *   national data, one instance on a saturated two-core machine, 40 users: at ratio 2 the requests' throughput fell
 *   16 % and their p95 rose 39–52 % during the 9-minute first run; at 5 it fell 3 % and p95 rose 6–23 % during 17
 *   minutes — docs/benchmarks.md, "Scale drill").
 * - Events (a demand assigned, a claim approved) are not reminders: they go out one by one, claimed with
 *   FOR UPDATE SKIP LOCKED and marked delivered in the same transaction, by any instance.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Db } from '../../db/client.js';
import { leaseHolderName, releaseLease, takeLease } from '../../db/leases.js';
import { tehranDate, type IsoDate } from '../../../shared/jalali.js';
import { toPersianDigits } from '../../../shared/text.js';
import { notify, targetKey, type DeliveryChannel, type JobLogger, type NotificationInput, type NotificationTarget, type ReminderContext, type ReminderSource } from './notifications.service.js';
import { claimDigest, claimPendingEvents, digestTargetOf, findDigestTargets, findLastCollection, findUnsentDigests, markDelivered, markDigestChunk, recordCollection, takeDigestForSending, type DigestTarget, type NotificationRow } from './notifications.repo.js';

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

function targetOf(r: Pick<NotificationRow, 'userId' | 'agencyId' | 'bankId' | 'unitId' | 'role'>): NotificationTarget {
  if (r.userId) return { userId: r.userId };
  if (r.agencyId) return { agencyId: r.agencyId };
  if (r.bankId) return { bankId: r.bankId };
  if (r.unitId) return { unitId: r.unitId };
  return { role: (r.role ?? 'secretariat') as 'secretariat' };
}

/**
 * How far before the last collection's start a same-day run looks for written records: a transaction open while that
 * collection read (its rows stamped before the start, committed after) is read again, not missed.
 */
export const CHANGE_MARGIN_MS = 10 * 60_000;

/** The lease the collecting instance holds. */
export const REMINDER_LEASE = 'reminders';
export const REMINDER_DEFAULTS = { pageSize: 1000, leaseMs: 60_000, digestCodes: 5, restRatio: 5, digestChunk: 2000 };

export interface JobDeps {
  db: Db;
  now: () => Date;
  channel: DeliveryChannel;
  sources: readonly ReminderSource[];
  log?: JobLogger;
  /** events claimed per delivery transaction */
  batchSize?: number;
  /** records a reminder source reads per transaction */
  pageSize?: number;
  /** reminders a digest takes in per transaction (a province's secretariat may have 50,000 on a first run) */
  digestChunk?: number;
  /** this instance's name as the collection lease's holder (one per process) */
  holder?: string;
  leaseMs?: number;
  /** The address people open Tashil at (TASHIL_PUBLIC_URL), for the link in digests. */
  publicUrl?: string | undefined;
  /** after each transaction the job rests this many times as long as it took (TASHIL_NOTIFY_REST_RATIO; 0: no rest) */
  restRatio?: number;
  /** how the job rests (tests record it) */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Aborted when the instance stops: the job ends after the transaction in progress (a rest ends at once) instead of
   * finishing a first run of several minutes. What it left undone the next run does (every write is idempotent).
   */
  signal?: AbortSignal;
}

/** A rest that the instance stopping ends at once (the abort is not an error here). */
const sleep = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, { signal }).catch(() => {});

/**
 * The job shares its instance and the database with the people working: after each transaction it rests `restRatio`
 * times as long as the transaction took, so it works at most 1 / (1 + ratio) of the time, and longer pages (a busy
 * database) mean longer rests (the figures: the file's header).
 */
async function rest(deps: JobDeps, startedAt: number): Promise<void> {
  const ratio = deps.restRatio ?? REMINDER_DEFAULTS.restRatio;
  // at most a tenth of the lease per rest: the lease is renewed after each page, and must not lapse while the job rests
  if (ratio <= 0) return;
  const ms = Math.min((deps.leaseMs ?? REMINDER_DEFAULTS.leaseMs) / 10, Math.round((performance.now() - startedAt) * ratio));
  await (deps.sleep ? deps.sleep(ms) : sleep(ms, deps.signal));
}

export interface JobResult {
  /** false when another instance held the lease and collecting (and the digests) were left to it */
  collected: boolean;
  created: number;
  /** digest messages handed to the channel */
  digests: number;
  /** notifications marked delivered: events one by one, reminders within digests */
  delivered: number;
  failed: number;
}

const processHolder = leaseHolderName();

/**
 * Runs every source, a page per transaction, under the collection lease; returns how many notifications are new.
 * `collected: false` when another instance holds the lease (or took it over meanwhile: then it finishes the work).
 */
export async function collectReminders(deps: JobDeps): Promise<{ collected: boolean; created: number }> {
  const holder = deps.holder ?? processHolder;
  const leaseMs = deps.leaseMs ?? REMINDER_DEFAULTS.leaseMs;
  const limit = deps.pageSize ?? REMINDER_DEFAULTS.pageSize;
  if (!(await takeLease(deps.db, REMINDER_LEASE, holder, leaseMs))) return { collected: false, created: 0 };
  const now = deps.now();
  const today = tehranDate(now);
  let created = 0;
  try {
    for (const source of deps.sources) {
      const last = await findLastCollection(deps.db, source.name);
      const changedSince = last && last.day === today ? new Date(last.startedAt.getTime() - CHANGE_MARGIN_MS) : null;
      let after: string | null = null;
      do {
        const cursor: string | null = after;
        const pageStarted = performance.now();
        const page = await deps.db.transaction(async (tx) => {
          const { items, next } = await source.collect({ db: tx, now, today, changedSince }, { after: cursor, limit });
          const written = await notify(tx, items.map((n) => ({ ...n, digestDay: today })), now);
          return { next, written: written.length };
        });
        created += page.written;
        after = page.next;
        await rest(deps, pageStarted);
        // stopping: the source's collection is not recorded, so the next run reads it again (and writes nothing twice)
        if (deps.signal?.aborted) return { collected: false, created };
        if (!(await takeLease(deps.db, REMINDER_LEASE, holder, leaseMs))) {
          deps.log?.warn({ source: source.name }, 'reminder lease lost (a page took longer than the lease); another instance continues');
          return { collected: false, created };
        }
      } while (after !== null);
      await recordCollection(deps.db, source.name, today, now);
    }
    return { collected: true, created };
  } finally {
    await releaseLease(deps.db, REMINDER_LEASE, holder).catch(() => {});
  }
}

/** Every page of a source, in one array: for tests and small tools, not the job (which writes page by page). */
export async function collectAllPages(source: ReminderSource, ctx: ReminderContext, pageSize = REMINDER_DEFAULTS.pageSize): Promise<NotificationInput[]> {
  const out: NotificationInput[] = [];
  let after: string | null = null;
  do {
    const page = await source.collect(ctx, { after, limit: pageSize });
    out.push(...page.items);
    after = page.next;
  } while (after !== null);
  return out;
}

/** The Persian text of a digest: how many of each kind, the first few codes, and where to read them all. */
export function digestText(content: { items: number; kinds: Record<string, number>; codes: string[] }, labels: Record<string, string>, publicUrl?: string) {
  const n = toPersianDigits(content.items);
  const parts = Object.entries(content.kinds)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${toPersianDigits(count)} ${labels[kind] ?? 'مورد'}`);
  const rest = content.items - content.codes.length;
  const codes = content.codes.length ? `${content.codes.join('، ')}${rest > 0 ? ` و ${toPersianDigits(rest)} مورد دیگر` : ''}` : '';
  const link = publicUrl ? `${publicUrl.replace(/\/+$/, '')}/notifications` : 'سامانه تسهیل، بخش اعلان‌ها';
  return {
    title: `${n} یادآوری در سامانه تسهیل`,
    body: [parts.join('، '), codes, `فهرست کامل: ${link}`].filter(Boolean).join('\n'),
  };
}

function keyOfTarget(t: DigestTarget): string {
  return targetKey(targetOf(t));
}

/**
 * Sends each target its digest of the reminders waiting (due by today), once per target and day; the reminders in
 * it are marked delivered. First the digests left unsent by an earlier run (a failed channel, a stopped instance) are
 * finished; then targets are read a page at a time (keyset by target), and each digest is claimed, filled a bounded
 * chunk of reminders per transaction (`digestChunk`) and handed to the channel in a transaction of its own — no
 * transaction grows with a target's reminders.
 */
export async function deliverDigests(deps: JobDeps): Promise<{ digests: number; delivered: number; failed: number }> {
  const today: IsoDate = tehranDate(deps.now());
  const labels = Object.assign({}, ...deps.sources.map((s) => s.labels)) as Record<string, string>;
  const totals = { digests: 0, delivered: 0, failed: 0 };
  const send = async (digest: { id: string; day: IsoDate; target: DigestTarget }) => {
    try {
      const items = await fillAndSend(deps, digest, labels);
      if (items) {
        totals.digests++;
        totals.delivered += items;
      }
    } catch (err) {
      // what was marked stays in the digest, which the next run finishes and sends
      totals.failed++;
      deps.log?.warn({ err, target: digest.target.key }, 'reminder digest delivery failed');
    }
  };
  for (const d of await findUnsentDigests(deps.db, today, 200)) {
    await send({ id: d.id, day: d.day as IsoDate, target: digestTargetOf(d.provinceId, d.targetKey) });
    if (deps.signal?.aborted) return totals;
  }
  const via = digestVia(deps);
  let after = '';
  for (;;) {
    const targets = await findDigestTargets(deps.db, today, after, 200);
    for (const t of targets) {
      const id = await claimDigest(deps.db, t.provinceId, keyOfTarget(t), today, via, deps.now());
      // null: today's digest went out already (these wait for tomorrow's), or another instance is filling it
      if (id) await send({ id, day: today, target: t });
      if (deps.signal?.aborted) return totals;
    }
    if (targets.length < 200) break;
    after = targets[targets.length - 1]!.key;
  }
  return totals;
}

const digestVia = (deps: JobDeps) => `digest:${deps.channel.name}`;

/**
 * Marks the target's waiting reminders as in the digest, a chunk per transaction (resting after each), then hands the
 * digest to the channel with `sent_at` in one transaction. Returns how many reminders went, 0 when another instance
 * handed it off first or it held none.
 */
async function fillAndSend(deps: JobDeps, digest: { id: string; day: IsoDate; target: DigestTarget }, labels: Record<string, string>): Promise<number> {
  const chunk = deps.digestChunk ?? REMINDER_DEFAULTS.digestChunk;
  for (;;) {
    const started = performance.now();
    const marked = await deps.db.transaction((tx) => markDigestChunk(tx, digest.id, digest.target, digest.day, deps.now(), digestVia(deps), chunk, REMINDER_DEFAULTS.digestCodes));
    await rest(deps, started);
    if (marked === null) return 0;
    if (marked < chunk) break;
    if (deps.signal?.aborted) return 0; // the next run finishes it
  }
  const started = performance.now();
  const items = await deps.db.transaction(async (tx) => {
    const at = deps.now();
    const content = await takeDigestForSending(tx, digest.id, at);
    if (!content?.items) return 0; // sent by another instance, or nothing was left to put in it
    const text = digestText(content, labels, deps.publicUrl);
    const t = digest.target;
    await deps.channel.deliver({ id: digest.id, provinceId: t.provinceId, target: targetOf(t), kind: 'reminder.digest', title: text.title, body: text.body, refType: null, refId: null, createdAt: at }, tx);
    return content.items;
  });
  await rest(deps, started);
  return items;
}

/** Sends every undelivered event (not reminders) through the channel, once. */
export async function deliverPending(deps: JobDeps): Promise<{ delivered: number; failed: number }> {
  const batch = deps.batchSize ?? 100;
  let delivered = 0;
  let failed = 0;
  for (;;) {
    const started = performance.now();
    const result = await deps.db.transaction(async (tx) => {
      const rows = await claimPendingEvents(tx, batch);
      const sent: string[] = [];
      let bad = 0;
      for (const r of rows) {
        try {
          await deps.channel.deliver(
            { id: r.id, provinceId: r.provinceId, target: targetOf(r), kind: r.kind, title: r.title, body: r.body, refType: r.refType, refId: r.refId, createdAt: r.createdAt },
            tx,
          );
          sent.push(r.id);
        } catch (err) {
          // left undelivered: the next run tries again
          bad++;
          deps.log?.warn({ err, notification: r.id }, 'notification delivery failed');
        }
      }
      await markDelivered(tx, sent, deps.now(), deps.channel.name);
      return { claimed: rows.length, ok: sent.length, bad };
    });
    delivered += result.ok;
    failed += result.bad;
    // stop on a short batch, or when nothing in a batch went out (a broken channel must not spin)
    if (result.claimed < batch || result.ok === 0 || deps.signal?.aborted) break;
    await rest(deps, started);
  }
  return { delivered, failed };
}

/** One run of the job: collect, the day's digests (by the collecting instance), then events. Tests call it with a fixed clock. */
export async function runNotificationJob(deps: JobDeps): Promise<JobResult> {
  const { collected, created } = await collectReminders(deps);
  const digest = collected ? await deliverDigests(deps) : { digests: 0, delivered: 0, failed: 0 };
  const events = await deliverPending(deps);
  return { collected, created, digests: digest.digests, delivered: digest.delivered + events.delivered, failed: digest.failed + events.failed };
}

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Runs the job every `intervalMs` (first run after `firstDelayMs`). `stop` cancels the timer, tells a run in progress
 * to end after its current transaction, and waits for it, so the database can be closed after it.
 */
export function startNotificationScheduler(deps: JobDeps & { intervalMs: number; firstDelayMs?: number }): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const stopping = new AbortController();
  const tick = () => {
    running = runNotificationJob({ ...deps, signal: stopping.signal })
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
      stopping.abort();
      await running;
    },
  };
}

/** How long the job rests after each transaction, as a multiple of its length (TASHIL_NOTIFY_REST_RATIO, default 5). */
export function notificationRestRatio(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TASHIL_NOTIFY_REST_RATIO;
  const ratio = raw === undefined || raw === '' ? REMINDER_DEFAULTS.restRatio : Number(raw);
  if (!Number.isFinite(ratio) || ratio < 0) throw new Error(`TASHIL_NOTIFY_REST_RATIO must be a number ≥ 0, got "${raw}"`);
  return ratio;
}

/** The job's period from TASHIL_NOTIFY_INTERVAL_SECONDS (default 300; 0 turns the job off in this instance). */
export function notificationIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TASHIL_NOTIFY_INTERVAL_SECONDS;
  const seconds = raw === undefined || raw === '' ? 300 : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`TASHIL_NOTIFY_INTERVAL_SECONDS must be a number of seconds, got "${raw}"`);
  return Math.round(seconds * 1000);
}
