/**
 * Notifications by SMS: a delivery channel for the notification job. A notification addressed to a producer's unit
 * (target `unitId`) is queued as an SMS to each of the unit's producer users who has a mobile — in the delivery's
 * own transaction, so it is queued exactly when the notification is marked delivered. Other targets (agencies,
 * banks, roles) are staff who read the app; they get no SMS.
 */
import type { DeliveryChannel, OutgoingNotification } from '../notifications/notifications.service.js';
import { normalizeMobile } from '../../../shared/mobile.js';
import { queueSms, SMS_MAX_TEXT } from './sms.service.js';
import { producerMobilesOfUnit } from './sms.repo.js';

export const SMS_SIGNATURE = 'سامانه تسهیل';

/** The text of a notification's SMS: title, body, signature — cut to fit SMS_MAX_TEXT. */
export function smsTextOf(n: Pick<OutgoingNotification, 'title' | 'body'>): string {
  const tail = `\n${SMS_SIGNATURE}`;
  let text = `${n.title}\n${n.body}`.trim();
  if (text.length + tail.length > SMS_MAX_TEXT) text = `${text.slice(0, SMS_MAX_TEXT - tail.length - 1)}…`;
  return text + tail;
}

export function smsNotificationChannel(opts: { wake?: () => void } = {}): DeliveryChannel {
  return {
    name: 'sms',
    async deliver(n, db) {
      if (!('unitId' in n.target)) return;
      // a number stored in another form is normalised; one that is not a mobile at all is skipped
      const mobiles = [...new Set((await producerMobilesOfUnit(db, n.target.unitId, n.provinceId)).map(normalizeMobile).filter((m): m is string => m !== null))];
      for (const mobile of mobiles) {
        await queueSms(db, {
          mobile,
          text: smsTextOf(n),
          kind: 'notification',
          refType: n.refType,
          refId: n.refId,
          provinceId: n.provinceId,
          dedupeKey: `notification:${n.id}:${mobile}`,
        });
      }
      if (mobiles.length) opts.wake?.();
    },
  };
}

/** Several channels as one: each notification goes through all of them (in the same transaction). */
export function allChannels(...channels: DeliveryChannel[]): DeliveryChannel {
  return {
    name: channels.map((c) => c.name).join('+'),
    async deliver(n, db) {
      for (const c of channels) await c.deliver(n, db);
    },
  };
}
