import { describe, expect, it } from 'vitest';
import { referralMachine } from '../../../shared/machines.js';
import { allowedTransitions, canTransition } from '../../../shared/state-machine.js';
import { tehranDayStart } from '../../../shared/jalali.js';
import { checkReason, pathTo, stageClock } from './referrals.rules.js';
import { DEFAULT_DEADLINES } from '../../../shared/referral-deadlines.js';
import { normalizeReferralCode } from './referrals.import.js';
import { sniffAttachmentType, cleanFileName } from '../files/files.service.js';

describe('referral machine roles', () => {
  it('gives the bank its steps, the agency only withdrawal, and the secretariat everything', () => {
    expect(allowedTransitions(referralMachine, 'referred', 'bank')).toEqual(['received']);
    expect(allowedTransitions(referralMachine, 'under_review', 'bank')).toEqual(['approved', 'rejected']);
    expect(allowedTransitions(referralMachine, 'referred', 'agency')).toEqual(['withdrawn']);
    expect(allowedTransitions(referralMachine, 'under_review', 'agency')).toEqual(['withdrawn']);
    expect(allowedTransitions(referralMachine, 'approved', 'agency')).toEqual([]);
    expect(allowedTransitions(referralMachine, 'under_review', 'secretariat')).toEqual(['approved', 'rejected', 'withdrawn']);
    for (const role of ['executive', 'producer', 'national'] as const) {
      for (const s of referralMachine.states) expect(allowedTransitions(referralMachine, s, role)).toEqual([]);
    }
    expect(canTransition(referralMachine, 'referred', 'withdrawn', 'bank')).toBe(false);
  });
});

describe('stageClock', () => {
  const d = DEFAULT_DEADLINES;
  it('counts the wait for receipt from the referral date, overdue after 5 days', () => {
    const base = { status: 'referred' as const, referralDate: '2026-11-20', receivedAt: null, decidedAt: null, paidDate: null };
    expect(stageClock(base, '2026-11-25', d)).toMatchObject({ overdue: false, daysWaiting: 5, dueDate: '2026-11-25' });
    expect(stageClock(base, '2026-11-26', d)).toMatchObject({ overdue: true, daysWaiting: 6 });
  });
  it('counts the wait for a decision from receipt in Tehran days', () => {
    // 23:00 UTC on 31 Oct is already 1 Nov in Tehran
    const receivedAt = new Date('2026-10-31T23:00:00Z');
    const r = { status: 'under_review' as const, referralDate: '2026-10-20', receivedAt, decidedAt: null, paidDate: null };
    expect(stageClock(r, '2026-12-01', d)).toMatchObject({ overdue: false, daysWaiting: 30, dueDate: '2026-12-01' });
    expect(stageClock(r, '2026-12-02', d).overdue).toBe(true);
  });
  it('measures days to decision and to payment exactly, and stops the clock when closed', () => {
    const r = {
      status: 'paid' as const,
      referralDate: '2026-09-01',
      receivedAt: tehranDayStart('2026-09-03'),
      decidedAt: new Date(tehranDayStart('2026-09-20').getTime() + 3_600_000),
      paidDate: '2026-10-05',
    };
    expect(stageClock(r, '2026-11-29', d)).toEqual({ overdue: false, daysWaiting: null, dueDate: null, daysToDecision: 17, daysToPayment: 15 });
  });
});

describe('checkReason', () => {
  const today = '2026-11-29';
  it('names every missing part', () => {
    const r = checkReason({ code: 'collateral', text: '  ', letterNo: '', letterDate: null }, today);
    expect(r.reason).toBeNull();
    expect(r.missing.map((e) => e.path)).toEqual(['reason.text', 'reason.letterNo', 'reason.letterDate']);
    expect(checkReason(null, today).missing).toHaveLength(4);
  });
  it('wants a text of substance: punctuation and spaces do not count', () => {
    expect(checkReason({ code: 'x', text: '.... ---- ....', letterNo: '1', letterDate: today }, today).missing.map((e) => e.path)).toEqual(['reason.text']);
    expect(checkReason({ code: 'x', text: 'وثیقه ناکافی', letterNo: '1', letterDate: today }, today).missing).toEqual([]);
  });
  it('refuses a malformed or future letter date, and normalises the text', () => {
    expect(checkReason({ code: 'x', text: 'وثيقه كافي نيست', letterNo: '۱۲/ب', letterDate: '2026-12-01' }, today).invalid.map((e) => e.path)).toEqual(['reason.letterDate']);
    expect(checkReason({ code: 'x', text: 'وثيقه كافي نيست', letterNo: '۱۲/ب', letterDate: '1405/09/01' }, today).invalid).toHaveLength(1);
    expect(checkReason({ code: 'x', text: 'وثيقه كافي نيست', letterNo: '۱۲/ب', letterDate: today }, today).reason).toEqual({
      code: 'x',
      text: 'وثیقه کافی نیست',
      letterNo: '۱۲/ب',
      letterDate: today,
    });
  });
});

describe('pathTo', () => {
  it('walks the machine step by step for the role', () => {
    expect(pathTo(referralMachine, 'referred', 'paid', 'bank')).toEqual(['received', 'under_review', 'approved', 'paid']);
    expect(pathTo(referralMachine, 'referred', 'rejected', 'bank')).toEqual(['received', 'rejected']);
    expect(pathTo(referralMachine, 'approved', 'approved', 'bank')).toEqual([]);
    expect(pathTo(referralMachine, 'paid', 'received', 'bank')).toBeNull();
    expect(pathTo(referralMachine, 'referred', 'withdrawn', 'bank')).toBeNull();
    expect(pathTo(referralMachine, 'referred', 'withdrawn', 'secretariat')).toEqual(['withdrawn']);
  });
});

describe('status-sheet helpers', () => {
  it('reads tracking codes as people type them', () => {
    expect(normalizeReferralCode('R-1405-000045')).toBe('R-1405-000045');
    expect(normalizeReferralCode('r-۱۴۰۵-۴۵')).toBe('R-1405-000045');
    expect(normalizeReferralCode(' R1405000045 ')).toBe('R-1405-000045');
    expect(normalizeReferralCode('D-1405-000045')).toBeNull();
  });
  it('tells a file type by its bytes, not its name', () => {
    expect(sniffAttachmentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffAttachmentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffAttachmentType(Buffer.from('<html>%PDF-'))).toBeNull();
    expect(cleanFileName('../../etc/نامه "رد".exe', 'application/pdf')).toBe('نامه رد.exe.pdf');
    expect(cleanFileName(undefined, 'image/png')).toBe('attachment.png');
  });
});
