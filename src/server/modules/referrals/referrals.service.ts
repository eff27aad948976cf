/**
 * Referrals to banks: scoped reads, the pipeline's transitions (one transaction each: lock, version, machine,
 * state + event + audit), follow-ups, deadlines and the reminders they feed.
 */
import { randomUUID } from 'node:crypto';
import { hasResolutionsAboutSql, resolutionsAboutReferral } from '../resolutions/resolutions.service.js';
import { type ServiceContext, actorFields, msg, todayOf } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import type { ForeignProbes } from '../../db/page-probes.js';
import { formatTrackingCode, nextTrackingNumber } from '../../db/tracking-code.js';
import { assertVersion, type ExpectedVersion } from '../../db/concurrency.js';
import { assertRequired, assertTransition, type Requirement } from '../../domain/transition.js';
import { AppError, type FieldError } from '../../../shared/errors.js';
import { fiscalYearOf, isIsoDate } from '../../../shared/jalali.js';
import { referralMachine, type ReferralStatus } from '../../../shared/machines.js';
import { allowedTransitions } from '../../../shared/state-machine.js';
import { statusLabel } from '../../../shared/labels.js';
import { formatBillionRials } from '../../../shared/money.js';
import type {
  CreateReferralInput,
  ListReferralsQuery,
  Referral,
  ReferralDetail,
  ReferralFilters,
  TransitionReferralInput,
} from '../../../shared/contracts/referrals.js';
import { auditRow, recordAudit } from '../audit/audit.service.js';
import { attachmentFieldsOf, hasAttachmentsSql, listAttachments, toFileAttachment, type Attachment } from '../files/files.service.js';
import {
  findFollowups,
  findReferral,
  findReferrals,
  findReferralPage,
  findReferralWithDeadlines,
  findUnitReferralTrail,
  insertReferral,
  insertReferralEvent,
  insertReferralFollowup,
  missingReferralRefs,
  readDeadlines,
  rejectionReasonName,
  summarizeReferralGroups,
  toFollowup,
  toReferral,
  writeStep,
  type JoinedReferral,
  type ReferralChanges,
  type ReferralRow,
  type ReferralScope,
} from './referrals.repo.js';
import { checkReason, type CleanReason } from './referrals.rules.js';
import { unitNoticeOf } from './referrals.notices.js';
import { overdueReferralCandidates, type ReferralReminderCandidate } from './referrals.overdue.js';
import { lockReferableApplication, referApplication } from '../loan-applications/loan-applications.service.js';
import { notify } from '../notifications/notifications.service.js';
import type { ReferralDeadlines } from '../../../shared/referral-deadlines.js';

const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Which referrals the caller may see and act on: a bank only those to it, an agency those it made,
 * a producer their own unit's; the secretariat, executives and admin the whole province.
 */

/** A file-store attachment in the referral contract's shape. */
export function toReferralAttachment(a: Attachment) {
  return { ...attachmentFieldsOf(a), referralId: a.ownerId, kind: a.kind, url: toFileAttachment(a).url };
}

export function referralScopeOf(ctx: ServiceContext): ReferralScope {
  const { provinceId, role } = ctx.actor;
  if (!provinceId) throw new AppError('record.not_found');
  switch (role) {
    case 'bank':
      return { provinceId, bankId: ctx.actor.bankId ?? '-' };
    case 'agency':
      return { provinceId, agencyId: ctx.actor.agencyId ?? '-' };
    case 'producer':
      return { provinceId, unitId: ctx.actor.unitId ?? NO_ID };
    case 'admin':
    case 'secretariat':
    case 'executive':
      return { provinceId };
    case 'national':
      throw new AppError('record.not_found');
  }
}


export async function listReferrals(ctx: ServiceContext, q: ListReferralsQuery) {
  const scope = referralScopeOf(ctx);
  // a filter on overdue needs the deadlines first; otherwise the page's statement reads them
  const deadlines = q.overdue === undefined ? undefined : await readDeadlines(ctx.db, scope.provinceId);
  const { items, total } = await findReferrals(ctx.db, scope, q, todayOf(ctx), deadlines);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** The moves the caller may make on this referral now (what the UI offers). */
export function allowedFor(ctx: ServiceContext, status: ReferralStatus): ReferralStatus[] {
  return allowedTransitions(referralMachine, status, ctx.actor.role);
}

/** The probes for the referral's documents and the resolutions about it, read with the referral (`findReferralPage`). */
const pageProbes: ForeignProbes = (id) => ({ files: hasAttachmentsSql('referral', id), resolutions: hasResolutionsAboutSql('referral', id) });

export async function getReferral(ctx: ServiceContext, id: string): Promise<ReferralDetail> {
  const scope = referralScopeOf(ctx);
  const found = await findReferralPage(ctx.db, scope, id, pageProbes);
  if (!found) throw new AppError('record.not_found');
  const { row, deadlines, children, history: events } = found;
  // the history came with the referral; an empty list (as the referral's own statement saw it) costs no statement
  const [followups, attachments, related] = await Promise.all([
    children.followups ? findFollowups(ctx.db, id) : [],
    children.files ? listAttachments(ctx.db, 'referral', id).then((list) => list.map(toReferralAttachment)) : [],
    children.resolutions ? resolutionsAboutReferral(ctx, id) : [],
  ]);
  const referral = toReferral(row, todayOf(ctx), deadlines);
  return {
    ...referral,
    events,
    followups,
    attachments,
    allowedTransitions: allowedFor(ctx, referral.status),
    resolutions: related.map((r) => ({ id: r.id, code: r.code, text: r.text, status: r.status, dueDate: r.dueDate })),
  };
}

/** Reads one referral in scope (404 outside it); for routes that only need to know it is visible. */
export async function requireReferral(ctx: ServiceContext, db: DbOrTx, id: string): Promise<JoinedReferral> {
  const row = await findReferral(db, referralScopeOf(ctx), id);
  if (!row) throw new AppError('record.not_found');
  return row;
}

/** The next tracking code of the year (R-1405-000045), race-free: the counter row stays locked until the caller commits. */
export async function nextReferralCode(tx: DbOrTx, provinceId: string, fiscalYear: number): Promise<string> {
  return formatTrackingCode('R', fiscalYear, await nextTrackingNumber(tx, 'referral', provinceId, fiscalYear));
}

/** The fields the audit trail keeps of a referral (no derived clock fields, which change by the day). */
function auditView(r: Referral) {
  const { overdue: _o, daysWaiting: _w, dueDate: _d, daysToDecision: _dd, daysToPayment: _dp, ...rest } = r;
  return rest;
}

function eventActor(ctx: ServiceContext) {
  return { actorId: ctx.actor.id, actorLabel: ctx.actor.username, actorName: ctx.actor.fullName, actorKind: ctx.actor.kind, actorRole: ctx.actor.role };
}

export async function createReferral(ctx: ServiceContext, input: CreateReferralInput): Promise<Referral> {
  const { provinceId } = referralScopeOf(ctx);
  const today = todayOf(ctx);
  const errors: FieldError[] = [];
  let agencyId = input.agencyId;
  if (ctx.actor.role === 'agency') {
    if (agencyId && agencyId !== ctx.actor.agencyId)
      errors.push({ path: 'agencyId', message: msg(ctx, 'دستگاه تنها از طرف خود می‌تواند معرفی کند', 'An agency can refer only on its own behalf') });
    agencyId = ctx.actor.agencyId ?? undefined;
  } else if (!agencyId) {
    errors.push({ path: 'agencyId', message: msg(ctx, 'دستگاه معرفی‌کننده را انتخاب کنید', 'Choose the referring agency') });
  }
  if (input.requestedAmount <= 0n) errors.push({ path: 'requestedAmount', message: msg(ctx, 'مبلغ درخواستی باید بیشتر از صفر باشد', 'The requested amount must be more than zero') });
  if (!isIsoDate(input.referralDate)) errors.push({ path: 'referralDate', message: msg(ctx, 'تاریخ معتبر نیست', 'Not a valid date') });
  else if (input.referralDate > today) errors.push({ path: 'referralDate', message: msg(ctx, 'تاریخ معرفی نمی‌تواند در آینده باشد', 'The referral date cannot be in the future') });

  const deadlines = await readDeadlines(ctx.db, provinceId);
  return ctx.db.transaction(async (tx) => {
    const missing = await missingReferralRefs(tx, provinceId, { unitId: input.unitId, bankId: input.bankId, programCode: input.programCode, agencyId: agencyId && !errors.some((e) => e.path === 'agencyId') ? agencyId : undefined });
    if (missing.unit) errors.push({ path: 'unitId', message: msg(ctx, 'واحد صنعتی در این استان یافت نشد', 'No such unit in this province') });
    if (missing.bank) errors.push({ path: 'bankId', message: msg(ctx, 'بانک ناشناخته است', 'Unknown bank') });
    if (missing.program) errors.push({ path: 'programCode', message: msg(ctx, 'محل تسهیلات ناشناخته است', 'Unknown facility program') });
    if (missing.agency) errors.push({ path: 'agencyId', message: msg(ctx, 'دستگاه ناشناخته است', 'Unknown agency') });
    if (errors.length) throw new AppError('validation.failed', { errors });

    // issue 11: made from a committee-approved loan application (locked here, `referred` below, in this transaction)
    const application = input.loanApplicationId ? await lockReferableApplication(ctx, tx, { loanApplicationId: input.loanApplicationId, unitId: input.unitId }) : null;
    const code = await nextReferralCode(tx, provinceId, fiscalYearOf(today));
    const now = ctx.now();
    const id = await insertReferral(tx, {
        provinceId,
        code,
        unitId: input.unitId,
        agencyId: agencyId!,
        bankId: input.bankId,
        branchName: input.branchName ?? null,
        programCode: input.programCode,
        facilityType: input.facilityType,
        requestedAmount: input.requestedAmount,
        referralDate: input.referralDate,
        letterNo: input.letterNo ?? null,
        behinyabId: input.behinyabId ?? null,
        status: 'referred',
        createdBy: ctx.actor.id,
        loanApplicationId: input.loanApplicationId ?? null,
        createdAt: now,
        updatedAt: now,
    });
    await insertReferralEvent(tx, {
      referralId: id,
      provinceId,
      fromStatus: null,
      toStatus: 'referred',
      ...eventActor(ctx),
      onBehalf: ctx.actor.role !== 'agency',
      at: now,
    });
    const joined = (await findReferral(tx, { provinceId }, id))!;
    const referral = toReferral(joined, today, deadlines);
    // the application becomes `referred` (and tells the producer); otherwise the producer hears of the referral itself
    if (application) {
      await referApplication(ctx, tx, application, { id, code, bankName: joined.bankName });
    } else {
      const n = unitNoticeOf({ ...joined.r, bankName: joined.bankName, programName: joined.programName }, 'referred', 1)!;
      await notify(tx, [{ provinceId, target: { unitId: n.unitId }, kind: n.kind, title: n.title, body: n.body, refType: 'referral', refId: id, dedupeKey: n.dedupeKey }], now);
    }
    await recordAudit(tx, ctx, { action: 'referral.create', entityType: 'referral', entityId: referral.id, provinceId, after: auditView(referral) });
    return referral;
  });
}

interface StepPayload {
  approvedAmount?: bigint | null | undefined;
  paidAmount?: bigint | null | undefined;
  paidDate?: string | null | undefined;
  reason?: CleanReason | null;
  /** the reason code's name, for the answer */
  reasonName?: string;
}

/**
 * What a present-or-absent check says of a step's fields (the machine's `requires` lists which a step needs).
 * A rejection's written reason is checked whole by `checkReason` (its date and letter as well).
 */
const STEP_REQUIREMENTS: Record<string, Requirement> = {
  approvedAmount: { code: 'referral.amount_required', message: { fa: 'مبلغ مصوب را وارد کنید', en: 'Enter the approved amount' } },
  paidAmount: { code: 'referral.amount_required', message: { fa: 'مبلغ پرداختی را وارد کنید', en: 'Enter the paid amount' } },
  paidDate: { code: 'referral.amount_required', message: { fa: 'تاریخ پرداخت را وارد کنید', en: 'Enter the payment date' } },
};

/**
 * What a step must carry beyond its presence, checked against the referral as it stands: an approval its amount (≤ requested),
 * a payment its amount (≤ approved) and date, a rejection its whole written reason. Throws before anything
 * is written.
 */
export async function checkStep(
  ctx: ServiceContext,
  tx: DbOrTx,
  current: { requestedAmount: bigint; approvedAmount: bigint | null; referralDate: string },
  to: ReferralStatus,
  input: Pick<TransitionReferralInput, 'approvedAmount' | 'paidAmount' | 'paidDate' | 'reason'>,
): Promise<StepPayload> {
  const today = todayOf(ctx);
  switch (to) {
    case 'approved': {
      const amount = input.approvedAmount!; // present: the machine's `requires` (assertRequired)
      if (amount <= 0n) throw new AppError('validation.failed', { errors: [{ path: 'approvedAmount', message: msg(ctx, 'مبلغ مصوب باید بیشتر از صفر باشد', 'The approved amount must be more than zero') }] });
      if (amount > current.requestedAmount)
        throw new AppError('referral.amount_exceeds', {
          errors: [{ path: 'approvedAmount', message: msg(ctx, 'مبلغ مصوب از مبلغ درخواستی بیشتر است', 'The approved amount exceeds the requested amount') }],
          extra: { requestedAmount: current.requestedAmount.toString() },
        });
      return { approvedAmount: amount };
    }
    case 'paid': {
      const amount = input.paidAmount!; // amount and date present: the machine's `requires` (assertRequired)
      const date = input.paidDate!;
      const invalid: FieldError[] = [];
      if (amount <= 0n) invalid.push({ path: 'paidAmount', message: msg(ctx, 'مبلغ پرداختی باید بیشتر از صفر باشد', 'The paid amount must be more than zero') });
      if (!isIsoDate(date)) invalid.push({ path: 'paidDate', message: msg(ctx, 'تاریخ معتبر نیست', 'Not a valid date') });
      else if (date > today) invalid.push({ path: 'paidDate', message: msg(ctx, 'تاریخ پرداخت نمی‌تواند در آینده باشد', 'The payment date cannot be in the future') });
      else if (date < current.referralDate) invalid.push({ path: 'paidDate', message: msg(ctx, 'تاریخ پرداخت پیش از تاریخ معرفی است', 'The payment date is before the referral date') });
      if (invalid.length) throw new AppError('validation.failed', { errors: invalid });
      if (current.approvedAmount === null || amount > current.approvedAmount)
        throw new AppError('referral.amount_exceeds', {
          errors: [{ path: 'paidAmount', message: msg(ctx, 'مبلغ پرداختی از مبلغ مصوب بیشتر است', 'The paid amount exceeds the approved amount') }],
          extra: { approvedAmount: current.approvedAmount?.toString() ?? null },
        });
      return { paidAmount: amount, paidDate: date };
    }
    case 'rejected': {
      const { reason, missing, invalid } = checkReason(input.reason, today, ctx.lang ?? 'fa');
      if (missing.length) throw new AppError('referral.reason_required', { errors: [...missing, ...invalid] });
      if (invalid.length) throw new AppError('validation.failed', { errors: invalid });
      const known = await rejectionReasonName(tx, reason!.code);
      if (known === undefined) throw new AppError('validation.failed', { errors: [{ path: 'reason.code', message: msg(ctx, 'دلیل رد ناشناخته است', 'Unknown reason code') }] });
      return { reason, reasonName: known };
    }
    case 'referred':
    case 'received':
    case 'under_review':
    case 'withdrawn':
      return {};
  }
}

/** The columns a step sets besides status and version: each step keeps its own instant. */
function stepColumns(to: ReferralStatus, p: StepPayload, now: Date): ReferralChanges {
  switch (to) {
    case 'received':
      return { receivedAt: now };
    case 'under_review':
      return { reviewStartedAt: now };
    case 'approved':
      return { approvedAmount: p.approvedAmount!, decidedAt: now };
    case 'paid':
      return { paidAmount: p.paidAmount!, paidDate: p.paidDate!, paidAt: now };
    case 'rejected':
      return {
        decidedAt: now,
        reasonCode: p.reason!.code,
        reasonText: p.reason!.text,
        reasonLetterNo: p.reason!.letterNo,
        reasonLetterDate: p.reason!.letterDate,
      };
    case 'withdrawn':
      return { withdrawnAt: now };
    case 'referred':
      return {};
  }
}

/** The secretariat (or admin) taking a step that belongs to the bank or to the referring agency. */
function isOnBehalf(ctx: ServiceContext): boolean {
  return ctx.actor.role === 'secretariat' || ctx.actor.role === 'admin';
}

export interface StepOptions {
  note?: string | null | undefined;
  source?: 'api' | 'import';
}

/**
 * One step on a referral as read (or locked) by the caller: the machine for the caller's role, the step's
 * rules, then the new state, its event row and its audit entry — written by one statement (an UPDATE with
 * two INSERTs in data-modifying CTEs), atomic by itself, and only if the row still has the version it was
 * read with. Returns the referral as it now stands, or null when that version has moved on.
 */
export async function applyStep(
  ctx: ServiceContext,
  tx: DbOrTx,
  row: JoinedReferral,
  to: ReferralStatus,
  input: Pick<TransitionReferralInput, 'approvedAmount' | 'paidAmount' | 'paidDate' | 'reason'>,
  deadlines: ReferralDeadlines,
  opts: StepOptions = {},
): Promise<JoinedReferral | null> {
  const from = row.r.status as ReferralStatus;
  assertTransition(referralMachine, from, to, ctx.actor.role);
  assertRequired(referralMachine, from, to, ctx.actor.role, input, STEP_REQUIREMENTS, ctx.lang ?? 'fa');
  const payload = await checkStep(ctx, tx, row.r, to, input);
  const now = ctx.now();
  const columns = stepColumns(to, payload, now);
  const next: JoinedReferral = {
    ...row,
    r: { ...row.r, ...columns, status: to, version: row.r.version + 1, updatedAt: now } as ReferralRow,
    reasonName: payload.reasonName ?? row.reasonName,
  };
  const onBehalf = isOnBehalf(ctx);
  const source = opts.source ?? 'api';
  const note = opts.note ?? null;
  // The audit keeps the change: the fields the step changed, before and after (and the code, to read it by).
  const changed = ['status', 'version', 'updatedAt', ...Object.keys(columns)] as (keyof ReferralRow)[];
  const view = (r: ReferralRow) =>
    Object.fromEntries([['code', r.code], ...changed.map((k) => [k, jsonValue(r[k])])]) as Record<string, unknown>;
  const before = view(row.r);
  const after = { ...view(next.r), transition: { from, to, onBehalf, note, source } };
  const written = await writeStep(tx, {
    id: row.r.id,
    version: row.r.version,
    nextVersion: next.r.version,
    from,
    to,
    columns,
    actor: ctx.actor,
    onBehalf,
    note,
    source,
    payload,
    audit: { action: `referral.${to}`, before, after, requestId: ctx.requestId, ip: ctx.ip },
    now,
    unitNotice: unitNoticeOf({ ...next.r, bankName: row.bankName, programName: row.programName, reasonName: next.reasonName }, to, next.r.version),
  });
  // Nothing written: the version moved on since the row was read (a concurrent step won).
  if (!written) return null;
  return next;
}

/** A column's value as the audit trail writes it: instants ISO, money decimal strings. */
function jsonValue(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? v.toString() : v;
}

/**
 * `POST /referrals/:id/transitions`. Read the referral (scope, version, deadlines), check the version, the
 * machine and the step's rules, then write state + event + audit in one statement whose UPDATE holds only
 * while the version is still the one read — optimistic concurrency, exactly as safe as locking the row
 * (of twenty simultaneous callers with the same version, one writes and the others get 409), in two round
 * trips instead of six.
 */
export async function transitionReferral(ctx: ServiceContext, id: string, input: TransitionReferralInput, expected: ExpectedVersion): Promise<Referral> {
  const scope = referralScopeOf(ctx);
  const today = todayOf(ctx);
  const found = await findReferralWithDeadlines(ctx.db, scope, id);
  if (!found) throw new AppError('record.not_found');
  const { row, deadlines } = found;
  if (row.r.version !== expected.version) assertVersion(row.r.version, expected, toReferral(row, today, deadlines));
  const next = await applyStep(ctx, ctx.db, row, input.to, input, deadlines, { note: input.note });
  if (!next) {
    // someone else changed it between our read and our write: answer with the record as it now is
    const current = await findReferral(ctx.db, scope, id);
    if (!current) throw new AppError('record.not_found');
    assertVersion(current.r.version, { ...expected, version: row.r.version }, toReferral(current, today, deadlines));
    throw new AppError('record.stale', { extra: { current: toReferral(current, today, deadlines) } });
  }
  return toReferral(next, today, deadlines);
}

/** A follow-up note on a referral in the caller's scope, written with its audit entry in one statement. */
export async function addReferralFollowup(ctx: ServiceContext, id: string, note: string) {
  const scope = referralScopeOf(ctx);
  const f = {
    id: randomUUID(),
    referralId: id,
    provinceId: scope.provinceId,
    note,
    ...actorFields(ctx),
    actorLabel: ctx.actor.username,
    agencyId: ctx.actor.agencyId,
    bankId: ctx.actor.bankId,
    createdAt: ctx.now(),
  };
  const followup = toFollowup(f);
  const audit = auditRow(ctx, { action: 'referral.followup', entityType: 'referral', entityId: id, provinceId: scope.provinceId, after: followup });
  if (!(await insertReferralFollowup(ctx.db, scope, f, [audit]))) throw new AppError('record.not_found');
  return followup;
}

/** Counts by bank × agency × stage, with overdue, ages and amounts: the bank inbox and the agency monitor. */
export async function summarizeReferrals(ctx: ServiceContext, q: ReferralFilters) {
  const scope = referralScopeOf(ctx);
  const deadlines = await readDeadlines(ctx.db, scope.provinceId);
  const today = todayOf(ctx);
  const rows = await summarizeReferralGroups(ctx.db, scope, q, today, deadlines);
  return {
    today,
    receiptDeadlineDays: deadlines.receiptDays,
    decisionDeadlineDays: deadlines.decisionDays,
    groups: rows.map(({ d0to7, d8to30, d31to90, d91plus, ...g }) => ({
      ...g,
      status: g.status as ReferralStatus,
      age: { d0to7, d8to30, d31to90, d91plus },
    })),
  };
}

/** A province's referral deadlines: its own settings, else the installation's, else the defaults. */
export function readReferralDeadlines(db: DbOrTx, provinceId: string): Promise<ReferralDeadlines> {
  return readDeadlines(db, provinceId);
}

/** The SQL condition "overdue on `today`" over the referrals table, shared with the statistics (one definition). */
export { overdueCondition as referralOverdueCondition } from './referrals.clock.js';

/** The overdue referrals of the caller's province (all provinces for a system actor without one). */
export async function referralReminderCandidates(ctx: ServiceContext): Promise<ReferralReminderCandidate[]> {
  return overdueReferralCandidates(ctx.db, todayOf(ctx), ctx.actor.provinceId);
}

// ── The unit's story ──────────────────────────────────────────────────────

export interface ReferralTimelineEntry {
  at: string;
  kind: string;
  title: string;
  detail?: string | null;
  refId: string;
  entityType: 'referral';
  entityId: string;
  code: string;
  status?: string | null;
  actor?: string | null;
}

/**
 * The unit's referrals for its timeline (units.timeline.ts asks every module for this): each referral, each
 * of its steps and follow-ups — within the caller's scope (an agency sees the referrals it made).
 */
export async function unitTimelineEntries(ctx: ServiceContext, unitId: string): Promise<ReferralTimelineEntry[]> {
  const scope = referralScopeOf(ctx);
  const { rows, events, followups } = await findUnitReferralTrail(ctx.db, scope, unitId);
  if (!rows.length) return [];
  const en = ctx.lang === 'en';
  const lang = en ? 'en' : 'fa';
  const byId = new Map(rows.map((r) => [r.r.id, r]));
  const out: ReferralTimelineEntry[] = [];
  const base = (id: string) => ({ refId: id, entityType: 'referral' as const, entityId: id, code: byId.get(id)!.r.code });
  for (const e of events) {
    const j = byId.get(e.referralId)!;
    const r = j.r;
    const amount = (v: bigint | null) => (v === null ? '' : `${formatBillionRials(v, lang)} ${en ? 'billion rials' : 'میلیارد ریال'}`);
    if (e.fromStatus === null) {
      out.push({
        ...base(r.id),
        at: e.at.toISOString(),
        kind: 'referral',
        title: en ? `Referred to ${j.bankName} (${r.code})` : `معرفی به ${j.bankName} (${r.code})`,
        detail: `${j.programName} — ${amount(r.requestedAmount)} — ${j.agencyName}`,
        status: r.status,
        actor: e.actorName,
      });
    } else {
      const reason = e.reason as { text?: string; letterNo?: string } | null;
      out.push({
        ...base(r.id),
        at: e.at.toISOString(),
        kind: 'referral.event',
        title: `${en ? 'Referral' : 'معرفی'} ${r.code}: ${statusLabel('referral', e.toStatus, lang)}`,
        detail: [e.approvedAmount !== null ? amount(e.approvedAmount) : '', e.paidAmount !== null ? amount(e.paidAmount) : '', reason?.text ?? '', e.note ?? ''].filter(Boolean).join(' — ') || null,
        status: e.toStatus,
        actor: e.actorName,
      });
    }
  }
  for (const f of followups) {
    const r = byId.get(f.referralId)!.r;
    out.push({
      ...base(r.id),
      at: f.createdAt.toISOString(),
      kind: 'referral.followup',
      title: en ? `Follow-up on referral ${r.code}` : `پیگیری معرفی ${r.code}`,
      detail: f.note,
      actor: f.actorName,
    });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
