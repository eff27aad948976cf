/**
 * The demo's working group: this fiscal year's sessions (eight held, the ninth planned for next week),
 * their attendance and agendas about demo units (escalated demands where the demo has them), and
 * resolutions in every state — done, in progress, overdue, objected, cancelled, not done with each
 * cause — with their history and follow-ups. Deterministic (seeded PRNG); dates relative to `now`.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import {
  agendaItems,
  demands,
  resolutionAgencies,
  resolutionEvents,
  resolutionFollowups,
  resolutions,
  sessionAttendees,
  units,
  users,
  wgSessions,
} from '../db/schema.js';
import { bumpTrackingCounter, formatTrackingCode } from '../db/tracking-code.js';
import { addDays, daysBetween, fiscalYearOf, fiscalYearRange, tehranDate, tehranDayStart, type IsoDate } from '../../shared/jalali.js';
import type { NotDoneCause, ResolutionStatus } from '../../shared/machines.js';
import { DEFAULT_OBJECTION_WINDOW_DAYS } from '../../shared/contracts/resolutions.js';
import { makeRandom, type Random } from './random.js';
import { personName } from './unit-names.js';
import { recordSeed } from './seed-trail.js';

const PROVINCE = 'qom';
const HELD = 8;

const CHAIR = 'دکتر مهدی صادقی‌نژاد، استاندار قم';
const LOCATION = 'سالن شهید بهشتی استانداری قم';

/** Who sits at the table: the post and the agency it speaks for. */
const MEMBERS: { title: string; agencyId: string | null }[] = [
  { title: 'معاون هماهنگی امور اقتصادی استاندار و دبیر کارگروه', agencyId: 'governorate' },
  { title: 'رئیس سازمان صنعت، معدن و تجارت', agencyId: 'smt' },
  { title: 'مدیرکل امور مالیاتی', agencyId: 'tax' },
  { title: 'مدیرکل تأمین اجتماعی', agencyId: 'sso' },
  { title: 'مدیرعامل شرکت توزیع نیروی برق', agencyId: 'power' },
  { title: 'مدیرعامل شرکت گاز استان', agencyId: 'gas' },
  { title: 'مدیرعامل شرکت شهرک‌های صنعتی', agencyId: 'estates' },
  { title: 'مدیرکل حفاظت محیط زیست', agencyId: 'env' },
  { title: 'دبیر شورای هماهنگی بانک‌های استان', agencyId: 'bank-coordination' },
  { title: 'رئیس اتاق بازرگانی', agencyId: 'chamber' },
];

/** What the working group resolves, with the agencies that must carry it out (plausible, invented). */
const RESOLUTION_TEXTS: { text: string; agencies: string[] }[] = [
  { text: 'شرکت توزیع نیروی برق ظرف سه هفته نسبت به افزایش قدرت انشعاب واحد اقدام کند.', agencies: ['power'] },
  { text: 'شرکت گاز استان با تقسیط بدهی معوق، جریان گاز واحد را برقرار نگه دارد.', agencies: ['gas'] },
  { text: 'ادارهٔ کل امور مالیاتی پروندهٔ اعتراض واحد را در هیئت حل اختلاف خارج از نوبت رسیدگی کند.', agencies: ['tax'] },
  { text: 'تأمین اجتماعی بدهی حق بیمهٔ واحد را در ۳۶ قسط تقسیط و مفاصاحساب موقت صادر کند.', agencies: ['sso'] },
  { text: 'سازمان صنعت، معدن و تجارت واحد را برای تسهیلات سرمایه در گردش رونق تولید به بانک عامل معرفی کند.', agencies: ['smt'] },
  { text: 'دبیرخانهٔ شورای هماهنگی بانک‌ها پیگیری کند بانک عامل ظرف دو هفته دربارهٔ درخواست تسهیلات تصمیم بگیرد.', agencies: ['bank-coordination', 'smt'] },
  { text: 'شرکت شهرک‌های صنعتی تکلیف زمین واگذارشدهٔ بلااستفاده را روشن و قرارداد را تمدید کند.', agencies: ['estates'] },
  { text: 'ادارهٔ کل حفاظت محیط زیست استعلام زیست‌محیطی طرح توسعه را ظرف ۱۵ روز پاسخ دهد.', agencies: ['env'] },
  { text: 'سازمان صنعت، معدن و تجارت پروانهٔ بهره‌برداری واحد را پس از بازدید کارشناسی تمدید کند.', agencies: ['smt'] },
  { text: 'اتاق بازرگانی برای بازاریابی صادراتی محصولات واحد در نمایشگاه بین‌المللی غرفه تأمین کند.', agencies: ['chamber', 'smt'] },
  { text: 'ادارهٔ کل امور مالیاتی جرائم مالیات بر ارزش افزودهٔ واحد را مطابق آیین‌نامه ببخشد.', agencies: ['tax'] },
  { text: 'شرکت توزیع نیروی برق واحد را از فهرست خاموشی‌های برنامه‌ریزی‌شدهٔ تابستان خارج کند.', agencies: ['power', 'smt'] },
];

const AGENDA_SUBJECTS = [
  'بررسی مشکل تأمین برق پایدار واحد',
  'بررسی بدهی معوق بانکی و درخواست امهال',
  'بررسی اعتراض واحد به مالیات تشخیصی',
  'درخواست تمدید مهلت قرارداد زمین در شهرک صنعتی',
  'بررسی تأخیر بانک در پرداخت تسهیلات مصوب',
  'بررسی استعلام زیست‌محیطی طرح توسعه',
  'درخواست تقسیط بدهی حق بیمه',
];

const FOLLOWUPS = [
  'نامهٔ پیگیری به مدیرکل ارسال شد.',
  'کارشناس دستگاه از واحد بازدید کرد؛ گزارش در دست تهیه است.',
  'موضوع در کمیتهٔ فنی دستگاه مطرح و مقرر شد ظرف یک هفته پاسخ داده شود.',
  'واحد مدارک تکمیلی را ارائه کرد.',
  'پیگیری تلفنی انجام شد؛ دستگاه اعلام کرد در حال اقدام است.',
];

const OBJECTIONS = [
  'اجرای این مصوبه در اختیار ادارهٔ کل نیست و نیازمند مجوز وزارتخانه است.',
  'مهلت تعیین‌شده با فرایند قانونی رسیدگی سازگار نیست؛ دست‌کم سه ماه لازم است.',
];

interface Actor {
  id: string | null;
  name: string;
  role: string;
}

interface Step {
  to: ResolutionStatus;
  at: Date;
  note?: string;
  cause?: NotDoneCause;
  agencyId?: string | null;
  actor: Actor;
  onBehalf?: boolean;
}

export interface DemoSessionsResult {
  sessions: number;
  resolutions: number;
}

/** A working day: Thursday and Friday (the Iranian weekend) move back to Wednesday. */
function workingDay(iso: IsoDate): IsoDate {
  const weekday = new Date(`${iso}T12:00:00Z`).getUTCDay();
  return weekday === 4 ? addDays(iso, -1) : weekday === 5 ? addDays(iso, -2) : iso;
}

/** Spreads the held sessions over the year gone so far, the last about a week ago. */
function sessionDates(today: IsoDate): IsoDate[] {
  const { from } = fiscalYearRange(fiscalYearOf(today));
  const elapsed = Math.max(0, daysBetween(from, today));
  const step = Math.max(3, Math.min(30, Math.floor((elapsed - 7) / HELD)));
  return Array.from({ length: HELD }, (_, i) => workingDay(addDays(today, -7 - (HELD - 1 - i) * step)));
}

export async function seedDemoSessions(tx: Tx, now: Date): Promise<DemoSessionsResult> {
  const rnd: Random = makeRandom(1405_06);
  const today = tehranDate(now);
  const at = (iso: IsoDate, hour = 10) => {
    const d = new Date(tehranDayStart(iso).getTime() + hour * 3_600_000);
    return d.getTime() > now.getTime() ? new Date(now.getTime() - 60_000) : d;
  };
  const unitRows = await tx.select({ id: units.id }).from(units).where(eq(units.provinceId, PROVINCE)).orderBy(asc(units.nationalId)).limit(120);
  if (unitRows.length === 0) return { sessions: 0, resolutions: 0 };
  const escalated = await tx
    .select({ id: demands.id, unitId: demands.unitId, title: demands.title, code: demands.code })
    .from(demands)
    .where(and(eq(demands.provinceId, PROVINCE), eq(demands.status, 'escalated')))
    .orderBy(asc(demands.code));
  const people = await tx.select({ id: users.id, username: users.username, fullName: users.fullName }).from(users).where(inArray(users.username, ['secretariat', 'agency.smt']));
  const secretariat: Actor = { id: people.find((p) => p.username === 'secretariat')?.id ?? null, name: people.find((p) => p.username === 'secretariat')?.fullName ?? 'دبیرخانهٔ ستاد', role: 'secretariat' };
  const smtOfficer = people.find((p) => p.username === 'agency.smt');
  const officer = (agencyId: string): Actor =>
    agencyId === 'smt' && smtOfficer ? { id: smtOfficer.id, name: smtOfficer.fullName, role: 'agency' } : { id: null, name: `کارشناس ${personName(rnd)}`, role: 'agency' };
  const members = MEMBERS.map((m) => ({ ...m, name: personName(rnd) }));

  const dates = sessionDates(today);
  const numbers = new Map<number, number>();
  const nextNumber = (fy: number) => {
    const n = (numbers.get(fy) ?? 0) + 1;
    numbers.set(fy, n);
    return n;
  };
  const codes = new Map<number, number>();
  let resolutionCount = 0;
  let unitCursor = 0;
  let escalatedCursor = 0;
  let textCursor = 0;
  const pickUnit = () => unitRows[(unitCursor += rnd.int(1, 7)) % unitRows.length]!.id;

  const insertSession = async (heldOn: IsoDate, status: 'planned' | 'held', title: string) => {
    const fiscalYear = fiscalYearOf(heldOn);
    const createdAt = at(addDays(heldOn, -10));
    const [s] = await tx
      .insert(wgSessions)
      .values({ provinceId: PROVINCE, fiscalYear, number: nextNumber(fiscalYear), heldOn, title, chair: CHAIR, location: LOCATION, status, createdBy: secretariat.id, createdAt, updatedAt: status === 'held' ? at(heldOn, 14) : createdAt })
      .returning({ id: wgSessions.id, number: wgSessions.number, fiscalYear: wgSessions.fiscalYear });
    const invited = members.filter((_, i) => i < 6 || rnd.next() < 0.6);
    await tx.insert(sessionAttendees).values(
      invited.map((m, i) => ({ sessionId: s!.id, position: i + 1, agencyId: m.agencyId, name: m.name, title: m.title, present: status === 'planned' ? true : i < 2 || rnd.next() < 0.85 })),
    );
    return s!;
  };

  const insertItem = async (sessionId: string, position: number, heldOn: IsoDate, status: 'pending' | 'discussed' | 'carried_over', carriedFromItemId: string | null = null, from?: { unitId: string | null; demandId: string | null; subject: string }) => {
    let unitId: string | null;
    let demandId: string | null = null;
    let subject: string;
    if (from) ({ unitId, demandId, subject } = from);
    else if (escalatedCursor < escalated.length && rnd.next() < 0.45) {
      const d = escalated[escalatedCursor++]!;
      unitId = d.unitId;
      demandId = d.id;
      subject = `بررسی مطالبهٔ «${d.title}» (کد رهگیری ${d.code})`;
    } else {
      unitId = pickUnit();
      subject = rnd.pick(AGENDA_SUBJECTS);
    }
    const createdAt = at(addDays(heldOn, -rnd.int(3, 9)));
    const [item] = await tx
      .insert(agendaItems)
      .values({ provinceId: PROVINCE, sessionId, position, unitId, demandId, subject, carriedFromItemId, status, createdBy: secretariat.id, createdAt, updatedAt: createdAt })
      .returning({ id: agendaItems.id, unitId: agendaItems.unitId, demandId: agendaItems.demandId, subject: agendaItems.subject });
    return item!;
  };

  const insertResolution = async (session: { id: string; fiscalYear: number }, heldOn: IsoDate, item: { id: string; unitId: string | null; demandId: string | null }, plan: (notified: Date, dueDate: IsoDate, agencies: string[]) => Step[], dueInDays: number) => {
    const spec = RESOLUTION_TEXTS[textCursor++ % RESOLUTION_TEXTS.length]!;
    const n = (codes.get(session.fiscalYear) ?? 0) + 1;
    codes.set(session.fiscalYear, n);
    const notifiedAt = at(addDays(heldOn, 1), 9);
    const dueDate = addDays(heldOn, dueInDays);
    const steps = plan(notifiedAt, dueDate, spec.agencies);
    const last = steps.at(-1);
    const status: ResolutionStatus = last?.to ?? 'open';
    const objection = steps.find((s) => s.to === 'objected');
    const closing = ['done', 'not_done', 'cancelled'].includes(status) ? last : undefined;
    const [r] = await tx
      .insert(resolutions)
      .values({
        provinceId: PROVINCE,
        code: formatTrackingCode('M', session.fiscalYear, n),
        sessionId: session.id,
        agendaItemId: item.id,
        unitId: item.unitId,
        demandId: item.demandId,
        text: spec.text,
        dueDate,
        status,
        notifiedAt,
        objectionDeadline: addDays(tehranDate(notifiedAt), DEFAULT_OBJECTION_WINDOW_DAYS),
        objectionReason: objection?.note ?? null,
        notDoneCause: status === 'not_done' ? (last?.cause ?? 'external') : null,
        closedAt: closing?.at ?? null,
        createdBy: secretariat.id,
        version: 1 + steps.length,
        createdAt: notifiedAt,
        updatedAt: last?.at ?? notifiedAt,
      })
      .returning({ id: resolutions.id });
    const id = r!.id;
    await tx.insert(resolutionAgencies).values(spec.agencies.map((agencyId) => ({ resolutionId: id, agencyId })));
    let from: ResolutionStatus | null = null;
    for (const s of [{ to: 'open' as const, at: notifiedAt, actor: secretariat }, ...steps]) {
      await tx.insert(resolutionEvents).values({
        resolutionId: id,
        provinceId: PROVINCE,
        fromStatus: from,
        toStatus: s.to,
        note: 'note' in s ? (s.note ?? null) : null,
        cause: 'cause' in s ? (s.cause ?? null) : null,
        agencyId: 'agencyId' in s ? (s.agencyId ?? null) : null,
        actorId: s.actor.id,
        actorName: s.actor.name,
        actorRole: s.actor.role,
        onBehalf: 'onBehalf' in s ? Boolean(s.onBehalf) : false,
        at: s.at,
      });
      from = s.to;
    }
    // follow-ups while it was being carried out
    if (status !== 'open' && status !== 'cancelled' && rnd.next() < 0.7) {
      const agencyId = spec.agencies[0]!;
      const who = officer(agencyId);
      const count = rnd.int(1, 3);
      for (let k = 0; k < count; k++) {
        const when = new Date(notifiedAt.getTime() + (k + 1) * rnd.int(2, 6) * 86_400_000);
        if (when.getTime() >= now.getTime() || (closing && when.getTime() > closing.at.getTime())) break;
        await tx.insert(resolutionFollowups).values({ resolutionId: id, provinceId: PROVINCE, note: rnd.pick(FOLLOWUPS), actorId: who.id, actorName: who.name, actorRole: who.role, agencyId, at: when });
      }
    }
    resolutionCount++;
    return id;
  };

  const later = (base: Date, days: number) => {
    const d = new Date(base.getTime() + days * 86_400_000);
    return d.getTime() > now.getTime() ? new Date(now.getTime() - 3_600_000) : d;
  };
  // the plans: each returns the steps after notification
  const done = (notified: Date, due: IsoDate, ag: string[]): Step[] => {
    const a = officer(ag[0]!);
    const start = later(notified, rnd.int(2, 8));
    const finish = later(start, Math.max(1, Math.min(daysBetween(tehranDate(start), due) + rnd.int(-5, 3), 40)));
    return [
      { to: 'in_progress', at: start, agencyId: ag[0]!, actor: a },
      { to: 'done', at: finish, agencyId: ag[0]!, actor: a, note: 'اقدام لازم انجام و نتیجه به دبیرخانه اعلام شد.' },
    ];
  };
  const inProgress = (notified: Date, _due: IsoDate, ag: string[]): Step[] => [{ to: 'in_progress', at: later(notified, rnd.int(2, 10)), agencyId: ag[0]!, actor: officer(ag[0]!) }];
  const notDone = (cause: NotDoneCause) => (notified: Date, due: IsoDate, ag: string[]): Step[] => {
    const a = officer(ag[0]!);
    const start = later(notified, rnd.int(2, 6));
    const notes: Record<NotDoneCause, string> = {
      agency: 'دستگاه در مهلت مقرر اقدامی نکرد.',
      producer: 'واحد تولیدی مدارک و تضامین لازم را ارائه نکرد.',
      external: 'به سبب تغییر ضوابط ملی، اجرای مصوبه ممکن نشد.',
    };
    return [
      { to: 'in_progress', at: start, agencyId: ag[0]!, actor: a },
      { to: 'not_done', at: later(tehranDayStart(addDays(due, 2)), 0), agencyId: ag[0]!, actor: cause === 'agency' ? secretariat : a, onBehalf: cause === 'agency', cause, note: notes[cause] },
    ];
  };
  const objectedThen = (answer: 'open' | 'cancelled' | null) => (notified: Date, _due: IsoDate, ag: string[]): Step[] => {
    const a = officer(ag[0]!);
    const objectedAt = later(notified, rnd.int(3, 10));
    const steps: Step[] = [{ to: 'objected', at: objectedAt, agencyId: ag[0]!, actor: a, note: rnd.pick(OBJECTIONS) }];
    if (answer === 'open') steps.push({ to: 'open', at: later(objectedAt, 4), actor: secretariat, note: 'اعتراض بررسی شد و وارد نیست؛ مصوبه به قوت خود باقی است.' });
    if (answer === 'cancelled') steps.push({ to: 'cancelled', at: later(objectedAt, 4), actor: secretariat, note: 'با پذیرش اعتراض، مصوبه لغو و موضوع برای بازنویسی به جلسهٔ بعد ارجاع شد.' });
    return steps;
  };
  const open = (): Step[] => [];

  let lastHeld: { id: string; fiscalYear: number } | undefined;
  let lastHeldOn: IsoDate | undefined;
  let carryCandidate: { id: string; unitId: string | null; demandId: string | null; subject: string } | undefined;
  for (const [i, heldOn] of dates.entries()) {
    const s = await insertSession(heldOn, 'held', i % 3 === 2 ? 'جلسهٔ فوق‌العادهٔ بررسی مشکلات واحدهای راکد' : 'جلسهٔ عادی کارگروه');
    const age = daysBetween(heldOn, today);
    const itemCount = rnd.int(3, 5);
    for (let p = 1; p <= itemCount; p++) {
      const isLastOfRecent = i === HELD - 1 && p === itemCount;
      const item = await insertItem(s.id, p, heldOn, isLastOfRecent ? 'carried_over' : 'discussed');
      if (isLastOfRecent) {
        carryCandidate = item;
        continue;
      }
      const howMany = rnd.next() < 0.3 ? 2 : 1;
      for (let k = 0; k < howMany; k++) {
        let plan: (n: Date, d: IsoDate, a: string[]) => Step[];
        let dueIn = rnd.int(20, 45);
        if (i === HELD - 1) {
          // a week ago: most still inside the objection window; one objected and awaiting the secretariat
          plan = p === 1 && k === 0 ? objectedThen(null) : p === 2 && k === 0 ? inProgress : open;
        } else if (age > 60) {
          const roll = rnd.next();
          plan = roll < 0.76 ? done : roll < 0.82 ? notDone('producer') : roll < 0.86 ? notDone('agency') : roll < 0.9 ? notDone('external') : roll < 0.93 ? objectedThen('cancelled') : inProgress;
          if (plan === inProgress) dueIn = Math.min(dueIn, age - 10); // still in progress past its due date: overdue
        } else {
          const roll = rnd.next();
          plan = roll < 0.4 ? done : roll < 0.75 ? inProgress : roll < 0.85 ? objectedThen('open') : open;
          if (roll >= 0.55 && roll < 0.75) dueIn = Math.max(5, Math.min(dueIn, age - 3)); // some overdue
        }
        await insertResolution(s, heldOn, item, plan, dueIn);
      }
    }
    lastHeld = s;
    lastHeldOn = heldOn;
  }

  // the demo agency (smt) meets one of each: open in its window, in progress and overdue, done
  if (lastHeld && lastHeldOn) {
    const item = await insertItem(lastHeld.id, 9, lastHeldOn, 'discussed');
    textCursor = RESOLUTION_TEXTS.findIndex((t) => t.text.includes('پروانهٔ بهره‌برداری'));
    await insertResolution(lastHeld, lastHeldOn, item, open, 30);
  }

  // the ninth session, planned for next week: escalated demands and the item carried over from the eighth
  const nextOn = workingDay(addDays(today, 7));
  const next = await insertSession(nextOn, 'planned', 'جلسهٔ عادی کارگروه');
  let position = 1;
  if (carryCandidate) await insertItem(next.id, position++, nextOn, 'pending', carryCandidate.id, carryCandidate);
  for (let k = 0; k < 2 && escalatedCursor < escalated.length; k++) {
    const d = escalated[escalatedCursor++]!;
    await insertItem(next.id, position++, nextOn, 'pending', null, { unitId: d.unitId, demandId: d.id, subject: `بررسی مطالبهٔ «${d.title}» (کد رهگیری ${d.code})` });
  }

  for (const [fy, n] of codes) await bumpTrackingCounter(tx, 'resolution', PROVINCE, fy, n);
  await recordSeed(tx, now, PROVINCE, 'demo.seeded', { sessions: HELD + 1, resolutions: resolutionCount }, 'demo.seed_sessions');
  return { sessions: HELD + 1, resolutions: resolutionCount };
}
