/**
 * The producers' voice in the Qom demo (issue 11): ratings on a share of the closed demands (agencies fare
 * differently, so the scorecard's satisfaction column tells something), a few documents and photos on demands
 * (the demo producer's own among them), producers' claims on units in each state, and an SMS outbox that has sent,
 * delivered, failed and waiting messages — so the administrator's outbox page is not empty on the first visit.
 *
 * Deterministic (its own random stream) and fast: a few hundred rows, files of a few kilobytes made in code.
 * The demo producer's own closed demand is left unrated, for a visitor to rate.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { demandFeedback, demands, fileAttachments, fileBlobs, fileChunks, smsMessages, unitClaims, units, users, type SmsReceipts } from '../db/schema.js';
import { addDays, tehranDate, tehranDayStart } from '../../shared/jalali.js';
import { makeLegalId } from '../../shared/ids.js';
import { isolateLtr } from '../../shared/text.js';
import { createHash, randomBytes } from 'node:crypto';
import { hashPassword } from '../modules/auth/passwords.js';
import { demoPhoto, makePdf } from './demo-files.js';
import { makeRandom } from './random.js';
import { recordSeed } from './seed-trail.js';

const PROVINCE = 'qom';
const SIGNATURE = 'سامانه تسهیل';

/** How each agency is felt by the producers it serves: the centre of its ratings (others draw theirs). */
const AGENCY_TEMPER: Record<string, number> = { smt: 3.9, tax: 2.7, power: 3.4, governorate: 3.3, sso: 2.9, estates: 3.8, gas: 3.6, water: 3.1 };

const COMMENTS: Record<'low' | 'mid' | 'high', string[]> = {
  low: [
    'پاسخ بسیار دیر رسید و مشکل همچنان پابرجاست.',
    'چند بار تماس گرفتیم اما کسی پیگیری نکرد.',
    'رسیدگی فقط روی کاغذ بود؛ در عمل اتفاقی نیفتاد.',
    'کارشناس دستگاه در جلسه حاضر نشد.',
  ],
  mid: ['مشکل حل شد ولی زمان زیادی از دست رفت.', 'رسیدگی انجام شد اما اطلاع‌رسانی ضعیف بود.', 'نتیجه قابل قبول بود؛ کاش زودتر پاسخ می‌دادند.'],
  high: [
    'با پیگیری سریع کارشناس، خط تولید دوباره راه افتاد.',
    'از همراهی دستگاه و دبیرخانهٔ ستاد سپاسگزاریم.',
    'در کمتر از دو هفته نتیجه گرفتیم؛ عالی بود.',
    'پاسخ روشن و به‌موقع بود.',
  ],
};

export interface DemoVoiceResult {
  feedback: number;
  attachments: number;
  claims: number;
  sms: number;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export async function seedDemoVoice(tx: Tx, now: Date, producerUnitId: string | undefined): Promise<DemoVoiceResult> {
  const rnd = makeRandom(1405_11);
  const today = tehranDate(now);
  const clamp = (d: Date) => (d.getTime() > now.getTime() - 60_000 ? new Date(now.getTime() - 60_000) : d);
  const daysAgo = (days: number, hour = 10) => new Date(tehranDayStart(addDays(today, -days)).getTime() + hour * 3_600_000);

  const people = await tx.select({ id: users.id, username: users.username, fullName: users.fullName, mobile: users.mobile }).from(users).where(inArray(users.username, ['secretariat', 'producer.demo']));
  const secretariat = people.find((p) => p.username === 'secretariat');
  const producer = people.find((p) => p.username === 'producer.demo');

  // ── Ratings on closed demands ────────────────────────────────────────────
  const closed = await tx
    .select({ id: demands.id, unitId: demands.unitId, agencyId: demands.agencyId, status: demands.status, resolvedAt: demands.resolvedAt, managerName: units.managerName })
    .from(demands)
    .innerJoin(units, eq(units.id, demands.unitId))
    .where(and(eq(demands.provinceId, PROVINCE), inArray(demands.status, ['resolved', 'unresolvable']), isNotNull(demands.agencyId)))
    .orderBy(asc(demands.code));
  const tempers: Record<string, number> = { ...AGENCY_TEMPER };
  const temper = (agencyId: string) => (tempers[agencyId] ??= 2.6 + rnd.int(0, 16) / 10);
  const feedbackRows: (typeof demandFeedback.$inferInsert)[] = [];
  for (const d of closed) {
    if (d.unitId === producerUnitId) continue;
    if (rnd.next() > (d.status === 'resolved' ? 0.55 : 0.4)) continue;
    const centre = temper(d.agencyId!) - (d.status === 'unresolvable' ? 1.2 : 0);
    const score = Math.min(5, Math.max(1, Math.round(centre + (rnd.next() + rnd.next() - 1) * 1.6)));
    const band = score <= 2 ? 'low' : score === 3 ? 'mid' : 'high';
    const closedAt = d.resolvedAt ?? daysAgo(1);
    feedbackRows.push({
      demandId: d.id,
      provinceId: PROVINCE,
      score,
      comment: rnd.next() < 0.5 ? rnd.pick(COMMENTS[band]) : null,
      authorId: null,
      authorName: d.managerName ?? 'مدیر واحد',
      createdAt: clamp(new Date(closedAt.getTime() + rnd.int(2, 6 * 24) * 3_600_000)),
    });
  }
  for (let i = 0; i < feedbackRows.length; i += 200) await tx.insert(demandFeedback).values(feedbackRows.slice(i, i + 200));

  // ── Documents and photos on demands ──────────────────────────────────────
  const files: { demandId: string; fileName: string; data: Buffer; by: { id: string | null; label: string }; at: Date }[] = [];
  const asProducer = { id: producer?.id ?? null, label: 'producer.demo' };
  const asSecretariat = { id: secretariat?.id ?? null, label: 'secretariat' };
  if (producerUnitId) {
    const own = await tx.select({ id: demands.id, code: demands.code, categoryCode: demands.categoryCode, createdAt: demands.createdAt }).from(demands).where(eq(demands.unitId, producerUnitId)).orderBy(asc(demands.createdAt));
    for (const d of own) {
      const at = clamp(new Date(d.createdAt.getTime() + 20 * 60_000));
      if (d.categoryCode === 'tax')
        files.push({ demandId: d.id, fileName: 'برگ تشخیص مالیات عملکرد ۱۴۰۲.pdf', data: makePdf('Tax assessment notice 1402', [`Demand ${d.code}`, 'Kowsar Food Industries, Qom', 'Assessed without examining the books.']), by: asProducer, at });
      if (d.categoryCode === 'power') {
        files.push({ demandId: d.id, fileName: 'پست برق کارخانه.png', data: demoPhoto(10), by: asProducer, at });
        files.push({ demandId: d.id, fileName: 'نامهٔ شرکت توزیع برق.pdf', data: makePdf('Power distribution company letter', [`Demand ${d.code}`, 'Request to raise the connected load to 800 kW.']), by: asSecretariat, at });
      }
      if (d.categoryCode === 'finance') files.push({ demandId: d.id, fileName: 'صورت‌های مالی ۱۴۰۳.pdf', data: makePdf('Financial statements 1403', [`Demand ${d.code}`, 'Working capital need: 18,000,000,000 rials.']), by: asProducer, at });
    }
  }
  const open = await tx
    .select({ id: demands.id, code: demands.code, createdAt: demands.createdAt })
    .from(demands)
    .where(and(eq(demands.provinceId, PROVINCE), inArray(demands.status, ['in_progress', 'escalated'])))
    .orderBy(asc(demands.code))
    .limit(6);
  open.forEach((d, i) => files.push({ demandId: d.id, fileName: `عکس بازدید ${i + 1}.png`, data: demoPhoto(i * 12), by: asSecretariat, at: clamp(new Date(d.createdAt.getTime() + 3_600_000)) }));
  for (const f of files) {
    const hash = sha256(f.data);
    const [claimed] = await tx.insert(fileBlobs).values({ sha256: hash, size: f.data.length, createdAt: f.at }).onConflictDoNothing().returning({ sha256: fileBlobs.sha256 });
    if (claimed) await tx.insert(fileChunks).values({ sha256: hash, n: 0, data: f.data });
    const mime = f.fileName.endsWith('.pdf') ? 'application/pdf' : 'image/png';
    await tx.insert(fileAttachments).values({
      ownerType: 'demand',
      ownerId: f.demandId,
      provinceId: PROVINCE,
      kind: mime === 'application/pdf' ? 'document' : 'photo',
      fileName: f.fileName,
      contentType: mime,
      size: f.data.length,
      sha256: hash,
      uploadedBy: f.by.id,
      uploadedByLabel: f.by.label,
      createdAt: f.at,
    });
  }

  // ── Producers' claims, one in each state (and a unit that is not in the registry yet) ──
  const registry = await tx.select({ id: units.id, name: units.name, nationalId: units.nationalId }).from(units).where(eq(units.provinceId, PROVINCE)).orderBy(asc(units.nationalId));
  const pick = (i: number) => registry.filter((u) => u.id !== producerUnitId)[i % Math.max(1, registry.length - 1)];
  const passwordHash = await hashPassword(randomBytes(24).toString('base64url')); // they sign in by code
  const claimPlans = [
    { fullName: 'کاظم نیک‌فر', mobile: '09129990011', unit: pick(64), status: 'pending' as const, days: 2 },
    { fullName: 'الهام صدری', mobile: '09129990012', unit: null, status: 'pending' as const, days: 1 },
    { fullName: 'حسین مهرآبادی', mobile: '09129990013', unit: pick(81), status: 'approved' as const, days: 12 },
    { fullName: 'نرگس پاکزاد', mobile: '09129990014', unit: pick(97), status: 'rejected' as const, days: 6 },
  ];
  const sms: (typeof smsMessages.$inferInsert)[] = [];
  let smsSeq = 0;
  const text = (title: string, body: string) => `${title}\n${body}\n${SIGNATURE}`;
  /** A message as the outbox keeps it after its life so far: sent and delivered, sent, failed, or waiting a retry. */
  const addSms = (m: { mobile: string; text: string; kind: string; refType?: string; refId?: string; at: Date; fate: 'delivered' | 'sent' | 'failed' | 'refused' | 'retrying' }) => {
    const n = ++smsSeq;
    const parts = Math.ceil(m.text.length / 67) || 1;
    const ids = m.fate === 'failed' || m.fate === 'retrying' ? [] : Array.from({ length: parts }, (_, p) => `9${String(740_000 + n * 10 + p)}`);
    const sentAt = ids.length ? new Date(m.at.getTime() + 4_000) : null;
    const receipts: SmsReceipts = {};
    if (m.fate === 'delivered') for (const id of ids) receipts[id] = { stat: 'DELIVRD', at: new Date(m.at.getTime() + 25_000).toISOString() };
    if (m.fate === 'refused') for (const id of ids) receipts[id] = { stat: 'UNDELIV', err: '001', at: new Date(m.at.getTime() + 60_000).toISOString() };
    sms.push({
      provinceId: PROVINCE,
      mobile: m.mobile,
      text: m.text,
      kind: m.kind,
      refType: m.refType ?? null,
      refId: m.refId ?? null,
      status: m.fate === 'refused' ? 'failed' : m.fate === 'retrying' ? 'queued' : m.fate,
      attempts: m.fate === 'failed' ? 8 : m.fate === 'retrying' ? 2 : 1,
      nextAttemptAt: m.fate === 'retrying' ? new Date(now.getTime() + 4 * 60_000) : m.at,
      lastError:
        m.fate === 'failed' ? 'centre unreachable: connect ECONNREFUSED (8 attempts)'
        : m.fate === 'refused' ? 'receipt UNDELIV err:001 (the number is switched off or out of service)'
        : m.fate === 'retrying' ? 'throttled by the centre: ESME_RTHROTTLED'
        : null,
      provider: m.fate === 'retrying' || m.fate === 'failed' ? null : 'smpp',
      parts: ids.length ? parts : null,
      providerMessageIds: ids,
      receipts,
      dedupeKey: `demo:sms:${n}`,
      queuedAt: m.at,
      sentAt,
      deliveredAt: m.fate === 'delivered' ? new Date(m.at.getTime() + 25_000) : null,
      updatedAt: m.at,
    });
  };

  for (const [i, c] of claimPlans.entries()) {
    const created = daysAgo(c.days, 9 + i);
    const [user] = await tx
      .insert(users)
      .values({ username: c.mobile, fullName: c.fullName, role: 'producer', mobile: c.mobile, provinceId: PROVINCE, unitId: c.status === 'approved' ? c.unit!.id : null, passwordHash, createdAt: created, updatedAt: created })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) continue;
    const proposed = c.unit
      ? null
      : { name: 'کارگاه لبنیات سنتی کهک', nationalId: makeLegalId('1410000321'), sectorCode: '10', countyId: 'kahak', employees: 6, capacityUtilization: 45, status: 'active', address: 'کهک، بلوار امام، کوچهٔ ۷' };
    const decided = c.status === 'pending' ? null : new Date(created.getTime() + 2 * 86_400_000);
    const note = c.status === 'rejected' ? 'آگهی روزنامهٔ رسمی دربارهٔ مدیرعاملی متقاضی پیوست نشده است؛ با مدارک کامل دوباره درخواست دهید.' : null;
    const [claim] = await tx
      .insert(unitClaims)
      .values({ provinceId: PROVINCE, userId: user.id, unitId: c.unit?.id ?? null, proposedUnit: proposed, status: c.status, note, decidedBy: decided ? (secretariat?.id ?? null) : null, decidedAt: decided, version: decided ? 2 : 1, createdAt: created, updatedAt: decided ?? created })
      .returning({ id: unitClaims.id });
    const unitName = c.unit?.name ?? proposed!.name;
    addSms({ mobile: c.mobile, text: `کد ثبت‌نام شما: ${String(rnd.int(100_000, 999_999))}\nاین کد تا ۵ دقیقه معتبر است؛ آن را به کسی ندهید.\n${SIGNATURE}`, kind: 'otp.register', refType: 'otp', at: new Date(created.getTime() - 120_000), fate: 'delivered' });
    addSms({ mobile: c.mobile, text: `درخواست نمایندگی واحد «${unitName}» ثبت شد و پس از بررسی دبیرخانه نتیجه پیامک می‌شود.\n${SIGNATURE}`, kind: 'unit_claim.created', refType: 'unit_claim', refId: claim!.id, at: created, fate: i === 1 ? 'retrying' : 'delivered' });
    if (c.status === 'approved')
      addSms({ mobile: c.mobile, text: text('درخواست شما تأیید شد', `درخواست نمایندگی واحد «${unitName}» تأیید شد؛ اکنون می‌توانید پروندهٔ واحد را در سامانه ببینید.`), kind: 'unit_claim.approved', refType: 'unit_claim', refId: claim!.id, at: decided!, fate: 'delivered' });
    if (c.status === 'rejected')
      addSms({ mobile: c.mobile, text: text('درخواست شما رد شد', `درخواست نمایندگی واحد «${unitName}» رد شد. دلیل: ${note}`), kind: 'unit_claim.rejected', refType: 'unit_claim', refId: claim!.id, at: decided!, fate: 'sent' });
  }

  // what the demo producer's phone has received about their demands, and two numbers the centre could not reach
  if (producer?.mobile && producerUnitId) {
    const own = await tx.select({ id: demands.id, code: demands.code, title: demands.title, status: demands.status, resolvedAt: demands.resolvedAt }).from(demands).where(eq(demands.unitId, producerUnitId)).orderBy(asc(demands.createdAt));
    for (const d of own) {
      if (d.status === 'resolved' && d.resolvedAt)
        addSms({ mobile: producer.mobile, text: text(`مطالبهٔ ${isolateLtr(d.code)} شما رفع‌شده اعلام شد`, `${d.title}\nلطفاً در سامانه به رسیدگی آن امتیاز دهید.`), kind: 'notification', refType: 'demand', refId: d.id, at: d.resolvedAt, fate: 'delivered' });
      if (d.status === 'in_progress')
        addSms({ mobile: producer.mobile, text: text(`پاسخ تازه به مطالبهٔ ${isolateLtr(d.code)}`, 'شرکت توزیع نیروی برق: درخواست افزایش قدرت انشعاب در نوبت بررسی کمیتهٔ فنی است.'), kind: 'notification', refType: 'demand', refId: d.id, at: daysAgo(5, 11), fate: 'sent' });
    }
  }
  addSms({ mobile: '09129990099', text: text('مهلت مطالبه تغییر کرد', 'مهلت تازه: ۱۴۰۵/۰۹/۲۰'), kind: 'notification', at: daysAgo(3, 14), fate: 'refused' });
  addSms({ mobile: '09129990098', text: `کد ورود شما: ${String(rnd.int(100_000, 999_999))}\nاین کد تا ۵ دقیقه معتبر است؛ آن را به کسی ندهید.\n${SIGNATURE}`, kind: 'otp.login', refType: 'otp', at: daysAgo(4, 8), fate: 'failed' });
  if (sms.length) await tx.insert(smsMessages).values(sms);

  const result = { feedback: feedbackRows.length, attachments: files.length, claims: claimPlans.length, sms: sms.length };
  await recordSeed(tx, now, PROVINCE, 'demo.voice', result);
  return result;
}
