/**
 * E-mail delivery over SMTP (nodemailer), used when TASHIL_SMTP_URL is set: each notification goes to the
 * e-mail addresses of the users it targets — the user, the officers of an agency or a bank, the unit's
 * producer, or the users of a role in the province. Users without an address still see it in the app.
 */
import nodemailer from 'nodemailer';
import { and, eq, isNotNull, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../../db/schema.js';
import type { DeliveryChannel, OutgoingNotification } from './notifications.job.js';

export interface SmtpOptions {
  /** e.g. smtp://user:pass@mail.example:587 or smtps://… */
  url: string;
  from: string;
}

export async function recipientsOf(db: DbOrTx, n: OutgoingNotification): Promise<string[]> {
  const t = n.target;
  const where: SQL[] = [eq(users.disabled, false), isNotNull(users.email)];
  if ('userId' in t) where.push(eq(users.id, t.userId));
  else {
    if (n.provinceId) where.push(eq(users.provinceId, n.provinceId));
    if ('agencyId' in t) where.push(eq(users.role, 'agency'), eq(users.agencyId, t.agencyId));
    else if ('bankId' in t) where.push(eq(users.role, 'bank'), eq(users.bankId, t.bankId));
    else if ('unitId' in t) where.push(eq(users.role, 'producer'), eq(users.unitId, t.unitId));
    else where.push(eq(users.role, t.role));
  }
  const rows = await db.select({ email: users.email }).from(users).where(and(...where));
  return [...new Set(rows.map((r) => r.email!).filter(Boolean))];
}

export function smtpChannel(opts: SmtpOptions): DeliveryChannel {
  const transport = nodemailer.createTransport(opts.url);
  return {
    name: 'smtp',
    async deliver(n, db) {
      const to = await recipientsOf(db, n);
      if (!to.length) return;
      // one message per notification, recipients hidden from each other
      await transport.sendMail({
        from: opts.from,
        to: opts.from,
        bcc: to,
        subject: `سامانه تسهیل — ${n.title}`,
        text: `${n.title}\n\n${n.body}\n\n— سامانه تسهیل و رفع موانع تولید`,
        headers: { 'X-Tashil-Notification': n.id },
      });
    },
  };
}
