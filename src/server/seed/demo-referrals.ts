/**
 * The demo's bank referrals: a few hundred units introduced by the agencies (صمت، جهاد کشاورزی، شهرک‌ها،
 * تعاون و کار) to the agent banks under the year's programs, each carried along a plausible timeline — the
 * bank acknowledging receipt, reviewing, deciding, paying — up to the demo's today. So every state is
 * there, some referrals are overdue, rejections carry their written reasons and letters, and one bank
 * (Bank Melli) is slow to decide. Quotas for 1405 are set so the year's quota is about half absorbed, and
 * some banks report loans they paid directly. Deterministic (seeded PRNG); dates relative to `now`.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { bankReports, quotas, referralEvents, referralFollowups, referrals, units, users } from '../db/schema.js';
import { personName } from './unit-names.js';
import { bumpTrackingCounter, formatTrackingCode } from '../db/tracking-code.js';
import { addDays, fiscalYearOf, tehranDate, tehranDayStart, toJalali } from '../../shared/jalali.js';
import type { ReferralStatus } from '../../shared/machines.js';
import type { FacilityType } from '../../shared/contracts/referrals.js';
import { toPersianDigits } from '../../shared/text.js';
import { makeRandom, uuidFrom, officeHours, type Random } from './random.js';
import { countByStatus, recordSeed } from './seed-trail.js';

const PROVINCE = 'qom';
export const DEMO_REFERRAL_COUNT = 340;
/** The bank that is slow to decide: most of its referrals wait past the 30-day deadline. */
export const DEMO_SLOW_BANK = 'melli';
const DAY = 86_400_000;
const BILLION = 1_000_000_000n;

const BANKS = [
  ['sanat-madan', 24],
  ['melli', 13],
  ['sepah', 11],
  ['tejarat', 9],
  ['keshavarzi', 9],
  ['tosee-saderat', 8],
  ['mellat', 8],
  ['saderat', 4],
  ['refah', 3],
  ['tosee-taavon', 4],
  ['post', 2],
] as const;
const AGENCIES = [
  ['smt', 46],
  ['agri', 18],
  ['estates', 18],
  ['labour', 13],
  ['governorate', 5],
] as const;
const PROGRAMS = [
  ['rounaq', 46],
  ['t18', 24],
  ['ndf', 10],
  ['mandated', 15],
  ['other', 5],
] as const;
const FACILITY = [
  ['working_capital', 56],
  ['fixed_capital', 24],
  ['rehabilitation', 12],
  ['other', 8],
] as const;

const BRANCHES = ['شعبهٔ مرکزی قم', 'شعبهٔ بلوار امین', 'شعبهٔ شهرک صنعتی شکوهیه', 'شعبهٔ خیابان صفائیه', 'شعبهٔ میدان سعیدی', 'شعبهٔ سلفچگان', 'شعبهٔ بلوار جمهوری', 'شعبهٔ کهک'];

/** Written reasons a bank might give, per reason code (plausible, invented). */
const REASON_TEXTS: Record<string, string[]> = {
  collateral: [
    'وثیقهٔ ملکی معرفی‌شده ارزش کارشناسی کافی برای پوشش مبلغ درخواستی ندارد.',
    'سند ارائه‌شده در رهن بانک دیگری است و قابل توثیق نیست.',
    'ضامنین معرفی‌شده فاقد گردش حساب و توان بازپرداخت کافی هستند.',
  ],
  'credit-history': [
    'متقاضی دارای بدهی غیرجاری نزد شبکهٔ بانکی است و تا تسویه یا تقسیط آن پرداخت ممکن نیست.',
    'سابقهٔ چک برگشتی رفع‌سوءاثرنشده در سامانهٔ بانک مرکزی ثبت است.',
  ],
  documents: [
    'صورت‌های مالی حسابرسی‌شدهٔ دو سال اخیر و پروانهٔ بهره‌برداری معتبر ارائه نشده است.',
    'مدارک ثبتی و آخرین تغییرات شرکت در روزنامهٔ رسمی ناقص است.',
  ],
  feasibility: [
    'طرح توجیهی فنی و اقتصادی توان بازپرداخت اقساط را نشان نمی‌دهد.',
    'نسبت بدهی به دارایی واحد بیش از حد مجاز دستورالعمل اعتباری بانک است.',
  ],
  'no-resources': ['سهمیهٔ منابع این محل در شعب استان تکمیل شده و منابع جدیدی تخصیص نیافته است.', 'منابع تبصرهٔ ۱۸ بانک برای سال جاری به پایان رسیده است.'],
  'not-eligible': ['رشتهٔ فعالیت واحد در فهرست مشمولان این محل تسهیلات نیست.', 'واحد در سه سال گذشته از همین محل تسهیلات دریافت کرده است.'],
  'applicant-absent': ['متقاضی با وجود دو نوبت اطلاع‌رسانی برای تکمیل پرونده به شعبه مراجعه نکرده است.'],
};
const REASONS = [
  ['collateral', 32],
  ['credit-history', 20],
  ['documents', 15],
  ['feasibility', 12],
  ['no-resources', 10],
  ['not-eligible', 7],
  ['applicant-absent', 4],
] as const;

const AGENCY_FOLLOWUPS = [
  'پیگیری تلفنی با رئیس شعبه انجام شد؛ پرونده در کمیتهٔ اعتباری است.',
  'نامهٔ پیگیری به مدیریت شعب استان ارسال شد.',
  'موضوع در جلسهٔ هماهنگی بانک‌ها مطرح شد.',
  'متقاضی برای تکمیل مدارک به شعبه معرفی شد.',
  'درخواست تسریع در بررسی پرونده به دلیل فصل تولید.',
];
const BANK_FOLLOWUPS = [
  'مدارک تکمیلی (صورت‌های مالی) از متقاضی درخواست شد.',
  'کارشناسی وثیقه انجام شد؛ گزارش در انتظار تأیید است.',
  'پرونده به ادارهٔ اعتبارات استان ارسال شد.',
  'بازدید از محل واحد انجام شد.',
];

/** Rials rounded down to a hundred million. */
function roundAmount(v: bigint): bigint {
  const step = 100_000_000n;
  return (v / step) * step;
}

function billions(rnd: Random, min: number, max: number): bigint {
  return roundAmount(BigInt(Math.round((min + (max - min) * rnd.next() ** 1.6) * 10)) * (BILLION / 10n));
}

const AMOUNT_RANGE: Record<string, [number, number]> = {
  rounaq: [5, 150],
  t18: [1, 30],
  ndf: [20, 400],
  mandated: [3, 80],
  other: [2, 40],
};

interface Step {
  to: ReferralStatus;
  at: Date;
}

interface Plan {
  row: typeof referrals.$inferInsert & { id: string; code: string };
  steps: Step[];
  createdAt: Date;
}

export interface DemoReferralsResult {
  referrals: number;
  byStatus: Record<string, number>;
}

export async function seedDemoReferrals(tx: Tx, now: Date, producerUnitId: string | undefined): Promise<DemoReferralsResult> {
  const rnd = makeRandom(5_1405);
  const today = tehranDate(now);
  const unitRows = await tx
    .select({ id: units.id, status: units.status })
    .from(units)
    .where(eq(units.provinceId, PROVINCE))
    .orderBy(asc(units.nationalId));
  if (unitRows.length === 0) return { referrals: 0, byStatus: {} };
  const active = unitRows.filter((u) => u.status !== 'closed');
  const idle = unitRows.filter((u) => u.status === 'idle' || u.status === 'semi_active');

  const plans: Plan[] = [];
  for (let i = 0; i < DEMO_REFERRAL_COUNT; i++) {
    let bankId: string = rnd.weighted(BANKS);
    const agencyId: string = rnd.weighted(AGENCIES);
    let programCode: string = agencyId === 'labour' && rnd.next() < 0.7 ? 't18' : rnd.weighted(PROGRAMS);
    if (agencyId === 'agri' && rnd.next() < 0.35) bankId = 'keshavarzi';
    let facilityType: FacilityType = rnd.weighted(FACILITY);
    let unit = rnd.pick(active);
    if (facilityType === 'rehabilitation' && idle.length) unit = rnd.pick(idle);
    // the demo producer's own unit has two referrals, so the producer has something to read
    if (producerUnitId && (i === 7 || i === 150)) {
      unit = { id: producerUnitId, status: 'active' };
      bankId = 'sanat-madan';
      programCode = 'rounaq';
      facilityType = 'working_capital';
    }
    const [min, max] = AMOUNT_RANGE[programCode] ?? [2, 40];
    const requestedAmount = billions(rnd, min, max);
    // most referrals are recent: the year's push before its end
    const age = Math.min(250, Math.floor(250 * rnd.next() ** 1.8));
    const referralDate = addDays(today, -age);
    const createdAt = officeHours(rnd, referralDate);

    // The timeline the bank would follow; only the steps already past by `now` happen.
    const slow = bankId === DEMO_SLOW_BANK;
    const sluggishReceipt = bankId === 'tejarat' || bankId === 'post' || bankId === 'sepah';
    const receiptLag = rnd.next() < (sluggishReceipt ? 0.6 : 0.2) ? rnd.int(6, 16) : rnd.int(0, 4);
    const reviewLag = rnd.int(0, 6);
    const decisionLag = slow ? rnd.int(32, 160) : rnd.next() < 0.25 ? rnd.int(25, 60) : rnd.int(7, 28);
    const approve = rnd.next() < (slow ? 0.55 : programCode === 'ndf' ? 0.5 : 0.7);
    const paymentLag = rnd.int(5, 50);
    const withdrawDay = rnd.next() < 0.06 ? rnd.int(1, 20) : null;

    const steps: Step[] = [];
    // each step on its day, later in the day than the one before it
    const dayAt = (d: number, order: number) => new Date(createdAt.getTime() + d * DAY + order * 40 * 60_000 + rnd.int(0, 30) * 60_000);
    const decisionDay = receiptLag + Math.max(reviewLag + 1, decisionLag);
    const push = (to: ReferralStatus, at: Date) => {
      if (at <= now) steps.push({ to, at });
      return at <= now;
    };
    if (withdrawDay !== null && withdrawDay < decisionDay) {
      // the applicant gives up before the bank decides
      if (withdrawDay >= receiptLag) push('received', dayAt(receiptLag, 1));
      if (withdrawDay > receiptLag + reviewLag) push('under_review', dayAt(receiptLag + reviewLag, 2));
      push('withdrawn', dayAt(withdrawDay, 3));
    } else if (push('received', dayAt(receiptLag, 1)) && push('under_review', dayAt(receiptLag + reviewLag, 2))) {
      if (!approve) push('rejected', dayAt(decisionDay, 3));
      else if (push('approved', dayAt(decisionDay, 3))) push('paid', dayAt(decisionDay + paymentLag, 4));
    }

    const id = uuidFrom(rnd);
    const status = steps.at(-1)?.to ?? 'referred';
    const row: Plan['row'] = {
      id,
      code: '',
      provinceId: PROVINCE,
      unitId: unit.id,
      agencyId,
      bankId,
      branchName: rnd.next() < 0.8 ? rnd.pick(BRANCHES) : null,
      programCode,
      facilityType,
      requestedAmount,
      referralDate,
      letterNo: `${toPersianDigits(rnd.int(1000, 9999))}/${rnd.pick(['ص', 'ت', 'ش', 'ک'])}/${toPersianDigits(fiscalYearOf(referralDate))}`,
      behinyabId: rnd.next() < 0.4 ? String(rnd.int(100_000_000, 999_999_999)) : null,
      status,
      createdAt,
      updatedAt: steps.at(-1)?.at ?? createdAt,
      version: 1 + steps.length,
      createdBy: null,
    };
    for (const s of steps) {
      if (s.to === 'received') row.receivedAt = s.at;
      if (s.to === 'under_review') row.reviewStartedAt = s.at;
      if (s.to === 'approved' || s.to === 'rejected') row.decidedAt = s.at;
      if (s.to === 'withdrawn') row.withdrawnAt = s.at;
      if (s.to === 'approved' || s.to === 'paid') {
        row.approvedAmount ??= rnd.next() < 0.45 ? requestedAmount : roundAmount((requestedAmount * BigInt(rnd.int(55, 99))) / 100n) || requestedAmount;
      }
      if (s.to === 'paid') {
        row.paidAmount = rnd.next() < 0.75 ? row.approvedAmount! : roundAmount((row.approvedAmount! * BigInt(rnd.int(70, 99))) / 100n) || row.approvedAmount!;
        row.paidDate = tehranDate(s.at);
        row.paidAt = s.at;
      }
      if (s.to === 'rejected') {
        const code: string = rnd.weighted(REASONS);
        row.reasonCode = code;
        row.reasonText = rnd.pick(REASON_TEXTS[code] ?? REASON_TEXTS['collateral']!);
        const letterDate = addDays(tehranDate(s.at), -rnd.int(0, 2));
        row.reasonLetterNo = `${toPersianDigits(rnd.int(100, 9999))}/${toPersianDigits(rnd.int(10, 99))}/ب`;
        row.reasonLetterDate = letterDate < referralDate ? referralDate : letterDate;
      }
    }
    plans.push({ row, steps, createdAt });
  }

  // Tracking codes in the order the referrals were registered, numbered afresh each fiscal year.
  plans.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const lastNumber = new Map<number, number>();
  for (const p of plans) {
    const fy = fiscalYearOf(p.createdAt);
    const n = (lastNumber.get(fy) ?? 0) + 1;
    lastNumber.set(fy, n);
    p.row.code = formatTrackingCode('R', fy, n);
  }
  for (const [fy, n] of lastNumber) await bumpTrackingCounter(tx, 'referral', PROVINCE, fy, n);

  for (let i = 0; i < plans.length; i += 150) await tx.insert(referrals).values(plans.slice(i, i + 150).map((p) => p.row));

  const events: (typeof referralEvents.$inferInsert)[] = [];
  const followups: (typeof referralFollowups.$inferInsert)[] = [];
  // who took each step, by name: the demo's own officers where they exist, one named officer for each other agency
  // and bank (their own random stream, so the rest of the demo stays as it was)
  const demoOfficers = await tx.select({ id: users.id, username: users.username, fullName: users.fullName }).from(users).where(inArray(users.username, ['agency.smt', 'bank.sanat-madan']));
  const officerNames = makeRandom(4_711);
  const officers = new Map<string, { id: string | null; name: string }>();
  const officer = (label: string, post: string) => {
    let o = officers.get(label);
    if (!o) {
      const own = demoOfficers.find((u) => u.username === label);
      o = own ? { id: own.id, name: own.fullName } : { id: null, name: `${personName(officerNames)} (${post})` };
      officers.set(label, o);
    }
    return o;
  };
  for (const p of plans) {
    const r = p.row;
    const agencyLabel = `agency.${r.agencyId}`;
    const bankLabel = `bank.${r.bankId}`;
    const agencyOfficer = officer(agencyLabel, 'کارشناس دستگاه');
    const bankOfficer = officer(bankLabel, 'کارشناس اعتبارات بانک');
    events.push({ referralId: r.id, provinceId: PROVINCE, fromStatus: null, toStatus: 'referred', actorId: agencyOfficer.id, actorLabel: agencyLabel, actorName: agencyOfficer.name, actorKind: 'user', actorRole: 'agency', at: p.createdAt });
    let from: ReferralStatus = 'referred';
    for (const s of p.steps) {
      const byAgency = s.to === 'withdrawn';
      events.push({
        referralId: r.id,
        provinceId: PROVINCE,
        fromStatus: from,
        toStatus: s.to,
        actorId: (byAgency ? agencyOfficer : bankOfficer).id,
        actorLabel: byAgency ? agencyLabel : bankLabel,
        actorName: (byAgency ? agencyOfficer : bankOfficer).name,
        actorKind: 'user',
        actorRole: byAgency ? 'agency' : 'bank',
        note: byAgency ? 'متقاضی از دریافت تسهیلات انصراف داد.' : null,
        approvedAmount: s.to === 'approved' ? r.approvedAmount! : null,
        paidAmount: s.to === 'paid' ? r.paidAmount! : null,
        paidDate: s.to === 'paid' ? r.paidDate! : null,
        reason: s.to === 'rejected' ? { code: r.reasonCode, text: r.reasonText, letterNo: r.reasonLetterNo, letterDate: r.reasonLetterDate } : null,
        at: s.at,
      });
      from = s.to;
    }
    // follow-ups on the slow ones, by the referring agency and sometimes the bank
    const waited = p.steps.length < 3 && now.getTime() - p.createdAt.getTime() > 12 * DAY;
    if (waited ? rnd.next() < 0.7 : rnd.next() < 0.15) {
      const n = rnd.int(1, 3);
      for (let k = 0; k < n; k++) {
        const at = new Date(p.createdAt.getTime() + rnd.int(3, Math.max(4, Math.floor((now.getTime() - p.createdAt.getTime()) / DAY))) * DAY);
        if (at > now) continue;
        const byBank = rnd.next() < 0.3;
        followups.push({
          id: uuidFrom(rnd),
          referralId: r.id,
          provinceId: PROVINCE,
          note: byBank ? rnd.pick(BANK_FOLLOWUPS) : rnd.pick(AGENCY_FOLLOWUPS),
          actorId: (byBank ? bankOfficer : agencyOfficer).id,
          actorLabel: byBank ? bankLabel : agencyLabel,
          actorName: (byBank ? bankOfficer : agencyOfficer).name,
          actorRole: byBank ? 'bank' : 'agency',
          agencyId: byBank ? null : r.agencyId,
          bankId: byBank ? r.bankId : null,
          createdAt: at,
        });
      }
    }
  }
  for (let i = 0; i < events.length; i += 300) await tx.insert(referralEvents).values(events.slice(i, i + 300));
  for (let i = 0; i < followups.length; i += 300) await tx.insert(referralFollowups).values(followups.slice(i, i + 300));

  await seedQuotasAndReports(tx, rnd, plans, now);

  const byStatus = countByStatus(plans);
  await recordSeed(tx, now, PROVINCE, 'demo.referrals', { referrals: plans.length, byStatus, followups: followups.length });
  return { referrals: plans.length, byStatus };
}

/** Rounds up to a multiple of ten billion rials, at least `min` billion. */
function quotaAmount(v: bigint, min: number): bigint {
  const step = 10n * BILLION;
  const up = ((v + step - 1n) / step) * step;
  return up < BigInt(min) * BILLION ? BigInt(min) * BILLION : up;
}

/**
 * Quotas for the current fiscal year, sized from what the referrals have paid so far so that the
 * year's quota is about half absorbed; monthly reports of direct loans for the larger banks.
 */
async function seedQuotasAndReports(tx: Tx, rnd: Random, plans: Plan[], now: Date) {
  const today = tehranDate(now);
  const fy = fiscalYearOf(today);
  const paid = new Map<string, bigint>();
  const paidByAgency = new Map<string, bigint>();
  for (const p of plans) {
    const r = p.row;
    if (r.status !== 'paid' || !r.paidDate || fiscalYearOf(r.paidDate) !== fy) continue;
    paid.set(`${r.programCode}|${r.bankId}`, (paid.get(`${r.programCode}|${r.bankId}`) ?? 0n) + r.paidAmount!);
    if (r.programCode === 't18') paidByAgency.set(r.agencyId, (paidByAgency.get(r.agencyId) ?? 0n) + r.paidAmount!);
  }
  const rows: (typeof quotas.$inferInsert)[] = [];
  const stamp = { createdAt: new Date(tehranDayStart(addDays(today, -200)).getTime() + 10 * 3_600_000) };
  for (const program of ['rounaq', 't18', 'ndf', 'mandated'] as const) {
    let provinceTotal = 0n;
    for (const [bankId] of BANKS) {
      const used = paid.get(`${program}|${bankId}`) ?? 0n;
      if (used === 0n && rnd.next() < 0.5) continue;
      // about twice what has been paid: half the year's quota absorbed, some banks ahead and some behind
      const amount = quotaAmount((used * BigInt(rnd.int(150, 205))) / 100n, program === 't18' ? 10 : 20);
      provinceTotal += amount;
      rows.push({ provinceId: PROVINCE, fiscalYear: fy, programCode: program, bankId, agencyId: null, amount, ...stamp, updatedAt: stamp.createdAt });
    }
    rows.push({
      provinceId: PROVINCE,
      fiscalYear: fy,
      programCode: program,
      bankId: null,
      agencyId: null,
      amount: quotaAmount((provinceTotal * 102n) / 100n, 100),
      note: 'سهم استان از منابع ابلاغی ستاد ملی',
      ...stamp,
      updatedAt: stamp.createdAt,
    });
  }
  // Note 18 is also allotted to the executive agencies that introduce the applicants
  for (const [agencyId] of AGENCIES) {
    const used = paidByAgency.get(agencyId) ?? 0n;
    rows.push({ provinceId: PROVINCE, fiscalYear: fy, programCode: 't18', bankId: null, agencyId, amount: quotaAmount((used * BigInt(rnd.int(180, 230))) / 100n, 20), ...stamp, updatedAt: stamp.createdAt });
  }
  await tx.insert(quotas).values(rows);

  const month = toJalali(today).month;
  const reports: (typeof bankReports.$inferInsert)[] = [];
  for (const bankId of ['sanat-madan', 'melli', 'sepah', 'tejarat', 'keshavarzi', 'mellat', 'tosee-saderat']) {
    for (let m = 1; m < month; m++) {
      for (const program of ['rounaq', 'mandated'] as const) {
        if (program === 'mandated' && rnd.next() < 0.5) continue;
        if (rnd.next() < 0.12) continue; // a month the bank did not report
        const count = rnd.int(0, program === 'rounaq' ? 7 : 4);
        reports.push({
          provinceId: PROVINCE,
          bankId,
          fiscalYear: fy,
          month: m,
          programCode: program,
          directCount: count,
          directAmount: BigInt(count) * billions(rnd, 2, 35),
          createdAt: new Date(tehranDayStart(addDays(today, -((month - m) * 30) + 5)).getTime() + 9 * 3_600_000),
          updatedAt: new Date(tehranDayStart(addDays(today, -((month - m) * 30) + 5)).getTime() + 9 * 3_600_000),
        });
      }
    }
  }
  const past = reports.filter((r) => r.createdAt! <= now);
  if (past.length) await tx.insert(bankReports).values(past);
}
