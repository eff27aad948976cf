/**
 * Tests only: an SMS centre (SMSC) in the test's own process, on the `smpp` package's server side. It answers
 * bind_transceiver (or refuses it), accepts submit_sm and remembers each one, can drop the connection on a chosen
 * submit without answering, and sends delivery receipts back over the bound session (on request, or by itself for
 * every accepted part). The browser journeys (scripts/e2e.mjs) run the server against one, and read what a phone shows.
 */
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';

/** 200 characters of Persian. */
export const PERSIAN_200 = (() => {
  const base = 'درخواست تسهیلات واحد تولیدی شما در کمیتهٔ تخصصی استان بررسی و به بانک عامل معرفی شد؛ ';
  let s = '';
  while (s.length < 200) s += base;
  return s.slice(0, 199) + '.';
})();

export interface ReceivedSubmit {
  destination: string;
  source: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** concatenation header, when there is one: [ref, total, seq] */
  concat: [number, number, number] | null;
  text: string;
  /** the id the centre answered with; null when it dropped the connection instead */
  messageId: string | null;
}

export interface TestCentre {
  port: number;
  url(systemId?: string, password?: string): string;
  binds: { systemId: string; password: string; accepted: boolean }[];
  /** every submit_sm that arrived, answered or not */
  received: ReceivedSubmit[];
  /** the submits the centre accepted (answered with ESME_ROK) */
  readonly accepted: ReceivedSubmit[];
  /** refuse binds while true */
  refuseBind: boolean;
  /** return true to drop the connection on this submit (the nth, 1-based, since the centre started) without answering */
  dropOn: ((n: number, s: ReceivedSubmit) => boolean) | null;
  /** answer submits with this command_status instead of ESME_ROK */
  submitStatus: number;
  /**
   * Messages a phone would show, in the order they became whole: a single part at once, a concatenated one when its
   * last missing part arrives (parts joined by sender, reference and count, in part order, as a handset does — so a
   * later message that happens to reuse the 8-bit reference starts afresh).
   */
  messagesFor(destination: string): string[];
  /** sends a delivery receipt for an accepted part over a bound session */
  receipt(messageId: string, stat?: string, opts?: { tlvOnly?: boolean }): Promise<void>;
  readonly sessions: number;
  close(): Promise<void>;
}

export async function startTestCentre(opts: { systemId?: string; password?: string; autoReceipts?: boolean } = {}): Promise<TestCentre> {
  const systemId = opts.systemId ?? 'tashil';
  const password = opts.password ?? 'secret';
  let nextId = 1000;
  let submits = 0;
  const bound = new Set<Session>();
  const all = new Set<Session>();
  const centre = {
    port: 0,
    binds: [] as TestCentre['binds'],
    received: [] as ReceivedSubmit[],
    refuseBind: false,
    dropOn: null as TestCentre['dropOn'],
    submitStatus: 0,
  } as TestCentre;

  const server = smpp.createServer((session) => {
    all.add(session);
    session.on('close', () => {
      all.delete(session);
      bound.delete(session);
    });
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: PDU) => {
      const ok = !centre.refuseBind && pdu.system_id === systemId && pdu.password === password;
      centre.binds.push({ systemId: String(pdu.system_id), password: String(pdu.password), accepted: ok });
      if (!ok) {
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      bound.add(session);
      session.send(pdu.response({ system_id: 'TESTSMSC' }));
    });
    session.on('enquire_link', (pdu: PDU) => void session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      submits++;
      const sm = pdu.short_message as { udh?: Buffer[]; message: string | Buffer };
      const udh = sm.udh?.find((u) => u[0] === 0x00);
      const s: ReceivedSubmit = {
        destination: String(pdu.destination_addr),
        source: String(pdu.source_addr),
        dataCoding: Number(pdu.data_coding),
        esmClass: Number(pdu.esm_class),
        registeredDelivery: Number(pdu.registered_delivery),
        concat: udh ? [udh[2]!, udh[3]!, udh[4]!] : null,
        text: typeof sm.message === 'string' ? sm.message : sm.message.toString('utf8'),
        messageId: null,
      };
      centre.received.push(s);
      if (centre.dropOn?.(submits, s)) {
        session.destroy();
        return;
      }
      if (centre.submitStatus !== 0) {
        session.send(pdu.response({ command_status: centre.submitStatus }));
        return;
      }
      const messageId = `M${nextId++}`;
      s.messageId = messageId;
      session.send(pdu.response({ message_id: messageId }));
      // as a centre does once the handset has it: after the answer, never before
      if (opts.autoReceipts) setImmediate(() => void centre.receipt(messageId).catch(() => undefined));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  centre.port = (server.address() as AddressInfo).port;

  // getters by defineProperties: Object.assign would copy their value once
  Object.defineProperties(centre, {
    accepted: { get: () => centre.received.filter((r) => r.messageId !== null) },
    sessions: { get: () => bound.size },
  });
  return Object.assign(centre, {
    url: (sid = systemId, pw = password) => `smpp://${sid}:${pw}@127.0.0.1:${centre.port}?source=30001234`,
    messagesFor(destination: string) {
      const whole: string[] = [];
      const open = new Map<string, Map<number, string>>();
      for (const r of centre.received.filter((x) => x.messageId !== null && x.destination === destination)) {
        if (!r.concat) {
          whole.push(r.text);
          continue;
        }
        const [ref, total, seq] = r.concat;
        const key = `${r.source}|${ref}|${total}`;
        const parts = open.get(key) ?? new Map<number, string>();
        parts.set(seq, r.text);
        open.set(key, parts);
        if (parts.size === total) {
          whole.push([...parts.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]).join(''));
          open.delete(key);
        }
      }
      return whole;
    },
    async receipt(messageId: string, stat = 'DELIVRD', o: { tlvOnly?: boolean } = {}) {
      const session = [...bound][0];
      if (!session) throw new Error('no bound session to send the receipt over');
      const now = '2611290830';
      await new Promise<void>((resolve) => {
        session.deliver_sm(
          {
            source_addr: '989121234567',
            destination_addr: '30001234',
            esm_class: 0x04,
            ...(o.tlvOnly
              ? { receipted_message_id: messageId, message_state: stat === 'DELIVRD' ? 2 : 5, short_message: '' }
              : { short_message: `id:${messageId} sub:001 dlvr:001 submit date:${now} done date:${now} stat:${stat} err:000 text:` }),
          },
          () => resolve(),
        );
      });
    },
    async close() {
      for (const s of all) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
