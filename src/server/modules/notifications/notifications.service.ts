/**
 * In-app notifications. Any module adds some with `notify` inside its own transaction; each carries a
 * `dedupeKey` (UNIQUE), so the same reminder or event written twice — by a retried job, or by two
 * server instances — exists once. Delivery through a channel (log, e-mail) is the job's business
 * (notifications.job.ts); people read their own list here.
 */
import type { ServiceContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../../shared/errors.js';
import type { Notification } from '../../../shared/contracts/notifications.js';
import type { Role } from '../../../shared/roles.js';
import type { IsoDate } from '../../../shared/jalali.js';
import { countUndelivered, countUnread, findNotifications, insertNotifications, markAllRead, markRead, type ReadableNotification } from './notifications.repo.js';

/** Exactly one of these: a user, an agency or bank (in the province), a unit, or everyone of a role in the province. */
export type NotificationTarget = { userId: string } | { agencyId: string } | { bankId: string } | { unitId: string } | { role: Role };

export interface NotificationInput {
  provinceId: string | null;
  target: NotificationTarget;
  /** `<module>.<what>`, e.g. demand.due_soon */
  kind: string;
  title: string;
  body: string;
  refType?: string;
  refId?: string;
  /** The record's tracking code, listed in reminder digests. */
  refCode?: string;
  /** Unique across all notifications: the same key is written only once. */
  dedupeKey: string;
  createdAt?: Date;
  /** Reminders: the day from which it goes out in its target's daily digest (the job sets it); events leave it unset. */
  digestDay?: IsoDate;
}


/** What a reminder source is given: the database (inside the job's transaction for this page) and the clock. */
export interface ReminderContext {
  db: DbOrTx;
  now: Date;
  /** today in Tehran */
  today: IsoDate;
  /**
   * null: every record that may be due a reminder. A time: only the records written since then (their `updated_at`);
   * the job asks this after a completed collection the same day, whose reminders are already written.
   */
  changedSince: Date | null;
}

/** Which page of a source's records to read: those after `after` in the source's own order (keyset), at most `limit`. */
export interface ReminderPageRequest {
  /** null: from the start; otherwise the `next` the previous page returned */
  after: string | null;
  /** records (not notifications) to read */
  limit: number;
}

export interface ReminderPage {
  items: NotificationInput[];
  /** where the next page starts; null after the last page */
  next: string | null;
}

/**
 * A module's reminder rules, read a page at a time so that no transaction and no array grows with the data. `collect`
 * returns the notifications that should exist by now for one page of its records; those already written (same dedupe
 * key) are skipped, so it may return them again on every run.
 */
export interface ReminderSource {
  name: string;
  collect(ctx: ReminderContext, page: ReminderPageRequest): Promise<ReminderPage>;
  /** Persian words for its kinds, counted in the daily digest ("۳ مطالبهٔ سررسیدگذشته") */
  labels: Record<string, string>;
}

/** A short, stable text for a target, used in dedupe keys and delivery logs. */
export function targetKey(t: NotificationTarget): string {
  if ('userId' in t) return `user:${t.userId}`;
  if ('agencyId' in t) return `agency:${t.agencyId}`;
  if ('bankId' in t) return `bank:${t.bankId}`;
  if ('unitId' in t) return `unit:${t.unitId}`;
  return `role:${t.role}`;
}

const NOTIFY_SLICE = 1000;

/** Inserts the notifications that do not exist yet (by dedupe key); returns the ids written now. */
export async function notify(tx: DbOrTx, items: NotificationInput[], now: Date = new Date()): Promise<string[]> {
  if (!items.length) return [];
  const written: string[] = [];
  // in slices, to keep each statement's size bounded
  for (let i = 0; i < items.length; i += NOTIFY_SLICE) {
    const rows = items.slice(i, i + NOTIFY_SLICE).map((n) => ({
      provinceId: n.provinceId,
      userId: 'userId' in n.target ? n.target.userId : null,
      agencyId: 'agencyId' in n.target ? n.target.agencyId : null,
      bankId: 'bankId' in n.target ? n.target.bankId : null,
      unitId: 'unitId' in n.target ? n.target.unitId : null,
      role: 'role' in n.target ? n.target.role : null,
      kind: n.kind,
      title: n.title,
      body: n.body,
      refType: n.refType ?? null,
      refId: n.refId ?? null,
      refCode: n.refCode ?? null,
      digestDay: n.digestDay ?? null,
      dedupeKey: n.dedupeKey,
      createdAt: n.createdAt ?? now,
    }));
    written.push(...(await insertNotifications(tx, rows)));
  }
  return written;
}

function toNotification(n: ReadableNotification): Notification {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    refType: n.refType,
    refId: n.refId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export async function listNotifications(ctx: ServiceContext, q: { page: number; pageSize: number; unread?: boolean | undefined }) {
  const { items, total, unread } = await findNotifications(ctx.db, ctx.actor, q);
  return { items: items.map(toNotification), total, page: q.page, pageSize: q.pageSize, unread };
}

/** The caller's unread notifications, for the header's badge (polled, so kept to one indexed count). */
export async function countUnreadNotifications(ctx: ServiceContext): Promise<{ count: number }> {
  return { count: await countUnread(ctx.db, ctx.actor) };
}

/**
 * Marks one of the caller's notifications read by them (idempotent). A notification to an agency, bank, unit
 * or role is shared, but reading is not: each of its officers reads it on their own.
 */
export async function markNotificationRead(ctx: ServiceContext, id: string): Promise<Notification> {
  const row = await markRead(ctx.db, ctx.actor, id, ctx.now());
  if (!row) throw new AppError('record.not_found');
  return toNotification(row);
}

/** Marks every notification the caller has not read as read by them. */
export async function markAllNotificationsRead(ctx: ServiceContext): Promise<{ updated: number }> {
  return { updated: await markAllRead(ctx.db, ctx.actor, ctx.now()) };
}

/** A notification on its way out. */
export interface OutgoingNotification {
  id: string;
  provinceId: string | null;
  target: NotificationTarget;
  kind: string;
  title: string;
  body: string;
  refType: string | null;
  refId: string | null;
  createdAt: Date;
}

/** Where notifications go besides the in-app list: the log (default), e-mail, SMS… */
export interface DeliveryChannel {
  name: string;
  /** `db` is the delivery's own transaction: a channel that looks things up must use it (PGlite has one connection). */
  deliver(n: OutgoingNotification, db: DbOrTx): Promise<void>;
}

export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}


/** How many notifications wait for the delivery channel: the reminder job's queue depth. */
export function deliveryQueueDepth(db: DbOrTx): Promise<number> {
  return countUndelivered(db);
}
