/**
 * The resolutions' reminder rules, run by the notification job:
 * - the objection window ending: two days before its last day, to the responsible agencies
 *   (after it the resolution is binding), and the day after it closed, to the secretariat;
 * - the due date: three days before, to the agencies; and once it has passed, to the agencies and
 *   the secretariat (with a short catch-up window after an outage).
 * Keys name the resolution, the date they are about and the target, so each is written once —
 * and again only if the date moves. Read a page at a time in the order of the resolutions' ids (keyset).
 */
import { and, asc, eq, gt, gte, inArray, lte, or, isNull, sql } from 'drizzle-orm';
import { resolutionAgencies, resolutions } from '../../db/schema.js';
import { addDays, daysBetween, formatJalali } from '../../../shared/jalali.js';
import { toPersianDigits } from '../../../shared/text.js';
import type { NotificationInput, NotificationTarget, ReminderSource } from '../notifications/notifications.service.js';
import { targetKey } from '../notifications/notifications.service.js';

export const RESOLUTION_REMINDER_DAYS_BEFORE = 3;
export const RESOLUTION_WINDOW_REMINDER_DAYS_BEFORE = 2;
export const RESOLUTION_OVERDUE_CATCH_UP_DAYS = 7;

export const resolutionReminderSource: ReminderSource = {
  name: 'resolutions',
  labels: {
    'resolution.overdue': 'مصوبهٔ سررسیدگذشته',
    'resolution.due_soon': 'مصوبهٔ نزدیک به سررسید',
    'resolution.objection_window_ending': 'مصوبه با مهلت اعتراض رو به پایان',
    'resolution.objection_window_closed': 'مصوبهٔ لازم‌الاجراشده',
  },
  async collect({ db, today, changedSince }, { after, limit }) {
    const rows = await db
      .select({
        id: resolutions.id,
        provinceId: resolutions.provinceId,
        code: resolutions.code,
        text: resolutions.text,
        status: resolutions.status,
        dueDate: resolutions.dueDate,
        objectionDeadline: resolutions.objectionDeadline,
        objectionReason: resolutions.objectionReason,
      })
      .from(resolutions)
      .where(
        and(
          inArray(resolutions.status, ['open', 'in_progress']),
          or(
            and(gte(resolutions.dueDate, addDays(today, -RESOLUTION_OVERDUE_CATCH_UP_DAYS)), lte(resolutions.dueDate, addDays(today, RESOLUTION_REMINDER_DAYS_BEFORE))),
            and(
              eq(resolutions.status, 'open'),
              isNull(resolutions.objectionReason),
              gte(resolutions.objectionDeadline, addDays(today, -RESOLUTION_OVERDUE_CATCH_UP_DAYS)),
              lte(resolutions.objectionDeadline, addDays(today, RESOLUTION_WINDOW_REMINDER_DAYS_BEFORE)),
            ),
          ),
          after === null ? undefined : gt(resolutions.id, after),
          changedSince === null ? undefined : gte(resolutions.updatedAt, changedSince),
        ),
      )
      .orderBy(asc(resolutions.id))
      .limit(limit);
    if (!rows.length) return { items: [], next: null };
    const links = await db
      .select()
      .from(resolutionAgencies)
      .where(inArray(resolutionAgencies.resolutionId, rows.map((r) => r.id)))
      .orderBy(sql`${resolutionAgencies.agencyId}`);
    const out: NotificationInput[] = [];
    const push = (r: (typeof rows)[number], target: NotificationTarget, kind: string, about: string, title: string, body: string) =>
      out.push({ provinceId: r.provinceId, target, kind, title, body: `${r.text.slice(0, 300)}\n${body}`, refType: 'resolution', refId: r.id, refCode: r.code, dedupeKey: `resolution:${r.id}:${kind}:${about}:${targetKey(target)}` });
    for (const r of rows) {
      const agencies: NotificationTarget[] = links.filter((l) => l.resolutionId === r.id).map((l) => ({ agencyId: l.agencyId }));
      const dueWindow = r.dueDate >= addDays(today, -RESOLUTION_OVERDUE_CATCH_UP_DAYS) && r.dueDate <= addDays(today, RESOLUTION_REMINDER_DAYS_BEFORE);
      if (dueWindow) {
        const left = daysBetween(today, r.dueDate);
        if (r.dueDate < today) {
          for (const t of [...agencies, { role: 'secretariat' as const }]) {
            push(r, t, 'resolution.overdue', r.dueDate, `مهلت اجرای مصوبهٔ ${r.code} گذشته است`, `مهلت: ${formatJalali(r.dueDate)} (${toPersianDigits(-left)} روز گذشته)`);
          }
        } else {
          for (const t of agencies) {
            push(r, t, 'resolution.due_soon', r.dueDate, `سررسید مصوبهٔ ${r.code} نزدیک است`, `مهلت: ${formatJalali(r.dueDate)} (${left === 0 ? 'امروز' : `${toPersianDigits(left)} روز دیگر`})`);
          }
        }
      }
      const deadline = r.objectionDeadline;
      if (r.status === 'open' && r.objectionReason === null && deadline) {
        if (deadline >= today && deadline <= addDays(today, RESOLUTION_WINDOW_REMINDER_DAYS_BEFORE)) {
          for (const t of agencies) {
            push(r, t, 'resolution.objection_window_ending', deadline, `مهلت اعتراض به مصوبهٔ ${r.code} رو به پایان است`, `آخرین روز اعتراض: ${formatJalali(deadline)}؛ پس از آن مصوبه لازم‌الاجراست.`);
          }
        } else if (deadline < today && deadline >= addDays(today, -RESOLUTION_OVERDUE_CATCH_UP_DAYS)) {
          push(r, { role: 'secretariat' }, 'resolution.objection_window_closed', deadline, `مهلت اعتراض به مصوبهٔ ${r.code} به پایان رسید`, `بی‌اعتراض ماند و لازم‌الاجراست؛ مهلت اجرا: ${formatJalali(r.dueDate)}`);
        }
      }
    }
    return { items: out, next: rows.length === limit ? rows[rows.length - 1]!.id : null };
  },
};
