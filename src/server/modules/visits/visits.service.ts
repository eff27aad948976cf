/**
 * Field visits: planned on the calendar, then recorded with findings and the staff and capacity use
 * observed — which become the unit's history (its timeline and its figures over time).
 * The secretariat (and admin) write; executives and agencies read the province's visits; a producer
 * reads the visits to their own unit.
 */
import { provinceScopeOf } from '../../access/scope.js';
import { type ServiceContext, msg } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { assertVersion, isUniqueViolation, type ExpectedVersion } from '../../db/concurrency.js';
import { AppError } from '../../../shared/errors.js';
import { tehranDate, tehranDayStart } from '../../../shared/jalali.js';
import { statusLabel } from '../../../shared/labels.js';
import type { CreateVisitInput, ListVisitsQuery, PatchVisitInput, Visit, VisitDetail, VisitListItem, VisitLocation, VisitStatus } from '../../../shared/contracts/visits.js';
import type { ContributedTimelineEntry } from '../../../shared/contracts/units.js';
import { toPersianDigits } from '../../../shared/text.js';
import { recordAudit } from '../audit/audit.service.js';
import { getUnit } from '../units/units.service.js';
import { checkVisitDemands, createVisitDemands, listVisitDemands, openDemandsOfUnits } from '../demands/demands.service.js';
import { listAttachments } from '../files/files.service.js';
import { toVisitAttachment, VISIT_OWNER } from './visits.attachments.js';
import {
  countProvinceUsers,
  findLastDoneVisits,
  findUnitVisits,
  findVisitIdByClientId,
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
  const scope = visitScopeOf(ctx);
  const query = q.memberId === 'me' ? { ...q, memberId: ctx.actor.id } : q;
  const { items, total } = await findVisits(ctx.db, scope, query);
  const withField = q.include === 'field' ? await withFieldKits(ctx, scope, items) : items;
  return { items: withField, total, page: q.page, pageSize: q.pageSize };
}

/**
 * What a team member takes into the field for each visit: the unit's contacts and register figures (with its
 * version, so a correction made on site can name it), its last done visit's findings and its open demands.
 */
async function withFieldKits(ctx: ServiceContext, scope: VisitScope, items: Visit[]): Promise<VisitListItem[]> {
  const unitIds = [...new Set(items.map((v) => v.unitId))];
  const [unitList, lastVisits, openDemands] = await Promise.all([
    Promise.all(unitIds.map((id) => getUnit(ctx, id))),
    findLastDoneVisits(ctx.db, scope.provinceId, unitIds),
    openDemandsOfUnits(ctx, unitIds),
  ]);
  const unitsById = new Map(unitList.map((u) => [u.id, u]));
  const lastByUnit = new Map(lastVisits.map((v) => [v.unitId, v]));
  return items.map((v) => {
    const u = unitsById.get(v.unitId)!;
    const last = lastByUnit.get(v.unitId);
    return {
      ...v,
      field: {
        unit: {
          id: u.id,
          version: u.version,
          name: u.name,
          nationalId: u.nationalId,
          address: u.address,
          phone: u.phone,
          managerName: u.managerName,
          employees: u.employees,
          capacityUtilization: u.capacityUtilization,
          status: u.status,
          lat: u.lat,
          lng: u.lng,
        },
        lastVisit: last ? { id: last.id, visitDate: last.visitDate, findings: last.findings } : null,
        openDemands: (openDemands.get(v.unitId) ?? []).map((d) => ({
          id: d.id,
          code: d.code,
          title: d.title,
          categoryName: d.categoryName,
          agencyName: d.agencyName,
          status: d.status,
          dueDate: d.dueDate,
          overdue: d.overdue,
        })),
      },
    };
  });
}

async function detailOf(ctx: ServiceContext, db: DbOrTx, scope: VisitScope, id: string): Promise<VisitDetail | undefined> {
  const found = await findVisit(db, scope, id);
  if (!found) return undefined;
  return {
    ...found.visit,
    unitEmployees: found.unitEmployees,
    unitCapacityUtilization: found.unitCapacityUtilization,
    demands: await listVisitDemands(ctx, id, db),
    attachments: (await listAttachments(db, VISIT_OWNER, id)).map(toVisitAttachment),
  };
}

/** The visit as its audit entry keeps it: the record itself, without what hangs off it. */
function auditShape(v: VisitDetail) {
  const { demands: _d, attachments: _a, ...record } = v;
  return record;
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

function locationColumns(location: VisitLocation | null | undefined): VisitChanges {
  if (location === undefined) return {};
  return { locationLat: location?.lat ?? null, locationLng: location?.lng ?? null, locationAccuracyM: location?.accuracyM ?? null };
}

export interface CreatedVisit {
  visit: VisitDetail;
  /** true when the caller had already sent this `clientId`: the first visit comes back and nothing was written */
  replayed: boolean;
}

/**
 * Records a visit — typed in at a desk, or made in the field and synced later. A field record carries the device's
 * `clientId` (the same caller sending it again gets the first visit back and nothing is written; a unique index
 * settles two sends racing each other), its position, and the demands heard, which are created with the visit in
 * one transaction through the demands service: any invalid demand and nothing at all is written. With
 * `plannedVisitId` the planned visit itself becomes the record.
 */
export async function createVisit(ctx: ServiceContext, input: CreateVisitInput): Promise<CreatedVisit> {
  const { provinceId } = writeScope(ctx);
  const replay = await replayOf(ctx, provinceId, input.clientId);
  if (replay) return replay;
  await getUnit(ctx, input.unitId); // 404 outside the province
  checkDoneDate(ctx, input.status, input.visitDate);
  const memberIds = await checkMembers(ctx, provinceId, input.memberIds);
  const demands = input.demands ?? [];
  if (demands.length) await checkVisitDemands(ctx, demands); // 422 before the transaction, naming demands.<i>.<field>
  const fields = {
    visitDate: input.visitDate,
    team: input.team,
    memberIds,
    findings: input.findings ?? null,
    employees: input.employees ?? null,
    capacityUtilization: input.capacityUtilization ?? null,
    status: input.status,
    ...locationColumns(input.location),
    ...(input.clientId ? { clientId: input.clientId, recordedBy: ctx.actor.id } : {}),
  };
  try {
    return await ctx.db.transaction(async (tx) => {
      let id: string;
      let before: VisitDetail | undefined;
      if (input.plannedVisitId) {
        const locked = await lockVisitRow(tx, provinceId, input.plannedVisitId);
        if (!locked) throw new AppError('record.not_found');
        // the same record sent twice at once: the second waited for the first's lock and finds it done
        if (input.clientId && locked.clientId === input.clientId && locked.recordedBy === ctx.actor.id) return { visit: (await detailOf(ctx, tx, { provinceId }, input.plannedVisitId))!, replayed: true };
        before = (await detailOf(ctx, tx, { provinceId }, input.plannedVisitId))!;
        if (locked.status !== 'planned' || locked.unitId !== input.unitId) throw new AppError('visit.not_planned', { extra: { current: before } });
        id = input.plannedVisitId;
        await updateVisitRow(tx, id, { ...fields, version: locked.version + 1, updatedAt: ctx.now() });
      } else {
        id = await insertVisit(tx, { provinceId, unitId: input.unitId, ...fields, createdBy: ctx.actor.id, createdAt: ctx.now(), updatedAt: ctx.now() });
      }
      if (demands.length) await createVisitDemands(ctx, tx, { provinceId, unitId: input.unitId, visitId: id }, demands);
      const after = (await detailOf(ctx, tx, { provinceId }, id))!;
      await recordAudit(tx, ctx, {
        action: before ? 'visit.record' : 'visit.create',
        entityType: 'visit',
        entityId: id,
        provinceId,
        ...(before ? { before: auditShape(before) } : {}),
        after: { ...auditShape(after), demandIds: after.demands.map((d) => d.id) },
      });
      return { visit: after, replayed: false };
    });
  } catch (e) {
    // Two sends of one clientId raced: the other committed first and this one hit the unique index.
    if (input.clientId && isUniqueViolation(e)) {
      const first = await replayOf(ctx, provinceId, input.clientId);
      if (first) return first;
    }
    throw e;
  }
}

async function replayOf(ctx: ServiceContext, provinceId: string, clientId: string | undefined): Promise<CreatedVisit | undefined> {
  if (!clientId) return undefined;
  const id = await findVisitIdByClientId(ctx.db, provinceId, ctx.actor.id, clientId);
  if (!id) return undefined;
  return { visit: (await detailOf(ctx, ctx.db, { provinceId }, id))!, replayed: true };
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
    const changes: VisitChanges = { ...locationColumns(input.location) };
    if (input.visitDate !== undefined) changes.visitDate = input.visitDate;
    if (input.team !== undefined) changes.team = input.team;
    if (memberIds !== undefined) changes.memberIds = memberIds;
    if (input.findings !== undefined) changes.findings = input.findings;
    if (input.employees !== undefined) changes.employees = input.employees;
    if (input.capacityUtilization !== undefined) changes.capacityUtilization = input.capacityUtilization;
    if (input.status !== undefined) changes.status = input.status;
    await updateVisitRow(tx, id, { ...changes, version: locked.version + 1, updatedAt: ctx.now() });
    const after = (await detailOf(ctx, tx, { provinceId }, id))!;
    await recordAudit(tx, ctx, { action: 'visit.update', entityType: 'visit', entityId: id, provinceId, before: auditShape(before), after: auditShape(after) });
    return after;
  });
}

/** One line of a unit's timeline (the units module merges every module's lines, newest first): `date` the visit's, `observed` its staff and capacity use. */
export type TimelineEntry = ContributedTimelineEntry;

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
