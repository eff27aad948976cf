/**
 * Loan applications (درخواست تسهیلات) before a referral (issue 11). A producer — or the secretariat or an agency on
 * the producer's behalf — applies under a program; the provincial committee (the secretariat, or the agency that owns
 * the program) takes it up, returns it with what is missing, rejects it with a reason, or approves it; an approved
 * application becomes a referral to a bank when the referral is made (`referApplication`, called by the referrals
 * module inside its own transaction). Each change is one transaction: lock, version, machine, state + event + audit,
 * and a notification to the unit — which the SMS channel also sends to the unit's producers' mobiles.
 */
import { provinceScopeOf } from '../../access/scope.js';
import { type ServiceContext, msg, todayOf } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { assertVersion, type ExpectedVersion } from '../../db/concurrency.js';
import { formatTrackingCode, nextTrackingNumber } from '../../db/tracking-code.js';
import { assertRequired, assertTransition } from '../../domain/transition.js';
import { AppError, type FieldError } from '../../../shared/errors.js';
import { fiscalYearOf } from '../../../shared/jalali.js';
import { LOAN_COMMITTEE_ROLES, loanApplicationMachine, type LoanApplicationStatus } from '../../../shared/machines.js';
import { allowedTransitions } from '../../../shared/state-machine.js';
import { statusLabel } from '../../../shared/labels.js';
import { formatRials } from '../../../shared/money.js';
import { normalizePersian } from '../../../shared/text.js';
import type {
  CreateLoanApplicationInput,
  ListLoanApplicationsQuery,
  LoanApplication,
  LoanApplicationDetail,
  PatchLoanApplicationInput,
  TransitionLoanApplicationInput,
} from '../../../shared/contracts/loan-applications.js';
import { recordAudit } from '../audit/audit.service.js';
import { attachmentFieldsOf, listAttachments, type Attachment } from '../files/files.service.js';
import { notify, type NotificationInput } from '../notifications/notifications.service.js';
import { getUnit } from '../units/units.service.js';
import {
  findApplication,
  findApplicationEvents,
  findApplications,
  findProgram,
  findReferralSummary,
  insertApplication,
  insertApplicationEvent,
  lockApplication,
  rejectionReasonName,
  toLoanApplication,
  updateApplication,
  type JoinedApplication,
  type LoanApplicationChanges,
  type LoanApplicationRow,
  type LoanScope,
} from './loan-applications.repo.js';

const TRACKING_KIND = 'loan_application';
const TRACKING_PREFIX = 'L';
/** A rejection's text must say something: at least this many letters or digits. */
const MIN_REASON_TEXT = 10;
const SUBSTANCE = /[\p{L}\p{N}]/gu;

/**
 * Which applications the caller sees: the producer their unit's (none until their claim is approved), an agency those
 * of the programs it owns and those it filed, the secretariat, executives and admin their province. Banks and the
 * national HQ have none (the permission matrix refuses them first).
 */
export function loanScopeOf(ctx: ServiceContext): LoanScope {
  return provinceScopeOf(ctx, 'auth.forbidden');
}

/** A file-store attachment in the application contract's shape. */
function toLoanAttachment(a: Attachment) {
  return { ...attachmentFieldsOf(a), loanApplicationId: a.ownerId, kind: a.kind };
}

type Side = { programAgencyId: string | null; agencyId: string | null };

/** The committee: the secretariat (and admin), or the agency that owns the application's program. */
function isCommittee(ctx: ServiceContext, a: Side): boolean {
  const { role, agencyId } = ctx.actor;
  if (role === 'secretariat' || role === 'admin') return true;
  return role === 'agency' && agencyId !== null && a.programAgencyId === agencyId;
}

/** The applicant side: the unit's producer (the scope already holds them to it), or whoever filed it on their behalf. */
function isApplicant(ctx: ServiceContext, a: Side): boolean {
  const { role, agencyId } = ctx.actor;
  if (role === 'producer' || role === 'secretariat' || role === 'admin') return true;
  return role === 'agency' && agencyId !== null && a.agencyId === agencyId;
}

const COMMITTEE_STEPS: readonly LoanApplicationStatus[] = ['under_review', 'returned', 'approved', 'rejected'];

/** The moves the caller may make now, for the UI; `referred` is made by creating the referral, never offered here. */
export function allowedFor(ctx: ServiceContext, status: LoanApplicationStatus, a: Side): LoanApplicationStatus[] {
  return allowedTransitions(loanApplicationMachine, status, ctx.actor.role).filter((to) => {
    if (to === 'referred') return false;
    return COMMITTEE_STEPS.includes(to) ? isCommittee(ctx, a) : isApplicant(ctx, a);
  });
}

function canEditNow(ctx: ServiceContext, a: LoanApplication): boolean {
  return a.status === 'returned' && ctx.actor.role !== 'executive' && isApplicant(ctx, a);
}

function canReferNow(ctx: ServiceContext, a: LoanApplication): boolean {
  return a.status === 'approved' && (LOAN_COMMITTEE_ROLES as readonly string[]).includes(ctx.actor.role) && isCommittee(ctx, a);
}

export async function listLoanApplications(ctx: ServiceContext, q: ListLoanApplicationsQuery) {
  const { items, total } = await findApplications(ctx.db, loanScopeOf(ctx), q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

async function requireApplication(ctx: ServiceContext, db: DbOrTx, id: string): Promise<JoinedApplication> {
  const row = await findApplication(db, loanScopeOf(ctx), id);
  if (!row) throw new AppError('record.not_found');
  return row;
}

export async function getLoanApplication(ctx: ServiceContext, id: string, db: DbOrTx = ctx.db): Promise<LoanApplicationDetail> {
  const row = await requireApplication(ctx, db, id);
  const a = toLoanApplication(row);
  const [events, attachments, referral] = await Promise.all([
    findApplicationEvents(db, id),
    listAttachments(db, 'loan_application', id).then((list) => list.map(toLoanAttachment)),
    a.referralId ? findReferralSummary(db, a.referralId) : Promise.resolve(null),
  ]);
  return { ...a, events, attachments, referral, allowedTransitions: allowedFor(ctx, a.status, a), canEdit: canEditNow(ctx, a), canRefer: canReferNow(ctx, a) };
}

function actorFields(ctx: ServiceContext) {
  return { actorId: ctx.actor.id, actorLabel: ctx.actor.username, actorName: ctx.actor.fullName, actorRole: ctx.actor.role };
}

/** A tracking code between isolates, so that it reads left to right inside a Persian sentence (and an SMS). */
const isolated = (code: string) => `\u2066${code}\u2069`;

/** The committee hears of a new or resubmitted application: the secretariat, and the program's own agency. */
function committeeNotices(a: LoanApplication, eventId: number, resubmitted: boolean): NotificationInput[] {
  const base = { provinceId: a.provinceId, refType: 'loan_application', refId: a.id };
  const kind = resubmitted ? 'loan_application.resubmitted' : 'loan_application.submitted';
  const title = `${resubmitted ? 'درخواست تسهیلات تکمیل‌شده' : 'درخواست تسهیلات تازه'}: ${isolated(a.code)}`;
  const body = `${a.unitName} — ${a.programName} — ${formatRials(BigInt(a.requestedAmount))} ریال`;
  const out: NotificationInput[] = [{ ...base, target: { role: 'secretariat' }, kind, title, body, dedupeKey: `loan_application:${a.id}:event:${eventId}:secretariat` }];
  if (a.programAgencyId) out.push({ ...base, target: { agencyId: a.programAgencyId }, kind, title, body, dedupeKey: `loan_application:${a.id}:event:${eventId}:agency` });
  return out;
}

/**
 * What the producer reads (in the app, and by SMS through the unit's notification): every change someone else makes
 * to their application. The text names the tracking code (isolated) and what to do next.
 */
export function producerNotice(a: LoanApplication, to: LoanApplicationStatus, eventId: number, extra: { note?: string | null; reasonText?: string | null; reasonName?: string | null; referralCode?: string; bankName?: string } = {}): NotificationInput {
  const code = isolated(a.code);
  const label = statusLabel('loan_application', to);
  let title = `درخواست تسهیلات شما: ${label} (${code})`;
  let body = `${a.programName} — ${formatRials(BigInt(a.requestedAmount))} ریال`;
  switch (to) {
    case 'submitted':
      title = `درخواست تسهیلات برای واحد شما ثبت شد (${code})`;
      break;
    case 'under_review':
      title = `درخواست تسهیلات شما در کمیته بررسی می‌شود (${code})`;
      break;
    case 'returned':
      title = `درخواست تسهیلات شما برای تکمیل برگشت خورد (${code})`;
      body = `آنچه باید تکمیل شود: ${extra.note ?? ''}\nپس از تکمیل، درخواست را دوباره ارسال کنید.`;
      break;
    case 'approved':
      title = `درخواست تسهیلات شما در کمیته تأیید شد (${code})`;
      body = `${body}\nبه‌زودی به بانک عامل معرفی می‌شوید.`;
      break;
    case 'rejected':
      title = `درخواست تسهیلات شما رد شد (${code})`;
      body = `دلیل: ${extra.reasonName ? `${extra.reasonName} — ` : ''}${extra.reasonText ?? ''}`;
      break;
    case 'referred':
      title = `درخواست تسهیلات شما به ${extra.bankName ?? 'بانک'} معرفی شد (${code})`;
      body = `شمارهٔ معرفی: ${isolated(extra.referralCode ?? '')}\nبرای تشکیل پرونده به شعبهٔ بانک مراجعه کنید.`;
      break;
    case 'withdrawn':
      title = `درخواست تسهیلات شما بایگانی شد (انصراف) (${code})`;
      break;
  }
  return {
    provinceId: a.provinceId,
    target: { unitId: a.unitId },
    kind: `loan_application.${to}`,
    title,
    body,
    refType: 'loan_application',
    refId: a.id,
    dedupeKey: `loan_application:${a.id}:event:${eventId}:unit`,
  };
}

async function checkProgram(ctx: ServiceContext, db: DbOrTx, code: string) {
  const program = await findProgram(db, code);
  if (!program) throw new AppError('validation.failed', { errors: [{ path: 'programCode', message: msg(ctx, 'محل تسهیلات ناشناخته است', 'Unknown facility program') }] });
  return program;
}

function checkAmount(ctx: ServiceContext, amount: bigint): FieldError[] {
  return amount <= 0n ? [{ path: 'requestedAmount', message: msg(ctx, 'مبلغ درخواستی باید بیشتر از صفر باشد', 'The requested amount must be more than zero') }] : [];
}

/**
 * Files an application → `submitted`. The producer applies for their own unit only, once the secretariat has approved
 * their claim; the secretariat (any unit of the province) or an agency may file one on a producer's behalf.
 */
export async function createLoanApplication(ctx: ServiceContext, input: CreateLoanApplicationInput): Promise<LoanApplicationDetail> {
  const scope = loanScopeOf(ctx);
  const role = ctx.actor.role;
  if (role === 'producer' && !ctx.actor.unitId) throw new AppError('loan_application.no_unit');
  const unit = await getUnit(ctx, input.unitId); // 404 outside the province, or another producer's unit
  const errors = checkAmount(ctx, input.requestedAmount);
  if (errors.length) throw new AppError('validation.failed', { errors });
  const now = ctx.now();
  const id = await ctx.db.transaction(async (tx) => {
    const program = await checkProgram(ctx, tx, input.programCode);
    const fiscalYear = fiscalYearOf(todayOf(ctx));
    const code = formatTrackingCode(TRACKING_PREFIX, fiscalYear, await nextTrackingNumber(tx, TRACKING_KIND, scope.provinceId, fiscalYear));
    const id = await insertApplication(tx, {
      provinceId: scope.provinceId,
      code,
      unitId: unit.id,
      countyId: unit.countyId,
      programCode: program.code,
      facilityType: input.facilityType,
      requestedAmount: input.requestedAmount,
      purpose: input.purpose,
      status: 'submitted',
      agencyId: role === 'agency' ? ctx.actor.agencyId : null,
      submittedAt: now,
      createdBy: ctx.actor.id,
      createdByName: ctx.actor.fullName,
      createdAt: now,
      updatedAt: now,
    });
    const eventId = await insertApplicationEvent(tx, { loanApplicationId: id, provinceId: scope.provinceId, fromStatus: null, toStatus: 'submitted', ...actorFields(ctx), onBehalf: role !== 'producer', at: now });
    const after = toLoanApplication((await findApplication(tx, { provinceId: scope.provinceId }, id))!);
    const notices = committeeNotices(after, eventId, false);
    if (role !== 'producer') notices.push(producerNotice(after, 'submitted', eventId));
    await notify(tx, notices, now);
    await recordAudit(tx, ctx, { action: 'loan_application.create', entityType: 'loan_application', entityId: id, provinceId: scope.provinceId, after });
    return id;
  });
  return getLoanApplication(ctx, id);
}

/** Locks the application in scope (404 outside it) and reads it, at the caller's version (409 with the current one otherwise). */
async function lockAtVersion(tx: DbOrTx, scope: LoanScope, id: string, expected: ExpectedVersion) {
  const locked = await lockApplication(tx, scope, id);
  if (!locked) throw new AppError('record.not_found');
  const before = toLoanApplication((await findApplication(tx, scope, id))!);
  assertVersion(locked.version, expected, before);
  return { locked, before };
}

/** Completes a returned application (the applicant side): the fields it changes are kept in its trail. */
export async function updateLoanApplication(ctx: ServiceContext, id: string, input: PatchLoanApplicationInput, expected: ExpectedVersion): Promise<LoanApplicationDetail> {
  const scope = loanScopeOf(ctx);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const { locked, before } = await lockAtVersion(tx, scope, id, expected);
    if (!isApplicant(ctx, before)) throw new AppError('auth.forbidden');
    if (locked.status !== 'returned') throw new AppError('loan_application.not_editable');
    const changes: LoanApplicationChanges = {};
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    const note = (key: keyof LoanApplicationRow, value: string | bigint) => {
      if (locked[key] === value) return;
      (changes as Record<string, unknown>)[key] = value;
      changed[key] = { from: typeof locked[key] === 'bigint' ? String(locked[key]) : locked[key], to: typeof value === 'bigint' ? value.toString() : value };
    };
    if (input.programCode !== undefined) note('programCode', (await checkProgram(ctx, tx, input.programCode)).code);
    if (input.facilityType !== undefined) note('facilityType', input.facilityType);
    if (input.requestedAmount !== undefined) {
      const errors = checkAmount(ctx, input.requestedAmount);
      if (errors.length) throw new AppError('validation.failed', { errors });
      note('requestedAmount', input.requestedAmount);
    }
    if (input.purpose !== undefined) note('purpose', input.purpose);
    if (!Object.keys(changed).length) return;
    await updateApplication(tx, id, { ...changes, version: locked.version + 1, updatedAt: now });
    await insertApplicationEvent(tx, { loanApplicationId: id, provinceId: locked.provinceId, fromStatus: 'returned', toStatus: 'returned', changes: changed, ...actorFields(ctx), onBehalf: ctx.actor.role !== 'producer', at: now });
    const after = toLoanApplication((await findApplication(tx, scope, id))!);
    await recordAudit(tx, ctx, { action: 'loan_application.update', entityType: 'loan_application', entityId: id, provinceId: locked.provinceId, before, after });
  });
  return getLoanApplication(ctx, id);
}

/** What a rejection must carry: a known reason code and a text of substance. */
async function checkRejection(ctx: ServiceContext, tx: DbOrTx, reason: TransitionLoanApplicationInput['reason']) {
  const code = (reason?.code ?? '').trim();
  const text = normalizePersian(reason?.text ?? '', { keepNewlines: true });
  const missing: FieldError[] = [];
  if (!code) missing.push({ path: 'reason.code', message: msg(ctx, 'دلیل رد را انتخاب کنید', 'Choose the reason') });
  if ((text.match(SUBSTANCE) ?? []).length < MIN_REASON_TEXT)
    missing.push({ path: 'reason.text', message: msg(ctx, `شرح دلیل رد را دست‌کم در ${MIN_REASON_TEXT} حرف بنویسید؛ متقاضی آن را می‌خواند`, `Write the reason in at least ${MIN_REASON_TEXT} letters; the producer reads it`) });
  if (missing.length) throw new AppError('loan_application.reason_required', { errors: missing });
  const name = await rejectionReasonName(tx, code);
  if (name === undefined) throw new AppError('validation.failed', { errors: [{ path: 'reason.code', message: msg(ctx, 'دلیل رد ناشناخته است', 'Unknown reason code') }] });
  return { code, text, name };
}

/** The columns a step sets besides status and version. */
function stepColumns(to: LoanApplicationStatus, locked: LoanApplicationRow, now: Date, p: { note: string | null; reason?: { code: string; text: string } }): LoanApplicationChanges {
  switch (to) {
    case 'under_review':
      return { reviewStartedAt: locked.reviewStartedAt ?? now };
    case 'returned':
      return { returnNote: p.note };
    case 'submitted':
      return { submittedAt: now };
    case 'approved':
      return { decidedAt: now };
    case 'rejected':
      return { decidedAt: now, reasonCode: p.reason!.code, reasonText: p.reason!.text };
    case 'withdrawn':
      return { withdrawnAt: now };
    case 'referred':
      return { referredAt: now };
  }
}

/**
 * `POST /loan-applications/:id/transitions`: lock, version, the machine for the caller's role, the committee or
 * applicant side, what the step must carry; then state + event + audit + the producer's (and the committee's) notices.
 */
export async function transitionLoanApplication(ctx: ServiceContext, id: string, input: TransitionLoanApplicationInput, expected: ExpectedVersion): Promise<LoanApplication> {
  const scope = loanScopeOf(ctx);
  const role = ctx.actor.role;
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const { locked, before } = await lockAtVersion(tx, scope, id, expected);
    const from = locked.status as LoanApplicationStatus;
    const to = input.to;
    if (to === 'referred')
      throw new AppError('transition.forbidden', {
        detail: { fa: 'معرفی به بانک با ثبت معرفی‌نامه انجام می‌شود', en: 'An application is referred by creating its referral' },
        extra: { from, to, allowed: allowedFor(ctx, from, before) },
      });
    assertTransition(loanApplicationMachine, from, to, role);
    const committeeStep = COMMITTEE_STEPS.includes(to);
    if (committeeStep && !isCommittee(ctx, before)) throw new AppError('loan_application.not_committee');
    if (!committeeStep && !isApplicant(ctx, before)) throw new AppError('auth.forbidden');
    const note = input.note ?? null;
    assertRequired(loanApplicationMachine, from, to, role, { note }, { note: { code: 'loan_application.note_required', message: { fa: 'بنویسید چه چیزی کم است', en: 'Write what is missing' } } }, ctx.lang ?? 'fa');
    const reason = to === 'rejected' ? await checkRejection(ctx, tx, input.reason) : undefined;
    await updateApplication(tx, id, { ...stepColumns(to, locked, now, { note, ...(reason ? { reason } : {}) }), status: to, version: locked.version + 1, updatedAt: now });
    // the producer's own steps (resubmitting, withdrawing) are theirs; anyone else's is on their behalf or the committee's
    const onBehalf = !committeeStep && role !== 'producer';
    const eventId = await insertApplicationEvent(tx, {
      loanApplicationId: id,
      provinceId: locked.provinceId,
      fromStatus: from,
      toStatus: to,
      note,
      reason: reason ? { code: reason.code, text: reason.text } : null,
      ...actorFields(ctx),
      onBehalf,
      at: now,
    });
    const after = toLoanApplication((await findApplication(tx, { provinceId: locked.provinceId }, id))!);
    const notices: NotificationInput[] = [];
    if (role !== 'producer') notices.push(producerNotice(after, to, eventId, { note, reasonText: reason?.text ?? null, reasonName: reason?.name ?? null }));
    if (to === 'submitted') notices.push(...committeeNotices(after, eventId, true));
    await notify(tx, notices, now);
    await recordAudit(tx, ctx, { action: `loan_application.${to}`, entityType: 'loan_application', entityId: id, provinceId: locked.provinceId, before, after: { ...after, transition: { from, to, note, onBehalf } } });
    return after;
  });
}

/** An approved application of the referral's unit, locked in the caller's scope until the referral's transaction ends. */
export interface ReferableApplication {
  row: LoanApplicationRow;
  before: LoanApplication;
}

/**
 * Before a referral is made from an application (`POST /referrals` with `loanApplicationId`), inside the referral's own
 * transaction: the application must be in the caller's scope, approved, of the same unit, and the caller its committee.
 * Anything else refuses the whole referral (nothing is written).
 */
export async function lockReferableApplication(ctx: ServiceContext, tx: DbOrTx, input: { loanApplicationId: string; unitId: string }): Promise<ReferableApplication> {
  const scope = loanScopeOf(ctx);
  const row = await lockApplication(tx, scope, input.loanApplicationId);
  if (!row) throw new AppError('validation.failed', { errors: [{ path: 'loanApplicationId', message: msg(ctx, 'درخواست تسهیلات یافت نشد', 'No such loan application') }] });
  const before = toLoanApplication((await findApplication(tx, scope, row.id))!);
  if (row.status !== 'approved') throw new AppError('loan_application.not_approved', { extra: { status: row.status } });
  if (row.unitId !== input.unitId)
    throw new AppError('validation.failed', { errors: [{ path: 'unitId', message: msg(ctx, 'واحد معرفی‌نامه با واحد درخواست تسهیلات یکی نیست', 'The referral’s unit is not the application’s') }] });
  if (!isCommittee(ctx, before)) throw new AppError('loan_application.not_committee');
  assertTransition(loanApplicationMachine, 'approved', 'referred', ctx.actor.role);
  return { row, before };
}

/** The referral is made: the application becomes `referred` with its id — event, audit and the producer's notice with it. */
export async function referApplication(ctx: ServiceContext, tx: DbOrTx, app: ReferableApplication, referral: { id: string; code: string; bankName: string }): Promise<void> {
  const { row, before } = app;
  const now = ctx.now();
  await updateApplication(tx, row.id, { status: 'referred', referralId: referral.id, referredAt: now, version: row.version + 1, updatedAt: now });
  const eventId = await insertApplicationEvent(tx, {
    loanApplicationId: row.id,
    provinceId: row.provinceId,
    fromStatus: 'approved',
    toStatus: 'referred',
    referralId: referral.id,
    ...actorFields(ctx),
    onBehalf: false,
    at: now,
  });
  const after = toLoanApplication((await findApplication(tx, { provinceId: row.provinceId }, row.id))!);
  await notify(tx, [producerNotice(after, 'referred', eventId, { referralCode: referral.code, bankName: referral.bankName })], now);
  await recordAudit(tx, ctx, { action: 'loan_application.referred', entityType: 'loan_application', entityId: row.id, provinceId: row.provinceId, before, after: { ...after, transition: { from: 'approved', to: 'referred', referralId: referral.id } } });
}

/** Reads one application in scope (404 outside it); for the attachment routes. */
export async function requireLoanApplication(ctx: ServiceContext, id: string): Promise<LoanApplication> {
  return toLoanApplication(await requireApplication(ctx, ctx.db, id));
}

export { toLoanAttachment, isApplicant };
