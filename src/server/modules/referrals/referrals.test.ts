import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { castOf, csv, FULL_REASON, move, refer, upload, walk, type Cast } from './referrals.test-helpers.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tashil-referrals-'));
const NO_SUCH = '6f1c1d2e-0000-4000-8000-000000000001';
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeOnEngines(
  'referrals',
  (t) => {
    let c: Cast;
    beforeAll(async () => {
      c = await castOf(t);
    });

    it('an agency refers a unit: a tracking code, amounts typed in Persian, one event and an audit entry', async () => {
      const r = await refer(c.agency, c.unitId, { branchName: 'شعبهٔ مركزي قم' });
      expect(r).toMatchObject({
        status: 'referred',
        agencyId: 'smt',
        bankId: 'sanat-madan',
        requestedAmount: '12500000000',
        approvedAmount: null,
        referralDate: '2026-11-25',
        branchName: 'شعبهٔ مرکزی قم',
        version: 1,
        overdue: false,
        daysWaiting: 4,
        dueDate: '2026-11-30',
      });
      expect(r.code).toMatch(/^R-1405-\d{6}$/);
      const second = await refer(c.agency, c.unitId);
      expect(Number(second.code.slice(-6))).toBe(Number(r.code.slice(-6)) + 1);
      const detail = (await c.agency.get(`/api/v1/referrals/${r.id}`)).json();
      expect(detail.events).toHaveLength(1);
      expect(detail.events[0]).toMatchObject({ from: null, to: 'referred', actorLabel: 'agency.smt', actorRole: 'agency', onBehalf: false });
      expect(detail.allowedTransitions).toEqual(['withdrawn']);
      const audit = (await c.secretariat.get(`/api/v1/audit?entityType=referral&entityId=${r.id}`)).json();
      expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['referral.create']);
    });

    it('names who took each step by full name, not username: the referral, the bank’s steps, a follow-up, older rows and the unit’s timeline', async () => {
      const agencyMe = (await c.agency.get('/api/v1/auth/me')).json() as { id: string; fullName: string; username: string };
      const bankMe = (await c.bank.get('/api/v1/auth/me')).json() as { id: string; fullName: string; username: string };
      expect(agencyMe.fullName).not.toBe(agencyMe.username);
      const r = await walk(c.bank, await refer(c.agency, c.unitId), [['received'], ['under_review']]);
      await c.agency.post(`/api/v1/referrals/${r.id}/followups`, { note: 'پیگیری تلفنی با شعبه' });
      const detail = (await c.secretariat.get(`/api/v1/referrals/${r.id}`)).json();
      expect(detail.events.map((e: { actorName: string; actorLabel: string }) => [e.actorName, e.actorLabel])).toEqual([
        [agencyMe.fullName, agencyMe.username],
        [bankMe.fullName, bankMe.username],
        [bankMe.fullName, bankMe.username],
      ]);
      expect(detail.followups.at(-1)).toMatchObject({ actorName: agencyMe.fullName });

      // a step written before names were kept on the row is read with the user's name
      const { referralEvents } = await import('../../db/schema.js');
      await t.database.db.insert(referralEvents).values({ referralId: r.id, provinceId: 'qom', fromStatus: 'under_review', toStatus: 'under_review', actorId: bankMe.id, actorLabel: bankMe.username, actorKind: 'user', actorRole: 'bank', note: 'ردیف قدیمی', at: t.clock.now });
      const again = (await c.secretariat.get(`/api/v1/referrals/${r.id}`)).json();
      expect(again.events.at(-1)).toMatchObject({ note: 'ردیف قدیمی', actorName: bankMe.fullName, actorLabel: bankMe.username });

      // the demo's own history names people too
      const demo = (await c.secretariat.get('/api/v1/referrals?pageSize=5&status=paid')).json().items[0] as { id: string };
      const demoEvents = (await c.secretariat.get(`/api/v1/referrals/${demo.id}`)).json().events as { actorName: string; actorLabel: string }[];
      expect(demoEvents.length).toBeGreaterThan(1);
      for (const e of demoEvents) {
        expect(e.actorName).toMatch(/[\u0600-\u06FF]/);
        expect(e.actorName).not.toBe(e.actorLabel);
      }

      // and the unit's timeline says who, by name
      const timeline = (await c.secretariat.get(`/api/v1/units/${c.unitId}/timeline`)).json() as { items: { entityId: string; kind: string; actor?: string | null }[] };
      const ours = timeline.items.filter((i) => i.entityId === r.id && i.kind.startsWith('referral'));
      expect(ours.length).toBeGreaterThan(0);
      expect(ours.every((i) => i.actor === agencyMe.fullName || i.actor === bankMe.fullName)).toBe(true);
    });

    it('refuses a bad referral with 422 naming the fields, and the wrong roles with 403', async () => {
      const bad = await c.agency.post('/api/v1/referrals', {
        unitId: NO_SUCH,
        agencyId: 'agri',
        bankId: 'no-bank',
        programCode: 'no-program',
        facilityType: 'working_capital',
        requestedAmount: '0',
        referralDate: '2026-12-25',
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['agencyId', 'bankId', 'programCode', 'referralDate', 'requestedAmount', 'unitId']);
      const money = await c.agency.post('/api/v1/referrals', { unitId: c.unitId, bankId: 'melli', programCode: 'rounaq', facilityType: 'other', requestedAmount: '12.5', referralDate: '2026-11-25' });
      expect(money.statusCode).toBe(422);
      expect(money.json().errors[0].path).toBe('requestedAmount');
      const noAgency = await c.secretariat.post('/api/v1/referrals', { unitId: c.unitId, bankId: 'melli', programCode: 'rounaq', facilityType: 'other', requestedAmount: '1000', referralDate: '2026-11-25' });
      expect(noAgency.statusCode).toBe(422);
      expect(noAgency.json().errors[0].path).toBe('agencyId');
      for (const who of [c.bank, c.producer, c.executive, c.national]) {
        const res = await who.post('/api/v1/referrals', { unitId: c.unitId, bankId: 'melli', programCode: 'rounaq', facilityType: 'other', requestedAmount: '1000', referralDate: '2026-11-25' });
        expect(res.statusCode).toBe(403);
      }
    });

    it('scopes reads: the bank and the referring agency see it; another bank and another agency get 404; the producer sees their own unit’s', async () => {
      const r = await refer(c.agency, c.unitId);
      const elsewhere = await refer(c.secretariat, c.otherUnitId, { agencyId: 'agri', bankId: 'melli' });
      for (const [who, sees] of [
        [c.bank, true],
        [c.agency, true],
        [c.producer, true],
        [c.secretariat, true],
        [c.executive, true],
        [c.admin, true],
        [c.otherBank, false],
        [c.otherAgency, false],
      ] as const) {
        expect((await who.get(`/api/v1/referrals/${r.id}`)).statusCode, `${who.cookie}`).toBe(sees ? 200 : 404);
      }
      expect((await c.national.get(`/api/v1/referrals/${r.id}`)).statusCode).toBe(403);
      expect((await c.national.get('/api/v1/referrals')).statusCode).toBe(403);
      // the other bank and agency see theirs, and only theirs
      expect((await c.otherBank.get(`/api/v1/referrals/${elsewhere.id}`)).statusCode).toBe(200);
      expect((await c.otherAgency.get(`/api/v1/referrals/${elsewhere.id}`)).statusCode).toBe(200);
      expect((await c.producer.get(`/api/v1/referrals/${elsewhere.id}`)).statusCode).toBe(404);
      const bankList = (await c.bank.get('/api/v1/referrals?pageSize=500')).json();
      expect(bankList.items.length).toBeGreaterThan(0);
      expect(bankList.items.every((x: { bankId: string }) => x.bankId === 'sanat-madan')).toBe(true);
      // asking for another bank's referrals filters within the scope: nothing
      expect((await c.bank.get('/api/v1/referrals?bankId=melli')).json().total).toBe(0);
      const agencyList = (await c.otherAgency.get('/api/v1/referrals?pageSize=500')).json();
      expect(agencyList.items.every((x: { agencyId: string }) => x.agencyId === 'agri')).toBe(true);
      const producerList = (await c.producer.get('/api/v1/referrals?pageSize=500')).json();
      expect(producerList.items.every((x: { unitId: string }) => x.unitId === c.unitId)).toBe(true);
      expect((await c.bank.get(`/api/v1/referrals/${NO_SUCH}`)).statusCode).toBe(404);
    });

    it('walks referred → received → under review → approved → paid, checking amounts, keeping each step’s time', async () => {
      let r = await refer(c.agency, c.unitId, { requestedAmount: '20000000000' });
      const start = t.clock.now;
      // Sessions idle across a jump of the clock expire: log in afresh after each jump.
      const jump = async (days: number) => {
        t.clock.now = new Date(start.getTime() + days * 86_400_000);
        return t.as('bank.sanat-madan');
      };
      try {
        r = await walk(c.bank, r, [['received']]);
        let bank = await jump(2);
        r = await walk(bank, r, [['under_review']]);
        const noAmount = await move(bank, r, 'approved');
        expect(noAmount.statusCode).toBe(422);
        expect(noAmount.json()).toMatchObject({ code: 'referral.amount_required', errors: [{ path: 'approvedAmount' }] });
        const tooMuch = await move(bank, r, 'approved', { approvedAmount: '20000000001' });
        expect(tooMuch.statusCode).toBe(422);
        expect(tooMuch.json().code).toBe('referral.amount_exceeds');
        bank = await jump(9);
        r = await walk(bank, r, [['approved', { approvedAmount: '۱۵٬۰۰۰٬۰۰۰٬۰۰۰' }]]);
        expect(r).toMatchObject({ status: 'approved', approvedAmount: '15000000000', daysToDecision: 9, overdue: false, daysWaiting: 0 });
        const noDate = await move(bank, r, 'paid', { paidAmount: '15000000000' });
        expect(noDate.json()).toMatchObject({ code: 'referral.amount_required', errors: [{ path: 'paidDate' }] });
        const overpaid = await move(bank, r, 'paid', { paidAmount: '15000000001', paidDate: '2026-12-05' });
        expect(overpaid.json().code).toBe('referral.amount_exceeds');
        const future = await move(bank, r, 'paid', { paidAmount: '15000000000', paidDate: '2026-12-30' });
        expect(future.statusCode).toBe(422);
        bank = await jump(20);
        r = await walk(bank, r, [['paid', { paidAmount: 15_000_000_000, paidDate: '2026-12-15' }]]);
        expect(r).toMatchObject({ status: 'paid', paidAmount: '15000000000', paidDate: '2026-12-15', daysToDecision: 9, daysToPayment: 7, daysWaiting: null });
        expect(r.receivedAt).toBe(start.toISOString());
        expect(r.decidedAt).toBe(new Date(start.getTime() + 9 * 86_400_000).toISOString());
        const detail = (await (await t.as('agency.smt')).get(`/api/v1/referrals/${r.id}`)).json();
        expect(detail.events.map((e: { to: string }) => e.to)).toEqual(['referred', 'received', 'under_review', 'approved', 'paid']);
        expect(detail.events[3]).toMatchObject({ approvedAmount: '15000000000', paidAmount: null, paidDate: null, actorRole: 'bank' });
        // each step as written: its instant to the millisecond, the amounts exactly, the day paid
        expect(detail.events[1].at).toBe(start.toISOString());
        expect(detail.events[4]).toMatchObject({ paidAmount: '15000000000', paidDate: '2026-12-15', approvedAmount: null, at: r.updatedAt, source: 'api', onBehalf: false, reason: null });
        expect(detail.events.map((e: { id: string }) => Number(e.id))).toEqual([...detail.events.map((e: { id: string }) => Number(e.id))].sort((a, b) => a - b));
        expect(detail.allowedTransitions).toEqual([]);
        // a forbidden move: 409 listing what is allowed (nothing, from paid)
        const back = await move(bank, r, 'received');
        expect(back.statusCode).toBe(409);
        expect(back.json()).toMatchObject({ code: 'transition.forbidden', allowed: [] });
      } finally {
        t.clock.now = start;
      }
    });

    it('refuses a rejection without its written reason (422, nothing changes) and keeps one that has it', async () => {
      let r = await refer(c.agency, c.unitId);
      r = await walk(c.bank, r, [['received'], ['under_review']]);
      for (const reason of [undefined, {}, { ...FULL_REASON, letterNo: '' }, { ...FULL_REASON, letterDate: null }, { ...FULL_REASON, text: 'کافی نیست' }, { ...FULL_REASON, code: ' ' }]) {
        const res = await move(c.bank, r, 'rejected', reason === undefined ? {} : { reason });
        expect(res.statusCode, JSON.stringify(reason)).toBe(422);
        expect(res.json().code).toBe('referral.reason_required');
      }
      const missing = await move(c.bank, r, 'rejected', { reason: { code: 'collateral', text: FULL_REASON.text } }, { 'accept-language': 'en' });
      expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['reason.letterNo', 'reason.letterDate']);
      expect(missing.json().title).toMatch(/written reason/);
      const unknownCode = await move(c.bank, r, 'rejected', { reason: { ...FULL_REASON, code: 'no-such-reason' } });
      expect(unknownCode.statusCode).toBe(422);
      expect(unknownCode.json().code).toBe('validation.failed');
      const unchanged = (await c.bank.get(`/api/v1/referrals/${r.id}`)).json();
      expect(unchanged).toMatchObject({ status: 'under_review', version: r.version, reason: null });
      expect(unchanged.events).toHaveLength(3);

      const rejected = await move(c.bank, r, 'rejected', { reason: FULL_REASON, note: 'به متقاضی ابلاغ شد' });
      expect(rejected.statusCode, rejected.body).toBe(200);
      expect(rejected.json()).toMatchObject({
        status: 'rejected',
        reason: { code: 'collateral', name: 'وثیقه ناکافی یا غیرقابل قبول', text: FULL_REASON.text, letterNo: FULL_REASON.letterNo, letterDate: '2026-11-28' },
        overdue: false,
        daysToDecision: 0,
      });
      // the referring agency reads the written reason
      const seen = (await c.agency.get(`/api/v1/referrals/${r.id}`)).json();
      expect(seen.reason.text).toBe(FULL_REASON.text);
      expect(seen.events.at(-1)).toMatchObject({ to: 'rejected', note: 'به متقاضی ابلاغ شد', reason: { ...rejected.json().reason } });
    });

    it('the database itself refuses a rejection without a reason, amounts past the limits, and edits of the event trail', async () => {
      const r = await walk(c.bank, await refer(c.agency, c.unitId), [['received']]);
      const q = t.database.query.bind(t.database);
      await expect(q(`update referrals set status = 'rejected' where id = $1`, [r.id])).rejects.toThrow(/referrals_rejection_reason_ck/);
      await expect(q(`update referrals set status = 'rejected', reason_code = 'collateral', reason_text = 'x', reason_letter_no = ' ', reason_letter_date = '2026-11-01' where id = $1`, [r.id])).rejects.toThrow(
        /referrals_rejection_reason_ck/,
      );
      await expect(q(`update referrals set approved_amount = requested_amount + 1 where id = $1`, [r.id])).rejects.toThrow(/referrals_approved_le_requested_ck/);
      await expect(q(`update referrals set approved_amount = 10, paid_amount = 11 where id = $1`, [r.id])).rejects.toThrow(/referrals_paid_le_approved_ck/);
      await expect(q(`update referral_events set note = 'x' where referral_id = $1`, [r.id])).rejects.toThrow(/append-only/);
      await expect(q(`delete from referral_events where referral_id = $1`, [r.id])).rejects.toThrow(/append-only/);
    });

    it('stale version → 409 with the current record; stale If-Match → 412; none → 428', async () => {
      const r = await refer(c.agency, c.unitId);
      const received = await walk(c.bank, r, [['received']]);
      const stale = await move(c.bank, r, 'under_review');
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'record.stale', current: { id: r.id, version: received.version, status: 'received' } });
      const staleMatch = await c.bank.post(`/api/v1/referrals/${r.id}/transitions`, { to: 'under_review' }, { 'if-match': `"${r.version}"` });
      expect(staleMatch.statusCode).toBe(412);
      const goodMatch = await c.bank.post(`/api/v1/referrals/${r.id}/transitions`, { to: 'under_review' }, { 'if-match': `"${received.version}"` });
      expect(goodMatch.statusCode).toBe(200);
      expect((await c.bank.post(`/api/v1/referrals/${r.id}/transitions`, { to: 'approved', approvedAmount: '1' })).statusCode).toBe(428);
    });

    it('who may move it: another bank and another agency 404; the agency only withdraws; executives 403; the secretariat acts on behalf, audited', async () => {
      const r = await refer(c.agency, c.unitId);
      expect((await move(c.otherBank, r, 'received')).statusCode).toBe(404);
      expect((await move(c.otherAgency, r, 'withdrawn')).statusCode).toBe(404);
      expect((await move(c.executive, r, 'received')).statusCode).toBe(403);
      expect((await move(c.producer, r, 'received')).statusCode).toBe(403);
      const agencyReceives = await move(c.agency, r, 'received');
      expect(agencyReceives.statusCode).toBe(409);
      expect(agencyReceives.json()).toMatchObject({ code: 'transition.forbidden', allowed: ['withdrawn'] });
      const bankWithdraws = await move(c.bank, r, 'withdrawn');
      expect(bankWithdraws.json()).toMatchObject({ code: 'transition.forbidden', allowed: ['received'] });

      const onBehalf = await walk(c.secretariat, r, [['received']]);
      const detail = (await c.bank.get(`/api/v1/referrals/${r.id}`)).json();
      expect(detail.events.at(-1)).toMatchObject({ to: 'received', actorLabel: 'secretariat', actorRole: 'secretariat', onBehalf: true });
      const audit = (await c.secretariat.get(`/api/v1/audit?entityType=referral&entityId=${r.id}`)).json();
      expect(audit.items[0]).toMatchObject({ action: 'referral.received', actorLabel: 'secretariat' });
      expect(audit.items[0].after.transition).toMatchObject({ from: 'referred', to: 'received', onBehalf: true });

      const withdrawn = await walk(c.agency, onBehalf, [['withdrawn', { note: 'متقاضی از دریافت تسهیلات منصرف شد' }]]);
      expect(withdrawn).toMatchObject({ status: 'withdrawn', overdue: false, daysWaiting: null });
      expect(withdrawn.withdrawnAt).toBe(t.clock.now.toISOString());
    });

    it('follow-ups by the referring agency, the bank and the secretariat; others 404 or 403', async () => {
      const r = await refer(c.agency, c.unitId);
      const byAgency = await c.agency.post(`/api/v1/referrals/${r.id}/followups`, { note: 'پيگيري تلفني با شعبه انجام شد' });
      expect(byAgency.statusCode).toBe(201);
      expect(byAgency.json()).toMatchObject({ note: 'پیگیری تلفنی با شعبه انجام شد', actorRole: 'agency', agencyId: 'smt' });
      expect((await c.bank.post(`/api/v1/referrals/${r.id}/followups`, { note: 'مدارک تکمیلی درخواست شد' })).statusCode).toBe(201);
      expect((await c.secretariat.post(`/api/v1/referrals/${r.id}/followups`, { note: 'در جلسهٔ کارگروه مطرح شود' })).statusCode).toBe(201);
      expect((await c.otherAgency.post(`/api/v1/referrals/${r.id}/followups`, { note: 'x' })).statusCode).toBe(404);
      expect((await c.otherBank.post(`/api/v1/referrals/${r.id}/followups`, { note: 'x' })).statusCode).toBe(404);
      expect((await c.producer.post(`/api/v1/referrals/${r.id}/followups`, { note: 'x' })).statusCode).toBe(403);
      expect((await c.executive.post(`/api/v1/referrals/${r.id}/followups`, { note: 'x' })).statusCode).toBe(403);
      expect((await c.agency.post(`/api/v1/referrals/${r.id}/followups`, { note: '   ' })).statusCode).toBe(422);
      const detail = (await c.producer.get(`/api/v1/referrals/${r.id}`)).json();
      expect(detail.followups.map((f: { actorRole: string }) => f.actorRole).sort()).toEqual(['agency', 'bank', 'secretariat']);
      // the answer is the row as stored, and its audit entry was written with it; the refused ones wrote neither
      expect(detail.followups.find((f: { id: string }) => f.id === byAgency.json().id)).toEqual(byAgency.json());
      const trail = (await c.secretariat.get(`/api/v1/audit?entityType=referral&entityId=${r.id}&pageSize=100`)).json().items.filter((e: { action: string }) => e.action === 'referral.followup');
      expect(trail).toHaveLength(3);
      expect(trail.find((e: { actorLabel: string }) => e.actorLabel === 'agency.smt')).toMatchObject({ provinceId: 'qom', after: byAgency.json() });
    });

    it('the rejection letter: PDF or image by its bytes, at most 5 MB, stored by hash, read in the referral’s scope', async () => {
      const r = await refer(c.agency, c.unitId);
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('%%EOF')]);
      const url = `/api/v1/referrals/${r.id}/attachments`;
      const ok = await upload(c.bank, url, 'نامه رد.pdf', pdf);
      expect(ok.statusCode, ok.body).toBe(201);
      const att = ok.json();
      expect(att).toMatchObject({ fileName: 'نامه رد.pdf', mime: 'application/pdf', size: pdf.length, kind: 'rejection_letter', uploadedByLabel: 'bank.sanat-madan' });
      expect(att.sha256).toMatch(/^[0-9a-f]{64}$/);
      const fake = await upload(c.bank, url, 'letter.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
      expect(fake.statusCode).toBe(415);
      expect(fake.json().code).toBe('attachment.unsupported_type');
      const big = await upload(c.bank, url, 'big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024 + 10)]));
      expect(big.statusCode).toBe(413);
      expect(big.json().code).toBe('attachment.too_large');
      expect((await upload(c.otherBank, url, 'x.pdf', pdf)).statusCode).toBe(404);
      expect((await upload(c.agency, url, 'x.pdf', pdf)).statusCode).toBe(403);

      const download = `${url}/${att.id}`;
      for (const who of [c.agency, c.bank, c.producer, c.secretariat]) {
        const res = await who.get(download);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(Buffer.compare(res.rawPayload, pdf)).toBe(0);
      }
      expect((await c.otherAgency.get(download)).statusCode).toBe(404);
      expect((await c.otherBank.get(download)).statusCode).toBe(404);
      expect((await c.bank.get(`${url}/${NO_SUCH}`)).statusCode).toBe(404);
      const detail = (await c.agency.get(`/api/v1/referrals/${r.id}`)).json();
      expect(detail.attachments).toHaveLength(1);
    });

    it('derives overdue in Tehran days: receipt after 5 days, decision 30 days after receipt; settings change the deadlines', async () => {
      const late = await refer(c.agency, c.unitId, { referralDate: '2026-11-20', programCode: 't18' });
      expect(late).toMatchObject({ overdue: true, daysWaiting: 9, dueDate: '2026-11-25' });
      const onTime = await refer(c.agency, c.unitId, { referralDate: '2026-11-28', programCode: 't18' });
      const overdueList = (await c.agency.get('/api/v1/referrals?overdue=true&programCode=t18&pageSize=500')).json();
      const ids = overdueList.items.map((x: { id: string }) => x.id);
      expect(ids).toContain(late.id);
      expect(ids).not.toContain(onTime.id);
      expect(overdueList.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
      const notOverdue = (await c.agency.get('/api/v1/referrals?overdue=false&programCode=t18&pageSize=500')).json();
      expect(notOverdue.items.map((x: { id: string }) => x.id)).toContain(onTime.id);

      const received = await walk(c.bank, late, [['received']]);
      expect(received).toMatchObject({ overdue: false, daysWaiting: 0, dueDate: '2026-12-29' });
      const start = t.clock.now;
      try {
        t.clock.now = new Date(start.getTime() + 31 * 86_400_000);
        const bank = await t.as('bank.sanat-madan');
        const later = (await bank.get(`/api/v1/referrals/${late.id}`)).json();
        expect(later).toMatchObject({ overdue: true, daysWaiting: 31 });
        expect((await bank.get('/api/v1/referrals?overdue=true&pageSize=500')).json().items.map((x: { id: string }) => x.id)).toContain(late.id);
        // the plain list reads the deadlines with its page: the same clock as the record's
        const inList = async () => (await bank.get('/api/v1/referrals?pageSize=500')).json().items.find((x: { id: string }) => x.id === late.id);
        expect(await inList()).toMatchObject({ overdue: true, dueDate: later.dueDate });
        // a province setting of 45 days takes it off the overdue list
        await t.database.query(`insert into settings (province_id, key, value) values ('qom', 'referral.decisionDeadlineDays', '45'::jsonb)`);
        expect((await bank.get(`/api/v1/referrals/${late.id}`)).json()).toMatchObject({ overdue: false, dueDate: '2027-01-13' });
        expect((await bank.get('/api/v1/referrals?overdue=true&pageSize=500')).json().items.map((x: { id: string }) => x.id)).not.toContain(late.id);
        expect(await inList()).toMatchObject({ overdue: false, dueDate: '2027-01-13' });
      } finally {
        t.clock.now = start;
        await t.database.query(`delete from settings where province_id = 'qom' and key = 'referral.decisionDeadlineDays'`);
      }
    });

    it('lists with filters, q on the unit name (Arabic letters too), sort and pagination; the summary counts by stage', async () => {
      const unit = (await c.admin.get(`/api/v1/units/${c.unitId}`)).json();
      const typed = unit.name.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
      const byName = (await c.secretariat.get(`/api/v1/referrals?q=${encodeURIComponent(typed)}&pageSize=500`)).json();
      expect(byName.total).toBeGreaterThan(0);
      expect(byName.items.every((x: { unitId: string }) => x.unitId === c.unitId)).toBe(true);
      const some = byName.items[0];
      expect((await c.secretariat.get(`/api/v1/referrals?q=${some.code}`)).json().items.map((x: { id: string }) => x.id)).toEqual([some.id]);
      const two = (await c.secretariat.get('/api/v1/referrals?status=received,under_review&pageSize=500')).json();
      expect(two.items.every((x: { status: string }) => ['received', 'under_review'].includes(x.status))).toBe(true);
      expect((await c.secretariat.get('/api/v1/referrals?status=bogus')).statusCode).toBe(422);
      const sorted = (await c.secretariat.get('/api/v1/referrals?sort=-requestedAmount&pageSize=20')).json();
      const amounts = sorted.items.map((x: { requestedAmount: string }) => BigInt(x.requestedAmount));
      expect([...amounts].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))).toEqual(amounts);
      const page1 = (await c.secretariat.get('/api/v1/referrals?pageSize=2&page=1')).json();
      const page2 = (await c.secretariat.get('/api/v1/referrals?pageSize=2&page=2')).json();
      expect(page1.items).toHaveLength(2);
      expect(page1.items[0].id).not.toBe(page2.items[0].id);
      expect(page1.total).toBe(page2.total);

      const summary = (await c.bank.get('/api/v1/referrals/summary')).json();
      expect(summary).toMatchObject({ today: '2026-11-29', receiptDeadlineDays: 5, decisionDeadlineDays: 30 });
      expect(summary.groups.every((g: { bankId: string }) => g.bankId === 'sanat-madan')).toBe(true);
      const total = summary.groups.reduce((s: number, g: { count: number }) => s + g.count, 0);
      expect(total).toBe((await c.bank.get('/api/v1/referrals?pageSize=1')).json().total);
      expect((await c.national.get('/api/v1/referrals/summary')).statusCode).toBe(403);
    });

    it('the route × role matrix for what the other tests leave out', async () => {
      const r = await refer(c.agency, c.unitId, { programCode: 'other' });
      const ids = async (who: typeof c.bank, url: string) => ((await who.get(url)).json().items as { id: string }[]).map((x) => x.id);
      // the list, as each role sees it
      expect(await ids(c.executive, '/api/v1/referrals?programCode=other&pageSize=500')).toContain(r.id);
      expect(await ids(c.otherBank, '/api/v1/referrals?programCode=other&pageSize=500')).not.toContain(r.id);
      expect(await ids(c.otherAgency, '/api/v1/referrals?programCode=other&pageSize=500')).not.toContain(r.id);
      expect(await ids(c.producer, '/api/v1/referrals?programCode=other&pageSize=500')).toContain(r.id);
      // the summary, in each one's scope
      const groups = async (who: typeof c.bank) => (await who.get('/api/v1/referrals/summary')).json().groups as { bankId: string; agencyId: string; count: number }[];
      expect((await groups(c.agency)).every((g) => g.agencyId === 'smt')).toBe(true);
      expect((await groups(c.otherAgency)).every((g) => g.agencyId === 'agri')).toBe(true);
      expect((await groups(c.otherBank)).every((g) => g.bankId === 'melli')).toBe(true);
      const producerCount = (await groups(c.producer)).reduce((n, g) => n + g.count, 0);
      expect(producerCount).toBe((await c.producer.get('/api/v1/referrals?pageSize=1')).json().total);
      const all = (await groups(c.executive)).reduce((n, g) => n + g.count, 0);
      expect(all).toBe((await c.secretariat.get('/api/v1/referrals?pageSize=1')).json().total);
      // the status sheet: the secretariat may send one for any bank; executives, agencies and producers may not
      const sheet = csv([['کد رهگیری', 'وضعیت'], [r.code, 'وصول']]);
      for (const who of [c.executive, c.agency, c.otherAgency, c.producer, c.national]) expect((await upload(who, '/api/v1/referrals/import', 's.csv', sheet)).statusCode).toBe(403);
      const bySecretariat = await upload(c.secretariat, '/api/v1/referrals/import', 's.csv', sheet);
      expect(bySecretariat.statusCode, bySecretariat.body).toBe(200);
      expect(bySecretariat.json()).toMatchObject({ updated: 1 });
      expect((await c.bank.get(`/api/v1/referrals/${r.id}`)).json().events.at(-1)).toMatchObject({ to: 'received', onBehalf: true, source: 'import' });
      // attachments: only the bank and the secretariat attach; everyone who sees the referral reads
      const pdf = Buffer.from('%PDF-1.4\n%%EOF');
      for (const who of [c.executive, c.producer, c.agency]) expect((await upload(who, `/api/v1/referrals/${r.id}/attachments`, 'x.pdf', pdf)).statusCode).toBe(403);
      const att = await upload(c.secretariat, `/api/v1/referrals/${r.id}/attachments`, 'x.pdf', pdf);
      expect(att.statusCode).toBe(201);
      expect((await c.executive.get(`/api/v1/referrals/${r.id}/attachments/${att.json().id}`)).statusCode).toBe(200);
      expect((await c.national.get(`/api/v1/referrals/${r.id}/attachments/${att.json().id}`)).statusCode).toBe(403);
      // quotas and bank reports are read by the executives too
      expect((await c.executive.get('/api/v1/quotas')).statusCode).toBe(200);
      expect((await c.executive.get('/api/v1/bank-reports')).statusCode).toBe(200);
    });

    it("joins the unit's timeline: the referral, its steps and follow-ups, in the caller's scope", async () => {
      const r = await walk(c.bank, await refer(c.agency, c.unitId, { programCode: 'mandated' }), [['received']]);
      await c.agency.post(`/api/v1/referrals/${r.id}/followups`, { note: 'پیگیری از شعبه برای زمان بررسی' });
      const timeline = (await c.secretariat.get(`/api/v1/units/${c.unitId}/timeline`)).json();
      const mine = timeline.items.filter((e: { refId?: string; entityId: string }) => (e.refId ?? e.entityId) === r.id);
      expect(mine.map((e: { kind: string }) => e.kind).sort()).toEqual(['referral', 'referral.event', 'referral.followup']);
      expect(mine.find((e: { kind: string }) => e.kind === 'referral').title).toContain(r.code);
      // another agency does not see the referrals it did not make on the unit's timeline
      const theirs = (await c.otherAgency.get(`/api/v1/units/${c.unitId}/timeline`)).json();
      expect(theirs.items.some((e: { entityId: string }) => e.entityId === r.id)).toBe(false);
    });

    it('is described in the OpenAPI document: every route, the transition body, money as strings', async () => {
      const doc = (await t.anonymous.get('/api/v1/openapi.json')).json();
      const paths = Object.keys(doc.paths);
      for (const p of [
        '/api/v1/referrals',
        '/api/v1/referrals/{id}',
        '/api/v1/referrals/{id}/transitions',
        '/api/v1/referrals/{id}/followups',
        '/api/v1/referrals/{id}/attachments',
        '/api/v1/referrals/{id}/attachments/{attachmentId}',
        '/api/v1/referrals/import',
        '/api/v1/referrals/summary',
        '/api/v1/quotas',
        '/api/v1/quotas/{id}',
        '/api/v1/bank-reports',
        '/api/v1/bank-reports/{id}',
      ])
        expect(paths).toContain(p);
      const body = JSON.stringify(doc.paths['/api/v1/referrals/{id}/transitions'].post.requestBody);
      for (const field of ['approvedAmount', 'paidAmount', 'paidDate', 'reason', 'letterNo', 'letterDate']) expect(body).toContain(field);
      const answer = JSON.stringify(doc.paths['/api/v1/referrals/{id}'].get.responses['200']);
      expect(answer).toContain('requestedAmount');
      expect(answer).toContain('allowedTransitions');
    });
  },
  { config: { dataDir } },
);
