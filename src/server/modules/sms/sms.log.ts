/** The default driver: each message is written to the server log (development, demo, or no centre yet). */
import { splitUcs2, type SmsDriver } from './sms.driver.js';

export interface SmsLog {
  info(obj: object, msg?: string): void;
}

export function logDriver(log: SmsLog): SmsDriver {
  return {
    name: 'log',
    partsOf: (text) => splitUcs2(text).length,
    async send(msg, accepted) {
      const parts = splitUcs2(msg.text).length;
      log.info({ sms: msg.id, to: msg.mobile, parts, text: msg.text }, 'SMS (log)');
      for (let i = msg.acceptedIds.length; i < parts; i++) await accepted(i, `log:${msg.id}:${i + 1}`);
    },
    async close() {},
  };
}
