/**
 * The SMPP 3.4 driver: an Iranian SMS centre as provinces get one (a system id, a password, a host and a sender
 * number). One transceiver bind per server instance, opened on the first message and kept open so delivery receipts
 * (deliver_sm) can arrive; enquire_link keeps it alive and it is rebound after a drop, with a growing pause.
 *
 * Each part is a submit_sm in UCS-2 (data_coding 8) with registered_delivery 1; a text longer than 70 units goes in
 * parts of 67 with a concatenation UDH (esm_class 0x40) whose reference is derived from the message id, so parts
 * resent after a failure join those the centre already took. Each accepted part's message_id is handed to
 * `accepted` — and recorded — before the next part is sent.
 *
 * What SMPP cannot tell: when the connection drops after a submit_sm was written and before its response came back,
 * the centre may or may not have taken it, and SMPP 3.4 has no idempotency key to ask. Tashil then sends that part
 * again (at least once: an unsent code is worse than a code twice). When the centre did answer, the part is never
 * sent again.
 */
import smpp, { type PDU, type Session } from 'smpp';
import { internationalMobile } from '../../../shared/mobile.js';
import { concatRef, concatUdh, encodeUcs2, splitUcs2, SmsSendError, type OutgoingSms, type SmsDriver, type SmsReceipt } from './sms.driver.js';

export interface SmppOptions {
  host: string;
  port: number;
  tls?: boolean;
  systemId: string;
  password: string;
  systemType?: string;
  source: string;
  /** how long to wait for a submit_sm_resp (the outcome is unknown after it: the part is sent again later) */
  submitTimeoutMs?: number;
  connectTimeoutMs?: number;
  enquireLinkMs?: number;
  /** pause before rebinding after a drop: from `min`, doubling up to `max` */
  reconnectMs?: { min: number; max: number };
  log?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

const STATUS_NAMES: Record<number, string> = Object.fromEntries(Object.entries(smpp.errors ?? {}).map(([name, code]) => [code, name]));

export function smppStatusName(code: number): string {
  return `${STATUS_NAMES[code] ?? 'ESME_UNKNOWN'} (0x${code.toString(16).padStart(2, '0')})`;
}

/** Refusals that no retry can cure. */
const PERMANENT = new Set([0x0b /* ESME_RINVDSTADR */, 0x33 /* ESME_RINVNUMDESTS */, 0x0c /* ESME_RINVDSTTON */]);

/** message_state TLV → the stat word of a receipt's text */
const MESSAGE_STATES: Record<number, string> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };

/** Reads a delivery receipt (deliver_sm with esm_class 0x04, or the receipted_message_id TLV); null for anything else. */
export function parseReceipt(pdu: PDU): SmsReceipt | null {
  const esm = Number(pdu.esm_class ?? 0);
  const sm = pdu.short_message as { message?: unknown } | Buffer | string | undefined;
  const raw = Buffer.isBuffer(sm) ? sm.toString('latin1') : typeof sm === 'string' ? sm : sm && typeof sm === 'object' ? (Buffer.isBuffer(sm.message) ? sm.message.toString('latin1') : String(sm.message ?? '')) : '';
  const tlvId = typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id.replace(/\0+$/, '') : undefined;
  if ((esm & 0x3c) !== 0x04 && !tlvId) return null;
  const id = tlvId || /\bid:(\S+)/i.exec(raw)?.[1];
  if (!id) return null;
  const stat = /\bstat:(\w+)/i.exec(raw)?.[1]?.toUpperCase() ?? (typeof pdu.message_state === 'number' ? MESSAGE_STATES[pdu.message_state] : undefined) ?? 'UNKNOWN';
  const err = /\berr:(\w+)/i.exec(raw)?.[1];
  const done = /\bdone date:(\d{10,12})/i.exec(raw)?.[1];
  let doneAt: Date | undefined;
  if (done) {
    const [yy, mo, dd, hh, mi, ss] = [0, 2, 4, 6, 8, 10].map((i) => Number(done.slice(i, i + 2) || '0'));
    doneAt = new Date(Date.UTC(2000 + yy!, mo! - 1, dd!, hh!, mi!, ss!));
  }
  return { providerMessageId: id, stat, ...(err ? { err } : {}), ...(doneAt && !Number.isNaN(doneAt.getTime()) ? { doneAt } : {}) };
}

export interface SmppDriver extends SmsDriver {
  /** true while bound */
  readonly bound: boolean;
}

export function smppDriver(opts: SmppOptions): SmppDriver {
  const submitTimeoutMs = opts.submitTimeoutMs ?? 30_000;
  const connectTimeoutMs = opts.connectTimeoutMs ?? 15_000;
  const reconnect = opts.reconnectMs ?? { min: 5_000, max: 300_000 };
  let session: Session | undefined;
  let binding: Promise<Session> | undefined;
  let closing = false;
  let receiptHandler: ((r: SmsReceipt) => Promise<void>) | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let reconnectDelay = reconnect.min;
  /** submits waiting for their response, per session: failed at once when that session drops */
  const inFlight = new Map<Session, Set<(err: Error) => void>>();
  const numericSource = /^\+?\d+$/.test(opts.source);

  const scheduleReconnect = () => {
    if (closing || !receiptHandler || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      bind().catch((err: unknown) => {
        opts.log?.warn({ err: (err as Error).message }, 'SMS centre: rebind failed');
        reconnectDelay = Math.min(reconnectDelay * 2, reconnect.max);
        scheduleReconnect();
      });
    }, reconnectDelay);
    reconnectTimer.unref();
  };

  const onClosed = (s: Session) => {
    if (session === s) session = undefined;
    const waiting = inFlight.get(s);
    inFlight.delete(s);
    for (const fail of waiting ?? []) fail(new SmsSendError('the connection to the SMS centre was lost before it answered'));
    if (!closing) scheduleReconnect();
  };

  const handleDeliver = (s: Session, pdu: PDU) => {
    s.send(pdu.response());
    const receipt = parseReceipt(pdu);
    if (!receipt) {
      opts.log?.info({ from: pdu.source_addr }, 'SMS centre: an incoming message (not a receipt) was ignored');
      return;
    }
    receiptHandler?.(receipt).catch((err: unknown) => opts.log?.warn({ err, receipt }, 'SMS receipt not recorded'));
  };

  function bind(): Promise<Session> {
    if (session) return Promise.resolve(session);
    if (binding) return binding;
    binding = new Promise<Session>((resolve, reject) => {
      let settled = false;
      const s = smpp.connect({ host: opts.host, port: opts.port, tls: opts.tls ?? false, auto_enquire_link_period: opts.enquireLinkMs ?? 30_000 });
      const timer = setTimeout(() => fail(new SmsSendError(`no answer from the SMS centre at ${opts.host}:${opts.port} within ${connectTimeoutMs} ms`)), connectTimeoutMs);
      timer.unref();
      function fail(err: Error) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        s.destroy();
        reject(err);
      }
      s.on('error', (err: Error) => fail(new SmsSendError(`SMS centre ${opts.host}:${opts.port}: ${err.message}`)));
      s.on('close', () => {
        fail(new SmsSendError('the SMS centre closed the connection before the bind'));
        onClosed(s);
      });
      s.on('enquire_link', (pdu: PDU) => void s.send(pdu.response()));
      s.on('unbind', (pdu: PDU) => {
        s.send(pdu.response());
        s.close();
      });
      s.on('deliver_sm', (pdu: PDU) => handleDeliver(s, pdu));
      s.on(opts.tls ? 'secureConnect' : 'connect', () => {
        s.bind_transceiver({ system_id: opts.systemId, password: opts.password, system_type: opts.systemType ?? '', interface_version: 0x34 }, (resp) => {
          if (resp.command_status !== 0) {
            fail(new SmsSendError(`the SMS centre refused the bind: ${smppStatusName(resp.command_status)}`));
            return;
          }
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          session = s;
          inFlight.set(s, new Set());
          reconnectDelay = reconnect.min;
          opts.log?.info({ host: opts.host, port: opts.port, systemId: opts.systemId }, 'SMS centre: bound');
          resolve(s);
        });
      });
    }).finally(() => {
      binding = undefined;
    });
    return binding;
  }

  function submit(s: Session, fields: Record<string, unknown>): Promise<PDU> {
    return new Promise<PDU>((resolve, reject) => {
      const waiting = inFlight.get(s);
      if (!waiting) return reject(new SmsSendError('the connection to the SMS centre is closed'));
      let done = false;
      const finish = (err: Error | null, resp?: PDU) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        waiting.delete(fail);
        if (err) reject(err);
        else resolve(resp!);
      };
      const fail = (err: Error) => finish(err);
      const timer = setTimeout(() => {
        finish(new SmsSendError(`the SMS centre did not answer a submit_sm within ${submitTimeoutMs} ms`));
        s.destroy(); // its answer may still come, but the outcome is now unknown: start over on a new bind
      }, submitTimeoutMs);
      timer.unref();
      waiting.add(fail);
      if (!s.submit_sm(fields, (resp) => finish(null, resp))) finish(new SmsSendError('the connection to the SMS centre is closed'));
    });
  }

  return {
    name: 'smpp',
    get bound() {
      return session !== undefined;
    },
    partsOf: (text) => splitUcs2(text).length,
    async send(msg: OutgoingSms, accepted) {
      if (closing) throw new SmsSendError('the SMS driver is closing');
      const parts = splitUcs2(msg.text);
      const total = parts.length;
      if (total > 255) throw new SmsSendError('the text is too long for one SMS', true);
      const ref = concatRef(msg.id);
      const destination = internationalMobile(msg.mobile);
      const s = await bind();
      for (let i = msg.acceptedIds.length; i < total; i++) {
        const body = encodeUcs2(parts[i]!);
        const resp = await submit(s, {
          service_type: '',
          source_addr_ton: numericSource ? 0 : 5,
          source_addr_npi: numericSource ? 1 : 0,
          source_addr: opts.source,
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          destination_addr: destination,
          esm_class: total > 1 ? 0x40 : 0,
          registered_delivery: 1,
          data_coding: 8,
          short_message: total > 1 ? Buffer.concat([concatUdh(ref, total, i + 1), body]) : body,
        });
        if (resp.command_status !== 0) {
          throw new SmsSendError(`the SMS centre refused part ${i + 1} of ${total}: ${smppStatusName(resp.command_status)}`, PERMANENT.has(resp.command_status));
        }
        const id = String(resp.message_id ?? '').replace(/\0+$/, '');
        await accepted(i, id || `${msg.id}:${i + 1}`);
      }
    },
    onReceipt(handler) {
      receiptHandler = handler;
    },
    async close() {
      closing = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await binding?.catch(() => undefined);
      const s = session;
      session = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          s.destroy();
          resolve();
        }, 1000);
        t.unref();
        const sent = s.unbind({}, () => {
          clearTimeout(t);
          s.close(() => resolve());
        });
        if (!sent) {
          clearTimeout(t);
          resolve();
        }
      });
    },
  };
}
