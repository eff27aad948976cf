import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { ROLES } from '../../../shared/roles.js';
import { DEMO_ACCOUNTS } from '../../seed/demo-accounts.js';
import { notify } from '../notifications/notifications.service.js';
import { deliverPending, type DeliveryChannel } from '../notifications/notifications.job.js';
import { deliverDueSms, recordSmsReceipt, startSmsWorker, type SmsWorkerDeps } from './sms.job.js';
import { getSms, type SmsRow } from './sms.repo.js';
import { outboxText, queueSms, SmsInputError } from './sms.service.js';
import { smppDriver } from './sms.smpp.js';
import { logDriver } from './sms.log.js';
import { kavenegarDriver } from './sms.kavenegar.js';
import { allChannels, smsNotificationChannel } from './sms.channel.js';
import { PERSIAN_200, startTestCentre, type TestCentre } from './sms.test-centre.js';
import type { SmsDriver } from './sms.driver.js';

const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

describeOnEngines('SMS outbox and delivery', (t) => {
  let centre: TestCentre;
  const clock = { now: new Date('2026-11-29T08:00:00.000Z') };
  const drivers: SmsDriver[] = [];
  const smpp = (extra: Partial<Parameters<typeof smppDriver>[0]> = {}) => {
    const d = smppDriver({ host: '127.0.0.1', port: centre.port, systemId: 'tashil', password: 'secret', source: '30001234', reconnectMs: { min: 50, max: 200 }, ...extra });
    drivers.push(d);
    return d;
  };
  const deps = (driver: SmsDriver, extra: Partial<SmsWorkerDeps> = {}): SmsWorkerDeps => ({ db: t.database.db, driver, now: () => clock.now, log: quietLog, ...extra });
  const row = async (id: string) => (await getSms(t.database.db, id))!;
  const later = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));

  beforeAll(async () => {
    centre = await startTestCentre();
  });
  afterAll(async () => {
    for (const d of drivers) await d.close();
    await centre.close();
  });
  beforeEach(async () => {
    await t.database.query('delete from sms_messages');
    centre.refuseBind = false;
    centre.dropOn = null;
    centre.submitStatus = 0;
  });

  it('queues a message with the change that causes it: a rolled-back transaction queues nothing, a dedupe key queues once', async () => {
    const db = t.database.db;
    await expect(
      db.transaction(async (tx) => {
        await queueSms(tx, { mobile: '09121234567', text: 'پیام', kind: 'test.rollback' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.database.query(`select * from sms_messages where kind = 'test.rollback'`)).toHaveLength(0);
    const first = await db.transaction((tx) => queueSms(tx, { mobile: '+۹۸۹۱۲۱۲۳۴۵۶۷', text: '  کد شما: ۱۲۳۴  ', kind: 'otp.login', dedupeKey: 'otp:1' }));
    const again = await queueSms(db, { mobile: '09121234567', text: 'کد شما: ۱۲۳۴', kind: 'otp.login', dedupeKey: 'otp:1' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await row(first.id)).toMatchObject({ mobile: '09121234567', text: 'کد شما: ۱۲۳۴', status: 'queued', attempts: 0, providerMessageIds: [] });
    await expect(queueSms(db, { mobile: '0912', text: 'x', kind: 'test' })).rejects.toThrow(SmsInputError);
    await expect(queueSms(db, { mobile: '09121234567', text: '  ', kind: 'test' })).rejects.toThrow(SmsInputError);
  });

  it('sends a 200-character Persian message through the SMPP centre in three UCS-2 parts that arrive whole, then records its receipts', async () => {
    const { id } = await queueSms(t.database.db, { mobile: '09121230001', text: PERSIAN_200, kind: 'test.long', now: clock.now });
    const driver = smpp();
    expect(await deliverDueSms(deps(driver))).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 });
    const parts = centre.accepted.filter((r) => r.destination === '989121230001');
    expect(parts.map((p) => [p.dataCoding, p.esmClass & 0x40, p.concat?.[1], p.concat?.[2]])).toEqual([
      [8, 0x40, 3, 1],
      [8, 0x40, 3, 2],
      [8, 0x40, 3, 3],
    ]);
    expect(centre.messagesFor('989121230001')).toEqual([PERSIAN_200]);
    const sent = await row(id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, parts: 3, provider: 'smpp', providerMessageIds: parts.map((p) => p.messageId), lastError: null });
    expect(sent.sentAt).toEqual(clock.now);

    // receipts arrive over the same bind, one per part: delivered once all three are
    const worker = startSmsWorker({ ...deps(driver), intervalMs: 60_000 });
    try {
      await centre.receipt(parts[0]!.messageId!);
      await centre.receipt(parts[1]!.messageId!);
      await waitFor(async () => Object.keys((await row(id)).receipts).length === 2);
      expect((await row(id)).status).toBe('sent');
      await centre.receipt(parts[2]!.messageId!);
      await waitFor(async () => (await row(id)).status === 'delivered');
      const done = await row(id);
      expect(Object.values(done.receipts).map((r) => r.stat)).toEqual(['DELIVRD', 'DELIVRD', 'DELIVRD']);
      expect(done.deliveredAt).toEqual(new Date('2026-11-29T08:30:00Z'));
    } finally {
      await worker.stop();
    }
  });

  it('records a receipt that says the message could not be delivered, and one whose id the centre spells in hex', async () => {
    const db = t.database.db;
    const a = await queueSms(db, { mobile: '09121230002', text: 'الف', kind: 'test', now: clock.now });
    const b = await queueSms(db, { mobile: '09121230003', text: 'ب', kind: 'test', now: clock.now });
    await deliverDueSms(deps(logDriver(quietLog)));
    const ids = [(await row(a.id)).providerMessageIds[0]!];
    expect(await recordSmsReceipt(db, { providerMessageId: ids[0]!, stat: 'UNDELIV', err: '001' }, clock.now)).toBe(true);
    expect(await row(a.id)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('UNDELIV err:001') });
    // a centre that answered submit_sm with "255" and reports "ff"
    await t.database.query(`update sms_messages set provider_message_ids = array['255'] where id = $1`, [b.id]);
    expect(await recordSmsReceipt(db, { providerMessageId: 'ff', stat: 'DELIVRD' }, clock.now)).toBe(true);
    expect((await row(b.id)).status).toBe('delivered');
    expect(await recordSmsReceipt(db, { providerMessageId: 'nobody', stat: 'DELIVRD' }, clock.now)).toBe(false);
  });

  it('keeps a message queued when the centre refuses the bind, records why, and sends it once the centre accepts', async () => {
    // the first is a millisecond older, so it is tried first
    const { id } = await queueSms(t.database.db, { mobile: '09121230004', text: 'پیام آزمایشی', kind: 'test', now: new Date(clock.now.getTime() - 1) });
    const other = await queueSms(t.database.db, { mobile: '09121230005', text: 'پیام دوم', kind: 'test', now: clock.now });
    centre.refuseBind = true;
    const driver = smpp();
    expect(await deliverDueSms(deps(driver))).toEqual({ claimed: 2, sent: 0, retried: 1, failed: 0 });
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringMatching(/refused the bind: ESME_RBINDFAIL/) });
    expect(waiting.nextAttemptAt).toEqual(new Date(clock.now.getTime() + 30_000));
    // the second one was not tried: its attempt is not counted
    expect(await row(other.id)).toMatchObject({ status: 'queued', attempts: 0, lastError: null });
    // the next run takes only the second (the first waits for its pause), and the centre still refuses
    expect(await deliverDueSms(deps(driver))).toEqual({ claimed: 1, sent: 0, retried: 1, failed: 0 });
    expect((await row(id)).attempts).toBe(1);
    expect((await row(other.id)).attempts).toBe(1);
    centre.refuseBind = false;
    later(30_000);
    expect(await deliverDueSms(deps(driver))).toEqual({ claimed: 2, sent: 2, retried: 0, failed: 0 });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(await row(other.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(centre.accepted.filter((s) => s.destination === '989121230004')).toHaveLength(1);
    expect(centre.accepted.filter((s) => s.destination === '989121230005')).toHaveLength(1);
  });

  it('retries with a growing pause and gives up after the last attempt; a refusal no retry can cure fails at once', async () => {
    const { id } = await queueSms(t.database.db, { mobile: '09121230006', text: 'تلاش', kind: 'test', now: clock.now });
    centre.submitStatus = 0x58; // ESME_RTHROTTLED
    const driver = smpp();
    const pauses: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const before = clock.now.getTime();
      await deliverDueSms(deps(driver, { maxAttempts: 3 }));
      const r = await row(id);
      if (r.status === 'queued') pauses.push(r.nextAttemptAt.getTime() - before);
      clock.now = r.nextAttemptAt;
    }
    expect(pauses).toEqual([30_000, 60_000]);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringMatching(/ESME_RTHROTTLED.*gave up after 3 attempts/) });

    const bad = await queueSms(t.database.db, { mobile: '09121230007', text: 'نشانی نادرست', kind: 'test', now: clock.now });
    centre.submitStatus = 0x0b; // ESME_RINVDSTADR
    await deliverDueSms(deps(driver));
    expect(await row(bad.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/ESME_RINVDSTADR/) });
  });

  it('sends again after the centre drops the connection mid-send, and the phone gets every message whole and once', async () => {
    const db = t.database.db;
    const long = await queueSms(db, { mobile: '09121230008', text: PERSIAN_200, kind: 'test', now: clock.now });
    const short = await queueSms(db, { mobile: '09121230009', text: 'کوتاه', kind: 'test', now: new Date(clock.now.getTime() + 1) });
    later(1);
    // the centre takes part 1, then drops the connection on part 2 without answering
    centre.dropOn = (_n, s) => s.destination === '989121230008' && s.concat?.[2] === 2 && !centre.received.some((x) => x !== s && x.destination === s.destination && x.concat?.[2] === 2);
    const driver = smpp();
    const first = await deliverDueSms(deps(driver));
    expect(first).toMatchObject({ claimed: 2, sent: 0, retried: 1 });
    expect(await row(long.id)).toMatchObject({ status: 'queued', providerMessageIds: [expect.any(String)], lastError: expect.stringMatching(/lost before it answered/) });
    later(30_000);
    await deliverDueSms(deps(driver));
    later(1);
    await deliverDueSms(deps(driver));
    expect(await row(long.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await row(long.id)).providerMessageIds).toHaveLength(3);
    expect((await row(short.id)).status).toBe('sent');
    // what the phones show: each message once, whole
    expect(centre.messagesFor('989121230008')).toEqual([PERSIAN_200]);
    expect(centre.messagesFor('989121230009')).toEqual(['کوتاه']);
    // per part, the centre accepted each exactly once; the unanswered part 2 reached it twice (SMPP cannot tell)
    const parts = centre.received.filter((r) => r.destination === '989121230008').map((r) => `${r.concat![2]}${r.messageId ? '' : '?'}`);
    expect(parts).toEqual(['1', '2?', '2', '3']);
  });

  it('resends nothing when a worker died after the centre accepted and before the message was marked sent', async () => {
    const { id } = await queueSms(t.database.db, { mobile: '09121230010', text: PERSIAN_200, kind: 'test', now: clock.now });
    const crash = new Error('process killed');
    // the first worker "dies" right after the last part's id is recorded
    await expect(deliverDueSms(deps(smpp(), { afterPartRecorded: async (_id, index) => { if (index === 2) throw crash; } }))).rejects.toBe(crash);
    expect(await row(id)).toMatchObject({ status: 'sending', providerMessageIds: [expect.any(String), expect.any(String), expect.any(String)] });
    const before = centre.received.length;
    // a new instance: the message is not taken over while the lease runs…
    const second = smpp();
    expect((await deliverDueSms(deps(second))).claimed).toBe(0);
    // …and after it, it is marked sent without a part being sent again
    later(120_001);
    expect(await deliverDueSms(deps(second))).toMatchObject({ claimed: 1, sent: 1 });
    expect(centre.received.length).toBe(before);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });

    // died after part 1: only parts 2 and 3 are sent by the next instance
    const half = await queueSms(t.database.db, { mobile: '09121230011', text: PERSIAN_200, kind: 'test', now: clock.now });
    await expect(deliverDueSms(deps(smpp(), { afterPartRecorded: async (_id, index) => { if (index === 0) throw crash; } }))).rejects.toBe(crash);
    later(120_001);
    await deliverDueSms(deps(smpp()));
    expect(centre.received.filter((r) => r.destination === '989121230011').map((r) => r.concat![2])).toEqual([1, 2, 3]);
    expect(centre.messagesFor('989121230011')).toEqual([PERSIAN_200]);
    expect((await row(half.id)).status).toBe('sent');
  });

  it('a restarted server (a new worker over the same database) sends what was queued before', async () => {
    const db = t.database.db;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await queueSms(db, { mobile: `0912123010${i}`, text: `پیام ${i}`, kind: 'test', now: clock.now })).id);
    // the first instance started, then stopped before its first run
    const first = startSmsWorker({ ...deps(smpp()), intervalMs: 60_000 });
    await first.stop();
    expect((await Promise.all(ids.map(row))).map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    const second = startSmsWorker({ ...deps(smpp()), intervalMs: 20 });
    try {
      await waitFor(async () => (await Promise.all(ids.map(row))).every((r: SmsRow) => r.status === 'sent'));
    } finally {
      await second.stop();
    }
    for (let i = 0; i < 3; i++) expect(centre.messagesFor(`98912123010${i}`)).toEqual([`پیام ${i}`]);
  });

  it('sends each message once when two instances share the database', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await queueSms(t.database.db, { mobile: `091212302${String(i).padStart(2, '0')}`, text: `همزمان ${i}`, kind: 'test', now: clock.now })).id);
    let secondDb = t.database.db;
    let closeSecond = async () => {};
    if (t.engine === 'postgres') {
      // a second instance has its own pool on the same database
      const { openDatabase } = await import('../../db/client.js');
      const url = (t.database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
      const second = await openDatabase({ databaseUrl: url, migrate: false });
      secondDb = second.db;
      closeSecond = () => second.close();
    }
    try {
      const before = centre.accepted.length;
      const runs = await Promise.all([deliverDueSms(deps(smpp(), { batchSize: 3 })), deliverDueSms({ ...deps(smpp(), { batchSize: 3 }), db: secondDb }), deliverDueSms(deps(smpp(), { batchSize: 3 }))]);
      for (let round = 0; round < 6; round++) await Promise.all([deliverDueSms(deps(smpp(), { batchSize: 3 })), deliverDueSms({ ...deps(smpp(), { batchSize: 3 }), db: secondDb })]);
      expect(runs.reduce((n, r) => n + r.claimed, 0)).toBe(9);
      expect((await Promise.all(ids.map(row))).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
      expect(centre.accepted.length - before).toBe(12);
      for (let i = 0; i < 12; i++) expect(centre.messagesFor(`9891212302${String(i).padStart(2, '0')}`)).toEqual([`همزمان ${i}`]);
    } finally {
      await closeSecond();
    }
  });

  it('writes each message to the log with the log driver', async () => {
    const lines: object[] = [];
    const { id } = await queueSms(t.database.db, { mobile: '09121230020', text: 'کد ورود: ۴۸۲۱۹۳', kind: 'otp.login', now: clock.now });
    await deliverDueSms(deps(logDriver({ info: (o) => void lines.push(o) })));
    expect(lines).toEqual([{ sms: id, to: '09121230020', parts: 1, text: 'کد ورود: ۴۸۲۱۹۳' }]);
    expect(await row(id)).toMatchObject({ status: 'sent', provider: 'log', providerMessageIds: [`log:${id}:1`] });
  });

  it('sends through Kavenegar (a local stand-in for its HTTP API): accepted, refused for good, and retried', async () => {
    const calls: { url: string; body: URLSearchParams }[] = [];
    let answer: { status: number; body: unknown } = { status: 200, body: { return: { status: 200, message: 'تایید شد' }, entries: [{ messageid: 8792343, status: 1 }] } };
    const server: Server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        calls.push({ url: `${req.method} ${req.url}`, body: new URLSearchParams(raw) });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const driver = kavenegarDriver({ apiKey: 'TESTKEY123', sender: '10004346', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    try {
      const ok = await queueSms(t.database.db, { mobile: '09121230030', text: PERSIAN_200, kind: 'test', now: clock.now });
      await deliverDueSms(deps(driver));
      expect(calls).toHaveLength(1);
      expect(calls[0]!.url).toBe('POST /v1/TESTKEY123/sms/send.json');
      expect(Object.fromEntries(calls[0]!.body)).toEqual({ receptor: '09121230030', sender: '10004346', message: PERSIAN_200 });
      expect(await row(ok.id)).toMatchObject({ status: 'sent', provider: 'kavenegar', parts: 1, providerMessageIds: ['8792343'] });

      answer = { status: 411, body: { return: { status: 411, message: 'گیرنده نامعتبر است' }, entries: null } };
      const bad = await queueSms(t.database.db, { mobile: '09121230031', text: 'x', kind: 'test', now: clock.now });
      await deliverDueSms(deps(driver));
      expect(await row(bad.id)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('411') });

      answer = { status: 418, body: { return: { status: 418, message: 'اعتبار حساب شما کافی نیست' }, entries: null } };
      const poor = await queueSms(t.database.db, { mobile: '09121230032', text: 'y', kind: 'test', now: clock.now });
      await deliverDueSms(deps(driver));
      expect(await row(poor.id)).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringContaining('418') });
      answer = { status: 200, body: { return: { status: 200, message: 'تایید شد' }, entries: [{ messageid: 1, status: 1 }] } };
      later(30_000);
      await deliverDueSms(deps(driver));
      expect(await row(poor.id)).toMatchObject({ status: 'sent', attempts: 2 });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("queues an SMS to the mobiles of a unit's producers when a notification addressed to the unit is delivered", async () => {
    const [producer] = await t.database.query<{ id: string; unit_id: string; province_id: string }>(`select id, unit_id, province_id from users where username = 'producer.demo'`);
    await t.database.query(`update users set mobile = '۰۹۱۲۱۲۳۰۰۴۰' where id = $1`, [producer!.id]);
    const db = t.database.db;
    await db.transaction((tx) =>
      notify(tx, [{ provinceId: producer!.province_id, target: { unitId: producer!.unit_id }, kind: 'test.sms', title: 'درخواست شما تأیید شد', body: 'کمیتهٔ تخصصی درخواست تسهیلات را تأیید کرد.', refType: 'test', refId: 'r1', dedupeKey: 'test.sms:1' }], clock.now),
    );
    const seen: string[] = [];
    const recorder: DeliveryChannel = { name: 'test', deliver: async (n) => void seen.push(n.kind) };
    const channel = allChannels(recorder, smsNotificationChannel());
    const jobDeps = { db, now: () => clock.now, channel, sources: [] };
    await deliverPending(jobDeps);
    await deliverPending(jobDeps);
    expect(seen.filter((k) => k === 'test.sms')).toHaveLength(1);
    const queued = await t.database.query<{ mobile: string; text: string; kind: string; ref_id: string }>(`select mobile, text, kind, ref_id from sms_messages where ref_type = 'test'`);
    expect(queued).toEqual([{ mobile: '09121230040', text: 'درخواست شما تأیید شد\nکمیتهٔ تخصصی درخواست تسهیلات را تأیید کرد.\nسامانه تسهیل', kind: 'notification', ref_id: 'r1' }]);
    expect((await t.database.query<{ delivered_via: string }>(`select delivered_via from notifications where dedupe_key = 'test.sms:1'`))[0]!.delivered_via).toBe('test+sms');
  });

  it('shows the outbox to administrators only, filtered by mobile and status', async () => {
    const db = t.database.db;
    await queueSms(db, { mobile: '09121230050', text: 'کد ورود: ۱۲۳۴۵۶', kind: 'otp.login', now: clock.now });
    await queueSms(db, { mobile: '09121230051', text: 'پیام دیگر', kind: 'notification', now: new Date(clock.now.getTime() + 1) });
    const admin = await t.as('admin');
    const all = await admin.get('/api/v1/sms/outbox');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(all.json().items.map((m: { mobile: string }) => m.mobile)).toEqual(['09121230051', '09121230050']);
    const mine = await admin.get(`/api/v1/sms/outbox?mobile=${encodeURIComponent('+۹۸۹۱۲۱۲۳۰۰۵۰')}&status=queued`);
    expect(mine.json().items).toEqual([expect.objectContaining({ mobile: '09121230050', status: 'queued', kind: 'otp.login', text: 'کد ورود: ۱۲۳۴۵۶', providerMessageIds: [], receipts: {} })]);
    expect((await admin.get('/api/v1/sms/outbox?status=sent')).json().total).toBe(0);
    const bad = await admin.get('/api/v1/sms/outbox?mobile=123');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'mobile' })]);
    // outside demo mode a code is not readable there
    expect(outboxText({ kind: 'otp.login', text: 'کد ورود: ۱۲۳۴۵۶' }, false)).toBe('کد ورود: ••••••');
    expect(outboxText({ kind: 'notification', text: 'شمارهٔ ۱۲۳۴۵۶' }, false)).toBe('شمارهٔ ۱۲۳۴۵۶');

    expect((await t.anonymous.get('/api/v1/sms/outbox')).statusCode).toBe(401);
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
      const res = await (await t.as(account.username)).get('/api/v1/sms/outbox');
      expect(res.statusCode, role).toBe(403);
      expect(res.json().code).toBe('auth.forbidden');
    }
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
