/**
 * Producers' demands: registered from a visit or directly, assigned to a responsible agency, followed
 * up until resolved (or found unresolvable), escalated to the working group when an agency cannot
 * remove the obstacle alone. Every change is one transaction: the locked row, its version, the
 * shared state machine (with the caller's role), the event row, the notifications and the audit entry.
 *
 * Scope: the secretariat, executives and admin see the province; an agency only the demands assigned
 * to it; a producer only their own unit's. Anything else answers 404.
 */
import { provinceScopeOf } from '../../access/scope.js';
import { hasResolutionsAboutSql, resolutionsAboutDemand } from '../resolutions/resolutions.service.js';
import { type ServiceContext, actorFields, msg, todayOf } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import type { ForeignProbes } from '../../db/page-probes.js';
import { assertVersion, type ExpectedVersion } from '../../db/concurrency.js';
import { assertRequired, assertTransition } from '../../domain/transition.js';
import { formatTrackingCode, nextTrackingNumber } from '../../db/tracking-code.js';
import { AppError } from '../../../shared/errors.js';
import { addDays, fiscalYearOf, formatJalali, type IsoDate } from '../../../shared/jalali.js';
import { statusLabel } from '../../../shared/labels.js';
import { demandMachine, type DemandStatus } from '../../../shared/machines.js';
import { allowedTransitions } from '../../../shared/state-machine.js';
import type {
  CreateDemandInput,
  Demand,
  DemandDetail,
  DemandEvent,
  DemandTransitionInput,
  ListDemandsQuery,
  PatchDemandInput,
} from '../../../shared/contracts/demands.js';
import type { z } from 'zod';
import type { visitDemandSchema } from '../../../shared/contracts/visits.js';
import type { ContributedTimelineEntry } from '../../../shared/contracts/units.js';
import { isolateLtr, searchKey } from '../../../shared/text.js';
import { recordAudit } from '../audit/audit.service.js';
import { getUnit } from '../units/units.service.js';
import { notify, targetKey, type NotificationInput } from '../notifications/notifications.service.js';
import { hasAttachmentsSql, listAttachments, toFileAttachment } from '../files/files.service.js';
import {
  findAgencyName,
  findDemand,
  findDemandPage,
  findDemands,
  findDemandsOfUnit,
  findDemandsOfVisit,
  findEscalatedDemands,
  findEvents,
  findFeedback,
  findFollowups,
  findObstacleCategory,
  findOpenDemandsOfUnits,
  findVisitUnitId,
  insertDemand,
  insertDemandEvent,
  insertDemandFollowup,
  isOpenStatus,
  toDemand,
  updateDemandRow,
  type DemandChanges,
  type DemandChildren,
  type DemandScope,
  type DemandPage,
} from './demands.repo.js';

const TRACKING_KIND = 'demand';
const TRACKING_PREFIX = 'D';

export const demandScopeOf: (ctx: ServiceContext) => DemandScope = provinceScopeOf;

const isStaff = (ctx: ServiceContext) => ctx.actor.role === 'secretariat' || ctx.actor.role === 'admin';

export async function listDemands(ctx: ServiceContext, q: ListDemandsQuery) {
  const { items, total } = await findDemands(ctx.db, demandScopeOf(ctx), q, todayOf(ctx));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** The probes for the demand's documents and the resolutions about it, read with the demand (`findDemandPage`). */
const pageProbes: ForeignProbes = (id) => ({ files: hasAttachmentsSql('demand', id), resolutions: hasResolutionsAboutSql('demand', id) });

/** A demand with its trail, attachments and rating, read in a scope; undefined outside it. */
export async function detailOf(db: DbOrTx, scope: DemandScope, id: string, today: IsoDate): Promise<DemandDetail | undefined> {
  const found = await findDemandPage(db, scope, id, today, pageProbes);
  return found && detailFrom(db, found.demand, found.children, found.history);
}

/**
 * The lists beside a demand on its page: its history as its own statement read it (`history`); an empty list (as that
 * statement saw it) costs no statement.
 */
export async function detailFrom(db: DbOrTx, demand: Demand, children: DemandChildren, history: DemandEvent[]): Promise<DemandDetail> {
  const id = demand.id;
  const [followups, attachments, feedback] = await Promise.all([
    children.followups ? findFollowups(db, [id]) : [],
    children.files ? listAttachments(db, 'demand', id) : [],
    children.feedback ? findFeedback(db, id) : null,
  ]);
  return {
    ...demand,
    followups: followups.map(({ demandId: _d, ...f }) => f),
    history,
    attachments: attachments.map(toFileAttachment),
    feedback,
  };
}

/** The demand in the caller's scope (as GET /demands/:id reads it); record.not_found outside it. */
export async function requireDemand(ctx: ServiceContext, id: string): Promise<Demand> {
  const d = await findDemand(ctx.db, demandScopeOf(ctx), id, todayOf(ctx));
  if (!d) throw new AppError('record.not_found');
  return d;
}

export async function getDemand(ctx: ServiceContext, id: string): Promise<DemandDetail> {
  const found = await findDemandPage(ctx.db, demandScopeOf(ctx), id, todayOf(ctx), pageProbes);
  if (!found) throw new AppError('record.not_found');
  // the resolutions about it (in the caller's own scope) beside its other lists, when there are any
  const [d, related] = await Promise.all([detailFrom(ctx.db, found.demand, found.children, found.history), found.children.resolutions ? resolutionsAboutDemand(ctx, id) : []]);
  const resolutions = related.map((r) => ({ id: r.id, code: r.code, text: r.text, status: r.status, dueDate: r.dueDate }));
  return { ...d, resolutions, allowedTransitions: allowedTransitions(demandMachine, d.status, ctx.actor.role) };
}

async function checkCategory(ctx: ServiceContext, db: DbOrTx, code: string) {
  const category = await findObstacleCategory(db, code);
  if (!category) throw new AppError('validation.failed', { errors: [{ path: 'categoryCode', message: msg(ctx, 'دستهٔ مانع ناشناخته است', 'Unknown obstacle category') }] });
  return category;
}

async function checkAgency(ctx: ServiceContext, db: DbOrTx, agencyId: string, path = 'agencyId') {
  const agency = await findAgencyName(db, agencyId);
  if (!agency) throw new AppError('validation.failed', { errors: [{ path, message: msg(ctx, 'دستگاه اجرایی ناشناخته است', 'Unknown agency') }] });
  return agency;
}

/**
 * Who hears about a change, in the same transaction (deduplicated by event and target). What is addressed to the
 * unit reaches its producers in the app and, through the SMS channel, on their mobiles: so those texts are short,
 * say what happened first, and keep the tracking code in a left-to-right isolate.
 */
function eventNotifications(d: Demand, eventId: number, to: DemandStatus, from: DemandStatus | null, note: string | null | undefined, agencyChanged: boolean): NotificationInput[] {
  const base = { provinceId: d.provinceId, refType: 'demand', refId: d.id };
  const head = `${d.code} — ${d.title}`;
  const code = isolateLtr(d.code);
  const out: NotificationInput[] = [];
  const add = (target: NotificationInput['target'], kind: string, title: string, body: string) =>
    out.push({ ...base, target, kind, title, body, dedupeKey: `demand:${d.id}:event:${eventId}:${kind}:${targetKey(target)}` });
  const due = `مهلت: ${formatJalali(d.dueDate)}`;
  if (d.agencyId && (to === 'assigned' || agencyChanged))
    add({ agencyId: d.agencyId }, 'demand.assigned', `مطالبهٔ جدید به دستگاه شما ارجاع شد: ${d.code}`, `${head}\nواحد: ${d.unitName}\n${due}`);
  if (from === null && to === 'registered')
    add({ role: 'secretariat' }, 'demand.registered', `مطالبهٔ تازه برای ارجاع: ${d.code}`, `${head}\nواحد: ${d.unitName}`);
  if (to === 'escalated') {
    add({ role: 'secretariat' }, 'demand.escalated', `درخواست طرح در کارگروه: ${d.code}`, `${head}\nدستگاه: ${d.agencyName ?? '—'}${note ? `\n${note}` : ''}`);
    add({ unitId: d.unitId }, 'demand.escalated', `مطالبهٔ ${code} شما برای طرح در کارگروه استان ارجاع شد`, `${d.title}${d.agencyName ? `\nدستگاه: ${d.agencyName}` : ''}`);
  }
  if (to === 'resolved' || to === 'unresolvable')
    add(
      { unitId: d.unitId },
      `demand.${to}`,
      `مطالبهٔ ${code} شما ${statusLabel('demand', to)} اعلام شد`,
      `${d.title}${note ? `\n${note}` : ''}${to === 'resolved' ? '\nلطفاً در سامانه به رسیدگی آن امتیاز دهید.' : ''}`,
    );
  if (to === 'in_progress' && (from === 'resolved' || from === 'unresolvable' || from === 'escalated') && d.agencyId)
    add({ agencyId: d.agencyId }, from === 'escalated' ? 'demand.returned' : 'demand.reopened', `مطالبه دوباره به جریان افتاد: ${d.code}`, `${head}${note ? `\n${note}` : ''}\n${due}`);
  return out;
}

/** A new deadline for an open demand: the producer and the responsible agency hear of it (keyed by the new version). */
function dueDateNotifications(d: Demand, previous: string, version: number): NotificationInput[] {
  const targets: NotificationInput['target'][] = [{ unitId: d.unitId }, ...(d.agencyId ? [{ agencyId: d.agencyId }] : [])];
  return targets.map((target) => ({
    provinceId: d.provinceId,
    target,
    kind: 'demand.due_changed',
    title: `مهلت مطالبهٔ ${isolateLtr(d.code)} تغییر کرد`,
    body: `${d.title}\nمهلت تازه: ${formatJalali(d.dueDate)} (پیش‌تر ${formatJalali(previous)})`,
    refType: 'demand',
    refId: d.id,
    dedupeKey: `demand:${d.id}:v${version}:due_changed:${targetKey(target)}`,
  }));
}

export async function createDemand(ctx: ServiceContext, input: CreateDemandInput): Promise<DemandDetail> {
  const scope = demandScopeOf(ctx);
  if (!['admin', 'secretariat', 'producer'].includes(ctx.actor.role)) throw new AppError('auth.forbidden');
  const unit = await getUnit(ctx, input.unitId); // 404 outside the province, or another producer's unit
  const today = todayOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const [checked] = await checkDemandInputs(ctx, tx, [input]);
    if (input.visitId) {
      const visitUnitId = await findVisitUnitId(tx, scope.provinceId, input.visitId);
      if (visitUnitId !== unit.id) {
        throw new AppError('validation.failed', { errors: [{ path: 'visitId', message: msg(ctx, 'این بازدید مربوط به همین واحد نیست', 'The visit is not of this unit') }] });
      }
    }
    const id = await writeDemand(ctx, tx, { provinceId: scope.provinceId, unitId: unit.id, visitId: input.visitId ?? null }, input, checked!);
    const after = (await detailOf(tx, { provinceId: scope.provinceId }, id, today))!;
    return ctx.actor.role === 'producer' ? (await detailOf(tx, scope, id, today))! : after;
  });
}

/** The demand fields checked against the reference lists: the category (with its deadline) and the agency, if any. */
interface CheckedDemand {
  categoryCode: string;
  deadlineDays: number;
  agencyId: string | null;
}

type DemandFields = Omit<CreateDemandInput, 'unitId' | 'visitId'>;

/**
 * Checks each demand's category and agency, all of them before anything is written; the errors name the item
 * (`demands.1.categoryCode` when a prefix is given). A producer files a demand; the secretariat chooses its agency.
 */
async function checkDemandInputs(ctx: ServiceContext, db: DbOrTx, inputs: DemandFields[], pathPrefix = ''): Promise<CheckedDemand[]> {
  const errors: { path: string; message: string }[] = [];
  const checked: CheckedDemand[] = [];
  for (const [i, input] of inputs.entries()) {
    const at = (field: string) => (pathPrefix ? `${pathPrefix}.${i}.${field}` : field);
    const category = await findObstacleCategory(db, input.categoryCode);
    if (!category) errors.push({ path: at('categoryCode'), message: msg(ctx, 'دستهٔ مانع ناشناخته است', 'Unknown obstacle category') });
    const agencyId = ctx.actor.role === 'producer' ? null : (input.agencyId ?? null);
    if (agencyId && !(await findAgencyName(db, agencyId))) errors.push({ path: at('agencyId'), message: msg(ctx, 'دستگاه اجرایی ناشناخته است', 'Unknown agency') });
    checked.push({ categoryCode: category?.code ?? input.categoryCode, deadlineDays: category?.deadlineDays ?? 0, agencyId });
  }
  if (errors.length) throw new AppError('validation.failed', { errors });
  return checked;
}

/** Writes one demand, its first event, its notifications and its audit entry, in the caller's transaction. */
async function writeDemand(
  ctx: ServiceContext,
  tx: DbOrTx,
  where: { provinceId: string; unitId: string; visitId: string | null },
  input: DemandFields,
  checked: CheckedDemand,
): Promise<string> {
  const today = todayOf(ctx);
  const fiscalYear = fiscalYearOf(today);
  const code = formatTrackingCode(TRACKING_PREFIX, fiscalYear, await nextTrackingNumber(tx, TRACKING_KIND, where.provinceId, fiscalYear));
  const agencyId = checked.agencyId;
  const status: DemandStatus = agencyId ? 'assigned' : 'registered';
  const id = await insertDemand(tx, {
    provinceId: where.provinceId,
    code,
    unitId: where.unitId,
    visitId: where.visitId,
    categoryCode: checked.categoryCode,
    title: input.title,
    titleKey: searchKey(input.title),
    description: input.description,
    agencyId,
    priority: input.priority,
    dueDate: input.dueDate ?? addDays(today, checked.deadlineDays),
    status,
    createdBy: ctx.actor.id,
    createdAt: ctx.now(),
    updatedAt: ctx.now(),
  });
  const eventId = await insertDemandEvent(tx, { demandId: id, provinceId: where.provinceId, fromStatus: null, toStatus: status, agencyId, note: null, ...actorFields(ctx), at: ctx.now() });
  const after = (await detailOf(tx, { provinceId: where.provinceId }, id, today))!;
  // the secretariat hears of the demands it did not file itself
  const news = eventNotifications(after, eventId, status, null, null, false).filter((n) => n.kind !== 'demand.registered' || ctx.actor.role === 'producer');
  await notify(tx, news, ctx.now());
  await recordAudit(tx, ctx, { action: 'demand.create', entityType: 'demand', entityId: id, provinceId: where.provinceId, after: recordOnly(after) });
  return id;
}

/**
 * The demands heard on a visit, created inside the visit's own transaction (the visits service calls this with its
 * `tx`): all checked first — an unknown category or agency in any of them fails the whole visit with 422 naming
 * `demands.<i>.<field>` — then each written as `createDemand` writes it. The unit is the visit's, already in scope.
 */
export async function createVisitDemands(
  ctx: ServiceContext,
  tx: DbOrTx,
  visit: { provinceId: string; unitId: string; visitId: string },
  inputs: DemandFields[],
): Promise<string[]> {
  if (!isStaff(ctx)) throw new AppError('auth.forbidden');
  const checked = await checkDemandInputs(ctx, tx, inputs, 'demands');
  const ids: string[] = [];
  for (const [i, input] of inputs.entries()) ids.push(await writeDemand(ctx, tx, visit, input, checked[i]!));
  return ids;
}

/** Checks a visit's demands against the reference lists without writing (before its transaction starts). */
export async function checkVisitDemands(ctx: ServiceContext, inputs: DemandFields[]): Promise<void> {
  await checkDemandInputs(ctx, ctx.db, inputs, 'demands');
}

/** The open demands of these units within the caller's scope, by unit (what a field team takes along). */
export async function openDemandsOfUnits(ctx: ServiceContext, unitIds: string[], db: DbOrTx = ctx.db): Promise<Map<string, Demand[]>> {
  const out = new Map<string, Demand[]>();
  if (!unitIds.length) return out;
  const today = todayOf(ctx);
  for (const r of await findOpenDemandsOfUnits(db, demandScopeOf(ctx), unitIds)) {
    const d = toDemand(r, today);
    out.set(d.unitId, [...(out.get(d.unitId) ?? []), d]);
  }
  return out;
}

function recordOnly(d: DemandDetail | Demand): Demand {
  const { followups: _f, history: _h, attachments: _a, feedback: _r, ...rest } = d as DemandDetail;
  return rest;
}

/**
 * Locks a demand within the caller's scope (`update` to change it, `share` to add beside it) and reads it as its page
 * does, in one statement; 404 outside the scope.
 */
export async function lockDemand(tx: DbOrTx, scope: DemandScope, id: string, today: IsoDate, mode: 'update' | 'share' = 'update'): Promise<DemandPage> {
  const locked = await findDemandPage(tx, scope, id, today, pageProbes, mode);
  if (!locked) throw new AppError('record.not_found');
  return locked;
}

export async function transitionDemand(ctx: ServiceContext, id: string, input: DemandTransitionInput, expected: ExpectedVersion): Promise<DemandDetail> {
  const scope = demandScopeOf(ctx);
  const today = todayOf(ctx);
  const role = ctx.actor.role;
  return ctx.db.transaction(async (tx) => {
    // the record alone: the audit keeps it (not its history), and a stale version answers with it
    const { row, demand: before, children, history } = await lockDemand(tx, scope, id, today);
    const locked = row.demand;
    assertVersion(locked.version, expected, before);
    const from = locked.status as DemandStatus;
    const to = input.to;
    assertTransition(demandMachine, from, to, role);
    const note = input.note ?? null;
    const lang = ctx.lang ?? 'fa';
    assertRequired(demandMachine, from, to, role, { note }, { note: { code: 'demand.note_required', message: { fa: 'دلیل را بنویسید', en: 'Write the reason' } } }, lang);
    // Choosing (or changing) the agency is the secretariat's; an agency never hands a demand on itself.
    if (input.agencyId !== undefined && !isStaff(ctx)) throw new AppError('auth.forbidden');
    let agency = locked.agencyId === null ? null : { id: locked.agencyId, name: row.agencyName };
    if (input.agencyId !== undefined) agency = await checkAgency(ctx, tx, input.agencyId);
    const agencyId = agency?.id ?? null;
    assertRequired(demandMachine, from, to, role, { agencyId }, { agencyId: { code: 'demand.agency_required', message: { fa: 'دستگاه مسئول را انتخاب کنید', en: 'Choose the responsible agency' } } }, lang);
    const closing = to === 'resolved' || to === 'unresolvable';
    const written = await updateDemandRow(tx, id, {
        status: to,
        agencyId,
        ...(to === 'escalated' ? { escalatedAt: ctx.now() } : {}),
        resolvedAt: closing ? ctx.now() : null,
        version: locked.version + 1,
        updatedAt: ctx.now(),
    });
    const step = { fromStatus: from, toStatus: to, note, agencyId: agencyId !== locked.agencyId || to === 'assigned' ? agencyId : null, ...actorFields(ctx), at: ctx.now() };
    const eventId = await insertDemandEvent(tx, { demandId: id, provinceId: locked.provinceId, ...step });
    // the record as written (its unit, county and category stay; the agency is the one just checked), with its lists:
    // its history as read under the lock, and this step
    const thisStep: DemandEvent = { id: String(eventId), from, to, note, agencyId: step.agencyId, agencyName: step.agencyId ? (agency?.name ?? null) : null, actorName: step.actorName, actorRole: step.actorRole, at: step.at.toISOString() };
    const after = await detailFrom(tx, toDemand({ ...row, demand: written, agencyName: agency?.name ?? null }, today), children, [...history, thisStep]);
    await notify(tx, eventNotifications(after, eventId, to, from, note, agencyId !== locked.agencyId && to !== 'assigned'), ctx.now());
    await recordAudit(tx, ctx, {
      action: 'demand.transition',
      entityType: 'demand',
      entityId: id,
      provinceId: locked.provinceId,
      before,
      after: { ...recordOnly(after), transition: { from, to, note } },
    });
    return after;
  });
}

/** Corrections by the secretariat: texts, category, priority, due date; a new agency reassigns an open demand. */
export async function updateDemand(ctx: ServiceContext, id: string, input: PatchDemandInput, expected: ExpectedVersion): Promise<DemandDetail> {
  const scope = demandScopeOf(ctx);
  if (!isStaff(ctx)) throw new AppError('auth.forbidden');
  const today = todayOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { row, demand: before } = await lockDemand(tx, scope, id, today);
    const locked = row.demand;
    assertVersion(locked.version, expected, before);
    const changes: DemandChanges = {};
    if (input.categoryCode !== undefined) changes.categoryCode = (await checkCategory(ctx, tx, input.categoryCode)).code;
    if (input.title !== undefined) {
      changes.title = input.title;
      changes.titleKey = searchKey(input.title);
    }
    if (input.description !== undefined) changes.description = input.description;
    if (input.priority !== undefined) changes.priority = input.priority;
    if (input.dueDate !== undefined) changes.dueDate = input.dueDate;
    if (input.agencyId !== undefined) changes.agencyId = (await checkAgency(ctx, tx, input.agencyId)).id;
    await updateDemandRow(tx, id, { ...changes, version: locked.version + 1, updatedAt: ctx.now() });
    const status = locked.status as DemandStatus;
    const reassigned = changes.agencyId !== undefined && changes.agencyId !== locked.agencyId && status !== 'registered';
    // a reassignment is part of the demand's history, though its state does not change
    const eventId = reassigned
      ? await insertDemandEvent(tx, { demandId: id, provinceId: locked.provinceId, fromStatus: status, toStatus: status, agencyId: changes.agencyId!, note: null, ...actorFields(ctx), at: ctx.now() })
      : null;
    const after = (await detailOf(tx, scope, id, today))!;
    if (eventId !== null) await notify(tx, eventNotifications(after, eventId, status, status, null, true), ctx.now());
    if (changes.dueDate !== undefined && changes.dueDate !== locked.dueDate && isOpenStatus(status))
      await notify(tx, dueDateNotifications(after, locked.dueDate, locked.version + 1), ctx.now());
    await recordAudit(tx, ctx, { action: 'demand.update', entityType: 'demand', entityId: id, provinceId: locked.provinceId, before, after: recordOnly(after) });
    return after;
  });
}

/** A follow-up note (پیگیری) by the secretariat, the responsible agency or the unit's producer. */
export async function addDemandFollowup(ctx: ServiceContext, id: string, note: string): Promise<DemandDetail> {
  const scope = demandScopeOf(ctx);
  if (ctx.actor.role === 'executive') throw new AppError('auth.forbidden');
  const today = todayOf(ctx);
  return ctx.db.transaction(async (tx) => {
    // a share lock is enough: the follow-up does not change the demand, but it must not vanish under us
    const { demand, children, history } = await lockDemand(tx, scope, id, today, 'share');
    const followupId = await insertDemandFollowup(tx, {
        demandId: id,
        provinceId: scope.provinceId,
        note,
        ...actorFields(ctx),
        agencyId: ctx.actor.role === 'agency' ? ctx.actor.agencyId : null,
        at: ctx.now(),
    });
    const after = await detailFrom(tx, demand, { ...children, followups: true }, history);
    const base = { provinceId: scope.provinceId, refType: 'demand', refId: id, dedupeKey: `demand:${id}:followup:${followupId}` };
    // the other side hears of it: the producer of the agency's progress, the agency of the producer's word
    if (ctx.actor.role === 'agency') {
      await notify(tx, [{ ...base, target: { unitId: after.unitId }, kind: 'demand.followup', title: `پاسخ تازه به مطالبهٔ ${isolateLtr(after.code)}`, body: `${after.agencyName ?? ''}: ${note}` }], ctx.now());
    } else if (ctx.actor.role === 'producer' && after.agencyId) {
      await notify(tx, [{ ...base, target: { agencyId: after.agencyId }, kind: 'demand.followup', title: `پیام واحد تولیدی دربارهٔ مطالبهٔ ${after.code}`, body: `${after.unitName}: ${note}` }], ctx.now());
    }
    await recordAudit(tx, ctx, { action: 'demand.followup', entityType: 'demand', entityId: id, provinceId: scope.provinceId, after: { followupId: String(followupId), note } });
    return after;
  });
}

/** The demands registered on a visit, within the caller's scope (for the visit page and its report). */
export async function listVisitDemands(ctx: ServiceContext, visitId: string, db: DbOrTx = ctx.db): Promise<z.infer<typeof visitDemandSchema>[]> {
  const today = todayOf(ctx);
  const rows = await findDemandsOfVisit(db, demandScopeOf(ctx), visitId);
  return rows.map((r) => {
    const d = toDemand(r, today);
    return { id: d.id, code: d.code, title: d.title, categoryCode: d.categoryCode, categoryName: d.categoryName, agencyId: d.agencyId, agencyName: d.agencyName, priority: d.priority, dueDate: d.dueDate, status: d.status };
  });
}

/** An escalated demand, offered to the working group as an agenda item. */
export interface EscalatedDemandCandidate {
  demandId: string;
  code: string;
  unitId: string;
  unitName: string;
  title: string;
  categoryCode: string;
  categoryName: string;
  agencyId: string | null;
  agencyName: string | null;
  escalatedAt: string | null;
  dueDate: string;
  overdue: boolean;
  /** A suggested agenda subject. */
  subject: string;
}

/**
 * Escalated demands in the caller's province (oldest escalation first): the candidates the sessions
 * module offers for the working group's agenda.
 */
export async function escalatedDemandCandidates(ctx: ServiceContext): Promise<EscalatedDemandCandidate[]> {
  const today = todayOf(ctx);
  const rows = await findEscalatedDemands(ctx.db, demandScopeOf(ctx));
  return rows.map((r) => {
    const d = toDemand(r, today);
    return {
      demandId: d.id,
      code: d.code,
      unitId: d.unitId,
      unitName: d.unitName,
      title: d.title,
      categoryCode: d.categoryCode,
      categoryName: d.categoryName,
      agencyId: d.agencyId,
      agencyName: d.agencyName,
      escalatedAt: d.escalatedAt,
      dueDate: d.dueDate,
      overdue: d.overdue,
      subject: `بررسی مطالبهٔ «${d.title}» واحد ${d.unitName} (کد رهگیری ${d.code}${d.agencyName ? `، دستگاه مسئول: ${d.agencyName}` : ''})`,
    };
  });
}

/** A demand's line: `code` its tracking code, `status` the state it reached (for the registration line, its state now). */
export type TimelineEntry = ContributedTimelineEntry;

/**
 * The unit's demands as timeline lines, within the caller's scope: `demand` (registered),
 * `demand_event` (each later change of state or agency) and `demand_followup`. `refId` is the demand's id.
 */
export async function unitTimelineEntries(ctx: ServiceContext, unitId: string): Promise<TimelineEntry[]> {
  const rows = await findDemandsOfUnit(ctx.db, demandScopeOf(ctx), unitId);
  if (!rows.length) return [];
  const en = ctx.lang === 'en';
  const byId = new Map(rows.map((r) => [r.demand.id, r]));
  const ids = [...byId.keys()];
  const [events, followups] = await Promise.all([findEvents(ctx.db, ids), findFollowups(ctx.db, ids)]);
  const out: TimelineEntry[] = [];
  for (const e of events) {
    const r = byId.get(e.demandId)!;
    const d = r.demand;
    if (e.from === null) {
      out.push({
        at: e.at,
        kind: 'demand',
        title: en ? `Demand ${d.code} registered: ${d.title}` : `ثبت مطالبهٔ ${d.code}: ${d.title}`,
        detail: [r.categoryName, e.agencyName ? (en ? `assigned to ${e.agencyName}` : `ارجاع به ${e.agencyName}`) : ''].filter(Boolean).join(' — '),
        refId: d.id,
        code: d.code,
        status: d.status,
        actor: e.actorName,
      });
    } else {
      const label = e.from === e.to ? (en ? `reassigned to ${e.agencyName ?? ''}` : `ارجاع به ${e.agencyName ?? ''}`) : statusLabel('demand', e.to, en ? 'en' : 'fa');
      out.push({
        at: e.at,
        kind: 'demand_event',
        title: en ? `Demand ${d.code}: ${label}` : `مطالبهٔ ${d.code}: ${label}`,
        ...(e.note ? { detail: e.note } : {}),
        refId: d.id,
        code: d.code,
        status: e.to,
        actor: e.actorName,
      });
    }
  }
  for (const f of followups) {
    const d = byId.get(f.demandId)!.demand;
    out.push({
      at: f.at,
      kind: 'demand_followup',
      title: en ? `Follow-up on demand ${d.code}` : `پیگیری مطالبهٔ ${d.code}`,
      detail: f.note,
      refId: d.id,
      code: d.code,
      actor: `${f.authorName}${f.agencyName ? ` (${f.agencyName})` : ''}`,
    });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
