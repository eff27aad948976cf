/**
 * Resolutions (مصوبات) of the working group: recorded by the secretariat for a session, notified to one
 * or more agencies, objected to inside the objection window or carried out, followed up, and counted in
 * the implementation rate. Every change is one transaction with its event row and audit entry.
 */
import { type ServiceContext, actorFields, msg, todayOf } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { assertVersion, type ExpectedVersion } from '../../db/concurrency.js';
import { assertRequired, assertTransition } from '../../domain/transition.js';
import { formatTrackingCode, nextTrackingNumber } from '../../db/tracking-code.js';
import { AppError, type FieldError } from '../../../shared/errors.js';
import { addDays, fiscalYearOf, formatJalali, isIsoDate, tehranDate, type IsoDate } from '../../../shared/jalali.js';
import { resolutionMachine, RESOLUTION_STATUSES, type ResolutionStatus } from '../../../shared/machines.js';
import { allowedTransitions } from '../../../shared/state-machine.js';
import { statusLabel } from '../../../shared/labels.js';
import type { UnitTimelineEntry } from '../../../shared/contracts/units.js';
import {
  DEFAULT_OBJECTION_WINDOW_DAYS,
  OBJECTION_WINDOW_SETTING,
  type Board,
  type CreateResolutionInput,
  type Fraction,
  type Implementation,
  type ImplementationFigures,
  type ListResolutionsQuery,
  type Resolution,
  type ResolutionDetail,
  type ResolutionTransitionInput,
} from '../../../shared/contracts/resolutions.js';
import { recordAudit } from '../audit/audit.service.js';
import { notify } from '../notifications/notifications.service.js';
import {
  agencyIdsOf,
  findAllResolutions,
  findResolution,
  findResolutionContext,
  findResolutionFollowups,
  findResolutionHistory,
  findResolutions,
  isObjectionOpen,
  countHeldSessions,
  findKnownAgencyIds,
  findObjectionWindowSetting,
  findSessionAgendaItem,
  findUnitAgendaItems,
  findUnitResolutionEvents,
  insertResolution,
  insertResolutionAgencies,
  insertResolutionEvent,
  insertResolutionFollowup,
  lockResolution,
  lockSessionForResolution,
  markAgendaItemDiscussed,
  touchResolution,
  updateResolutionRow,
  type ResolutionChanges,
  type ResolutionScope,
} from './resolutions.repo.js';

const NO_ID = '00000000-0000-0000-0000-000000000000';


/** Resolutions live in the caller's province; an agency sees those naming it; a producer those about its unit. */
export function resolutionScopeOf(ctx: ServiceContext): ResolutionScope {
  const provinceId = ctx.actor.provinceId;
  if (!provinceId) throw new AppError('record.not_found');
  switch (ctx.actor.role) {
    case 'agency':
      return { provinceId, agencyId: ctx.actor.agencyId ?? NO_ID };
    case 'producer':
      return { provinceId, unitId: ctx.actor.unitId ?? NO_ID };
    case 'bank':
      return { provinceId, unitId: NO_ID };
    case 'admin':
    case 'secretariat':
    case 'executive':
    case 'national':
      return { provinceId };
  }
}

/** The objection window in days: the province's setting, else the installation's ('*'), else 15. */
export async function objectionWindowDays(db: DbOrTx, provinceId: string): Promise<number> {
  const rows = await findObjectionWindowSetting(db, provinceId, OBJECTION_WINDOW_SETTING);
  const own = rows.find((r) => r.provinceId === provinceId) ?? rows.find((r) => r.provinceId === '*');
  const n = Number(own?.value);
  return Number.isInteger(n) && n >= 0 && n <= 365 ? n : DEFAULT_OBJECTION_WINDOW_DAYS;
}

// ── Reading ────────────────────────────────────────────────────────────────

export async function listResolutions(ctx: ServiceContext, q: ListResolutionsQuery) {
  const { items, total } = await findResolutions(ctx.db, resolutionScopeOf(ctx), q, todayOf(ctx));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** The moves the caller may make now: the machine's, less those the rules close (window, earlier objection). */
function movesFor(ctx: ServiceContext, r: Resolution, objectedBefore: boolean, today: IsoDate): ResolutionStatus[] {
  const moves = allowedTransitions(resolutionMachine, r.status, ctx.actor.role);
  return moves.filter((to) => to !== 'objected' || (!objectedBefore && isObjectionOpen({ status: r.status, objectionReason: r.objectionReason, objectionDeadline: r.objectionDeadline }, today)));
}

export async function getResolution(ctx: ServiceContext, id: string): Promise<ResolutionDetail> {
  const today = todayOf(ctx);
  const r = await findResolution(ctx.db, resolutionScopeOf(ctx), id, today);
  if (!r) throw new AppError('record.not_found');
  const [history, followups, context] = await Promise.all([
    findResolutionHistory(ctx.db, id),
    findResolutionFollowups(ctx.db, id),
    findResolutionContext(ctx.db, id),
  ]);
  const objectedBefore = history.some((e) => e.to === 'objected');
  const canAct = ['admin', 'secretariat', 'agency'].includes(ctx.actor.role);
  return {
    ...r,
    ...context,
    history,
    followups,
    allowedTransitions: canAct ? movesFor(ctx, r, objectedBefore, today) : [],
    canFollowUp: canAct,
  };
}

// ── Writing ────────────────────────────────────────────────────────────────

function secretariatProvince(ctx: ServiceContext): string {
  const provinceId = ctx.actor.provinceId;
  if (!provinceId || !['admin', 'secretariat'].includes(ctx.actor.role)) throw new AppError('auth.forbidden');
  return provinceId;
}

/** Records a resolution of a session and notifies it: the objection window starts now. */
export async function createResolution(ctx: ServiceContext, sessionId: string, input: CreateResolutionInput): Promise<Resolution> {
  const provinceId = secretariatProvince(ctx);
  const agencyIds = [...new Set(input.agencyIds)];
  return ctx.db.transaction(async (tx) => {
    const session = await lockSessionForResolution(tx, provinceId, sessionId);
    if (!session) throw new AppError('record.not_found');

    const errors: FieldError[] = [];
    if (!isIsoDate(input.dueDate)) errors.push({ path: 'dueDate', message: msg(ctx, 'تاریخ معتبر نیست', 'Not a calendar date') });
    else if (input.dueDate < session.heldOn)
      errors.push({
        path: 'dueDate',
        message: msg(ctx, `مهلت اجرا نمی‌تواند پیش از تاریخ جلسه (${formatJalali(session.heldOn)}) باشد`, `The due date cannot precede the session (${session.heldOn})`),
      });
    const known = await findKnownAgencyIds(tx, agencyIds);
    const unknown = agencyIds.filter((a) => !known.includes(a));
    if (unknown.length) errors.push({ path: 'agencyIds', message: msg(ctx, `دستگاه ناشناخته: ${unknown.join('، ')}`, `Unknown agency: ${unknown.join(', ')}`) });
    let item: { id: string; unitId: string | null; demandId: string | null; referralId: string | null; status: string } | undefined;
    if (input.agendaItemId) {
      item = await findSessionAgendaItem(tx, session.id, input.agendaItemId);
      if (!item) errors.push({ path: 'agendaItemId', message: msg(ctx, 'این دستور در دستور جلسهٔ همین جلسه نیست', 'Not an item of this session’s agenda') });
    }
    if (errors.length) throw new AppError('resolution.invalid', { errors });

    const now = ctx.now();
    const windowDays = await objectionWindowDays(tx, provinceId);
    const code = formatTrackingCode('M', session.fiscalYear, await nextTrackingNumber(tx, 'resolution', provinceId, session.fiscalYear));
    const id = await insertResolution(tx, {
        provinceId,
        code,
        sessionId: session.id,
        agendaItemId: item?.id ?? null,
        unitId: item?.unitId ?? null,
        demandId: item?.demandId ?? null,
        referralId: item?.referralId ?? null,
        text: input.text,
        dueDate: input.dueDate,
        status: 'open',
        notifiedAt: now,
        objectionDeadline: addDays(tehranDate(now), windowDays),
        createdBy: ctx.actor.id,
        createdAt: now,
        updatedAt: now,
    });
    await insertResolutionAgencies(tx, id, agencyIds);
    await insertResolutionEvent(tx, {
      resolutionId: id,
      provinceId,
      fromStatus: null,
      toStatus: 'open',
      note: null,
      ...actorFields(ctx),
      at: now,
    });
    if (item && item.status === 'pending') {
      await markAgendaItemDiscussed(tx, item.id, now);
    }
    const after = (await findResolution(tx, { provinceId }, id, tehranDate(now)))!;
    // the notification (ابلاغ) to each responsible agency, in the same transaction
    await notify(
      tx,
      agencyIds.map((agencyId) => ({
        provinceId,
        target: { agencyId },
        kind: 'resolution.notified',
        title: `مصوبهٔ ${after.code} جلسهٔ ${after.sessionNumber} کارگروه ابلاغ شد`,
        body: `${after.text.slice(0, 300)}\nمهلت اجرا: ${formatJalali(after.dueDate)}؛ مهلت اعتراض تا ${formatJalali(after.objectionDeadline!)}`,
        refType: 'resolution',
        refId: id,
        dedupeKey: `resolution:${id}:notified:agency:${agencyId}`,
      })),
      now,
    );
    await recordAudit(tx, ctx, { action: 'resolution.create', entityType: 'resolution', entityId: id, provinceId, after });
    return after;
  });
}

/** A state change: one transaction that checks scope, version, machine and rules, and writes state, event and audit. */
export async function transitionResolution(ctx: ServiceContext, id: string, input: ResolutionTransitionInput, expected: ExpectedVersion): Promise<ResolutionDetail> {
  const scope = resolutionScopeOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const locked = await lockResolution(tx, scope.provinceId, id);
    if (!locked) throw new AppError('record.not_found');
    const named = await agencyIdsOf(tx, id);
    // another agency acting on it: as if it did not exist
    if (scope.agencyId && !named.includes(scope.agencyId)) throw new AppError('record.not_found');
    if (scope.unitId) throw new AppError('record.not_found');
    const now = ctx.now();
    const today = tehranDate(now);
    const before = (await findResolution(tx, scope, id, today))!;
    assertVersion(locked.version, expected, before);
    const from = locked.status as ResolutionStatus;
    const to = input.to;
    assertTransition(resolutionMachine, from, to, ctx.actor.role);

    const set: ResolutionChanges = { status: to, version: locked.version + 1, updatedAt: now };
    assertRequired(
      resolutionMachine,
      from,
      to,
      ctx.actor.role,
      input,
      {
        note: { code: 'resolution.reason_required', message: { fa: 'دلایل اعتراض را بنویسید', en: 'Write the reasons' } },
        cause: { code: 'resolution.cause_required', message: { fa: 'علت را انتخاب کنید', en: 'Choose the cause' } },
      },
      ctx.lang ?? 'fa',
    );
    if (to === 'objected') {
      if (locked.objectionReason !== null) throw new AppError('resolution.already_objected');
      if (locked.objectionDeadline === null || today > locked.objectionDeadline) {
        throw new AppError('resolution.objection_window_closed', {
          detail: locked.objectionDeadline
            ? { fa: `مهلت اعتراض تا ${formatJalali(locked.objectionDeadline)} بود`, en: `The objection window ended on ${locked.objectionDeadline}` }
            : undefined,
          extra: { objectionDeadline: locked.objectionDeadline },
        });
      }
      set.objectionReason = input.note!;
    }
    if (to === 'not_done') {
      set.notDoneCause = input.cause!;
    }
    if (to === 'done' || to === 'not_done' || to === 'cancelled') set.closedAt = now;

    await updateResolutionRow(tx, id, set);
    const agencyStep = to === 'objected' || to === 'in_progress' || to === 'done' || to === 'not_done';
    const onBehalf = agencyStep && ctx.actor.role !== 'agency';
    await insertResolutionEvent(tx, {
      resolutionId: id,
      provinceId: scope.provinceId,
      fromStatus: from,
      toStatus: to,
      note: input.note ?? null,
      cause: to === 'not_done' ? (input.cause ?? null) : null,
      agencyId: ctx.actor.role === 'agency' ? ctx.actor.agencyId : named.length === 1 ? named[0]! : null,
      ...actorFields(ctx),
      onBehalf,
      at: now,
    });
    const after = (await findResolution(tx, scope, id, today))!;
    await recordAudit(tx, ctx, { action: `resolution.${to}`, entityType: 'resolution', entityId: id, provinceId: scope.provinceId, before, after });
  });
  return getResolution(ctx, id);
}

export async function addResolutionFollowup(ctx: ServiceContext, id: string, note: string): Promise<ResolutionDetail> {
  const scope = resolutionScopeOf(ctx);
  if (scope.unitId || ctx.actor.role === 'executive') throw new AppError('auth.forbidden');
  await ctx.db.transaction(async (tx) => {
    const locked = await lockResolution(tx, scope.provinceId, id);
    if (!locked) throw new AppError('record.not_found');
    if (scope.agencyId && !(await agencyIdsOf(tx, id)).includes(scope.agencyId)) throw new AppError('record.not_found');
    const now = ctx.now();
    const followupId = await insertResolutionFollowup(tx, {
        resolutionId: id,
        provinceId: scope.provinceId,
        note,
        ...actorFields(ctx),
        agencyId: ctx.actor.agencyId,
        at: now,
    });
    await touchResolution(tx, id, now);
    await recordAudit(tx, ctx, { action: 'resolution.followup', entityType: 'resolution', entityId: id, provinceId: scope.provinceId, after: { followupId: String(followupId), note } });
  });
  return getResolution(ctx, id);
}

// ── Implementation rate ────────────────────────────────────────────────────

export function fraction(numerator: number, denominator: number): Fraction {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

export const RATE_DEFINITIONS = {
  rateOfAll: 'done ÷ resolutions of the fiscal year (cancelled excluded) — the published definition / اجراشده ÷ کل مصوبات (بدون لغوشده‌ها)',
  rateOfDue: 'done ÷ resolutions due by today or already closed (cancelled excluded) / اجراشده ÷ مصوباتی که مهلتشان رسیده یا بسته شده‌اند',
} as const;

type RateInput = Pick<Resolution, 'status' | 'dueDate' | 'notDoneCause'>;

/** The figures of a set of resolutions on `today` (pure: the statistics module may call it too). */
export function implementationFigures(rows: readonly RateInput[], today: IsoDate): ImplementationFigures {
  const by = Object.fromEntries(RESOLUTION_STATUSES.map((s) => [s, 0])) as Record<ResolutionStatus, number>;
  const cause = { agency: 0, producer: 0, external: 0 };
  let due = 0;
  let overdue = 0;
  for (const r of rows) {
    by[r.status]++;
    if (r.status === 'cancelled') continue;
    const closed = r.status === 'done' || r.status === 'not_done';
    if (closed || r.dueDate <= today) due++;
    if ((r.status === 'open' || r.status === 'in_progress') && r.dueDate < today) overdue++;
    if (r.status === 'not_done' && r.notDoneCause) cause[r.notDoneCause]++;
  }
  const counted = rows.length - by.cancelled;
  return {
    resolutions: counted,
    due,
    open: by.open,
    objected: by.objected,
    inProgress: by.in_progress,
    done: by.done,
    notDone: by.not_done,
    cancelled: by.cancelled,
    overdue,
    notDoneByCause: cause,
    rateOfAll: fraction(by.done, counted),
    rateOfDue: fraction(by.done, due),
  };
}

export async function implementationRate(ctx: ServiceContext, fiscalYear?: number): Promise<Implementation> {
  const scope = resolutionScopeOf(ctx);
  const today = todayOf(ctx);
  const year = fiscalYear ?? fiscalYearOf(today);
  // the province's figure is public within it; an agency gets its own row beside it
  const all = await findAllResolutions(ctx.db, { provinceId: scope.provinceId }, { fiscalYear: year }, today);
  const held = await countHeldSessions(ctx.db, scope.provinceId, year);
  const byAgency = new Map<string, { name: string; nameEn: string; rows: Resolution[] }>();
  for (const r of all) {
    for (const a of r.agencies) {
      if (scope.agencyId && a.id !== scope.agencyId) continue;
      const entry = byAgency.get(a.id) ?? { name: a.name, nameEn: a.nameEn, rows: [] };
      entry.rows.push(r);
      byAgency.set(a.id, entry);
    }
  }
  const agencyRows = [...byAgency.entries()]
    .map(([agencyId, e]) => ({ agencyId, agencyName: e.name, agencyNameEn: e.nameEn, ...implementationFigures(e.rows, today) }))
    .sort((a, b) => (b.rateOfDue.rate ?? -1) - (a.rateOfDue.rate ?? -1) || b.resolutions - a.resolutions || a.agencyName.localeCompare(b.agencyName, 'fa'));
  return {
    fiscalYear: year,
    asOf: today,
    sessionsHeld: held,
    definitions: { ...RATE_DEFINITIONS },
    overall: implementationFigures(all, today),
    agencies: agencyRows,
  };
}

// ── Tracking board ─────────────────────────────────────────────────────────

export async function resolutionBoard(ctx: ServiceContext, q: { fiscalYear?: number | undefined; agencyId?: string | undefined; includeClosed?: boolean | undefined }): Promise<Board> {
  const scope = resolutionScopeOf(ctx);
  const today = todayOf(ctx);
  const year = q.fiscalYear ?? fiscalYearOf(today);
  const all = await findAllResolutions(ctx.db, scope, { fiscalYear: year, ...(q.agencyId ? { agencyId: q.agencyId } : {}) }, today);
  const groups = new Map<string, { name: string; nameEn: string; rows: Resolution[] }>();
  for (const r of all) {
    for (const a of r.agencies) {
      if (scope.agencyId && a.id !== scope.agencyId) continue;
      if (q.agencyId && a.id !== q.agencyId) continue;
      const g = groups.get(a.id) ?? { name: a.name, nameEn: a.nameEn, rows: [] };
      g.rows.push(r);
      groups.set(a.id, g);
    }
  }
  const active = (r: Resolution) => r.status === 'open' || r.status === 'in_progress' || r.status === 'objected';
  const agencyGroups = [...groups.entries()].map(([agencyId, g]) => {
    const figures = implementationFigures(g.rows, today);
    const counts = Object.fromEntries(RESOLUTION_STATUSES.map((s) => [s, g.rows.filter((r) => r.status === s).length])) as Record<ResolutionStatus, number>;
    const items = g.rows
      .filter((r) => q.includeClosed || active(r))
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate) || a.code.localeCompare(b.code));
    return { agencyId, agencyName: g.name, agencyNameEn: g.nameEn, counts, overdue: figures.overdue, rateOfAll: figures.rateOfAll, rateOfDue: figures.rateOfDue, items };
  });
  agencyGroups.sort((a, b) => b.overdue - a.overdue || b.items.length - a.items.length || a.agencyName.localeCompare(b.agencyName, 'fa'));
  return { fiscalYear: year, asOf: today, agencies: agencyGroups };
}

// ── For other modules ──────────────────────────────────────────────────────

/** A session's resolutions in code order (the session page and its minutes), read on the caller's `db` (its transaction). */
export async function resolutionsOfSession(ctx: ServiceContext, db: DbOrTx, provinceId: string, sessionId: string): Promise<Resolution[]> {
  return findAllResolutions(db, { provinceId }, { sessionId, sort: 'code' }, todayOf(ctx));
}

/** Resolutions about a demand, as the caller may see them (for the demand's page). */
export async function resolutionsAboutDemand(ctx: ServiceContext, demandId: string): Promise<Resolution[]> {
  return findAllResolutions(ctx.db, resolutionScopeOf(ctx), { demandId }, todayOf(ctx));
}

/** Whether any resolution is about a record, as SQL for the record's own statement (its page skips the list when none is). */
export { hasResolutionsAboutSql } from './resolutions.repo.js';

/** Resolutions about a referral, as the caller may see them (for the referral's page). */
export async function resolutionsAboutReferral(ctx: ServiceContext, referralId: string): Promise<Resolution[]> {
  return findAllResolutions(ctx.db, resolutionScopeOf(ctx), { referralId }, todayOf(ctx));
}

/**
 * The unit's story as told by the working group: the agenda items about it and the resolutions about it
 * (with their state changes), scoped by the caller (an agency sees resolutions naming it; agenda items are
 * shown to staff and to the unit's producer only).
 */
export async function unitTimelineEntries(ctx: ServiceContext, unitId: string): Promise<(UnitTimelineEntry & { refId: string })[]> {
  const scope = resolutionScopeOf(ctx);
  if (scope.unitId && scope.unitId !== unitId) return [];
  const lang = ctx.lang ?? 'fa';
  const today = todayOf(ctx);
  const list = await findAllResolutions(ctx.db, scope, { unitId }, today);
  const out: (UnitTimelineEntry & { refId: string })[] = [];
  const sessionLabel = (n: number, y: number) => (lang === 'en' ? `session ${n} of ${y}` : `جلسهٔ ${n} سال ${y}`);
  for (const r of list) {
    out.push({
      at: r.notifiedAt ?? r.createdAt,
      date: r.sessionHeldOn,
      kind: 'resolution',
      title: lang === 'en' ? `Working-group resolution ${r.code} (${sessionLabel(r.sessionNumber, r.fiscalYear)})` : `مصوبهٔ کارگروه ${r.code} (${sessionLabel(r.sessionNumber, r.fiscalYear)})`,
      detail: `${r.text} — ${r.agencies.map((a) => (lang === 'en' ? a.nameEn : a.name)).join('، ')}`,
      entityType: 'resolution',
      entityId: r.id,
      refId: r.id,
      code: r.code,
      status: r.status,
    });
  }
  if (list.length) {
    const events = await findUnitResolutionEvents(ctx.db, list.map((r) => r.id));
    for (const e of events) {
      const r = list.find((x) => x.id === e.resolutionId)!;
      out.push({
        at: e.at.toISOString(),
        kind: 'resolution.event',
        title: `${r.code}: ${statusLabel('resolution', e.toStatus, lang)}`,
        detail: e.note,
        entityType: 'resolution',
        entityId: r.id,
        refId: r.id,
        code: r.code,
        status: e.toStatus,
        actor: e.actorName,
      });
    }
  }
  if (!scope.agencyId) {
    const items = await findUnitAgendaItems(ctx.db, scope.provinceId, unitId);
    for (const i of items) {
      out.push({
        at: i.createdAt.toISOString(),
        date: i.heldOn,
        kind: 'agenda_item',
        title: lang === 'en' ? `On the agenda of ${sessionLabel(i.number, i.fiscalYear)}` : `در دستور ${sessionLabel(i.number, i.fiscalYear)} کارگروه`,
        detail: i.subject,
        entityType: 'agenda_item',
        entityId: i.id,
        refId: i.id,
        status: i.status,
      });
    }
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}
