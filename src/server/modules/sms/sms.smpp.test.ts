import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatRef, decodeUcs2, encodeUcs2, splitUcs2, SmsSendError } from './sms.driver.js';
import { smppDriver } from './sms.smpp.js';
import { PERSIAN_200, startTestCentre, type TestCentre } from './sms.test-centre.js';

describe('UCS-2 parts', () => {
  it('keeps 70 units in one message and cuts a longer one in parts of 67', () => {
    expect(PERSIAN_200).toHaveLength(200);
    expect(splitUcs2('س'.repeat(70))).toHaveLength(1);
    const parts = splitUcs2(PERSIAN_200);
    expect(parts.map((p) => p.length)).toEqual([67, 67, 66]);
    expect(parts.join('')).toBe(PERSIAN_200);
  });

  it('never cuts a surrogate pair', () => {
    const text = 'ا'.repeat(66) + '😀' + 'ب'.repeat(10);
    const parts = splitUcs2(text);
    expect(parts[0]).toHaveLength(66);
    expect(parts.join('')).toBe(text);
  });

  it('encodes big-endian and back', () => {
    expect(encodeUcs2('سلام').toString('hex')).toBe('0633064406270645');
    expect(decodeUcs2(encodeUcs2(PERSIAN_200))).toBe(PERSIAN_200);
    expect(concatRef('a')).toBe(concatRef('a'));
  });
});

describe('SMPP driver against an SMS centre in the test', () => {
  let centre: TestCentre;
  beforeAll(async () => {
    centre = await startTestCentre();
  });
  afterAll(async () => {
    await centre.close();
  });
  const options = () => ({ host: '127.0.0.1', port: centre.port, systemId: 'tashil', password: 'secret', source: '30001234', reconnectMs: { min: 50, max: 200 } });

  it('binds as a transceiver and sends 200 Persian characters as three UCS-2 parts that arrive whole', async () => {
    const driver = smppDriver(options());
    try {
      const ids: [number, string][] = [];
      await driver.send({ id: 'msg-1', mobile: '09121234567', text: PERSIAN_200, acceptedIds: [] }, async (i, id) => void ids.push([i, id]));
      expect(driver.bound).toBe(true);
      expect(centre.binds.at(-1)).toEqual({ systemId: 'tashil', password: 'secret', accepted: true });
      const parts = centre.accepted.filter((r) => r.destination === '989121234567');
      expect(parts).toHaveLength(3);
      for (const [i, p] of parts.entries()) {
        expect(p.dataCoding).toBe(8);
        expect(p.esmClass & 0x40).toBe(0x40);
        expect(p.registeredDelivery).toBe(1);
        expect(p.source).toBe('30001234');
        expect(p.concat).toEqual([concatRef('msg-1'), 3, i + 1]);
      }
      expect(centre.messagesFor('989121234567')).toEqual([PERSIAN_200]);
      expect(ids.map((x) => x[0])).toEqual([0, 1, 2]);
      expect(ids.map((x) => x[1])).toEqual(parts.map((p) => p.messageId));
    } finally {
      await driver.close();
    }
  });

  it('sends a short message as one part without a header', async () => {
    const driver = smppDriver(options());
    try {
      await driver.send({ id: 'msg-2', mobile: '09351112233', text: 'کد ورود شما: ۱۲۳۴۵۶', acceptedIds: [] }, async () => {});
      expect(centre.accepted.filter((r) => r.destination === '989351112233')).toEqual([expect.objectContaining({ concat: null, esmClass: 0, dataCoding: 8, text: 'کد ورود شما: ۱۲۳۴۵۶' })]);
    } finally {
      await driver.close();
    }
  });

  it('reports a refused bind as a retryable error naming ESME_RBINDFAIL', async () => {
    const driver = smppDriver({ ...options(), password: 'wrong' });
    try {
      const err = await driver.send({ id: 'msg-3', mobile: '09121234567', text: 'x', acceptedIds: [] }, async () => {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SmsSendError);
      expect((err as SmsSendError).permanent).toBe(false);
      expect((err as Error).message).toMatch(/refused the bind: ESME_RBINDFAIL \(0x0d\)/);
      expect(driver.bound).toBe(false);
    } finally {
      await driver.close();
    }
  });

  it('fails the submit in flight when the centre drops the connection, and binds again for the next', async () => {
    const driver = smppDriver(options());
    try {
      centre.dropOn = (_n, s) => s.destination === '989127778899' && s.concat?.[2] === 2;
      const ids: string[] = [];
      const err = await driver.send({ id: 'msg-4', mobile: '09127778899', text: PERSIAN_200, acceptedIds: [] }, async (_i, id) => void ids.push(id)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SmsSendError);
      expect((err as Error).message).toMatch(/lost before it answered/);
      expect(ids).toHaveLength(1);
      centre.dropOn = null;
      // the resend starts after the part the centre accepted
      await driver.send({ id: 'msg-4', mobile: '09127778899', text: PERSIAN_200, acceptedIds: ids }, async (_i, id) => void ids.push(id));
      expect(ids).toHaveLength(3);
      expect(centre.messagesFor('989127778899')).toEqual([PERSIAN_200]);
      expect(centre.accepted.filter((r) => r.destination === '989127778899').map((r) => r.concat![2])).toEqual([1, 2, 3]);
    } finally {
      centre.dropOn = null;
      await driver.close();
    }
  });

  it('hands delivery receipts over, from the text or from the TLVs', async () => {
    const driver = smppDriver(options());
    const got: unknown[] = [];
    driver.onReceipt!(async (r) => void got.push(r));
    try {
      const ids: string[] = [];
      await driver.send({ id: 'msg-5', mobile: '09121112233', text: 'سلام', acceptedIds: [] }, async (_i, id) => void ids.push(id));
      await centre.receipt(ids[0]!, 'DELIVRD');
      await centre.receipt(ids[0]!, 'UNDELIV', { tlvOnly: true });
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toEqual([
        expect.objectContaining({ providerMessageId: ids[0], stat: 'DELIVRD', err: '000', doneAt: new Date('2026-11-29T08:30:00Z') }),
        expect.objectContaining({ providerMessageId: ids[0], stat: 'UNDELIV' }),
      ]);
    } finally {
      await driver.close();
    }
  });
});
