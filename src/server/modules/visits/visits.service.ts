/**
 * Field visits: planned on the calendar, then recorded with findings and the staff and capacity use
 * observed — which become the unit's history (its timeline and its figures over time).
 * The secretariat (and admin) write; executives and agencies read the province's visits; a producer
 * reads the visits to their own unit.
 */
import { provinceScopeOf } from '../../access/scope.js';
import { type ServiceContext, msg } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { assertVersion, type ExpectedVersion } from '../../db/concurrency.js';
import { AppError } from '../../../shared/errors.js';
import { tehranDate, tehranDayStart } from '../../../shared/jalali.js';
import { statusLabel } from '../../../shared/labels.js';
import type { CreateVisitInput, ListVisitsQuery, PatchVisitInput, VisitDetail, VisitStatus } from '../../../shared/contracts/visits.js';
import { toPersianDigits } from '../../../shared/text.js';
import { recordAudit } from '../audit/audit.service.js';
import { getUnit } from '../units/units.service.js';
import { listVisitDemands } from '../demands/demands.service.js';
import {
  countProvinceUsers,
  findUnitVisits,
  findVisit,
  findVisits,
  insertVisit,
  lockVisitRow,
  updateVisitRow,
  type VisitChanges,
  type VisitScope,
} from './visits.repo.js';


/** The province's visits; a producer's own unit only; an agency counts only its own demands on them. */
export const visitScopeOf: (ctx: ServiceContext) => VisitScope = provinceScopeOf;

function writeScope(ctx: ServiceContext): { provinceId: string } {
  if (!['admin', 'secretariat'].includes(ctx.actor.role)) throw new AppError('auth.forbidden');
  return { provinceId: visitScopeOf(ctx).provinceId };
}


export async function listVisits(ctx: ServiceContext, q: ListVisitsQuery) {
  const { items, total } = await findVisits(ctx.db, visitScopeOf(ctx), q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

async function detailOf(ctx: ServiceContext, db: DbOrTx, scope: VisitScope, id: string): Promise<VisitDetail | undefined> {
  const found = await findVisit(db, scope, id);
  if (!found) return undefined;
  return {
    ...found.visit,
    unitEmployees: found.unitEmployees,
    unitCapacityUtilization: found.unitCapacityUtilization,
    demands: await listVisitDemands(ctx, id, db),
  };
}

export async function getVisit(ctx: ServiceContext, id: string): Promise<VisitDetail> {
  const visit = await detailOf(ctx, ctx.db, visitScopeOf(ctx), id);
  if (!visit) throw new AppError('record.not_found');
  return visit;
}

/** A visit cannot be done before its day has come (in Tehran). */
function checkDoneDate(ctx: ServiceContext, status: VisitStatus, visitDate: string): void {
  if (status === 'done' && visitDate > tehranDate(ctx.now())) {
    throw new AppError('visit.done_in_future', {
      errors: [{ path: 'visitDate', message: msg(ctx, 'تاریخ بازدید انجام‌شده نمی‌تواند بعد از امروز باشد', 'A done visit cannot be dated after today') }],
    });
  }
}

/** Members must be users of the same province. */
async function checkMembers(ctx: ServiceContext, provinceId: string, memberIds: string[] | undefined): Promise<string[]> {
  const ids = [...new Set(memberIds ?? [])];
  if (!ids.length) return [];
  if ((await countProvinceUsers(ctx.db, provinceId, ids)) !== ids.length) {
    throw new AppError('validation.failed', { errors: [{ path: 'memberIds', message: msg(ctx, 'برخی اعضای تیم بازدید کاربر این استان نیستند', 'Some team members are not users of this province') }] });
  }
  return ids;
}

export async function createVisit(ctx: ServiceContext, input: CreateVisitInput): Promise<VisitDetail> {
  const { provinceId } = writeScope(ctx);
  await getUnit(ctx, input.unitId); // 404 outside the province
  checkDoneDate(ctx, input.status, input.visitDate);
  const memberIds = await checkMembers(ctx, provinceId, input.memberIds);
  return ctx.db.transaction(async (tx) => {
    const id = await insertVisit(tx, {
        provinceId,
        unitId: input.unitId,
        visitDate: input.visitDate,
        team: input.team,
        memberIds,
        findings: input.findings ?? null,
        employees: input.employees ?? null,
        capacityUtilization: input.capacityUtilization ?? null,
        status: input.status,
        createdBy: ctx.actor.id,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
    });
    const after = (await detailOf(ctx, tx, { provinceId }, id))!;
    const { demands: _demands, ...audited } = after;
    await recordAudit(tx, ctx, { action: 'visit.create', entityType: 'visit', entityId: after.id, provinceId, after: audited });
    return after;
  });
}

export async function updateVisit(ctx: ServiceContext, id: string, input: PatchVisitInput, expected: ExpectedVersion): Promise<VisitDetail> {
  const { provinceId } = writeScope(ctx);
  const memberIds = input.memberIds === undefined ? undefined : await checkMembers(ctx, provinceId, input.memberIds);
  return ctx.db.transaction(async (tx) => {
    const locked = await lockVisitRow(tx, provinceId, id);
    const before = locked ? await detailOf(ctx, tx, { provinceId }, id) : undefined;
    if (!locked || !before) throw new AppError('record.not_found');
    assertVersion(locked.version, expected, before);
    checkDoneDate(ctx, input.status ?? (locked.status as VisitStatus), input.visitDate ?? locked.visitDate);
    const changes: VisitChanges = {};
    if (input.visitDate !== undefined) changes.visitDate = input.visitDate;
    if (input.team !== undefined) changes.team = input.team;
    if (memberIds !== undefined) changes.memberIds = memberIds;
    if (input.findings !== undefined) changes.findings = input.findings;
    if (input.employees !== undefined) changes.employees = input.employees;
    if (input.capacityUtilization !== undefined) changes.capacityUtilization = input.capacityUtilization;
    if (input.status !== undefined) changes.status = input.status;
    await updateVisitRow(tx, id, { ...changes, version: locked.version + 1, updatedAt: ctx.now() });
    const after = (await detailOf(ctx, tx, { provinceId }, id))!;
    const { demands: _b, ...auditBefore } = before;
    const { demands: _a, ...auditAfter } = after;
    await recordAudit(tx, ctx, { action: 'visit.update', entityType: 'visit', entityId: id, provinceId, before: auditBefore, after: auditAfter });
    return after;
  });
}

/** One line of a unit's timeline (the units module merges every module's lines, newest first). */
export interface TimelineEntry {
  at: string;
  kind: string;
  title: string;
  detail?: string;
  refId: string;
  /** the visit's calendar date */
  date?: string;
  status?: string;
  /** staff and capacity use the visit observed (done visits) */
  observed?: { employees: number | null; capacityUtilization: number | null };
}

/** The staff and capacity use each done visit observed, oldest first: the unit's figures over time. */
export async function unitObservations(ctx: ServiceContext, unitId: string) {
  const rows = await findUnitVisits(ctx.db, visitScopeOf(ctx), unitId);
  return rows
    .filter((v) => v.status === 'done' && (v.employees !== null || v.capacityUtilization !== null))
    .map((v) => ({ date: v.visitDate, employees: v.employees, capacityUtilization: v.capacityUtilization, visitId: v.id }));
}

/** The unit's visits as timeline lines: `visit` (done), `visit_planned`, `visit_cancelled`. */
export async function unitTimelineEntries(ctx: ServiceContext, unitId: string): Promise<TimelineEntry[]> {
  const rows = await findUnitVisits(ctx.db, visitScopeOf(ctx), unitId);
  const en = ctx.lang === 'en';
  const num = (n: number) => (en ? String(n) : toPersianDigits(n));
  return rows.map((v) => {
    const observed: string[] = [];
    if (v.employees !== null) observed.push(en ? `staff ${v.employees}` : `کارکنان ${num(v.employees)} نفر`);
    if (v.capacityUtilization !== null) observed.push(en ? `capacity use ${v.capacityUtilization}%` : `بهره‌برداری از ظرفیت ${num(v.capacityUtilization)}٪`);
    const title =
      v.status === 'done'
        ? en ? 'Field visit' : 'بازدید میدانی'
        : `${en ? 'Field visit' : 'بازدید میدانی'} (${statusLabel('visit', v.status, en ? 'en' : 'fa')})`;
    const detail = [en ? `Team: ${v.team}` : `تیم: ${v.team}`, observed.join(en ? ', ' : '، '), v.status === 'done' ? (v.findings ?? '') : '']
      .filter(Boolean)
      .join(' — ');
    return {
      at: tehranDayStart(v.visitDate).toISOString(),
      kind: v.status === 'done' ? 'visit' : `visit_${v.status}`,
      title,
      ...(detail ? { detail } : {}),
      refId: v.id,
      date: v.visitDate,
      status: v.status,
      ...(v.status === 'done' && (v.employees !== null || v.capacityUtilization !== null) ? { observed: { employees: v.employees, capacityUtilization: v.capacityUtilization } } : {}),
    };
  });
}
