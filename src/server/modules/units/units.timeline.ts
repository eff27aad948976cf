/**
 * A unit's story, newest first: its own register history (from the audit trail) and whatever the
 * other modules know about it. A module contributes a `UnitTimelineSource` (app.ts lists them), whose
 * `entries(ctx, unitId)` is its service's `unitTimelineEntries`, scoped by `ctx.actor` like any of its reads (an agency sees its own demands and referrals only).
 * The unit itself has been checked against the caller's scope before any module is asked. Entries
 * that observed staff or capacity (visits) carry `observed`, which joins the register's history in
 * `series`: staff and capacity over time.
 */
import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { auditEvents } from '../../db/schema.js';
import { actorNameOf } from '../../db/actor-name.js';
import type { Lang } from '../../../shared/errors.js';
import { tehranDate } from '../../../shared/jalali.js';
import type { Unit, UnitTimeline, UnitTimelineEntry } from '../../../shared/contracts/units.js';
import { getUnit } from './units.service.js';

/** What a module hands back: the entry, where `entityType`/`entityId` may be left to `refId` and the module. */
export type ContributedEntry = Omit<UnitTimelineEntry, 'at' | 'entityType' | 'entityId'> & {
  at: string | Date;
  entityType?: string;
  entityId?: string;
  refId?: string;
};
export type UnitTimelineEntries = (ctx: ServiceContext, unitId: string) => Promise<ContributedEntry[]>;
/** A module's staff/capacity observations (visits): `unitObservations(ctx, unitId)`. */
export type UnitObservationSource = (
  ctx: ServiceContext,
  unitId: string,
) => Promise<{ date: string; employees: number | null; capacityUtilization: number | null }[]>;

/**
 * A module that tells part of a unit's story: its entries, the record type they are about when an entry
 * does not say, and (visits) the staff and capacity it observed. The list is made in app.ts.
 */
export interface UnitTimelineSource {
  entityType: string;
  entries: UnitTimelineEntries;
  observations?: UnitObservationSource;
}

const t = (lang: Lang, fa: string, en: string) => (lang === 'en' ? en : fa);

/** Fields whose change the timeline shows, each with the value people read. */
const SHOWN: { field: keyof Unit; value: (u: Partial<Unit>) => unknown }[] = [
  { field: 'name', value: (u) => u.name },
  { field: 'nationalId', value: (u) => u.nationalId },
  { field: 'licenseNo', value: (u) => u.licenseNo },
  { field: 'sectorCode', value: (u) => u.sectorName ?? u.sectorCode },
  { field: 'countyId', value: (u) => u.countyName ?? u.countyId },
  { field: 'estateId', value: (u) => u.estateName ?? u.estateId },
  { field: 'address', value: (u) => u.address },
  { field: 'phone', value: (u) => u.phone },
  { field: 'managerName', value: (u) => u.managerName },
  { field: 'employees', value: (u) => u.employees },
  { field: 'capacityUtilization', value: (u) => u.capacityUtilization },
  { field: 'status', value: (u) => u.status },
  { field: 'lat', value: (u) => u.lat },
  { field: 'lng', value: (u) => u.lng },
];

function diff(before: Partial<Unit>, after: Partial<Unit>): { field: string; before: unknown; after: unknown }[] {
  const out: { field: string; before: unknown; after: unknown }[] = [];
  for (const s of SHOWN) {
    const b = s.value(before) ?? null;
    const a = s.value(after) ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) out.push({ field: s.field, before: b, after: a });
  }
  return out;
}

export async function unitTimeline(ctx: ServiceContext, unitId: string, sources: readonly UnitTimelineSource[]): Promise<UnitTimeline> {
  await getUnit(ctx, unitId); // 404 outside the caller's scope
  const lang: Lang = ctx.lang ?? 'fa';
  const showActor = ctx.actor.role !== 'producer';
  const events = await ctx.db
    .select({ ...getTableColumns(auditEvents), actorName: actorNameOf({ id: auditEvents.actorId, label: auditEvents.actorLabel }) })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'unit'), eq(auditEvents.entityId, unitId)))
    .orderBy(asc(auditEvents.id));

  const items: UnitTimelineEntry[] = [];
  const register = new Map<string, { employees: number | null; capacityUtilization: number | null }>();
  for (const e of events) {
    const after = (e.after ?? {}) as Partial<Unit>;
    const before = (e.before ?? {}) as Partial<Unit>;
    const base = { at: e.at.toISOString(), entityType: 'unit', entityId: unitId, actor: showActor ? e.actorName : null };
    if (e.action === 'unit.create') {
      items.push({ ...base, kind: 'unit.created', title: t(lang, 'ثبت واحد در سامانه', 'Unit registered'), status: after.status ?? null });
    } else if (e.action === 'unit.update') {
      const changes = diff(before, after);
      items.push({ ...base, kind: 'unit.updated', title: t(lang, 'ویرایش اطلاعات واحد', 'Unit details changed'), status: after.status ?? null, changes });
    } else continue;
    if (typeof after.employees === 'number' || typeof after.capacityUtilization === 'number') {
      register.set(tehranDate(e.at), { employees: after.employees ?? null, capacityUtilization: after.capacityUtilization ?? null });
    }
  }

  items.reverse(); // newest first, also among events of the same instant
  const series: UnitTimeline['series'] = [...register].map(([date, v]) => ({ date, ...v, source: 'register' as const }));
  for (const source of sources) {
    const [entries, observations] = await Promise.all([source.entries(ctx, unitId), source.observations?.(ctx, unitId)]);
    for (const entry of entries) {
      const at = entry.at instanceof Date ? entry.at.toISOString() : new Date(entry.at).toISOString();
      const entityId = entry.entityId ?? entry.refId ?? '';
      items.push({ ...entry, at, entityType: entry.entityType ?? source.entityType, entityId });
      const o = entry.observed;
      if (!observations && o && (o.employees != null || o.capacityUtilization != null)) {
        series.push({ date: entry.date ?? tehranDate(new Date(at)), employees: o.employees ?? null, capacityUtilization: o.capacityUtilization ?? null, source: 'visit' });
      }
    }
    for (const o of observations ?? []) series.push({ date: o.date, employees: o.employees, capacityUtilization: o.capacityUtilization, source: 'visit' });
  }
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  series.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.source === 'register' ? -1 : 1));
  return { items, series };
}
