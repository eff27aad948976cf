/**
 * Working-group sessions: numbered afresh each fiscal year, with attendees, an ordered agenda (items can be
 * carried over to the next planned session) and the resolutions recorded at them.
 */
import { randomBytes } from 'node:crypto';
import { type ServiceContext, msg, todayOf } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { assertVersion, isUniqueViolation, type ExpectedVersion } from '../../db/concurrency.js';
import { AppError, type FieldError } from '../../../shared/errors.js';
import { fiscalYearOf, isIsoDate } from '../../../shared/jalali.js';
import { toPersianDigits } from '../../../shared/text.js';
import type {
  AgendaCandidate,
  AgendaCandidates,
  AgendaItem,
  AttendeeInput,
  CreateAgendaItemInput,
  CreateSessionInput,
  ListSessionsQuery,
  PatchAgendaItemInput,
  PatchSessionInput,
  SessionDetail,
} from '../../../shared/contracts/sessions.js';
import { recordAudit } from '../audit/audit.service.js';
import { escalatedDemandCandidates } from '../demands/demands.service.js';
import { referralReminderCandidates } from '../referrals/referrals.service.js';
import { objectionWindowDays, resolutionsOfSession } from '../resolutions/resolutions.service.js';
import { embeddedFontUrl, findMinutesFont, renderMinutesHtml, renderMinutesPdf } from './sessions.minutes.js';
import {
  agendaRefsOf,
  countKnownAgencies,
  findAgendaItem,
  findAttendees,
  findCarryOverTarget,
  findSession,
  findSessionAgenda,
  findSessions,
  findProvinceName,
  insertAgendaItem,
  insertSession,
  lockAgendaItem,
  lockAgendaItems,
  lockSessionRow,
  lockSessionVersion,
  nextAgendaPosition,
  nextSessionNumber,
  replaceAttendees,
  sessionAgendaRefs,
  touchSession,
  updateAgendaItemRow,
  updateSessionRow,
  type AgendaItemChanges,
  type SessionChanges,
} from './sessions.repo.js';


function provinceOf(ctx: ServiceContext): string {
  const provinceId = ctx.actor.provinceId;
  if (!provinceId || !['admin', 'secretariat', 'executive'].includes(ctx.actor.role)) throw new AppError('record.not_found');
  return provinceId;
}

function writerProvince(ctx: ServiceContext): string {
  if (!['admin', 'secretariat'].includes(ctx.actor.role)) throw new AppError('auth.forbidden');
  return provinceOf(ctx);
}

export async function listSessions(ctx: ServiceContext, q: ListSessionsQuery) {
  const { items, total } = await findSessions(ctx.db, provinceOf(ctx), q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

async function loadDetail(db: DbOrTx, ctx: ServiceContext, provinceId: string, id: string): Promise<SessionDetail | undefined> {
  const session = await findSession(db, provinceId, id);
  if (!session) return undefined;
  const [attendees, agenda, resolutions] = await Promise.all([
    findAttendees(db, id),
    findSessionAgenda(db, id),
    resolutionsOfSession(ctx, db, provinceId, id),
  ]);
  return { ...session, attendees, agenda, resolutions };
}

export async function getSession(ctx: ServiceContext, id: string): Promise<SessionDetail> {
  const detail = await loadDetail(ctx.db, ctx, provinceOf(ctx), id);
  if (!detail) throw new AppError('record.not_found');
  return detail;
}

async function checkAttendees(db: DbOrTx, ctx: ServiceContext, list: AttendeeInput[]): Promise<void> {
  const ids = [...new Set(list.map((a) => a.agencyId).filter((a): a is string => !!a))];
  if (!ids.length) return;
  const known = await countKnownAgencies(db, ids);
  const errors: FieldError[] = [];
  list.forEach((a, i) => {
    if (a.agencyId && !known.includes(a.agencyId)) errors.push({ path: `attendees.${i}.agencyId`, message: msg(ctx, 'دستگاه ناشناخته است', 'Unknown agency') });
  });
  if (errors.length) throw new AppError('validation.failed', { errors });
}

export async function createSession(ctx: ServiceContext, input: CreateSessionInput): Promise<SessionDetail> {
  const provinceId = writerProvince(ctx);
  if (!isIsoDate(input.heldOn)) throw new AppError('validation.failed', { errors: [{ path: 'heldOn', message: msg(ctx, 'تاریخ معتبر نیست', 'Not a calendar date') }] });
  const fiscalYear = fiscalYearOf(input.heldOn);
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction(async (tx) => {
        await checkAttendees(tx, ctx, input.attendees ?? []);
        const number = await nextSessionNumber(tx, provinceId, fiscalYear);
        const now = ctx.now();
        const id = await insertSession(tx, {
            provinceId,
            fiscalYear,
            number,
            heldOn: input.heldOn,
            title: input.title ?? null,
            chair: input.chair ?? null,
            location: input.location ?? null,
            status: 'planned',
            createdBy: ctx.actor.id,
            createdAt: now,
            updatedAt: now,
        });
        await replaceAttendees(tx, id, input.attendees ?? []);
        const after = (await loadDetail(tx, ctx, provinceId, id))!;
        await recordAudit(tx, ctx, { action: 'session.create', entityType: 'session', entityId: after.id, provinceId, after });
        return after;
      });
    } catch (e) {
      // Only reachable if something bypassed the lock (a manual insert): try again with a fresh number.
      if (isUniqueViolation(e) && attempt < 3) continue;
      throw e;
    }
  }
}

export async function updateSession(ctx: ServiceContext, id: string, input: PatchSessionInput, expected: ExpectedVersion): Promise<SessionDetail> {
  const provinceId = writerProvince(ctx);
  return ctx.db.transaction(async (tx) => {
    const locked = await lockSessionVersion(tx, provinceId, id);
    if (!locked) throw new AppError('record.not_found');
    const before = (await loadDetail(tx, ctx, provinceId, id))!;
    assertVersion(locked.version, expected, before);
    if (input.heldOn !== undefined) {
      if (!isIsoDate(input.heldOn)) throw new AppError('validation.failed', { errors: [{ path: 'heldOn', message: msg(ctx, 'تاریخ معتبر نیست', 'Not a calendar date') }] });
      if (fiscalYearOf(input.heldOn) !== locked.fiscalYear) throw new AppError('session.fiscal_year_fixed', { errors: [{ path: 'heldOn', message: msg(ctx, 'سال مالی جلسه تغییر نمی‌کند', "The session's fiscal year cannot change") }] });
    }
    const heldOn = input.heldOn ?? before.heldOn;
    if ((input.status ?? before.status) === 'held' && heldOn > todayOf(ctx)) {
      throw new AppError('session.held_in_future', {
        errors: [{ path: input.status === 'held' ? 'status' : 'heldOn', message: msg(ctx, 'تاریخ جلسه هنوز نرسیده است', "The session's date has not come yet") }],
      });
    }
    if (input.attendees) {
      await checkAttendees(tx, ctx, input.attendees);
      await replaceAttendees(tx, id, input.attendees);
    }
    const set: SessionChanges = { version: locked.version + 1, updatedAt: ctx.now() };
    if (input.heldOn !== undefined) set.heldOn = input.heldOn;
    if (input.title !== undefined) set.title = input.title;
    if (input.chair !== undefined) set.chair = input.chair;
    if (input.location !== undefined) set.location = input.location;
    if (input.status !== undefined) set.status = input.status;
    await updateSessionRow(tx, id, set);
    const after = (await loadDetail(tx, ctx, provinceId, id))!;
    const action = input.status && input.status !== before.status ? `session.${input.status}` : 'session.update';
    await recordAudit(tx, ctx, { action, entityType: 'session', entityId: id, provinceId, before, after });
    return after;
  });
}

// ── Agenda ─────────────────────────────────────────────────────────────────

/** The unit, demand and referral of an item must be the province's, and agree with each other. */
async function resolveAgendaRefs(tx: DbOrTx, ctx: ServiceContext, provinceId: string, input: CreateAgendaItemInput) {
  const errors: FieldError[] = [];
  let unitId = input.unitId ?? null;
  const demandId = input.demandId ?? null;
  const referralId = input.referralId ?? null;
  if (demandId) {
    const d = await agendaRefsOf.demand(tx, provinceId, demandId);
    if (!d) errors.push({ path: 'demandId', message: msg(ctx, 'مطالبه پیدا نشد', 'No such demand') });
    else if (unitId && unitId !== d.unitId) errors.push({ path: 'demandId', message: msg(ctx, 'این مطالبه از آنِ واحد انتخاب‌شده نیست', 'The demand is not about this unit') });
    else unitId = d.unitId;
  }
  if (referralId) {
    const r = await agendaRefsOf.referral(tx, provinceId, referralId);
    if (!r) errors.push({ path: 'referralId', message: msg(ctx, 'معرفی به بانک پیدا نشد', 'No such referral') });
    else if (unitId && unitId !== r.unitId) errors.push({ path: 'referralId', message: msg(ctx, 'این معرفی از آنِ واحد انتخاب‌شده نیست', 'The referral is not about this unit') });
    else unitId = r.unitId;
  }
  if (unitId && !errors.length) {
    const u = await agendaRefsOf.unit(tx, provinceId, unitId);
    if (!u) errors.push({ path: 'unitId', message: msg(ctx, 'واحد صنعتی پیدا نشد', 'No such unit') });
  }
  if (errors.length) throw new AppError('validation.failed', { errors });
  return { unitId, demandId, referralId };
}

async function lockSession(tx: DbOrTx, provinceId: string, id: string) {
  const s = await lockSessionRow(tx, provinceId, id);
  if (!s) throw new AppError('record.not_found');
  return s;
}

async function findItem(tx: DbOrTx, sessionId: string, itemId: string): Promise<AgendaItem | undefined> {
  return findAgendaItem(tx, sessionId, itemId);
}

export async function addAgendaItem(ctx: ServiceContext, sessionId: string, input: CreateAgendaItemInput): Promise<AgendaItem> {
  const provinceId = writerProvince(ctx);
  return ctx.db.transaction(async (tx) => {
    await lockSession(tx, provinceId, sessionId);
    const refs = await resolveAgendaRefs(tx, ctx, provinceId, input);
    const position = await nextAgendaPosition(tx, sessionId);
    const now = ctx.now();
    const id = await insertAgendaItem(tx, { provinceId, sessionId, position, ...refs, subject: input.subject, status: 'pending', createdBy: ctx.actor.id, createdAt: now, updatedAt: now });
    await touchSession(tx, sessionId, now);
    const after = (await findItem(tx, sessionId, id))!;
    await recordAudit(tx, ctx, { action: 'agenda_item.create', entityType: 'agenda_item', entityId: after.id, provinceId, after });
    return after;
  });
}

/** Moves an item to `position` (1-based) and renumbers the agenda 1..n; or changes its subject or status. */
export async function updateAgendaItem(ctx: ServiceContext, sessionId: string, itemId: string, input: PatchAgendaItemInput, expected: ExpectedVersion): Promise<SessionDetail> {
  const provinceId = writerProvince(ctx);
  return ctx.db.transaction(async (tx) => {
    await lockSession(tx, provinceId, sessionId);
    const items = await lockAgendaItems(tx, sessionId);
    const current = items.find((i) => i.id === itemId);
    if (!current) throw new AppError('record.not_found');
    const before = (await findItem(tx, sessionId, itemId))!;
    assertVersion(current.version, expected, before);
    if (input.status && current.status === 'carried_over') throw new AppError('agenda.cannot_carry_over');
    const now = ctx.now();
    if (input.position !== undefined) {
      const order = items.filter((i) => i.id !== itemId);
      order.splice(Math.min(input.position, items.length) - 1, 0, current);
      // two passes so a deferred-free unique ordering is never needed: positions are not unique anyway
      for (const [i, it] of order.entries()) {
        await updateAgendaItemRow(tx, it.id, { position: i + 1 });
      }
    }
    const set: AgendaItemChanges = { version: current.version + 1, updatedAt: now };
    if (input.subject !== undefined) set.subject = input.subject;
    if (input.status !== undefined) set.status = input.status;
    await updateAgendaItemRow(tx, itemId, set);
    await touchSession(tx, sessionId, now);
    const after = (await findItem(tx, sessionId, itemId))!;
    await recordAudit(tx, ctx, { action: input.position !== undefined ? 'agenda_item.move' : 'agenda_item.update', entityType: 'agenda_item', entityId: itemId, provinceId, before, after });
    return (await loadDetail(tx, ctx, provinceId, sessionId))!;
  });
}

/**
 * Carries an item not settled at this session over to another (default: the next planned session after
 * this one): the item is marked carried over and a new pending item, pointing back to it, ends that agenda.
 */
export async function carryOverAgendaItem(ctx: ServiceContext, sessionId: string, itemId: string, toSessionId: string | undefined, expected: ExpectedVersion | null): Promise<AgendaItem> {
  const provinceId = writerProvince(ctx);
  return ctx.db.transaction(async (tx) => {
    const source = await lockSession(tx, provinceId, sessionId);
    const item = await lockAgendaItem(tx, sessionId, itemId);
    if (!item) throw new AppError('record.not_found');
    const before = (await findItem(tx, sessionId, itemId))!;
    if (expected) assertVersion(item.version, expected, before);
    if (item.status === 'carried_over') throw new AppError('agenda.cannot_carry_over');
    const target = await findCarryOverTarget(tx, provinceId, source, toSessionId);
    if (!target || target.status !== 'planned') throw new AppError('agenda.cannot_carry_over');
    const now = ctx.now();
    await updateAgendaItemRow(tx, itemId, { status: 'carried_over', version: item.version + 1, updatedAt: now });
    const id = await insertAgendaItem(tx, {
        provinceId,
        sessionId: target.id,
        position: await nextAgendaPosition(tx, target.id),
        unitId: item.unitId,
        demandId: item.demandId,
        referralId: item.referralId,
        subject: item.subject,
        carriedFromItemId: item.id,
        status: 'pending',
        createdBy: ctx.actor.id,
        createdAt: now,
        updatedAt: now,
    });
    const after = (await findItem(tx, target.id, id))!;
    await recordAudit(tx, ctx, { action: 'agenda_item.carry_over', entityType: 'agenda_item', entityId: itemId, provinceId, before, after: { ...before, status: 'carried_over', carriedToSessionId: target.id } });
    await recordAudit(tx, ctx, { action: 'agenda_item.create', entityType: 'agenda_item', entityId: after.id, provinceId, after });
    return after;
  });
}

// ── Candidates for the agenda ──────────────────────────────────────────────

/**
 * What the working group could take up: escalated demands (from the demands capability) and overdue
 * referrals (from the referrals capability), each marked when already on this session's agenda.
 */
export async function agendaCandidates(ctx: ServiceContext, sessionId: string): Promise<AgendaCandidates> {
  const provinceId = writerProvince(ctx);
  const session = await findSession(ctx.db, provinceId, sessionId);
  if (!session) throw new AppError('record.not_found');
  const onAgenda = await sessionAgendaRefs(ctx.db, sessionId);
  const demandIds = new Set(onAgenda.map((a) => a.demandId).filter(Boolean));
  const referralIds = new Set(onAgenda.map((a) => a.referralId).filter(Boolean));
  const en = ctx.lang === 'en';
  const [escalated, overdue] = await Promise.all([escalatedDemandCandidates(ctx), referralReminderCandidates(ctx)]);
  const items: AgendaCandidate[] = [
    ...escalated.map((d) => ({
      kind: 'demand' as const,
      refId: d.demandId,
      code: d.code,
      unitId: d.unitId,
      unitName: d.unitName,
      agencyId: d.agencyId,
      agencyName: d.agencyName,
      subject: d.subject,
      reason: en ? `Escalated to the working group${d.overdue ? ', overdue' : ''}` : `ارجاع به کارگروه${d.overdue ? '؛ معوق' : ''}`,
      since: d.escalatedAt,
      dueDate: d.dueDate,
      onAgenda: demandIds.has(d.demandId),
    })),
    ...overdue.map((r) => ({
      kind: 'referral' as const,
      refId: r.referralId,
      code: r.code,
      unitId: r.unitId,
      unitName: r.unitName,
      agencyId: r.agencyId,
      agencyName: null,
      subject: en
        ? `Stalled bank referral ${r.code} of ${r.unitName} at ${r.bankName}`
        : `معرفی ${r.code} واحد ${r.unitName} به ${r.bankName} که ${r.kind === 'receipt_overdue' ? 'وصول آن اعلام نشده' : 'بانک در مهلت دربارهٔ آن تصمیم نگرفته'} است`,
      reason: en
        ? `${r.kind === 'receipt_overdue' ? 'Receipt' : 'Decision'} overdue by ${r.daysOverdue} days`
        : `${r.kind === 'receipt_overdue' ? 'وصول' : 'تصمیم بانک'} ${toPersianDigits(r.daysOverdue)} روز معوق`,
      since: null,
      dueDate: r.dueDate,
      onAgenda: referralIds.has(r.referralId),
    })),
  ];
  return { items, sources: { demands: true, referrals: true } };
}

/** The font printed pages embed (the minutes here; the statistics' print view too). */
export { findMinutesFont } from './sessions.minutes.js';

// ── Minutes ────────────────────────────────────────────────────────────────

export interface MinutesDocument {
  contentType: string;
  body: string | Buffer;
  fileName: string;
  /** the nonce the HTML's print button runs under (the route puts it in the page's CSP) */
  scriptNonce?: string;
}

/** The session's minutes (صورتجلسه) as printable HTML, or as PDF printed by Chromium. */
export async function sessionMinutes(ctx: ServiceContext, id: string, format: 'html' | 'pdf', webDir: string): Promise<MinutesDocument> {
  const provinceId = provinceOf(ctx);
  const detail = await loadDetail(ctx.db, ctx, provinceId, id);
  if (!detail) throw new AppError('record.not_found');
  const provinceName = await findProvinceName(ctx.db, provinceId);
  const font = findMinutesFont(webDir);
  const base = {
    provinceName: provinceName ?? provinceId,
    printedAt: ctx.now(),
    objectionWindowDays: await objectionWindowDays(ctx.db, provinceId),
  };
  const fileName = `minutes-${detail.fiscalYear}-${String(detail.number).padStart(2, '0')}`;
  if (format === 'pdf') {
    const html = renderMinutesHtml(detail, { ...base, fontUrl: embeddedFontUrl(font) });
    return { contentType: 'application/pdf', body: await renderMinutesPdf(html), fileName: `${fileName}.pdf` };
  }
  const scriptNonce = randomBytes(12).toString('base64');
  return { contentType: 'text/html; charset=utf-8', body: renderMinutesHtml(detail, { ...base, fontUrl: font?.url ?? null, scriptNonce }), fileName: `${fileName}.html`, scriptNonce };
}
