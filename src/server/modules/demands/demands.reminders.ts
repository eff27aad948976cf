/**
 * The demands' reminder rules, run by the notification job: a reminder N days before a demand falls
 * due (to its agency, or to the secretariat while unassigned), and one on the day after it (to the
 * agency and the secretariat). Each is keyed by demand, due date and target, so it is written once —
 * and written again only if the due date moves. A job that was down catches up within a short window.
 * Read a page at a time in the order of the demands' ids (keyset).
 */
import { and, asc, eq, gt, gte, inArray, lte } from 'drizzle-orm';
import { demands, units } from '../../db/schema.js';
import { addDays, daysBetween, formatJalali } from '../../../shared/jalali.js';
import { OPEN_DEMAND_STATUSES } from '../../../shared/machines.js';
import { toPersianDigits } from '../../../shared/text.js';
import type { NotificationInput, NotificationTarget, ReminderSource } from '../notifications/notifications.service.js';
import { targetKey } from '../notifications/notifications.service.js';

/** Days before the due date that the first reminder goes out. */
export const DEMAND_REMINDER_DAYS_BEFORE = 3;
/** How far back an overdue reminder is still sent after an outage (days past due). */
export const DEMAND_OVERDUE_CATCH_UP_DAYS = 7;

export const demandReminderSource: ReminderSource = {
  name: 'demands',
  labels: { 'demand.overdue': 'مطالبهٔ سررسیدگذشته', 'demand.due_soon': 'مطالبهٔ نزدیک به سررسید' },
  async collect({ db, today, changedSince }, { after, limit }) {
    const rows = await db
      .select({
        id: demands.id,
        provinceId: demands.provinceId,
        code: demands.code,
        title: demands.title,
        agencyId: demands.agencyId,
        dueDate: demands.dueDate,
        unitName: units.name,
      })
      .from(demands)
      .innerJoin(units, eq(units.id, demands.unitId))
      .where(
        and(
          inArray(demands.status, [...OPEN_DEMAND_STATUSES]),
          gte(demands.dueDate, addDays(today, -DEMAND_OVERDUE_CATCH_UP_DAYS)),
          lte(demands.dueDate, addDays(today, DEMAND_REMINDER_DAYS_BEFORE)),
          after === null ? undefined : gt(demands.id, after),
          changedSince === null ? undefined : gte(demands.updatedAt, changedSince),
        ),
      )
      .orderBy(asc(demands.id))
      .limit(limit);
    const out: NotificationInput[] = [];
    for (const d of rows) {
      const overdue = d.dueDate < today;
      const kind = overdue ? 'demand.overdue' : 'demand.due_soon';
      const targets: NotificationTarget[] = overdue
        ? [...(d.agencyId ? [{ agencyId: d.agencyId }] : []), { role: 'secretariat' as const }]
        : [d.agencyId ? { agencyId: d.agencyId } : { role: 'secretariat' as const }];
      const left = daysBetween(today, d.dueDate);
      const title = overdue ? `مهلت مطالبهٔ ${d.code} گذشته است` : `سررسید مطالبهٔ ${d.code} نزدیک است`;
      const when = overdue
        ? `مهلت: ${formatJalali(d.dueDate)} (${toPersianDigits(-left)} روز گذشته)`
        : `مهلت: ${formatJalali(d.dueDate)} (${left === 0 ? 'امروز' : `${toPersianDigits(left)} روز دیگر`})`;
      for (const target of targets) {
        out.push({
          provinceId: d.provinceId,
          target,
          kind,
          title,
          body: `${d.title}\nواحد: ${d.unitName}\n${when}`,
          refType: 'demand',
          refId: d.id,
          refCode: d.code,
          dedupeKey: `demand:${d.id}:${overdue ? 'overdue' : 'due_soon'}:${d.dueDate}:${targetKey(target)}`,
        });
      }
    }
    return { items: out, next: rows.length === limit ? rows[rows.length - 1]!.id : null };
  },
};
