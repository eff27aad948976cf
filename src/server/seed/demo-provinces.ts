/**
 * The national demo: four more provinces beside Qom, each smaller, so the national views compare
 * provinces rather than show one row. Each gets its counties, units, this fiscal year's visits, demands,
 * referrals (in every state, rejections with their written reasons), two held sessions with resolutions,
 * quotas, and one secretariat and one executive account of its own. Deterministic (a seeded PRNG per
 * province); dates relative to `now`; written in a few bulk inserts so `npm start` stays quick.
 */
import type { Tx } from '../db/client.js';
import { counties, demands, quotas, referralEvents, referrals, resolutionAgencies, resolutions, units, users, visits, wgSessions } from '../db/schema.js';
import { bumpTrackingCounter, formatTrackingCode } from '../db/tracking-code.js';
import { addDays, fiscalYearOf, fiscalYearRange, tehranDate, tehranDayStart, type IsoDate } from '../../shared/jalali.js';
import { makeLegalId } from '../../shared/ids.js';
import { normalizePersian, searchKey, toPersianDigits } from '../../shared/text.js';
import type { DemandStatus, ReferralStatus, ResolutionStatus } from '../../shared/machines.js';
import categoriesJson from './reference/obstacle-categories.json' with { type: 'json' };
import { makeRandom, type Random } from './random.js';
import { DEMO_SECTORS, personName, unitName } from './unit-names.js';

interface DemoProvince {
  id: string;
  name: string;
  /** the province's size relative to the others: units, and everything that follows from them */
  units: number;
  counties: { id: string; name: string; nameEn: string; weight: number }[];
  seed: number;
  /** how quickly its banks decide (median-ish days) and how often they approve */
  decisionDays: [number, number];
  approval: number;
}

export const DEMO_PROVINCES: readonly DemoProvince[] = [
  {
    id: 'isfahan',
    name: 'اصفهان',
    units: 64,
    seed: 10,
    decisionDays: [10, 35],
    approval: 0.74,
    counties: [
      { id: 'isfahan', name: 'اصفهان', nameEn: 'Isfahan', weight: 50 },
      { id: 'kashan', name: 'کاشان', nameEn: 'Kashan', weight: 20 },
      { id: 'najafabad', name: 'نجف‌آباد', nameEn: 'Najafabad', weight: 18 },
      { id: 'shahreza', name: 'شهرضا', nameEn: 'Shahreza', weight: 12 },
    ],
  },
  {
    id: 'markazi',
    name: 'مرکزی',
    units: 44,
    seed: 22,
    decisionDays: [14, 50],
    approval: 0.62,
    counties: [
      { id: 'arak', name: 'اراک', nameEn: 'Arak', weight: 50 },
      { id: 'saveh', name: 'ساوه', nameEn: 'Saveh', weight: 25 },
      { id: 'delijan', name: 'دلیجان', nameEn: 'Delijan', weight: 12 },
      { id: 'khomein', name: 'خمین', nameEn: 'Khomein', weight: 13 },
    ],
  },
  {
    id: 'semnan',
    name: 'سمنان',
    units: 30,
    seed: 20,
    decisionDays: [8, 28],
    approval: 0.8,
    counties: [
      { id: 'semnan', name: 'سمنان', nameEn: 'Semnan', weight: 40 },
      { id: 'shahroud', name: 'شاهرود', nameEn: 'Shahroud', weight: 30 },
      { id: 'damghan', name: 'دامغان', nameEn: 'Damghan', weight: 15 },
      { id: 'garmsar', name: 'گرمسار', nameEn: 'Garmsar', weight: 15 },
    ],
  },
  {
    id: 'yazd',
    name: 'یزد',
    units: 36,
    seed: 21,
    decisionDays: [12, 40],
    approval: 0.68,
    counties: [
      { id: 'yazd', name: 'یزد', nameEn: 'Yazd', weight: 50 },
      { id: 'ardakan', name: 'اردکان', nameEn: 'Ardakan', weight: 22 },
      { id: 'bafq', name: 'بافق', nameEn: 'Bafq', weight: 13 },
      { id: 'mehriz', name: 'مهریز', nameEn: 'Mehriz', weight: 15 },
    ],
  },
];

const BILLION = 1_000_000_000n;
const DAY = 86_400_000;
const BANKS = [['sanat-madan', 30], ['melli', 15], ['sepah', 14], ['keshavarzi', 12], ['tejarat', 10], ['mellat', 10], ['tosee-saderat', 9]] as const;
const AGENCIES = [['smt', 55], ['agri', 18], ['estates', 17], ['labour', 10]] as const;
const PROGRAMS = [['rounaq', 55], ['t18', 30], ['mandated', 15]] as const;
const FACILITY = [['working_capital', 60], ['fixed_capital', 25], ['rehabilitation', 15]] as const;
const REASONS = [['collateral', 40], ['credit-history', 25], ['documents', 20], ['feasibility', 15]] as const;
const REASON_TEXT: Record<string, string> = {
  collateral: 'وثیقهٔ معرفی‌شده ارزش کارشناسی کافی برای پوشش مبلغ درخواستی ندارد.',
  'credit-history': 'متقاضی بدهی غیرجاری نزد شبکهٔ بانکی دارد و تا تسویه یا تقسیط آن پرداخت ممکن نیست.',
  documents: 'صورت‌های مالی حسابرسی‌شده و پروانهٔ بهره‌برداری معتبر ارائه نشده است.',
  feasibility: 'طرح توجیهی توان بازپرداخت اقساط را نشان نمی‌دهد.',
};
const DEMAND_TITLES: Record<string, string[]> = {
  finance: ['تأخیر در پرداخت تسهیلات سرمایه در گردش', 'نیاز به تسهیلات خرید مواد اولیه'],
  'bank-debt': ['درخواست امهال بدهی معوق بانکی', 'بخشودگی جرائم دیرکرد تسهیلات'],
  tax: ['اعتراض به برگ تشخیص مالیات عملکرد', 'تأخیر در استرداد ارزش افزوده'],
  'social-security': ['تقسیط بدهی حق بیمهٔ کارکنان'],
  power: ['قطعی مکرر برق در ساعات اوج مصرف', 'افزایش قدرت انشعاب برق'],
  gas: ['محدودیت گاز صنعتی در زمستان'],
  water: ['کمبود آب صنعتی شهرک'],
  permits: ['تمدید پروانهٔ بهره‌برداری', 'صدور مجوز توسعهٔ خط تولید'],
  'raw-materials': ['تأمین مواد اولیهٔ وارداتی', 'سهمیهٔ مواد اولیه از بورس کالا'],
  land: ['واگذاری زمین برای توسعهٔ واحد'],
};
const CATEGORY_AGENCY = new Map(categoriesJson.map((c) => [c.code, c.defaultAgency]));

const at = (date: IsoDate, hour: number) => new Date(tehranDayStart(date).getTime() + hour * 3_600_000);
const pickWeighted = <T>(rnd: Random, xs: readonly (readonly [T, number])[]) => rnd.weighted(xs);

/** Deterministic v4-shaped UUIDs from the province's random stream. */
function uuid(rnd: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = (8 + Math.floor(rnd.next() * 4)).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function billions(rnd: Random, min: number, max: number): bigint {
  return BigInt(Math.round(min + (max - min) * rnd.next() ** 1.5)) * BILLION;
}

export async function seedDemoProvinces(tx: Tx, now: Date, passwordHash: string): Promise<{ provinces: number; units: number; referrals: number }> {
  let unitTotal = 0;
  let referralTotal = 0;
  for (const p of DEMO_PROVINCES) {
    const made = await seedProvince(tx, p, now, passwordHash);
    unitTotal += made.units;
    referralTotal += made.referrals;
  }
  return { provinces: DEMO_PROVINCES.length, units: unitTotal, referrals: referralTotal };
}

async function seedProvince(tx: Tx, p: DemoProvince, now: Date, passwordHash: string) {
  const rnd = makeRandom(7_000 + p.seed);
  const today = tehranDate(now);
  const fy = fiscalYearOf(today);
  const yearStart = fiscalYearRange(fy).from;
  const elapsed = Math.max(30, Math.round((tehranDayStart(today).getTime() - tehranDayStart(yearStart).getTime()) / DAY));
  const dayInYear = (maxAgo = elapsed) => addDays(today, -Math.floor(maxAgo * rnd.next() ** 1.4));

  await tx.insert(counties).values(p.counties.map((c) => ({ id: c.id, provinceId: p.id, name: c.name, nameEn: c.nameEn }))).onConflictDoNothing();
  await tx
    .insert(users)
    .values(
      (['secretariat', 'executive'] as const).map((role) => ({
        username: `${role}.${p.id}`,
        fullName: `${personName(rnd)} (${role === 'secretariat' ? 'دبیرخانهٔ' : 'معاونت اقتصادی'} استان ${p.name})`,
        role,
        provinceId: p.id,
        passwordHash,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();

  // ── units ──
  const unitRows: (typeof units.$inferInsert & { id: string })[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < p.units; i++) {
    const sectorCode = rnd.pick(DEMO_SECTORS);
    let name = normalizePersian(unitName(rnd, sectorCode).replace(/ قم$/, ''));
    while (seen.has(searchKey(name))) name = `${name} ${toPersianDigits(i)}`;
    seen.add(searchKey(name));
    const status = rnd.weighted([['active', 58], ['semi_active', 24], ['idle', 14], ['closed', 4]] as const);
    const county = rnd.weighted(p.counties.map((c) => [c.id, c.weight] as const));
    unitRows.push({
      id: uuid(rnd),
      provinceId: p.id,
      name,
      nameKey: searchKey(name),
      nationalId: makeLegalId(`10${String(p.seed).padStart(2, '0')}${String(200001 + i * 41).padStart(6, '0')}`),
      sectorCode,
      countyId: county,
      managerName: personName(rnd),
      employees: status === 'closed' ? 0 : rnd.int(6, 180),
      capacityUtilization: status === 'active' ? rnd.int(55, 95) : status === 'semi_active' ? rnd.int(20, 55) : status === 'idle' ? rnd.int(0, 15) : 0,
      status,
      createdAt: now,
      updatedAt: now,
    });
  }
  await tx.insert(units).values(unitRows);
  const working = unitRows.filter((u) => u.status !== 'closed');

  // ── visits (this fiscal year; a few planned ahead) ──
  const visitRows: (typeof visits.$inferInsert & { id: string })[] = [];
  for (let i = 0; i < Math.round(p.units * 0.45); i++) {
    const unit = rnd.pick(working);
    const planned = rnd.next() < 0.15;
    visitRows.push({
      id: uuid(rnd),
      provinceId: p.id,
      unitId: unit.id,
      visitDate: planned ? addDays(today, rnd.int(1, 20)) : dayInYear(),
      team: `کارگروه بازدید استان ${p.name}`,
      findings: planned ? null : 'واحد در حال تولید است؛ مشکلات اعلام‌شده ثبت شد.',
      employees: planned ? null : unit.employees ?? null,
      capacityUtilization: planned ? null : unit.capacityUtilization ?? null,
      status: planned ? 'planned' : 'done',
      createdAt: now,
      updatedAt: now,
    });
  }
  await tx.insert(visits).values(visitRows);
  const doneVisits = visitRows.filter((v) => v.status === 'done');

  // ── demands ──
  const demandRows: (typeof demands.$inferInsert)[] = [];
  const demandCount = Math.round(p.units * 0.7);
  const codes: { date: Date; row: (typeof demands.$inferInsert) }[] = [];
  for (let i = 0; i < demandCount; i++) {
    const visit = doneVisits.length && rnd.next() < 0.6 ? rnd.pick(doneVisits) : null;
    const unitId = visit?.unitId ?? rnd.pick(working).id;
    const registered = visit ? (visit.visitDate as IsoDate) : dayInYear();
    const categoryCode = rnd.pick(Object.keys(DEMAND_TITLES));
    const title = rnd.pick(DEMAND_TITLES[categoryCode]!);
    const agencyId = CATEGORY_AGENCY.get(categoryCode) ?? 'smt';
    const status: DemandStatus = rnd.weighted([['registered', 8], ['assigned', 22], ['in_progress', 25], ['escalated', 5], ['resolved', 34], ['unresolvable', 6]] as const);
    const createdAt = at(registered, 9 + rnd.int(0, 6));
    const dueDate = addDays(registered, rnd.int(15, 60));
    const closed = status === 'resolved' || status === 'unresolvable';
    const resolvedOn = closed ? addDays(registered, rnd.int(5, 70)) : null;
    const row: typeof demands.$inferInsert = {
      provinceId: p.id,
      code: '',
      unitId,
      visitId: visit?.id ?? null,
      categoryCode,
      title,
      titleKey: searchKey(title),
      description: `${title} — ثبت‌شده در ${visit ? 'بازدید میدانی' : 'سامانه'}.`,
      agencyId: status === 'registered' ? null : agencyId,
      priority: rnd.weighted([['low', 10], ['normal', 55], ['high', 28], ['urgent', 7]] as const),
      dueDate,
      status,
      escalatedAt: status === 'escalated' ? at(addDays(registered, 10), 11) : null,
      resolvedAt: resolvedOn ? at(resolvedOn < today ? resolvedOn : today, 10) : null,
      createdAt,
      updatedAt: createdAt,
    };
    codes.push({ date: createdAt, row });
    demandRows.push(row);
  }
  codes.sort((a, b) => a.date.getTime() - b.date.getTime());
  codes.forEach((c, i) => (c.row.code = formatTrackingCode('D', fy, i + 1)));
  if (demandRows.length) {
    await tx.insert(demands).values(demandRows);
    await bumpTrackingCounter(tx, 'demand', p.id, fy, demandRows.length);
  }

  // ── referrals ──
  const referralRows: (typeof referrals.$inferInsert & { id: string })[] = [];
  const eventRows: (typeof referralEvents.$inferInsert)[] = [];
  // who took the steps, by name (a stream of their own, so the rest of the province stays as it was)
  const names = makeRandom(9_000 + p.seed);
  const officers = { agency: `${personName(names)} (کارشناس دستگاه)`, bank: `${personName(names)} (کارشناس اعتبارات بانک)` };
  const referralCount = Math.round(p.units * 0.9);
  for (let i = 0; i < referralCount; i++) {
    const unit = rnd.pick(working);
    const programCode = pickWeighted(rnd, PROGRAMS);
    const requestedAmount = billions(rnd, programCode === 't18' ? 2 : 5, programCode === 't18' ? 25 : 120);
    const referralDate = dayInYear(Math.min(elapsed, 240));
    const createdAt = at(referralDate, 10);
    const receivedAt = new Date(createdAt.getTime() + rnd.int(0, 8) * DAY + 3_600_000);
    const decisionAt = new Date(receivedAt.getTime() + rnd.int(p.decisionDays[0], p.decisionDays[1]) * DAY);
    const paidAt = new Date(decisionAt.getTime() + rnd.int(5, 40) * DAY);
    const approve = rnd.next() < p.approval;
    let status: ReferralStatus = 'referred';
    if (receivedAt <= now) status = 'received';
    if (receivedAt.getTime() + 2 * DAY <= now.getTime()) status = 'under_review';
    if (decisionAt <= now) status = approve ? 'approved' : 'rejected';
    if (approve && paidAt <= now) status = 'paid';
    if (status !== 'paid' && status !== 'approved' && status !== 'rejected' && rnd.next() < 0.05) status = 'withdrawn';
    const approvedAmount = status === 'approved' || status === 'paid' ? (rnd.next() < 0.5 ? requestedAmount : (requestedAmount * BigInt(rnd.int(60, 95))) / 100n / BILLION * BILLION || requestedAmount) : null;
    const reasonCode = status === 'rejected' ? pickWeighted(rnd, REASONS) : null;
    const id = uuid(rnd);
    const last = status === 'paid' ? paidAt : status === 'approved' || status === 'rejected' ? decisionAt : status === 'withdrawn' ? new Date(Math.min(now.getTime(), createdAt.getTime() + 5 * DAY)) : status === 'referred' ? createdAt : receivedAt;
    referralRows.push({
      id,
      provinceId: p.id,
      code: '',
      unitId: unit.id,
      agencyId: pickWeighted(rnd, AGENCIES),
      bankId: pickWeighted(rnd, BANKS),
      branchName: `شعبهٔ مرکزی ${p.name}`,
      programCode,
      facilityType: pickWeighted(rnd, FACILITY),
      requestedAmount,
      approvedAmount,
      paidAmount: status === 'paid' ? approvedAmount : null,
      paidDate: status === 'paid' ? tehranDate(paidAt) : null,
      referralDate,
      letterNo: `${toPersianDigits(rnd.int(1000, 9999))}/ص/${toPersianDigits(fiscalYearOf(referralDate))}`,
      status,
      receivedAt: status === 'referred' || (status === 'withdrawn' && receivedAt > last) ? null : receivedAt,
      reviewStartedAt: ['under_review', 'approved', 'paid', 'rejected'].includes(status) ? new Date(receivedAt.getTime() + DAY) : null,
      decidedAt: ['approved', 'paid', 'rejected'].includes(status) ? decisionAt : null,
      paidAt: status === 'paid' ? paidAt : null,
      withdrawnAt: status === 'withdrawn' ? last : null,
      reasonCode,
      reasonText: reasonCode ? REASON_TEXT[reasonCode]! : null,
      reasonLetterNo: reasonCode ? `${toPersianDigits(rnd.int(100, 999))}/ب` : null,
      reasonLetterDate: reasonCode ? tehranDate(decisionAt) : null,
      createdAt,
      updatedAt: last,
    });
    eventRows.push({ referralId: id, provinceId: p.id, fromStatus: null, toStatus: 'referred', actorId: null, actorLabel: 'agency', actorName: officers.agency, actorKind: 'user', actorRole: 'agency', at: createdAt });
    if (status !== 'referred') {
      const byAgency = status === 'withdrawn';
      eventRows.push({ referralId: id, provinceId: p.id, fromStatus: 'referred', toStatus: status, actorId: null, actorLabel: byAgency ? 'agency' : 'bank', actorName: byAgency ? officers.agency : officers.bank, actorKind: 'user', actorRole: byAgency ? 'agency' : 'bank', at: last });
    }
  }
  referralRows.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime());
  const byYear = new Map<number, number>();
  for (const r of referralRows) {
    const year = fiscalYearOf(r.createdAt!);
    const n = (byYear.get(year) ?? 0) + 1;
    byYear.set(year, n);
    r.code = formatTrackingCode('R', year, n);
  }
  for (const [year, n] of byYear) await bumpTrackingCounter(tx, 'referral', p.id, year, n);
  await tx.insert(referrals).values(referralRows);
  await tx.insert(referralEvents).values(eventRows);

  // ── quotas: about twice what each bank has paid this year, so the year is half absorbed ──
  const paidBy = new Map<string, bigint>();
  for (const r of referralRows) if (r.status === 'paid' && r.paidDate && fiscalYearOf(r.paidDate) === fy) paidBy.set(`${r.programCode}|${r.bankId}`, (paidBy.get(`${r.programCode}|${r.bankId}`) ?? 0n) + r.paidAmount!);
  const quotaRows: (typeof quotas.$inferInsert)[] = [];
  for (const [program] of PROGRAMS) {
    let total = 0n;
    for (const [bankId] of BANKS) {
      const used = paidBy.get(`${program}|${bankId}`) ?? 0n;
      if (used === 0n) continue;
      const amount = ((used * BigInt(rnd.int(150, 230))) / 100n / (10n * BILLION) + 1n) * 10n * BILLION;
      total += amount;
      quotaRows.push({ provinceId: p.id, fiscalYear: fy, programCode: program, bankId, agencyId: null, amount, createdAt: now, updatedAt: now });
    }
    quotaRows.push({ provinceId: p.id, fiscalYear: fy, programCode: program, bankId: null, agencyId: null, amount: total + 50n * BILLION, note: 'سهم استان از منابع ابلاغی ستاد ملی', createdAt: now, updatedAt: now });
  }
  await tx.insert(quotas).values(quotaRows);

  // ── the working group: two sessions held this year, resolutions in several states ──
  const resolutionRows: (typeof resolutions.$inferInsert & { id: string })[] = [];
  const agencyRows: (typeof resolutionAgencies.$inferInsert)[] = [];
  let resolutionNo = 0;
  for (let s = 1; s <= 2; s++) {
    const heldOn = addDays(today, -Math.round((elapsed * (3 - s)) / 3) - 7);
    const sessionId = uuid(rnd);
    await tx.insert(wgSessions).values({ id: sessionId, provinceId: p.id, fiscalYear: fiscalYearOf(heldOn), number: s, heldOn, title: `جلسهٔ ${toPersianDigits(s)} کارگروه تسهیل استان ${p.name}`, status: 'held', createdAt: at(heldOn, 8), updatedAt: at(heldOn, 8) });
    for (let k = 0; k < 5; k++) {
      const unit = rnd.pick(working);
      const notifiedAt = at(addDays(heldOn, 1), 9);
      const dueDate = addDays(heldOn, rnd.int(20, 75));
      const status: ResolutionStatus = rnd.weighted([['done', 40], ['in_progress', 30], ['open', 20], ['not_done', 10]] as const);
      const id = uuid(rnd);
      resolutionNo++;
      resolutionRows.push({
        id,
        provinceId: p.id,
        code: formatTrackingCode('M', fy, resolutionNo),
        sessionId,
        unitId: unit.id,
        text: `${rnd.pick(['پیگیری', 'رفع', 'تسریع در بررسی'])} ${rnd.pick(Object.values(DEMAND_TITLES).flat())} واحد «${unit.name}»`,
        dueDate,
        status,
        notifiedAt,
        objectionDeadline: addDays(tehranDate(notifiedAt), 15),
        notDoneCause: status === 'not_done' ? rnd.pick(['agency', 'producer', 'external'] as const) : null,
        closedAt: status === 'done' || status === 'not_done' ? new Date(Math.min(now.getTime(), notifiedAt.getTime() + rnd.int(10, 50) * DAY)) : null,
        createdAt: notifiedAt,
        updatedAt: notifiedAt,
      });
      agencyRows.push({ resolutionId: id, agencyId: pickWeighted(rnd, AGENCIES) });
    }
  }
  await tx.insert(resolutions).values(resolutionRows);
  await tx.insert(resolutionAgencies).values(agencyRows);
  await bumpTrackingCounter(tx, 'resolution', p.id, fy, resolutionNo);
  return { units: unitRows.length, referrals: referralRows.length };
}
