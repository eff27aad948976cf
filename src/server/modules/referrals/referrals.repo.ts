/** SQL for referrals. Everything here takes an already-scoped province (and bank, agency or unit by role). */
import { and, asc, eq, getTableColumns, gt, gte, ilike, inArray, like, lte, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { containing } from '../../db/like.js';
import { sortOn } from '../../db/sort.js';
import { lookup, lookupOptional } from '../../db/lookup.js';
import { keptCount, onlyNames } from '../../db/list-counts.js';
import { keptOverdueCount, overdueCondition, waitedAtMost } from './referrals.clock.js';
import { insertWhereFound, rowOf, type GuardedRow } from '../../db/guarded-insert.js';
import { preparedOn } from '../../db/prepared.js';
import type { ForeignProbes } from '../../db/page-probes.js';
import { eventActorName, historyJson, historyOf } from './referrals.history.js';
import {
  agencies,
  auditEvents,
  banks,
  notifications,
  programs,
  provinces,
  referralEvents,
  referralFollowups,
  referrals,
  rejectionReasons,
  settings,
  units,
} from '../../db/schema.js';
import type { FacilityType, ListReferralsQuery, Referral, ReferralFilters } from '../../../shared/contracts/referrals.js';
import { REFERRAL_DEADLINE_STATUSES, type ReferralStatus } from '../../../shared/machines.js';
import type { IsoDate } from '../../../shared/jalali.js';
import { searchKey, toAsciiDigits } from '../../../shared/text.js';
import {
  OPEN_REFERRAL_STATUSES,
  stageClock,
} from './referrals.rules.js';
import type { UnitNotice } from './referrals.notices.js';
import { DEFAULT_DEADLINES, SETTING_DECISION_DAYS, SETTING_RECEIPT_DAYS, type ReferralDeadlines } from '../../../shared/referral-deadlines.js';
import { stampsOf } from '../../db/stamps.js';
import { pageWithTotal, totalColumn } from '../../db/paging.js';
import { pick, insertReturningId } from '../../db/rows.js';

export type ReferralRow = typeof referrals.$inferSelect;

export interface ReferralScope {
  provinceId: string;
  bankId?: string;
  agencyId?: string;
  unitId?: string;
}

export const referralColumns = {
  r: referrals,
  unitName: units.name,
  unitNationalId: units.nationalId,
  agencyName: lookup(agencies.name, agencies.id, referrals.agencyId),
  bankName: lookup(banks.name, banks.id, referrals.bankId),
  programName: lookup(programs.name, programs.code, referrals.programCode),
  reasonName: lookupOptional(rejectionReasons.name, rejectionReasons.code, referrals.reasonCode),
};

export interface JoinedReferral {
  r: ReferralRow;
  unitName: string;
  unitNationalId: string;
  agencyName: string;
  bankName: string;
  programName: string;
  reasonName: string | null;
}

export function selectReferrals(db: DbOrTx) {
  return db
    .select(referralColumns)
    .from(referrals)
    .innerJoin(units, eq(units.id, referrals.unitId));
}

/** A page of the list, its total and the province's deadlines, in one statement (the deadlines computed once, as the total). */
function selectReferralPage(db: DbOrTx, count: SQLWrapper, provinceId: string) {
  return db
    .select({ ...referralColumns, total: totalColumn(count), receiptDays: settingOf(SETTING_RECEIPT_DAYS, provinceId), decisionDays: settingOf(SETTING_DECISION_DAYS, provinceId) })
    .from(referrals)
    .innerJoin(units, eq(units.id, referrals.unitId));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const money = (v: bigint | null) => (v === null ? null : v.toString());

/** A referral as the contract sends it (begun with a plain field: see `stampsOf`). */
export function toReferral(j: JoinedReferral, today: IsoDate, deadlines: ReferralDeadlines): Referral {
  const r = j.r;
  const status = r.status as ReferralStatus;
  const clock = stageClock({ status, referralDate: r.referralDate, receivedAt: r.receivedAt, decidedAt: r.decidedAt, paidDate: r.paidDate }, today, deadlines);
  return {
    facilityType: r.facilityType as FacilityType,
    ...stampsOf(r),
    ...pick(r, ['code', 'provinceId', 'unitId', 'agencyId', 'bankId', 'branchName', 'programCode', 'paidDate', 'referralDate', 'letterNo', 'behinyabId']),
    ...pick(j, ['unitName', 'unitNationalId', 'agencyName', 'bankName', 'programName']),
    requestedAmount: r.requestedAmount.toString(),
    approvedAmount: money(r.approvedAmount),
    paidAmount: money(r.paidAmount),
    status,
    receivedAt: iso(r.receivedAt),
    reviewStartedAt: iso(r.reviewStartedAt),
    decidedAt: iso(r.decidedAt),
    paidAt: iso(r.paidAt),
    withdrawnAt: iso(r.withdrawnAt),
    reason:
      r.reasonCode && r.reasonText && r.reasonLetterNo && r.reasonLetterDate
        ? { code: r.reasonCode, name: j.reasonName, text: r.reasonText, letterNo: r.reasonLetterNo, letterDate: r.reasonLetterDate }
        : null,
    ...clock,
    loanApplicationId: r.loanApplicationId,
  };
}

export function scopeConditions(scope: ReferralScope): SQL[] {
  const where: SQL[] = [eq(referrals.provinceId, scope.provinceId)];
  if (scope.bankId !== undefined) where.push(eq(referrals.bankId, scope.bankId));
  if (scope.agencyId !== undefined) where.push(eq(referrals.agencyId, scope.agencyId));
  if (scope.unitId !== undefined) where.push(eq(referrals.unitId, scope.unitId));
  return where;
}


/** Whether the filters read a unit's column (the name search), so a count must join `units`; most lists need not. */
export function referralFiltersNeedUnits(q: ReferralFilters): boolean {
  return Boolean(q.q && searchKey(q.q));
}

/** The list query's names a kept count answers (`list_counts`): paging, sort, bank, agency and status. */
const KEPT_COUNT_NAMES: ReadonlySet<string> = new Set(['page', 'pageSize', 'sort', 'bankId', 'agencyId', 'status']);
/** …and those the province's overdue count answers (`referral_waits`): paging, sort and the overdue filter. */
const OVERDUE_COUNT_NAMES: ReadonlySet<string> = new Set(['page', 'pageSize', 'sort', 'overdue']);

/**
 * A list's total: from the kept counts when it asks only their keys, else `count(*)` of the referrals matching `cond`,
 * joining `units` only when the filters read it.
 */
function countReferrals(db: DbOrTx, scope: ReferralScope, cond: SQL | undefined, q: ReferralFilters, today: IsoDate, d: ReferralDeadlines) {
  const province = scope.bankId === undefined && scope.agencyId === undefined && scope.unitId === undefined;
  if (province && q.overdue === 'true' && onlyNames(q, OVERDUE_COUNT_NAMES)) return keptOverdueCount(db, scope.provinceId, today, d);
  const bankId = scope.bankId ?? (q.bankId || undefined);
  const agencyId = scope.agencyId ?? (q.agencyId || undefined);
  const sameKeys = (!scope.bankId || !q.bankId || q.bankId === scope.bankId) && (!scope.agencyId || !q.agencyId || q.agencyId === scope.agencyId);
  if (scope.unitId === undefined && sameKeys && onlyNames(q, KEPT_COUNT_NAMES)) {
    return keptCount(db, 'referral', { provinceId: scope.provinceId, bankId, agencyId, statuses: q.status?.length ? q.status : undefined });
  }
  const count = db.select({ n: sql<number>`count(*)::int` }).from(referrals).$dynamic();
  return (referralFiltersNeedUnits(q) ? count.innerJoin(units, eq(units.id, referrals.unitId)) : count).where(cond);
}

export function referralConditions(scope: ReferralScope, q: ReferralFilters, today: IsoDate, d: ReferralDeadlines): SQL | undefined {
  const where = scopeConditions(scope);
  if (q.bankId) where.push(eq(referrals.bankId, q.bankId));
  if (q.agencyId) where.push(eq(referrals.agencyId, q.agencyId));
  if (q.unitId) where.push(eq(referrals.unitId, q.unitId));
  if (q.status?.length) where.push(inArray(referrals.status, q.status));
  if (q.programCode) where.push(eq(referrals.programCode, q.programCode));
  if (q.facilityType) where.push(eq(referrals.facilityType, q.facilityType));
  if (q.from) where.push(gte(referrals.referralDate, q.from));
  if (q.to) where.push(lte(referrals.referralDate, q.to));
  if (q.overdue === 'true') where.push(overdueCondition(today, d));
  if (q.overdue === 'false') where.push(sql`not (${overdueCondition(today, d)})`);
  if (q.q) {
    const key = searchKey(q.q);
    const code = toAsciiDigits(q.q).trim().toUpperCase();
    const parts: SQL[] = [];
    if (key) parts.push(like(units.nameKey, containing(key)));
    if (/^R?-?\d/.test(code) && code.length >= 3) parts.push(ilike(referrals.code, containing(code)));
    if (parts.length) where.push(or(...parts)!);
  }
  return and(...where);
}

const sortColumns = {
  referralDate: referrals.referralDate,
  createdAt: referrals.createdAt,
  updatedAt: referrals.updatedAt,
  requestedAmount: referrals.requestedAmount,
  code: referrals.code,
  status: referrals.status,
} as const;

export function referralOrder(sort: ListReferralsQuery['sort']): SQL[] {
  const order = sortOn(sortColumns, sort ?? '-referralDate');
  return [order.by, order.direction(referrals.code)];
}

/**
 * A page of referrals and the list's total. The province's deadlines (what "overdue" and each referral's due date
 * mean) come with the page from the same statement, unless a filter on them (`overdue`) needed them read first:
 * `known`.
 */
export async function findReferrals(db: DbOrTx, scope: ReferralScope, q: ListReferralsQuery, today: IsoDate, known?: ReferralDeadlines) {
  if (q.overdue !== undefined && !known) throw new Error('findReferrals: a filter on overdue needs the deadlines read first');
  const d = known ?? DEFAULT_DEADLINES;
  const cond = referralConditions(scope, q, today, d);
  const { rows, total } = await pageWithTotal(
    selectReferralPage(db, countReferrals(db, scope, cond, q, today, d), scope.provinceId).where(cond).orderBy(...referralOrder(q.sort)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    q.page,
    () => countReferrals(db, scope, cond, q, today, d),
  );
  const read = known ?? (rows[0] ? deadlinesOf(rows[0]) : DEFAULT_DEADLINES);
  return { items: rows.map((r) => toReferral(r, today, read)), total };
}

export async function findReferral(db: DbOrTx, scope: ReferralScope, id: string): Promise<JoinedReferral | undefined> {
  const [row] = await selectReferrals(db).where(and(...scopeConditions(scope), eq(referrals.id, id))).limit(1);
  return row;
}

/** A deadline setting's stored value (a number, or `{ days }`), or the fallback when absent or out of range. */
function deadlineDays(v: unknown, fallback: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'object' && v !== null && 'days' in v ? Number((v as { days: unknown }).days) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 3650 ? n : fallback;
}

/** A province's deadline setting in SQL: its own row, else the installation's ('*'); the referral's province by default. */
function settingOf(key: string, province: string | typeof referrals.provinceId = referrals.provinceId) {
  return sql<unknown>`(select s.value from ${settings} s where s.key = ${key} and s.province_id in (${province}, '*') order by s.province_id = '*' limit 1)`;
}

/** The deadlines a row read with its settings (`settingOf`), the defaults where a setting is absent or out of range. */
function deadlinesOf(row: { receiptDays: unknown; decisionDays: unknown }): ReferralDeadlines {
  return { receiptDays: deadlineDays(row.receiptDays, DEFAULT_DEADLINES.receiptDays), decisionDays: deadlineDays(row.decisionDays, DEFAULT_DEADLINES.decisionDays) };
}

type ScopeShape = 'province' | 'bank' | 'agency' | 'unit';

/** Whether each list a referral's page shows beside it has rows (db/page-probes.ts). */
export interface ReferralChildren {
  followups: boolean;
  files: boolean;
  resolutions: boolean;
}

function referralByIdQuery(db: DbOrTx, shape: ScopeShape, name: string, probes?: ForeignProbes) {
  const where: SQL[] = [eq(referrals.id, sql.placeholder('id')), eq(referrals.provinceId, sql.placeholder('provinceId'))];
  if (shape === 'bank') where.push(eq(referrals.bankId, sql.placeholder('scopeId')));
  if (shape === 'agency') where.push(eq(referrals.agencyId, sql.placeholder('scopeId')));
  if (shape === 'unit') where.push(eq(referrals.unitId, sql.placeholder('scopeId')));
  const foreign = probes?.(referrals.id);
  const no = sql<boolean>`null`;
  return db
    .select({
      ...referralColumns,
      receiptDays: settingOf(SETTING_RECEIPT_DAYS),
      decisionDays: settingOf(SETTING_DECISION_DAYS),
      hasFollowups: probes ? sql<boolean>`exists (select 1 from ${referralFollowups} where ${referralFollowups.referralId} = ${referrals.id})` : no,
      hasFiles: foreign?.files ?? no,
      hasResolutions: foreign?.resolutions ?? no,
      history: probes ? historyJson : sql<string>`null`,
    })
    .from(referrals)
    .innerJoin(units, eq(units.id, referrals.unitId))
    .where(and(...where))
    .prepare(name);
}

/**
 * A referral in scope with its display names and its province's deadlines, in one round trip: for its page and for a
 * transition. Not locked: a step's write is conditional on the version read here (optimistic).
 */
export async function findReferralWithDeadlines(db: DbOrTx, scope: ReferralScope, id: string): Promise<{ row: JoinedReferral; deadlines: ReferralDeadlines } | undefined> {
  const found = await referralById(db, scope, id);
  return found && { row: found.row, deadlines: found.deadlines };
}

/** A referral as `findReferralWithDeadlines` reads it, with its history and which of its page's other lists have rows (`ReferralChildren`). */
export const findReferralPage = async (db: DbOrTx, scope: ReferralScope, id: string, probes: ForeignProbes) => {
  const found = await referralById(db, scope, id, probes);
  return found && { ...found, history: historyOf(found.history) };
};

async function referralById(db: DbOrTx, scope: ReferralScope, id: string, probes?: ForeignProbes) {
  const shape: ScopeShape = scope.bankId !== undefined ? 'bank' : scope.agencyId !== undefined ? 'agency' : scope.unitId !== undefined ? 'unit' : 'province';
  // prepared once per database handle: a referral's page and its transitions are the hot paths
  const query = preparedOn(db, `referral_${probes ? 'page' : 'by_id'}_${shape}`, (on, name) => referralByIdQuery(on, shape, name, probes));
  const [found] = await query.execute({ id, provinceId: scope.provinceId, scopeId: scope.bankId ?? scope.agencyId ?? scope.unitId ?? null });
  if (!found) return undefined;
  const { receiptDays, decisionDays, hasFollowups, hasFiles, hasResolutions, history, ...row } = found;
  return { row, deadlines: deadlinesOf({ receiptDays, decisionDays }), children: { followups: hasFollowups, files: hasFiles, resolutions: hasResolutions }, history };
}

/** Deadlines for a province: its own settings, else the installation's ('*'), else the defaults. */
export async function readDeadlines(db: DbOrTx, provinceId: string): Promise<ReferralDeadlines> {
  const rows = await db
    .select({ provinceId: settings.provinceId, key: settings.key, value: settings.value })
    .from(settings)
    .where(and(inArray(settings.provinceId, [provinceId, '*']), inArray(settings.key, [SETTING_RECEIPT_DAYS, SETTING_DECISION_DAYS])));
  const pick = (key: string, fallback: number) => {
    const own = rows.find((r) => r.key === key && r.provinceId === provinceId) ?? rows.find((r) => r.key === key);
    return deadlineDays(own?.value, fallback);
  };
  return { receiptDays: pick(SETTING_RECEIPT_DAYS, DEFAULT_DEADLINES.receiptDays), decisionDays: pick(SETTING_DECISION_DAYS, DEFAULT_DEADLINES.decisionDays) };
}

/** Whether the province's referral deadlines (its own or the installation's) were written since `since`. */
export async function deadlinesChangedSince(db: DbOrTx, provinceId: string, since: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: settings.key })
    .from(settings)
    .where(and(inArray(settings.provinceId, [provinceId, '*']), inArray(settings.key, [SETTING_RECEIPT_DAYS, SETTING_DECISION_DAYS]), gte(settings.updatedAt, since)))
    .limit(1);
  return row !== undefined;
}

export type FollowupRow = typeof referralFollowups.$inferSelect;
export function toFollowup(f: FollowupRow) {
  return {
    id: f.id,
    referralId: f.referralId,
    note: f.note,
    actorLabel: f.actorLabel,
    actorName: f.actorName,
    actorRole: f.actorRole,
    agencyId: f.agencyId,
    bankId: f.bankId,
    createdAt: f.createdAt.toISOString(),
  };
}

export async function findFollowups(db: DbOrTx, referralId: string) {
  const query = preparedOn(db, 'referral_followups_of', (on, name) =>
    on.select().from(referralFollowups).where(eq(referralFollowups.referralId, sql.placeholder('id'))).orderBy(asc(referralFollowups.createdAt), asc(referralFollowups.id)).prepare(name),
  );
  return (await query.execute({ id: referralId })).map(toFollowup);
}

// ── Writing ─────────────────────────────────────────────────────────────────

/** The columns a step (or an edit) sets on a referral. */
export type ReferralChanges = Partial<typeof referrals.$inferInsert>;

/** Which of a new referral's references do not exist (the unit in the province, the bank, the program, the agency). */
export async function missingReferralRefs(
  tx: DbOrTx,
  provinceId: string,
  refs: { unitId: string; bankId: string; programCode: string; agencyId?: string | undefined },
): Promise<{ unit: boolean; bank: boolean; program: boolean; agency: boolean }> {
  const [unit] = await tx.select({ id: units.id }).from(units).where(and(eq(units.id, refs.unitId), eq(units.provinceId, provinceId)));
  const [bank] = await tx.select({ id: banks.id }).from(banks).where(eq(banks.id, refs.bankId));
  const [program] = await tx.select({ code: programs.code }).from(programs).where(eq(programs.code, refs.programCode));
  const [agency] = refs.agencyId ? await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, refs.agencyId)) : [{ id: '' }];
  return { unit: !unit, bank: !bank, program: !program, agency: !agency };
}

export async function rejectionReasonName(db: DbOrTx, code: string): Promise<string | undefined> {
  const [known] = await db.select({ name: rejectionReasons.name }).from(rejectionReasons).where(eq(rejectionReasons.code, code));
  return known?.name;
}

export async function insertReferral(tx: DbOrTx, values: typeof referrals.$inferInsert): Promise<string> {
  return insertReturningId(tx, referrals, values);
}

export async function insertReferralEvent(tx: DbOrTx, values: typeof referralEvents.$inferInsert): Promise<void> {
  await tx.insert(referralEvents).values(values);
}

/**
 * A follow-up on a referral in `scope`, with `alongside` (its audit entry), in one statement; false when the referral
 * is not in the scope (nothing written).
 */
export async function insertReferralFollowup(db: DbOrTx, scope: ReferralScope, values: FollowupRow, alongside: GuardedRow[]): Promise<boolean> {
  const inScope = sql`select 1 from ${referrals} where ${and(...scopeConditions(scope), eq(referrals.id, values.referralId))}`;
  return insertWhereFound(db, inScope, [rowOf(referralFollowups, values), ...alongside]);
}

/** snake_case column names of the referral table, for the hand-written step statement. */
const COLUMN = getTableColumns(referrals);

/** A value as a typed SQL parameter (PGlite and node-postgres infer nothing from an untyped one). */
function param(v: unknown, type: string): SQL {
  if (v === null || v === undefined) return sql`null::${sql.raw(type)}`;
  const text = v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? v.toString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return sql`${text}::${sql.raw(type)}`;
}

const COLUMN_TYPE: Partial<Record<keyof ReferralRow, string>> = {
  receivedAt: 'timestamptz',
  reviewStartedAt: 'timestamptz',
  decidedAt: 'timestamptz',
  paidAt: 'timestamptz',
  withdrawnAt: 'timestamptz',
  approvedAmount: 'bigint',
  paidAmount: 'bigint',
  paidDate: 'date',
  reasonCode: 'text',
  reasonText: 'text',
  reasonLetterNo: 'text',
  reasonLetterDate: 'date',
};

function rowCount(result: unknown): number {
  const r = result as { rows?: unknown[]; rowCount?: number | null; affectedRows?: number };
  return r.rows?.length ?? r.rowCount ?? r.affectedRows ?? 0;
}

/** One step as the service decided it: the new state and columns, its event and its audit entry. */
export interface StepWrite {
  id: string;
  /** the version the row was read with, and the one it gets */
  version: number;
  nextVersion: number;
  from: ReferralStatus;
  to: ReferralStatus;
  columns: ReferralChanges;
  actor: Actor;
  onBehalf: boolean;
  note: string | null;
  source: 'api' | 'import';
  payload: { approvedAmount?: bigint | null | undefined; paidAmount?: bigint | null | undefined; paidDate?: string | null | undefined; reason?: unknown };
  audit: { action: string; before: unknown; after: unknown; requestId?: string | undefined; ip?: string | undefined };
  now: Date;
  /** the unit's producer hears of the step (issue 11): a notification written by the same statement */
  unitNotice?: UnitNotice | null;
}

/** The step's notification to the unit as one more data-modifying CTE (deduplicated by its key), or nothing. */
function unitNoticeCte(w: StepWrite): SQL {
  const n = w.unitNotice;
  if (!n) return sql``;
  return sql`, n as (
      insert into ${notifications} (province_id, unit_id, kind, title, body, ref_type, ref_id, dedupe_key, created_at)
      select u.province_id, ${n.unitId}::uuid, ${n.kind}, ${n.title}, ${n.body}, 'referral', u.id::text, ${n.dedupeKey}, ${param(w.now, 'timestamptz')}
      from u
      on conflict (dedupe_key) do nothing
    )`;
}

/**
 * Writes a step in one statement — the UPDATE with two INSERTs (event, audit) in data-modifying CTEs —
 * atomic by itself, and only if the row still has the version it was read with. False when that version
 * has moved on (nothing written).
 */
export async function writeStep(tx: DbOrTx, w: StepWrite): Promise<boolean> {
  const { actor, payload, now } = w;
  const set = [
    sql`status = ${w.to}`,
    sql`version = ${w.nextVersion}`,
    sql`updated_at = ${param(now, 'timestamptz')}`,
    ...Object.entries(w.columns).map(([key, value]) => sql`${sql.identifier(COLUMN[key as keyof typeof COLUMN].name)} = ${param(value, COLUMN_TYPE[key as keyof ReferralRow] ?? 'text')}`),
  ];
  const result = await tx.execute(sql`
    with u as (
      update ${referrals} set ${sql.join(set, sql`, `)}
      where id = ${w.id}::uuid and version = ${w.version}
      returning id, province_id
    ), e as (
      insert into ${referralEvents} (referral_id, province_id, from_status, to_status, actor_id, actor_label, actor_name, actor_kind, actor_role,
                                     on_behalf, note, approved_amount, paid_amount, paid_date, reason, source, at)
      select u.id, u.province_id, ${w.from}, ${w.to}, ${actor.id}, ${actor.username}, ${actor.fullName}, ${actor.kind}, ${actor.role},
             ${param(w.onBehalf, 'boolean')}, ${param(w.note, 'text')}, ${param(payload.approvedAmount, 'bigint')}, ${param(payload.paidAmount, 'bigint')},
             ${param(payload.paidDate, 'date')}, ${param(payload.reason, 'jsonb')}, ${w.source}, ${param(now, 'timestamptz')}
      from u
    )${unitNoticeCte(w)}
    insert into ${auditEvents} (at, province_id, actor_id, actor_label, actor_kind, action, entity_type, entity_id, before, after, request_id, ip)
    select ${param(now, 'timestamptz')}, u.province_id, ${actor.id}, ${actor.username}, ${actor.kind}, ${w.audit.action}, 'referral', u.id::text,
           ${param(w.audit.before, 'jsonb')}, ${param(w.audit.after, 'jsonb')}, ${param(w.audit.requestId, 'text')}, ${param(w.audit.ip, 'text')}
    from u
    returning id`);
  return rowCount(result) > 0;
}

// ── Summaries, reminders, the unit's story ─────────────────────────────────

/** Counts by bank × agency × stage, with overdue, ages and amounts. */
export async function summarizeReferralGroups(db: DbOrTx, scope: ReferralScope, q: ReferralFilters, today: IsoDate, deadlines: ReferralDeadlines) {
  const cond = referralConditions(scope, q, today, deadlines);
  const open = inArray(referrals.status, [...OPEN_REFERRAL_STATUSES]);
  const at7 = waitedAtMost(today, 7);
  const at30 = waitedAtMost(today, 30);
  const at90 = waitedAtMost(today, 90);
  const grouped = db
    .select({
      bankId: referrals.bankId,
      bankName: banks.name,
      agencyId: referrals.agencyId,
      agencyName: agencies.name,
      status: referrals.status,
      count: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${overdueCondition(today, deadlines)}))::int`,
      requestedAmount: sql<string>`coalesce(sum(${referrals.requestedAmount}), 0)::text`,
      approvedAmount: sql<string>`coalesce(sum(${referrals.approvedAmount}), 0)::text`,
      paidAmount: sql<string>`coalesce(sum(${referrals.paidAmount}), 0)::text`,
      followedUp: sql<number>`(count(*) filter (where exists (select 1 from ${referralFollowups} f where f.referral_id = ${referrals.id})))::int`,
      d0to7: sql<number>`(count(*) filter (where ${open} and ${at7}))::int`,
      d8to30: sql<number>`(count(*) filter (where ${open} and not ${at7} and ${at30}))::int`,
      d31to90: sql<number>`(count(*) filter (where ${open} and not ${at30} and ${at90}))::int`,
      d91plus: sql<number>`(count(*) filter (where ${open} and not ${at90}))::int`,
    })
    .from(referrals)
    .$dynamic();
  // the join to units only when a filter reads it (a name search)
  return (referralFiltersNeedUnits(q) ? grouped.innerJoin(units, eq(units.id, referrals.unitId)) : grouped)
    .innerJoin(banks, eq(banks.id, referrals.bankId))
    .innerJoin(agencies, eq(agencies.id, referrals.agencyId))
    .where(cond)
    .groupBy(referrals.bankId, banks.name, referrals.agencyId, agencies.name, referrals.status)
    .orderBy(referrals.bankId, referrals.agencyId, referrals.status);
}

/** The provinces that have referrals waiting on a deadline (receipt or decision). */
export async function provincesWithWaitingReferrals(db: DbOrTx): Promise<string[]> {
  return (await db.selectDistinct({ p: referrals.provinceId }).from(referrals).where(inArray(referrals.status, [...REFERRAL_DEADLINE_STATUSES]))).map((r) => r.p);
}

/**
 * A province's overdue referrals, by code; or, given `page`, at most `page.limit` of them after `page.afterId` in the
 * order of their ids (keyset: the reminder job reads them a page per transaction).
 */
export async function findOverdueReferrals(
  db: DbOrTx,
  provinceId: string,
  today: IsoDate,
  deadlines: ReferralDeadlines,
  page?: { afterId: string | null; limit: number; changedSince?: Date | null },
) {
  const changed = page?.changedSince ? gte(referrals.updatedAt, page.changedSince) : undefined;
  const where = and(eq(referrals.provinceId, provinceId), overdueCondition(today, deadlines), changed);
  if (!page) return selectReferrals(db).where(where).orderBy(referrals.code);
  return selectReferrals(db)
    .where(page.afterId === null ? where : and(where, gt(referrals.id, page.afterId)))
    .orderBy(asc(referrals.id))
    .limit(page.limit);
}

/** Every province's id, in order. */
export async function allProvinceIds(db: DbOrTx): Promise<string[]> {
  return (await db.select({ id: provinces.id }).from(provinces).orderBy(asc(provinces.id))).map((r) => r.id);
}

/** A unit's referrals within the scope, with every event and follow-up of them. */
export async function findUnitReferralTrail(db: DbOrTx, scope: ReferralScope, unitId: string) {
  const rows = await selectReferrals(db).where(and(eq(referrals.unitId, unitId), ...scopeConditions(scope)));
  if (!rows.length) return { rows, events: [], followups: [] };
  const ids = rows.map((r) => r.r.id);
  const [events, followups] = await Promise.all([
    db.select({ ...getTableColumns(referralEvents), actorName: eventActorName }).from(referralEvents).where(inArray(referralEvents.referralId, ids)),
    db.select().from(referralFollowups).where(inArray(referralFollowups.referralId, ids)),
  ]);
  return { rows, events, followups };
}
