/** SQL for working-group sessions, their attendees and agenda. Everything here takes an already-scoped province. */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, agendaItems, demands, referrals, sessionAttendees, units, wgSessions } from '../../db/schema.js';
import type { AgendaItem, AgendaItemStatus, Attendee, ListSessionsQuery, Session, SessionStatus } from '../../../shared/contracts/sessions.js';

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
    id: s.id,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    provinceId: s.provinceId,
    fiscalYear: s.fiscalYear,
    number: s.number,
    heldOn: s.heldOn,
    title: s.title,
    chair: s.chair,
    location: s.location,
    status: s.status as SessionStatus,
    agendaCount: r.agendaCount,
    resolutionCount: r.resolutionCount,
    attendeeCount: r.attendeeCount,
    presentCount: r.presentCount,
  };
}

const sortColumns = { heldOn: wgSessions.heldOn, number: wgSessions.number, createdAt: wgSessions.createdAt } as const;

function sessionOrder(sort: ListSessionsQuery['sort']): SQL[] {
  if (!sort) return [desc(wgSessions.heldOn), desc(wgSessions.number)];
  const descending = sort.startsWith('-');
  const col = sortColumns[(descending ? sort.slice(1) : sort) as keyof typeof sortColumns];
  return [descending ? desc(col) : asc(col), desc(wgSessions.number)];
}

export async function findSessions(db: DbOrTx, provinceId: string, q: ListSessionsQuery) {
  const cond = sessionConditions(provinceId, q);
  const [rows, total] = await Promise.all([
    db
      .select({ s: wgSessions, ...counts })
      .from(wgSessions)
      .where(cond)
      .orderBy(...sessionOrder(q.sort))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(wgSessions).where(cond),
  ]);
  return { items: rows.map(toSession), total: total[0]?.n ?? 0 };
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
    id: a.id,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    sessionId: a.sessionId,
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
