/**
 * The Kavenegar HTTP gateway: POST {base}/v1/{APIKEY}/sms/send.json with receptor, sender and message (form-encoded).
 * The gateway splits long texts itself, so a message is one "part" here and its `messageid` the provider's id.
 * Its answer carries `return.status` (200 on success): a refused number or key is permanent; credit, rate and
 * server trouble are retried. A request that times out has an unknown outcome and is retried (at least once).
 * Receipts are not pushed by Kavenegar (it offers sms/status.json to ask): not polled yet.
 */
import { SmsSendError, type SmsDriver } from './sms.driver.js';
import { KAVENEGAR_BASE_URL } from './sms.url.js';

export interface KavenegarOptions {
  apiKey: string;
  sender: string;
  /** https://api.kavenegar.com unless a test or a proxy says otherwise */
  baseUrl?: string;
  timeoutMs?: number;
}

/** Kavenegar's own codes that no retry can cure: bad arguments, disabled account, bad key, bad receptor or sender. */
const PERMANENT = new Set([400, 401, 403, 404, 405, 411, 412, 414, 422]);

interface KavenegarAnswer {
  return?: { status?: number; message?: string };
  entries?: { messageid?: number | string; status?: number; statustext?: string }[];
}

export function kavenegarDriver(opts: KavenegarOptions): SmsDriver {
  const base = (opts.baseUrl ?? KAVENEGAR_BASE_URL).replace(/\/+$/, '');
  return {
    name: 'kavenegar',
    partsOf: () => 1,
    async send(msg, accepted) {
      if (msg.acceptedIds.length >= 1) return;
      const url = `${base}/v1/${encodeURIComponent(opts.apiKey)}/sms/send.json`;
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
          body: new URLSearchParams({ receptor: msg.mobile, sender: opts.sender, message: msg.text }).toString(),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
        });
      } catch (err) {
        throw new SmsSendError(`Kavenegar could not be reached: ${(err as Error).message}`);
      }
      let answer: KavenegarAnswer = {};
      try {
        answer = (await res.json()) as KavenegarAnswer;
      } catch {
        // not JSON (a proxy's error page): judged by the HTTP status alone
      }
      const status = answer.return?.status ?? res.status;
      if (status !== 200 || !res.ok) {
        const text = answer.return?.message ? ` ${answer.return.message}` : '';
        throw new SmsSendError(`Kavenegar refused the message: ${status}${text}`, PERMANENT.has(status));
      }
      const id = answer.entries?.[0]?.messageid;
      await accepted(0, id === undefined ? `kavenegar:${msg.id}` : String(id));
    },
    async close() {},
  };
}
