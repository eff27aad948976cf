/** SQL for loan applications. Everything here takes an already-scoped province (and agency or unit by role). */
import { and, asc, eq, gte, inArray, lt, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { pageWithTotal, totalColumn } from '../../db/paging.js';
import type { DbOrTx } from '../../db/client.js';
import { sortOn } from '../../db/sort.js';
import { agencies, banks, counties, loanApplicationEvents, loanApplications, programs, referrals, rejectionReasons, units } from '../../db/schema.js';
import type { FacilityType } from '../../../shared/contracts/referrals.js';
import type { ListLoanApplicationsQuery, LoanApplication } from '../../../shared/contracts/loan-applications.js';
import type { LoanApplicationStatus } from '../../../shared/machines.js';
import { addDays, tehranDayStart } from '../../../shared/jalali.js';
import { stampsOf } from '../../db/stamps.js';
import { pick, insertReturningId } from '../../db/rows.js';

export type LoanApplicationRow = typeof loanApplications.$inferSelect;
export type LoanApplicationChanges = Partial<typeof loanApplications.$inferInsert>;

export interface LoanScope {
  provinceId: string;
  /** a producer: their unit only */
  unitId?: string;
  /** an agency: the programs it owns, and the applications it filed */
  agencyId?: string;
}

export interface JoinedApplication {
  a: LoanApplicationRow;
  unitName: string;
  unitNationalId: string;
  countyName: string;
  programName: string;
  programAgencyId: string | null;
  reasonName: string | null;
}

const columns = {
  a: loanApplications,
  unitName: units.name,
  unitNationalId: units.nationalId,
  countyName: counties.name,
  programName: programs.name,
  programAgencyId: programs.defaultAgencyId,
  reasonName: rejectionReasons.name,
};

/** The applications with their display names; `count`: with the list's total on each row too (`pageWithTotal`). */
function selectApplications(db: DbOrTx, count?: SQLWrapper) {
  return db
    .select({ ...columns, total: count ? totalColumn(count) : sql<number>`0` })
    .from(loanApplications)
    .innerJoin(units, eq(units.id, loanApplications.unitId))
    .innerJoin(counties, eq(counties.id, loanApplications.countyId))
    .innerJoin(programs, eq(programs.code, loanApplications.programCode))
    .leftJoin(rejectionReasons, eq(rejectionReasons.code, loanApplications.reasonCode));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toLoanApplication(j: JoinedApplication): LoanApplication {
  const a = j.a;
  return {
    facilityType: a.facilityType as FacilityType,
    ...stampsOf(a),
    ...pick(a, ['code', 'provinceId', 'unitId', 'countyId', 'programCode', 'purpose', 'agencyId', 'returnNote', 'referralId', 'createdByName']),
    ...pick(j, ['unitName', 'unitNationalId', 'countyName', 'programName', 'programAgencyId']),
    requestedAmount: a.requestedAmount.toString(),
    status: a.status as LoanApplicationStatus,
    reason: a.reasonCode && a.reasonText ? { code: a.reasonCode, name: j.reasonName, text: a.reasonText } : null,
    submittedAt: a.submittedAt.toISOString(),
    reviewStartedAt: iso(a.reviewStartedAt),
    decidedAt: iso(a.decidedAt),
    referredAt: iso(a.referredAt),
    withdrawnAt: iso(a.withdrawnAt),
  };
}

/** An agency's share: the applications under the programs it owns, and those it filed itself. */
function scopeConditions(scope: LoanScope): SQL[] {
  const where: SQL[] = [eq(loanApplications.provinceId, scope.provinceId)];
  if (scope.unitId !== undefined) where.push(eq(loanApplications.unitId, scope.unitId));
  if (scope.agencyId !== undefined)
    where.push(
      or(
        eq(loanApplications.agencyId, scope.agencyId),
        sql`${loanApplications.programCode} in (select ${programs.code} from ${programs} where ${programs.defaultAgencyId} = ${scope.agencyId})`,
      )!,
    );
  return where;
}

function listConditions(scope: LoanScope, q: Partial<ListLoanApplicationsQuery>): SQL | undefined {
  const where = scopeConditions(scope);
  if (q.unitId) where.push(eq(loanApplications.unitId, q.unitId));
  if (q.status?.length) where.push(inArray(loanApplications.status, q.status));
  if (q.programCode) where.push(eq(loanApplications.programCode, q.programCode));
  // the application's own date: when it was filed, as a Tehran calendar day
  if (q.from) where.push(gte(loanApplications.createdAt, tehranDayStart(q.from)));
  if (q.to) where.push(lt(loanApplications.createdAt, tehranDayStart(addDays(q.to, 1))));
  return and(...where);
}

const sortColumns = {
  createdAt: loanApplications.createdAt,
  updatedAt: loanApplications.updatedAt,
  requestedAmount: loanApplications.requestedAmount,
  code: loanApplications.code,
  status: loanApplications.status,
} as const;

export async function findApplications(db: DbOrTx, scope: LoanScope, q: ListLoanApplicationsQuery) {
  const cond = listConditions(scope, q);
  const order = sortOn(sortColumns, q.sort ?? '-createdAt');
  const counted = () => db.select({ n: sql<number>`count(*)::int` }).from(loanApplications).where(cond);
  const { rows, total } = await pageWithTotal(
    selectApplications(db, counted())
      .where(cond)
      .orderBy(order.by, order.direction(loanApplications.code))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    q.page,
    counted,
  );
  return { items: rows.map(toLoanApplication), total };
}

export async function findApplication(db: DbOrTx, scope: LoanScope, id: string): Promise<JoinedApplication | undefined> {
  const [row] = await selectApplications(db).where(and(...scopeConditions(scope), eq(loanApplications.id, id))).limit(1);
  return row;
}

/** Locks the application's row (in scope) for a change; undefined outside the scope. */
export async function lockApplication(tx: DbOrTx, scope: LoanScope, id: string): Promise<LoanApplicationRow | undefined> {
  const [row] = await tx
    .select()
    .from(loanApplications)
    .where(and(...scopeConditions(scope), eq(loanApplications.id, id)))
    .for('update');
  return row;
}

export async function insertApplication(tx: DbOrTx, values: typeof loanApplications.$inferInsert): Promise<string> {
  return insertReturningId(tx, loanApplications, values);
}

export async function updateApplication(tx: DbOrTx, id: string, changes: LoanApplicationChanges): Promise<void> {
  await tx.update(loanApplications).set(changes).where(eq(loanApplications.id, id));
}

export async function insertApplicationEvent(tx: DbOrTx, values: typeof loanApplicationEvents.$inferInsert): Promise<number> {
  return insertReturningId(tx, loanApplicationEvents, values);
}

export async function findApplicationEvents(db: DbOrTx, id: string) {
  const rows = await db
    .select({ e: loanApplicationEvents, reasonName: rejectionReasons.name })
    .from(loanApplicationEvents)
    .leftJoin(rejectionReasons, sql`${rejectionReasons.code} = ${loanApplicationEvents.reason} ->> 'code'`)
    .where(eq(loanApplicationEvents.loanApplicationId, id))
    .orderBy(asc(loanApplicationEvents.id));
  return rows.map(({ e, reasonName }) => {
    const reason = e.reason as { code: string; text: string } | null;
    return {
      id: String(e.id),
      from: e.fromStatus as LoanApplicationStatus | null,
      to: e.toStatus as LoanApplicationStatus,
      at: e.at.toISOString(),
      actorName: e.actorName,
      actorRole: e.actorRole,
      onBehalf: e.onBehalf,
      note: e.note,
      reason: reason ? { code: reason.code, text: reason.text, name: reasonName } : null,
      changes: (e.changes as Record<string, { from: unknown; to: unknown }> | null) ?? null,
      referralId: e.referralId,
    };
  });
}

/** The referral made from an application, as far as the bank has taken it. */
export async function findReferralSummary(db: DbOrTx, referralId: string) {
  const [row] = await db
    .select({
      id: referrals.id,
      code: referrals.code,
      status: referrals.status,
      bankId: referrals.bankId,
      bankName: banks.name,
      agencyName: agencies.name,
      referralDate: referrals.referralDate,
      requestedAmount: referrals.requestedAmount,
      approvedAmount: referrals.approvedAmount,
      paidAmount: referrals.paidAmount,
      paidDate: referrals.paidDate,
      reasonText: referrals.reasonText,
    })
    .from(referrals)
    .innerJoin(banks, eq(banks.id, referrals.bankId))
    .innerJoin(agencies, eq(agencies.id, referrals.agencyId))
    .where(eq(referrals.id, referralId));
  if (!row) return null;
  const money = (v: bigint | null) => (v === null ? null : v.toString());
  return { ...row, requestedAmount: row.requestedAmount.toString(), approvedAmount: money(row.approvedAmount), paidAmount: money(row.paidAmount) };
}

export async function findProgram(db: DbOrTx, code: string): Promise<{ code: string; defaultAgencyId: string | null } | undefined> {
  const [row] = await db.select({ code: programs.code, defaultAgencyId: programs.defaultAgencyId }).from(programs).where(eq(programs.code, code));
  return row;
}

export async function rejectionReasonName(db: DbOrTx, code: string): Promise<string | undefined> {
  const [row] = await db.select({ name: rejectionReasons.name }).from(rejectionReasons).where(eq(rejectionReasons.code, code));
  return row?.name;
}
