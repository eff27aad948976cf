/**
 * The demo's field visits and producers' demands: 60+ visits across the Qom units (most done, some
 * planned for the coming weeks, a few cancelled) and ~150 demands across obstacle categories and
 * agencies, in every state, some overdue, with their history and follow-up trails — the governor's
 * first ask, relived. Deterministic (seeded PRNG); dates are placed relative to `now`, the demo's today.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { demandEvents, demandFollowups, demands, obstacleCategories, units, users, visits } from '../db/schema.js';
import { bumpTrackingCounter, formatTrackingCode } from '../db/tracking-code.js';
import { addDays, daysBetween, fiscalYearOf, tehranDate, tehranDayStart, type IsoDate } from '../../shared/jalali.js';
import type { DemandPriority } from '../../shared/contracts/demands.js';
import type { DemandStatus } from '../../shared/machines.js';
import { normalizePersian, searchKey, toPersianDigits } from '../../shared/text.js';
import { makeRandom, uuidFrom } from './random.js';
import { personName } from './unit-names.js';
import { recordSeed } from './seed-trail.js';

const PROVINCE = 'qom';

/** What a producer might ask, per obstacle category (plausible, invented). */
const TITLES: Record<string, string[]> = {
  finance: [
    'دریافت تسهیلات سرمایه در گردش برای خرید مواد اولیه',
    'معرفی به بانک برای تسهیلات رونق تولید',
    'تأمین مالی طرح توسعهٔ خط تولید',
    'تسریع در پرداخت تسهیلات مصوب تبصرهٔ ۱۸',
    'کاهش وثیقهٔ درخواستی بانک برای تسهیلات',
  ],
  'bank-debt': [
    'امهال اقساط معوق تسهیلات ارزی',
    'بخشودگی جرائم دیرکرد تسهیلات بانکی',
    'رفع مسدودی حساب‌های بانکی واحد',
    'تقسیط بدهی غیرجاری به بانک عامل',
    'آزادسازی وثیقهٔ مازاد نزد بانک',
  ],
  tax: [
    'اعتراض به مالیات علی‌الرأس سال ۱۴۰۲',
    'استرداد اعتبار مالیات بر ارزش افزوده',
    'تقسیط بدهی مالیاتی عملکرد سال ۱۴۰۱',
    'صدور مفاصاحساب مالیاتی برای تمدید پروانه',
    'بخشودگی جرائم مالیات بر ارزش افزوده',
  ],
  'social-security': [
    'تقسیط بدهی حق بیمهٔ کارکنان',
    'اعتراض به رأی هیئت بدوی تأمین اجتماعی',
    'بخشودگی جرائم حق بیمهٔ معوق',
    'استفاده از معافیت بیمهٔ سهم کارفرما برای نیروی جدید',
  ],
  customs: [
    'ترخیص مواد اولیهٔ وارداتی رسوب‌شده در گمرک',
    'ثبت سفارش ماشین‌آلات خط تولید',
    'کاهش تعرفهٔ واردات قطعات یدکی',
    'ترخیص ماشین‌آلات دست‌دوم وارداتی',
  ],
  fx: [
    'تخصیص ارز برای واردات مواد اولیه',
    'رفع تعهد ارزی صادرات سال ۱۴۰۲',
    'تسریع در تأمین ارز ثبت سفارش',
  ],
  'raw-materials': [
    'تأمین سهمیهٔ مواد اولیه از بورس کالا',
    'افزایش سهمیهٔ ورق فولادی',
    'تأمین مواد پلیمری با نرخ مصوب',
    'رفع کمبود مادهٔ اولیهٔ نشاسته',
  ],
  power: [
    'افزایش قدرت انشعاب برق',
    'معافیت از محدودیت‌های برق تابستان',
    'اصلاح تعرفهٔ برق صنعتی',
    'رفع افت ولتاژ شبکهٔ برق شهرک',
  ],
  gas: [
    'واگذاری انشعاب گاز صنعتی',
    'افزایش ظرفیت ایستگاه تقلیل فشار گاز',
    'کاهش محدودیت گاز در فصل زمستان',
  ],
  water: [
    'تأمین آب صنعتی مورد نیاز تولید',
    'صدور مجوز حفر چاه آب صنعتی',
    'اتصال به شبکهٔ فاضلاب شهرک',
  ],
  land: [
    'تمدید مهلت احداث در زمین واگذارشده',
    'صدور سند مالکیت زمین واحد',
    'اصلاح کاربری زمین برای توسعهٔ کارخانه',
    'آسفالت و روشنایی معابر شهرک',
  ],
  permits: [
    'تمدید پروانهٔ بهره‌برداری',
    'صدور پروانهٔ نشان استاندارد',
    'صدور مجوز افزایش ظرفیت تولید',
    'تسریع در صدور جواز تأسیس طرح توسعه',
  ],
  environment: [
    'رفع پلمب واحد توسط محیط زیست',
    'تأیید طرح تصفیهٔ پساب صنعتی',
    'صدور استعلام محیط زیستی برای توسعه',
  ],
  labour: [
    'تأمین نیروی کار ماهر فنی',
    'حل اختلاف با کارگران در هیئت تشخیص',
    'برگزاری دورهٔ آموزش فنی و حرفه‌ای برای کارکنان',
  ],
  market: [
    'حمایت از حضور در نمایشگاه صادراتی',
    'رفع ممنوعیت صادرات محصول',
    'خرید محصولات واحد توسط دستگاه‌های دولتی',
  ],
  legal: [
    'پیگیری پروندهٔ قضایی مطالبات از خریدار',
    'رفع توقیف اموال واحد',
    'تسریع در رسیدگی به پروندهٔ چک‌های برگشتی',
  ],
  municipal: [
    'کاهش عوارض صدور پروانهٔ ساختمانی',
    'اعتراض به عوارض نوسازی شهرداری',
    'صدور پایان‌کار ساختمان کارخانه',
  ],
  other: [
    'رفع مشکل حمل‌ونقل محصولات',
    'بهبود دسترسی جاده‌ای به واحد',
    'حل مشکل اینترنت و مخابرات واحد',
  ],
};

const DESCRIPTIONS: Record<string, string[]> = {
  finance: ['واحد برای خرید مواد اولیهٔ فصل آینده به نقدینگی نیاز دارد و پرونده در بانک عامل متوقف مانده است.', 'طرح توسعه با پیشرفت فیزیکی بالا به دلیل نبود منابع مالی متوقف شده است.'],
  'bank-debt': ['بدهی معوق واحد به دلیل نوسانات ارزی افزایش یافته و بانک حساب‌ها را مسدود کرده است.', 'واحد توان بازپرداخت یکجای اقساط را ندارد و درخواست تقسیط بلندمدت دارد.'],
  tax: ['برگ تشخیص بدون رسیدگی به دفاتر و به‌صورت علی‌الرأس صادر شده و مبلغ آن با عملکرد واقعی واحد همخوانی ندارد.', 'بخشی از اعتبار مالیات بر ارزش افزوده سال‌های گذشته هنوز مسترد نشده است.'],
  'social-security': ['بدهی حق بیمه در دورهٔ رکود واحد انباشته شده و اجراییات تأمین اجتماعی حساب‌ها را توقیف کرده است.'],
  customs: ['مواد اولیهٔ وارداتی به دلیل نقص مدارک ثبت سفارش بیش از دو ماه در گمرک مانده و هزینهٔ انبارداری افزایش یافته است.'],
  fx: ['ارز مورد نیاز برای واردات مواد اولیه با وجود ثبت سفارش هنوز تخصیص نیافته است.'],
  'raw-materials': ['سهمیهٔ مواد اولیهٔ واحد کمتر از نیاز ظرفیت اسمی است و تولید با نیمی از ظرفیت ادامه دارد.'],
  power: ['قدرت انشعاب فعلی پاسخگوی خط جدید نیست و قطعی‌های مکرر به تجهیزات آسیب زده است.', 'محدودیت‌های برق در ساعات اوج مصرف، تولید را در تابستان تا نصف کاهش داده است.'],
  gas: ['انشعاب گاز برای راه‌اندازی کوره مورد نیاز است و درخواست واحد از سال گذشته بی‌پاسخ مانده است.'],
  water: ['آب صنعتی کافی در شهرک تأمین نمی‌شود و واحد ناچار به خرید آب با تانکر است.'],
  land: ['مهلت احداث در قرارداد واگذاری زمین رو به پایان است و پیشرفت طرح به دلیل مشکلات مالی کند بوده است.'],
  permits: ['تمدید پروانه به استعلام از چند دستگاه وابسته است و پاسخ استعلام‌ها با تأخیر می‌رسد.'],
  environment: ['واحد پس از نصب سامانهٔ تصفیه همچنان پلمب است و منتظر بازدید کارشناس محیط زیست است.'],
  labour: ['واحد برای خط جدید به تکنسین‌های آموزش‌دیده نیاز دارد و نیروی ماهر در منطقه کم است.'],
  market: ['محصولات واحد کیفیت صادراتی دارند اما هزینهٔ حضور در نمایشگاه‌های خارجی برای واحد سنگین است.'],
  legal: ['مطالبات واحد از یک خریدار عمده سال‌هاست وصول نشده و پرونده در مرحلهٔ اجرای احکام مانده است.'],
  municipal: ['عوارض مطالبه‌شده برای توسعهٔ سوله بیش از توان مالی واحد است.'],
  other: ['مسیر دسترسی واحد در فصل بارندگی قابل تردد نیست و حمل محصولات با مشکل روبه‌روست.'],
};

const FOLLOWUP_NOTES = [
  'مکاتبه با ادارهٔ کل مربوط انجام شد و پاسخ در انتظار است.',
  'جلسه با مدیرعامل واحد برگزار شد و مدارک تکمیلی دریافت شد.',
  'کارشناس دستگاه از واحد بازدید کرد.',
  'پرونده برای بررسی به کمیسیون تخصصی ارسال شد.',
  'پیگیری تلفنی انجام شد؛ موضوع در دست بررسی است.',
  'نامهٔ دبیرخانهٔ ستاد برای تسریع به دستگاه ارسال شد.',
  'مدارک ناقص به واحد اعلام شد.',
  'موضوع در جلسهٔ هماهنگی دستگاه مطرح شد.',
];
const PRODUCER_NOTES = ['مدارک خواسته‌شده تحویل دستگاه شد.', 'تا امروز پاسخی دریافت نکرده‌ایم؛ لطفاً پیگیری شود.', 'با کارشناس دستگاه جلسه داشتیم؛ قرار شد نتیجه اعلام شود.'];
const RESOLVED_NOTES = ['موضوع با موافقت دستگاه برطرف شد.', 'مصوبه صادر و به واحد ابلاغ شد.', 'درخواست واحد پذیرفته و اجرا شد.', 'مشکل با هماهنگی دستگاه‌ها رفع شد.'];
const UNRESOLVABLE_NOTES = ['خارج از اختیارات استانی است و نیاز به اصلاح مقررات ملی دارد.', 'واحد شرایط قانونی لازم را ندارد.', 'با توجه به محدودیت منابع، امکان پاسخ در سال جاری نیست.'];
const ESCALATION_NOTES = ['رفع مانع نیازمند تصمیم کارگروه است.', 'چند دستگاه درگیرند و هماهنگی در سطح کارگروه لازم است.', 'دستگاه به‌تنهایی اختیار تصمیم ندارد.'];
const TEAMS = [
  'دبیرخانهٔ ستاد و کارشناس سازمان صمت',
  'معاون هماهنگی امور اقتصادی، دبیرخانهٔ ستاد و شرکت شهرک‌ها',
  'تیم پایش و عارضه‌یابی ستاد',
  'دبیرخانهٔ ستاد و نمایندهٔ اتاق بازرگانی',
  'کارشناسان ستاد و ادارهٔ کل امور اقتصادی و دارایی',
];
const OBSERVATIONS = [
  'خط تولید فعال است اما بخشی از ماشین‌آلات از کار افتاده است.',
  'انبار مواد اولیه تقریباً خالی است.',
  'واحد سفارش صادراتی دارد اما نقدینگی کافی ندارد.',
  'نیروی انسانی نسبت به سال گذشته کاهش یافته است.',
  'تجهیزات نو نصب شده ولی به دلیل کمبود انشعاب راه‌اندازی نشده است.',
  'مدیریت واحد برای توسعهٔ محصول جدید برنامه دارد.',
];

/** An instant on a Tehran calendar day at hh:mm. */
function at(date: IsoDate, hour: number, minute = 0): Date {
  return new Date(tehranDayStart(date).getTime() + (hour * 60 + minute) * 60_000);
}

interface Actor {
  id: string | null;
  name: string;
  role: string;
  agencyId: string | null;
}

interface DemandPlan {
  id: string;
  unitId: string;
  visitId: string | null;
  categoryCode: string;
  title: string;
  description: string;
  agencyId: string;
  priority: DemandPriority;
  createdAt: Date;
  dueDate: IsoDate;
  target: DemandStatus | 'reopened';
  byProducer?: boolean;
  forceTitle?: string;
}

export interface DemoDemandsResult {
  visits: number;
  demands: number;
}

export async function seedDemoDemands(tx: Tx, now: Date, producerUnitId: string | undefined): Promise<DemoDemandsResult> {
  const rnd = makeRandom(1405_04);
  const today = tehranDate(now);
  const clamp = (d: Date) => (d.getTime() > now.getTime() ? new Date(now.getTime() - 60_000) : d);

  const unitRows = await tx
    .select({ id: units.id, name: units.name, status: units.status, employees: units.employees, capacity: units.capacityUtilization })
    .from(units)
    .where(eq(units.provinceId, PROVINCE))
    .orderBy(asc(units.nationalId));
  if (unitRows.length === 0) return { visits: 0, demands: 0 };
  const categories = await tx.select().from(obstacleCategories).orderBy(asc(obstacleCategories.code));
  const categoryByCode = new Map(categories.map((c) => [c.code, c]));
  const people = await tx
    .select({ id: users.id, username: users.username, fullName: users.fullName, agencyId: users.agencyId })
    .from(users)
    .where(and(inArray(users.username, ['secretariat', 'agency.smt', 'producer.demo'])));
  const who = (u: string) => people.find((p) => p.username === u);
  const secretariat: Actor = { id: who('secretariat')?.id ?? null, name: who('secretariat')?.fullName ?? 'دبیرخانهٔ ستاد', role: 'secretariat', agencyId: null };
  const producerUser = who('producer.demo');
  const agencyOfficers = new Map<string, Actor>();
  const officer = (agencyId: string): Actor => {
    let a = agencyOfficers.get(agencyId);
    if (!a) {
      const smt = who('agency.smt');
      a = agencyId === 'smt' && smt ? { id: smt.id, name: smt.fullName, role: 'agency', agencyId } : { id: null, name: `${personName(rnd)} (کارشناس دستگاه)`, role: 'agency', agencyId };
      agencyOfficers.set(agencyId, a);
    }
    return a;
  };

  // ── Visits ───────────────────────────────────────────────────────────────
  const candidates = unitRows.filter((u) => u.status !== 'closed' && u.id !== producerUnitId);
  const order = [...candidates].sort(() => rnd.next() - 0.5);
  const visitRows: (typeof visits.$inferInsert)[] = [];
  const doneVisits: { id: string; unitId: string; date: IsoDate; unitName: string }[] = [];
  const addVisit = (unit: (typeof unitRows)[number], date: IsoDate, status: 'done' | 'planned' | 'cancelled', categoriesSeen: string[] = []) => {
    const id = uuidFrom(rnd);
    const observed = status === 'done';
    const employees = observed ? Math.max(0, unit.employees + rnd.int(-6, 4)) : null;
    const capacity = observed ? Math.min(100, Math.max(0, unit.capacity + rnd.int(-10, 6))) : null;
    const findings = observed
      ? normalizePersian(
          `واحد با ${toPersianDigits(capacity ?? 0)}٪ ظرفیت و ${toPersianDigits(employees ?? 0)} نفر نیرو فعال است. ${rnd.pick(OBSERVATIONS)}` +
            (categoriesSeen.length ? ` موانع اصلی: ${categoriesSeen.map((c) => categoryByCode.get(c)?.name ?? c).join('، ')}.` : ''),
        )
      : null;
    const created = status === 'planned' ? clamp(at(addDays(today, -rnd.int(1, 10)), 9, rnd.int(0, 59))) : clamp(at(date, 9, rnd.int(0, 59)));
    visitRows.push({
      id,
      provinceId: PROVINCE,
      unitId: unit.id,
      visitDate: date,
      team: rnd.pick(TEAMS),
      memberIds: secretariat.id ? [secretariat.id] : [],
      findings,
      employees,
      capacityUtilization: capacity,
      status,
      createdBy: secretariat.id,
      createdAt: created,
      updatedAt: status === 'done' ? clamp(at(date, 16, rnd.int(0, 59))) : created,
    });
    if (status === 'done') doneVisits.push({ id, unitId: unit.id, date, unitName: unit.name });
    return id;
  };

  // what each done visit will find, chosen now so the findings can name it
  const pickCategory = () =>
    rnd.weighted([
      ['finance', 16], ['bank-debt', 9], ['tax', 10], ['social-security', 7], ['customs', 4], ['fx', 4], ['raw-materials', 7], ['power', 8],
      ['gas', 4], ['water', 4], ['land', 6], ['permits', 7], ['environment', 3], ['labour', 3], ['market', 4], ['legal', 2], ['municipal', 2], ['other', 2],
    ] as const);
  const DONE = 56;
  const visitPlans: { unit: (typeof unitRows)[number]; date: IsoDate; cats: string[] }[] = [];
  for (let i = 0; i < DONE && i < order.length; i++) {
    const n = rnd.weighted([[1, 35], [2, 45], [3, 20]] as const);
    const cats = [...new Set(Array.from({ length: n }, pickCategory))];
    visitPlans.push({ unit: order[i]!, date: addDays(today, -rnd.int(2, 235)), cats });
  }
  visitPlans.sort((a, b) => (a.date < b.date ? -1 : 1));
  const plannedDemands: DemandPlan[] = [];
  for (const p of visitPlans) {
    const visitId = addVisit(p.unit, p.date, 'done', p.cats);
    for (const cat of p.cats) plannedDemands.push(planDemand(p.unit.id, visitId, cat, at(p.date, rnd.int(10, 14), rnd.int(0, 59))));
  }
  // the demo producer's unit: visited six weeks ago, visited again soon
  const producerUnit = unitRows.find((u) => u.id === producerUnitId);
  let producerVisit: string | null = null;
  if (producerUnit) {
    const date = addDays(today, -44);
    producerVisit = addVisit(producerUnit, date, 'done', ['tax', 'power']);
    addVisit(producerUnit, addDays(today, 9), 'planned');
  }
  for (let i = 0; i < 9; i++) addVisit(order[(DONE + i) % order.length]!, addDays(today, rnd.int(1, 28)), 'planned');
  for (let i = 0; i < 3; i++) addVisit(order[(DONE + 9 + i) % order.length]!, addDays(today, -rnd.int(5, 90)), 'cancelled');

  function planDemand(unitId: string, visitId: string | null, categoryCode: string, createdAt: Date, extra: Partial<DemandPlan> = {}): DemandPlan {
    const category = categoryByCode.get(categoryCode)!;
    const age = daysBetween(tehranDate(createdAt), today);
    const deadline = rnd.pick([category.deadlineDays, category.deadlineDays, 15, 45, 60]);
    // older demands have mostly moved on; the newest may still wait for assignment
    const target = rnd.weighted<DemandStatus | 'reopened'>(
      age < 7
        ? [['registered', 45], ['assigned', 40], ['in_progress', 15]]
        : age < 30
          ? [['registered', 12], ['assigned', 25], ['in_progress', 38], ['escalated', 5], ['resolved', 18], ['unresolvable', 2]]
          : age < 75
            ? [['assigned', 6], ['in_progress', 22], ['escalated', 12], ['resolved', 50], ['unresolvable', 6], ['reopened', 4]]
            : [['assigned', 2], ['in_progress', 7], ['escalated', 5], ['resolved', 72], ['unresolvable', 10], ['reopened', 4]],
    );
    return {
      id: uuidFrom(rnd),
      unitId,
      visitId,
      categoryCode,
      title: rnd.pick(TITLES[categoryCode] ?? TITLES.other!),
      description: rnd.pick(DESCRIPTIONS[categoryCode] ?? DESCRIPTIONS.other!),
      agencyId: rnd.next() < 0.85 ? (category.defaultAgencyId ?? 'governorate') : rnd.pick(['smt', 'governorate', 'finance', 'estates']),
      priority: rnd.weighted([['low', 10], ['normal', 55], ['high', 25], ['urgent', 10]] as const),
      createdAt,
      dueDate: addDays(tehranDate(createdAt), deadline),
      target,
      ...extra,
    };
  }

  // demands brought directly (letters, calls, the producer portal)
  const direct = 150 - plannedDemands.length - 3;
  for (let i = 0; i < direct; i++) {
    const unit = rnd.pick(candidates);
    // most letters are recent: the queue of the last weeks
    const ago = rnd.next() < 0.6 ? rnd.int(0, 35) : rnd.int(36, 200);
    plannedDemands.push(planDemand(unit.id, null, pickCategory(), clamp(at(addDays(today, -ago), rnd.int(8, 15), rnd.int(0, 59)))));
  }
  if (producerUnit) {
    const visitDay = addDays(today, -44);
    plannedDemands.push(
      planDemand(producerUnit.id, producerVisit, 'tax', at(visitDay, 11, 20), { title: 'اعتراض به مالیات علی‌الرأس سال ۱۴۰۲', target: 'resolved', agencyId: 'tax', priority: 'high', dueDate: addDays(visitDay, 30) }),
      planDemand(producerUnit.id, producerVisit, 'power', at(visitDay, 11, 40), { title: 'افزایش قدرت انشعاب برق', target: 'in_progress', agencyId: 'power', priority: 'urgent', dueDate: addDays(visitDay, 30) }),
      planDemand(producerUnit.id, null, 'finance', clamp(at(addDays(today, -3), 10, 5)), { title: 'دریافت تسهیلات سرمایه در گردش برای خرید مواد اولیه', target: 'registered', byProducer: true, agencyId: 'smt', priority: 'normal' }),
    );
  }

  // ── Demands, their history and follow-ups ──────────────────────────────
  plannedDemands.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const sequence = new Map<number, number>();
  const demandRows: (typeof demands.$inferInsert)[] = [];
  const eventRows: (typeof demandEvents.$inferInsert)[] = [];
  const followupRows: (typeof demandFollowups.$inferInsert)[] = [];
  for (const p of plannedDemands) {
    const fy = fiscalYearOf(tehranDate(p.createdAt));
    const n = (sequence.get(fy) ?? 0) + 1;
    sequence.set(fy, n);
    const agencyOfficer = officer(p.agencyId);
    const registrar: Actor = p.byProducer && producerUser ? { id: producerUser.id, name: producerUser.fullName, role: 'producer', agencyId: null } : secretariat;
    let t = p.createdAt.getTime();
    const step = (minDays: number, maxDays: number) => {
      const room = Math.max(0, now.getTime() - 3_600_000 - t);
      t = Math.min(t + rnd.int(minDays * 24, maxDays * 24) * 3_600_000 + rnd.int(0, 3_599_999), t + room);
      return new Date(t);
    };
    const events: { from: DemandStatus | null; to: DemandStatus; at: Date; actor: Actor; note?: string; agencyId?: string | null }[] = [];
    const target = p.target;
    const directlyAssigned = target !== 'registered' && !p.byProducer && rnd.next() < 0.7;
    events.push({ from: null, to: directlyAssigned ? 'assigned' : 'registered', at: p.createdAt, actor: registrar, agencyId: directlyAssigned ? p.agencyId : null });
    if (target !== 'registered' && !directlyAssigned) events.push({ from: 'registered', to: 'assigned', at: step(0, 3), actor: secretariat, agencyId: p.agencyId });
    const path: DemandStatus[] =
      target === 'registered' || target === 'assigned'
        ? []
        : target === 'in_progress'
          ? ['in_progress']
          : target === 'escalated'
            ? ['in_progress', 'escalated']
            : target === 'reopened'
              ? ['in_progress', 'resolved', 'in_progress']
              : rnd.next() < 0.2
                ? [target]
                : ['in_progress', target];
    const followupsAt: Date[] = [];
    let from: DemandStatus = events.at(-1)!.to;
    for (const to of path) {
      const when = step(to === 'in_progress' && from === 'assigned' ? 1 : 4, to === 'in_progress' && from === 'assigned' ? 8 : 25);
      if (to !== 'in_progress' || from === 'resolved') followupsAt.push(new Date((when.getTime() + events.at(-1)!.at.getTime()) / 2));
      const reopening = from === 'resolved' && to === 'in_progress';
      const actor = reopening ? secretariat : to === 'unresolvable' && rnd.next() < 0.4 ? secretariat : agencyOfficer;
      const note =
        to === 'resolved' ? rnd.pick(RESOLVED_NOTES)
        : to === 'unresolvable' ? rnd.pick(UNRESOLVABLE_NOTES)
        : to === 'escalated' ? rnd.pick(ESCALATION_NOTES)
        : reopening ? 'واحد اعلام کرد مشکل همچنان باقی است.'
        : undefined;
      events.push({ from, to, at: when, actor, ...(note ? { note } : {}) });
      from = to;
    }
    if (from === 'in_progress' || from === 'escalated') followupsAt.push(step(1, 12));
    if (from === 'in_progress' && rnd.next() < 0.5) followupsAt.push(step(1, 10));
    const status = from;
    const closedAt = status === 'resolved' || status === 'unresolvable' ? events.at(-1)!.at : null;
    const escalatedAt = [...events].reverse().find((e) => e.to === 'escalated')?.at ?? null;
    demandRows.push({
      id: p.id,
      provinceId: PROVINCE,
      code: formatTrackingCode('D', fy, n),
      unitId: p.unitId,
      visitId: p.visitId,
      categoryCode: p.categoryCode,
      title: normalizePersian(p.title),
      titleKey: searchKey(p.title),
      description: normalizePersian(p.description, { keepNewlines: true }),
      agencyId: status === 'registered' ? null : p.agencyId,
      priority: p.priority,
      dueDate: p.dueDate,
      status,
      escalatedAt,
      resolvedAt: closedAt,
      createdBy: registrar.id,
      version: events.length,
      createdAt: p.createdAt,
      updatedAt: events.at(-1)!.at,
    });
    for (const e of events) {
      eventRows.push({
        demandId: p.id,
        provinceId: PROVINCE,
        fromStatus: e.from,
        toStatus: e.to,
        note: e.note ?? null,
        agencyId: e.agencyId ?? null,
        actorId: e.actor.id,
        actorName: e.actor.name,
        actorRole: e.actor.role,
        at: e.at,
      });
    }
    for (const when of followupsAt.sort((a, b) => a.getTime() - b.getTime())) {
      const byProducer = p.unitId === producerUnitId && producerUser && rnd.next() < 0.4;
      const author: Actor = byProducer ? { id: producerUser.id, name: producerUser.fullName, role: 'producer', agencyId: null } : rnd.next() < 0.75 ? agencyOfficer : secretariat;
      followupRows.push({
        demandId: p.id,
        provinceId: PROVINCE,
        note: author.role === 'producer' ? rnd.pick(PRODUCER_NOTES) : rnd.pick(FOLLOWUP_NOTES),
        actorId: author.id,
        actorName: author.name,
        actorRole: author.role,
        agencyId: author.agencyId,
        at: clamp(when),
      });
    }
  }

  if (visitRows.length) await tx.insert(visits).values(visitRows);
  for (let i = 0; i < demandRows.length; i += 100) await tx.insert(demands).values(demandRows.slice(i, i + 100));
  for (let i = 0; i < eventRows.length; i += 200) await tx.insert(demandEvents).values(eventRows.slice(i, i + 200));
  for (let i = 0; i < followupRows.length; i += 200) await tx.insert(demandFollowups).values(followupRows.slice(i, i + 200));
  for (const [fy, last] of sequence) await bumpTrackingCounter(tx, 'demand', PROVINCE, fy, last);
  await recordSeed(tx, now, PROVINCE, 'demo.demands', { visits: visitRows.length, demands: demandRows.length, events: eventRows.length, followups: followupRows.length });
  return { visits: visitRows.length, demands: demandRows.length };
}
