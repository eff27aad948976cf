/** SQL for working-group sessions, their attendees and agenda. Everything here takes an already-scoped province. */
import { and, asc, desc, eq, gt, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { pageWithTotal, totalColumn } from '../../db/paging.js';
import type { DbOrTx } from '../../db/client.js';
import { sortOn } from '../../db/sort.js';
import { agencies, agendaItems, demands, provinces, referrals, sessionAttendees, units, wgSessions } from '../../db/schema.js';
import type { AgendaItem, AgendaItemStatus, Attendee, AttendeeInput, ListSessionsQuery, Session, SessionStatus } from '../../../shared/contracts/sessions.js';
import { stampsOf } from '../../db/stamps.js';
import { pick, insertReturningId } from '../../db/rows.js';

export type SessionRow = typeof wgSessions.$inferSelect;
export type AgendaItemRow = typeof agendaItems.$inferSelect;

export function sessionConditions(provinceId: string, q: Partial<ListSessionsQuery>): SQL | undefined {
  const where: SQL[] = [eq(wgSessions.provinceId, provinceId)];
  if (q.fiscalYear) where.push(eq(wgSessions.fiscalYear, q.fiscalYear));
  if (q.status) where.push(eq(wgSessions.status, q.status));
  return and(...where);
}

// written out with explicit aliases: inside a select list Drizzle may leave a column unqualified
const counts = {
  agendaCount: sql<number>`(select count(*)::int from agenda_items ai where ai.session_id = "wg_sessions"."id")`,
  resolutionCount: sql<number>`(select count(*)::int from resolutions rs where rs.session_id = "wg_sessions"."id")`,
  attendeeCount: sql<number>`(select count(*)::int from session_attendees sa where sa.session_id = "wg_sessions"."id")`,
  presentCount: sql<number>`(select count(*)::int from session_attendees sa where sa.session_id = "wg_sessions"."id" and sa.present)`,
};

function toSession(r: { s: SessionRow; agendaCount: number; resolutionCount: number; attendeeCount: number; presentCount: number }): Session {
  const s = r.s;
  return {
    status: s.status as SessionStatus,
    ...stampsOf(s),
    ...pick(s, ['provinceId', 'fiscalYear', 'number', 'heldOn', 'title', 'chair', 'location']),
    ...pick(r, ['agendaCount', 'resolutionCount', 'attendeeCount', 'presentCount']),
  };
}

const sortColumns = { heldOn: wgSessions.heldOn, number: wgSessions.number, createdAt: wgSessions.createdAt } as const;

function sessionOrder(sort: ListSessionsQuery['sort']): SQL[] {
  if (!sort) return [desc(wgSessions.heldOn), desc(wgSessions.number)];
  return [sortOn(sortColumns, sort).by, desc(wgSessions.number)];
}

export async function findSessions(db: DbOrTx, provinceId: string, q: ListSessionsQuery) {
  const cond = sessionConditions(provinceId, q);
  const counted = () => db.select({ n: sql<number>`count(*)::int` }).from(wgSessions).where(cond);
  const { rows, total } = await pageWithTotal(
    db
      .select({ s: wgSessions, ...counts, total: totalColumn(counted()) })
      .from(wgSessions)
      .where(cond)
      .orderBy(...sessionOrder(q.sort))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    q.page,
    counted,
  );
  return { items: rows.map(toSession), total };
}

export async function findSession(db: DbOrTx, provinceId: string, id: string): Promise<Session | undefined> {
  const [row] = await db
    .select({ s: wgSessions, ...counts })
    .from(wgSessions)
    .where(and(eq(wgSessions.provinceId, provinceId), eq(wgSessions.id, id)));
  return row ? toSession(row) : undefined;
}

export async function findAttendees(db: DbOrTx, sessionId: string): Promise<Attendee[]> {
  const rows = await db
    .select({ a: sessionAttendees, agencyName: agencies.name })
    .from(sessionAttendees)
    .leftJoin(agencies, eq(agencies.id, sessionAttendees.agencyId))
    .where(eq(sessionAttendees.sessionId, sessionId))
    .orderBy(asc(sessionAttendees.position), asc(sessionAttendees.id));
  return rows.map(({ a, agencyName }) => ({
    id: a.id,
    agencyId: a.agencyId,
    agencyName: agencyName ?? null,
    name: a.name,
    title: a.title,
    present: a.present,
  }));
}


export async function findAgenda(db: DbOrTx, where: SQL): Promise<AgendaItem[]> {
  const rows = await db
    .select({
      a: agendaItems,
      unitName: units.name,
      demandCode: demands.code,
      referralCode: referrals.code,
      carriedToSessionId: sql<string | null>`(select c.session_id::text from agenda_items c where c.carried_from_item_id = "agenda_items"."id" limit 1)`,
    })
    .from(agendaItems)
    .leftJoin(units, eq(units.id, agendaItems.unitId))
    .leftJoin(demands, eq(demands.id, agendaItems.demandId))
    .leftJoin(referrals, eq(referrals.id, agendaItems.referralId))
    .where(where)
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
  return rows.map(({ a, unitName, demandCode, referralCode, carriedToSessionId }) => ({
    sessionId: a.sessionId,
    ...stampsOf(a),
    position: a.position,
    unitId: a.unitId,
    unitName: unitName ?? null,
    demandId: a.demandId,
    demandCode: demandCode ?? null,
    referralId: a.referralId,
    referralCode: referralCode ?? null,
    subject: a.subject,
    status: a.status as AgendaItemStatus,
    carriedFromItemId: a.carriedFromItemId,
    carriedToSessionId: carriedToSessionId ?? null,
  }));
}

export function agendaOfSession(sessionId: string): SQL {
  return eq(agendaItems.sessionId, sessionId);
}

// ── Writing ─────────────────────────────────────────────────────────────────

export type SessionChanges = Partial<typeof wgSessions.$inferInsert>;
export type AgendaItemChanges = Partial<typeof agendaItems.$inferInsert>;

export function findSessionAgenda(db: DbOrTx, sessionId: string): Promise<AgendaItem[]> {
  return findAgenda(db, agendaOfSession(sessionId));
}

export async function findAgendaItem(db: DbOrTx, sessionId: string, itemId: string): Promise<AgendaItem | undefined> {
  return (await findAgenda(db, and(eq(agendaItems.sessionId, sessionId), eq(agendaItems.id, itemId))!))[0];
}

/** Which of these agency ids exist. */
export async function countKnownAgencies(db: DbOrTx, ids: string[]): Promise<string[]> {
  return (await db.select({ id: agencies.id }).from(agencies).where(inArray(agencies.id, ids))).map((r) => r.id);
}

/** Replaces a session's attendees by this list, in its order. */
export async function replaceAttendees(db: DbOrTx, sessionId: string, list: AttendeeInput[]): Promise<void> {
  await db.delete(sessionAttendees).where(eq(sessionAttendees.sessionId, sessionId));
  if (!list.length) return;
  await db.insert(sessionAttendees).values(
    list.map((a, i) => ({ sessionId, position: i + 1, agencyId: a.agencyId ?? null, name: a.name, title: a.title ?? null, present: a.present })),
  );
}

/**
 * The session's number is the next in its province's fiscal year. A transaction-scoped advisory lock on
 * (province, year) makes concurrent creates queue, so each reads the max its predecessor committed; the
 * UNIQUE (province, year, number) constraint is the backstop.
 */
export async function nextSessionNumber(tx: DbOrTx, provinceId: string, fiscalYear: number): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tashil.wg_session:${provinceId}:${fiscalYear}`}))`);
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${wgSessions.number}), 0)::int` })
    .from(wgSessions)
    .where(and(eq(wgSessions.provinceId, provinceId), eq(wgSessions.fiscalYear, fiscalYear)));
  return (row?.n ?? 0) + 1;
}

export async function insertSession(tx: DbOrTx, values: typeof wgSessions.$inferInsert): Promise<string> {
  return insertReturningId(tx, wgSessions, values);
}

/** Locks a session of the province (FOR UPDATE) and reads its version and fiscal year. */
export async function lockSessionVersion(tx: DbOrTx, provinceId: string, id: string) {
  const [locked] = await tx
    .select({ version: wgSessions.version, fiscalYear: wgSessions.fiscalYear })
    .from(wgSessions)
    .where(and(eq(wgSessions.id, id), eq(wgSessions.provinceId, provinceId)))
    .for('update');
  return locked;
}

/** Locks a session of the province (FOR UPDATE) while its agenda changes. */
export async function lockSessionRow(tx: DbOrTx, provinceId: string, id: string) {
  const [s] = await tx
    .select({ id: wgSessions.id, version: wgSessions.version, heldOn: wgSessions.heldOn, number: wgSessions.number, status: wgSessions.status })
    .from(wgSessions)
    .where(and(eq(wgSessions.id, id), eq(wgSessions.provinceId, provinceId)))
    .for('update');
  return s;
}

export async function updateSessionRow(tx: DbOrTx, id: string, set: SessionChanges): Promise<void> {
  await tx.update(wgSessions).set(set).where(eq(wgSessions.id, id));
}

export async function touchSession(tx: DbOrTx, id: string, now: Date): Promise<void> {
  await tx.update(wgSessions).set({ updatedAt: now }).where(eq(wgSessions.id, id));
}

/** The unit of a demand, a referral, or the unit itself, when it is the province's (an agenda item's references). */
export const agendaRefsOf = {
  async demand(db: DbOrTx, provinceId: string, id: string): Promise<{ unitId: string } | undefined> {
    const [d] = await db.select({ unitId: demands.unitId }).from(demands).where(and(eq(demands.id, id), eq(demands.provinceId, provinceId)));
    return d;
  },
  async referral(db: DbOrTx, provinceId: string, id: string): Promise<{ unitId: string } | undefined> {
    const [r] = await db.select({ unitId: referrals.unitId }).from(referrals).where(and(eq(referrals.id, id), eq(referrals.provinceId, provinceId)));
    return r;
  },
  async unit(db: DbOrTx, provinceId: string, id: string): Promise<{ id: string } | undefined> {
    const [u] = await db.select({ id: units.id }).from(units).where(and(eq(units.id, id), eq(units.provinceId, provinceId)));
    return u;
  },
};

/** The position after the last item of a session's agenda. */
export async function nextAgendaPosition(tx: DbOrTx, sessionId: string): Promise<number> {
  const [max] = await tx.select({ n: sql<number>`coalesce(max(${agendaItems.position}), 0)::int` }).from(agendaItems).where(eq(agendaItems.sessionId, sessionId));
  return (max?.n ?? 0) + 1;
}

export async function insertAgendaItem(tx: DbOrTx, values: typeof agendaItems.$inferInsert): Promise<string> {
  return insertReturningId(tx, agendaItems, values);
}

/** Locks every item of a session's agenda (FOR UPDATE), in agenda order. */
export function lockAgendaItems(tx: DbOrTx, sessionId: string) {
  return tx
    .select({ id: agendaItems.id, version: agendaItems.version, status: agendaItems.status })
    .from(agendaItems)
    .where(eq(agendaItems.sessionId, sessionId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt))
    .for('update');
}

export async function lockAgendaItem(tx: DbOrTx, sessionId: string, itemId: string): Promise<AgendaItemRow | undefined> {
  const [item] = await tx.select().from(agendaItems).where(and(eq(agendaItems.id, itemId), eq(agendaItems.sessionId, sessionId))).for('update');
  return item;
}

export async function updateAgendaItemRow(tx: DbOrTx, id: string, set: AgendaItemChanges): Promise<void> {
  await tx.update(agendaItems).set(set).where(eq(agendaItems.id, id));
}

/**
 * Where an item is carried over to: the named session of the province (not this one), else the next
 * planned session after this one.
 */
export async function findCarryOverTarget(
  tx: DbOrTx,
  provinceId: string,
  source: { id: string; heldOn: string; number: number },
  toSessionId: string | undefined,
): Promise<{ id: string; status: string } | undefined> {
  const [target] = toSessionId
    ? await tx
        .select({ id: wgSessions.id, status: wgSessions.status })
        .from(wgSessions)
        .where(and(eq(wgSessions.id, toSessionId), eq(wgSessions.provinceId, provinceId), ne(wgSessions.id, source.id)))
    : await tx
        .select({ id: wgSessions.id, status: wgSessions.status })
        .from(wgSessions)
        .where(
          and(
            eq(wgSessions.provinceId, provinceId),
            eq(wgSessions.status, 'planned'),
            ne(wgSessions.id, source.id),
            or(gt(wgSessions.heldOn, source.heldOn), and(eq(wgSessions.heldOn, source.heldOn), gt(wgSessions.number, source.number))),
          ),
        )
        .orderBy(asc(wgSessions.heldOn), asc(wgSessions.number))
        .limit(1);
  return target;
}

/** The demands and referrals already on a session's agenda. */
export function sessionAgendaRefs(db: DbOrTx, sessionId: string) {
  return db.select({ demandId: agendaItems.demandId, referralId: agendaItems.referralId }).from(agendaItems).where(eq(agendaItems.sessionId, sessionId));
}

export async function findProvinceName(db: DbOrTx, provinceId: string): Promise<string | undefined> {
  const [province] = await db.select({ name: provinces.name }).from(provinces).where(eq(provinces.id, provinceId));
  return province?.name;
}
