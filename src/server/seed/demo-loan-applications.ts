/**
 * The demo's loan applications (issue 11): producers' applications screened by the committee — the secretariat and
 * the programs' own agencies — in every state: waiting, under review, returned for completion (some completed and
 * resubmitted), approved and waiting for a referral, rejected with a reason, withdrawn, and referred: those are linked
 * to demo referrals the banks have since received, approved, paid or refused, so the overview's funnel shows every step
 * from application to payment. The demo producer's unit has its own share. Deterministic (seeded PRNG), dates relative
 * to `now`; after the referrals (seedDemoReferrals), which the referred ones point at.
 */
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { loanApplicationEvents, loanApplications, referrals, units } from '../db/schema.js';
import { bumpTrackingCounter, formatTrackingCode } from '../db/tracking-code.js';
import { addDays, fiscalYearOf, fiscalYearRange, tehranDate } from '../../shared/jalali.js';
import type { LoanApplicationStatus } from '../../shared/machines.js';
import { makeRandom, uuidFrom, officeHours } from './random.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';
import { countByStatus, recordSeed } from './seed-trail.js';

const PROVINCE = 'qom';
const DAY = 86_400_000;
const BILLION = 1_000_000_000n;

const PURPOSES = [
  'تأمین سرمایهٔ در گردش برای خرید مواد اولیهٔ شش ماه آینده',
  'خرید و نصب یک خط بسته‌بندی خودکار برای افزایش ظرفیت',
  'نوسازی ماشین‌آلات فرسوده و کاهش مصرف انرژی',
  'راه‌اندازی دوبارهٔ خط تولید متوقف‌شده و بازگشت کارگران',
  'تأمین نقدینگی برای پرداخت بدهی مواد اولیه و حقوق کارکنان',
  'خرید دستگاه تزریق پلاستیک و قالب‌های جدید',
  'توسعهٔ سالن تولید و خرید تجهیزات آزمایشگاه کنترل کیفیت',
  'خرید مواد اولیهٔ وارداتی برای تکمیل سفارش صادراتی',
];
const RETURN_NOTES = [
  'صورت‌های مالی حسابرسی‌شدهٔ سال گذشته و پروانهٔ بهره‌برداری معتبر را پیوست کنید.',
  'پیش‌فاکتور ماشین‌آلات و برآورد هزینهٔ طرح پیوست نشده است.',
  'فهرست بیمهٔ کارکنان سه ماه اخیر را برای اثبات اشتغال پیوست کنید.',
  'مبلغ درخواستی با ظرفیت واحد همخوان نیست؛ توجیه آن را بنویسید.',
];
const REJECTIONS: [string, string][] = [
  ['not-eligible', 'رشتهٔ فعالیت واحد در فهرست مشمولان این محل تسهیلات نیست.'],
  ['documents', 'با وجود دو بار برگشت، مدارک مالی واحد تکمیل نشد.'],
  ['feasibility', 'طرح توجیهی نشان نمی‌دهد واحد توان بازپرداخت اقساط را دارد.'],
  ['credit-history', 'واحد بدهی غیرجاری نزد شبکهٔ بانکی دارد و تا تسویهٔ آن معرفی ممکن نیست.'],
];
const WITHDRAW_NOTES = ['واحد منابع مورد نیاز را از محل دیگری تأمین کرد.', 'متقاضی از ادامهٔ درخواست انصراف داد.'];

/** How many of each (beside the referred ones, which follow the referrals). */
const PLAN: [LoanApplicationStatus, number][] = [
  ['submitted', 12],
  ['under_review', 9],
  ['returned', 7],
  ['approved', 6],
  ['rejected', 10],
  ['withdrawn', 5],
];
const REFERRED_COUNT = 48;

const PROGRAM_AGENCY: Record<string, string | null> = { rounaq: 'smt', t18: 'labour', ndf: 'smt', mandated: 'smt', other: null };
const AMOUNTS: Record<string, [number, number]> = { rounaq: [5, 120], t18: [1, 25], ndf: [20, 300], mandated: [3, 70], other: [2, 40] };

interface Step {
  to: LoanApplicationStatus;
  at: Date;
  note?: string;
  reason?: { code: string; text: string };
  referralId?: string;
  byCommittee: boolean;
}

export async function seedDemoLoanApplications(tx: Tx, now: Date, producerUnitId: string | undefined): Promise<{ applications: number; byStatus: Record<string, number> }> {
  const rnd = makeRandom(11_1405);
  const today = tehranDate(now);
  const yearStart = fiscalYearRange(fiscalYearOf(today)).from;
  const unitRows = await tx
    .select({ id: units.id, countyId: units.countyId, managerName: units.managerName, status: units.status })
    .from(units)
    .where(eq(units.provinceId, PROVINCE))
    .orderBy(asc(units.nationalId));
  if (!unitRows.length) return { applications: 0, byStatus: {} };
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const active = unitRows.filter((u) => u.status !== 'closed');
  // spread across the counties: every county gets applications, not only the capital
  const byCounty = new Map<string, typeof active>();
  for (const u of active) byCounty.set(u.countyId, [...(byCounty.get(u.countyId) ?? []), u]);
  const counties = [...byCounty.keys()].sort();
  const pickUnit = (i: number) => rnd.pick(byCounty.get(counties[i % counties.length]!)!);

  // the referrals of this fiscal year that an application came before (the producer's own first)
  const refRows = (
    await tx
      .select({ id: referrals.id, unitId: referrals.unitId, programCode: referrals.programCode, facilityType: referrals.facilityType, requestedAmount: referrals.requestedAmount, createdAt: referrals.createdAt, referralDate: referrals.referralDate })
      .from(referrals)
      .where(eq(referrals.provinceId, PROVINCE))
      .orderBy(asc(referrals.code))
  ).filter((r) => addDays(r.referralDate, -40) >= yearStart);
  const own = refRows.filter((r) => r.unitId === producerUnitId);
  const others = refRows.filter((r) => r.unitId !== producerUnitId);
  const stride = Math.max(1, Math.floor(others.length / REFERRED_COUNT));
  const linked = [...own.slice(0, 1), ...others.filter((_, i) => i % stride === 0).slice(0, REFERRED_COUNT - Math.min(1, own.length))];

  const secretariat = DEMO_ACCOUNTS.find((a) => a.username === 'secretariat')!;
  const smt = DEMO_ACCOUNTS.find((a) => a.username === 'agency.smt')!;
  const producerAccount = DEMO_ACCOUNTS.find((a) => a.role === 'producer')!;

  interface Plan {
    row: typeof loanApplications.$inferInsert & { id: string; code: string; createdAt: Date };
    steps: Step[];
    applicant: { label: string; name: string; role: string; onBehalf: boolean };
  }
  const plans: Plan[] = [];

  const make = (opts: { unitId: string; programCode: string; facilityType: string; amount: bigint; createdAt: Date; steps: Step[]; status: LoanApplicationStatus }) => {
    const unit = unitById.get(opts.unitId)!;
    const isDemoProducer = opts.unitId === producerUnitId;
    const byAgency = !isDemoProducer && rnd.next() < 0.15;
    const applicant = isDemoProducer
      ? { label: producerAccount.username, name: producerAccount.fullName, role: 'producer', onBehalf: false }
      : byAgency
        ? { label: smt.username, name: smt.fullName, role: 'agency', onBehalf: true }
        : { label: 'producer', name: unit.managerName ?? 'مدیرعامل واحد', role: 'producer', onBehalf: false };
    const last = opts.steps.at(-1);
    const row: Plan['row'] = {
      id: uuidFrom(rnd),
      code: '',
      provinceId: PROVINCE,
      unitId: opts.unitId,
      countyId: unit.countyId,
      programCode: opts.programCode,
      facilityType: opts.facilityType,
      requestedAmount: opts.amount,
      purpose: rnd.pick(PURPOSES),
      status: opts.status,
      agencyId: byAgency ? 'smt' : null,
      submittedAt: [...opts.steps].reverse().find((s) => s.to === 'submitted')?.at ?? opts.createdAt,
      createdBy: null,
      createdByName: applicant.name,
      version: 1 + opts.steps.length,
      createdAt: opts.createdAt,
      updatedAt: last?.at ?? opts.createdAt,
    };
    for (const s of opts.steps) {
      if (s.to === 'under_review') row.reviewStartedAt ??= s.at;
      if (s.to === 'returned') row.returnNote = s.note ?? null;
      if (s.to === 'approved' || s.to === 'rejected') row.decidedAt = s.at;
      if (s.to === 'rejected') {
        row.reasonCode = s.reason!.code;
        row.reasonText = s.reason!.text;
      }
      if (s.to === 'referred') {
        row.referralId = s.referralId!;
        row.referredAt = s.at;
      }
      if (s.to === 'withdrawn') row.withdrawnAt = s.at;
    }
    plans.push({ row, steps: opts.steps, applicant });
  };

  /** The committee's path to `target`, starting `start`, each step a few days after the one before (up to `until`). */
  const path = (target: LoanApplicationStatus, start: Date, until: Date): Step[] => {
    const span = Math.max(1, until.getTime() - start.getTime());
    const at = (share: number) => new Date(start.getTime() + Math.floor(span * share) + rnd.int(0, 90) * 60_000);
    const steps: Step[] = [];
    if (target === 'submitted') return steps;
    if (target === 'withdrawn') {
      if (rnd.next() < 0.5) steps.push({ to: 'under_review', at: at(0.3), byCommittee: true });
      steps.push({ to: 'withdrawn', at: at(0.9), note: rnd.pick(WITHDRAW_NOTES), byCommittee: false });
      return steps;
    }
    steps.push({ to: 'under_review', at: at(0.15), byCommittee: true });
    if (target === 'under_review') return steps;
    const bounced = target === 'returned' || rnd.next() < 0.3;
    if (bounced) {
      steps.push({ to: 'returned', at: at(0.3), note: rnd.pick(RETURN_NOTES), byCommittee: true });
      if (target === 'returned') return steps;
      steps.push({ to: 'submitted', at: at(0.45), byCommittee: false });
      steps.push({ to: 'under_review', at: at(0.55), byCommittee: true });
    }
    if (target === 'rejected') {
      const [code, text] = rnd.pick(REJECTIONS);
      steps.push({ to: 'rejected', at: at(0.85), reason: { code, text }, byCommittee: true });
      return steps;
    }
    steps.push({ to: 'approved', at: at(0.8), byCommittee: true });
    return steps;
  };

  // referred: each linked referral was made from an application the committee approved a little before
  for (const r of linked) {
    const referredAt = r.createdAt;
    const createdAt = new Date(referredAt.getTime() - rnd.int(8, 35) * DAY - rnd.int(0, 300) * 60_000);
    const steps = path('approved', createdAt, new Date(referredAt.getTime() - rnd.int(1, 3) * DAY));
    steps.push({ to: 'referred', at: referredAt, referralId: r.id, byCommittee: true });
    make({ unitId: r.unitId, programCode: r.programCode, facilityType: r.facilityType, amount: r.requestedAmount, createdAt, steps, status: 'referred' });
  }

  // the rest, in every other state; the demo producer's unit has one returned, one rejected and one waiting
  let n = 0;
  for (const [status, count] of PLAN) {
    for (let i = 0; i < count; i++, n++) {
      const ownOne = producerUnitId && i === 0 && (status === 'returned' || status === 'rejected' || status === 'submitted');
      const unit = ownOne ? unitById.get(producerUnitId)! : pickUnit(n);
      const programCode = ownOne ? 'rounaq' : rnd.weighted([['rounaq', 45], ['t18', 20], ['ndf', 10], ['mandated', 18], ['other', 7]] as const);
      const [min, max] = AMOUNTS[programCode]!;
      const amount = (BigInt(Math.round((min + (max - min) * rnd.next() ** 1.5) * 10)) * BILLION) / 10n;
      const waiting = status === 'submitted' ? rnd.int(0, 12) : status === 'under_review' ? rnd.int(4, 30) : rnd.int(6, 180);
      const createdAt = officeHours(rnd, addDays(today, -waiting));
      const until = new Date(Math.min(now.getTime() - 3_600_000, createdAt.getTime() + rnd.int(3, Math.max(4, waiting)) * DAY));
      const steps = path(status, createdAt, until).filter((s) => s.at <= now);
      make({ unitId: unit.id, programCode, facilityType: rnd.weighted([['working_capital', 60], ['fixed_capital', 22], ['rehabilitation', 10], ['other', 8]] as const), amount, createdAt, steps, status: steps.at(-1)?.to ?? 'submitted' });
    }
  }

  // tracking codes in filing order, numbered afresh each fiscal year
  plans.sort((a, b) => a.row.createdAt.getTime() - b.row.createdAt.getTime());
  const lastNumber = new Map<number, number>();
  for (const p of plans) {
    const fy = fiscalYearOf(tehranDate(p.row.createdAt));
    const next = (lastNumber.get(fy) ?? 0) + 1;
    lastNumber.set(fy, next);
    p.row.code = formatTrackingCode('L', fy, next);
  }
  for (const [fy, last] of lastNumber) await bumpTrackingCounter(tx, 'loan_application', PROVINCE, fy, last);
  await tx.insert(loanApplications).values(plans.map((p) => p.row));

  const events: (typeof loanApplicationEvents.$inferInsert)[] = [];
  for (const p of plans) {
    const a = p.row;
    const base = { loanApplicationId: a.id, provinceId: PROVINCE, actorId: null };
    events.push({ ...base, fromStatus: null, toStatus: 'submitted', actorLabel: p.applicant.label, actorName: p.applicant.name, actorRole: p.applicant.role, onBehalf: p.applicant.onBehalf, at: a.createdAt });
    let from: LoanApplicationStatus = 'submitted';
    for (const s of p.steps) {
      // the committee: the program's own agency for most of its applications, otherwise the secretariat
      const committee = PROGRAM_AGENCY[a.programCode] === 'smt' && rnd.next() < 0.6 ? smt : secretariat;
      const who = s.byCommittee ? { label: committee.username, name: committee.fullName, role: committee.role } : { label: p.applicant.label, name: p.applicant.name, role: p.applicant.role };
      events.push({
        ...base,
        fromStatus: from,
        toStatus: s.to,
        note: s.note ?? null,
        reason: s.reason ?? null,
        referralId: s.referralId ?? null,
        actorLabel: who.label,
        actorName: who.name,
        actorRole: who.role,
        onBehalf: !s.byCommittee && p.applicant.onBehalf,
        at: s.at,
      });
      from = s.to;
    }
  }
  for (let i = 0; i < events.length; i += 300) await tx.insert(loanApplicationEvents).values(events.slice(i, i + 300));
  for (const p of plans) if (p.row.referralId) await tx.update(referrals).set({ loanApplicationId: p.row.id }).where(eq(referrals.id, p.row.referralId));

  const byStatus = countByStatus(plans);
  await recordSeed(tx, now, PROVINCE, 'demo.loan_applications', { applications: plans.length, byStatus });
  return { applications: plans.length, byStatus };
}
