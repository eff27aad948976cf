/** The SMS outbox (issue 11): what Tashil has sent, or is sending, by text message. Administrators read it. */
import { z } from 'zod';
import { normalizeMobile } from '../mobile.js';
import { isoInstant, listOf, pageQuery } from './common.js';

export const SMS_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

/** A mobile number as people type it (Persian digits, +98, 98…) → `09121234567`; anything else is refused. */
export const mobileSchema = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const m = normalizeMobile(s);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: 'v.mobile' });
      return z.NEVER;
    }
    return m;
  })
  .describe('mobile number: 09121234567, +989121234567, 989121234567 or with Persian digits; answered as 09121234567');

export const smsMessageSchema = z.object({
  id: z.string(),
  provinceId: z.string().nullable(),
  mobile: z.string().describe('09xxxxxxxxx'),
  text: z.string().describe('the text as sent; one-time codes are hidden unless demo mode is on'),
  kind: z.string().describe('e.g. otp.register, notification'),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  status: z.enum(SMS_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: isoInstant.nullable().describe('when it is tried again, while queued'),
  lastError: z.string().nullable(),
  provider: z.string().nullable().describe('smpp, kavenegar or log'),
  parts: z.number().int().nullable(),
  providerMessageIds: z.array(z.string()).describe("the centre's id of each part it accepted"),
  receipts: z.record(z.string(), z.object({ stat: z.string(), err: z.string().optional(), at: z.string() })).describe('delivery receipts by part id'),
  queuedAt: isoInstant,
  sentAt: isoInstant.nullable(),
  deliveredAt: isoInstant.nullable(),
});
export type SmsMessage = z.infer<typeof smsMessageSchema>;

export const listSmsOutboxQuery = z.strictObject({
  ...pageQuery,
  mobile: mobileSchema.optional(),
  status: z.enum(SMS_STATUSES).optional(),
  kind: z.string().max(60).optional(),
});
export type ListSmsOutboxQuery = z.infer<typeof listSmsOutboxQuery>;

export const smsOutboxList = listOf(smsMessageSchema);
