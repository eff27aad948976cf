/**
 * Producers on their own (issue 11). A unit's manager asks for a one-time code by SMS, registers with it and claims
 * a registry unit (or describes one that is not in the registry); the province's secretariat approves the claim
 * before the account speaks for the unit. Producers then sign in by mobile and code.
 *
 * - Codes: 6 digits, HMAC-SHA-256 under a server pepper, 5 minutes, 3 tries. Limits — one a minute and five a day
 *   per mobile, thirty an hour per address — are counted from the stored rows under a per-mobile (and per-address)
 *   advisory lock, so parallel requests cannot slip past them. The answer is the same whether the mobile is known.
 * - A producer without an approved claim has no unit: every unit-scoped list is empty for them (scopes use NO_ID).
 * - Every change that concerns the producer is queued as an SMS and written as a notification in its transaction.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Actor, ServiceContext } from '../../context.js';
import { systemActor } from '../../context.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { assertVersion, isUniqueViolation, type ExpectedVersion } from '../../db/concurrency.js';
import { AppError, type Lang } from '../../../shared/errors.js';
import type { ClaimTransitionInput, ListClaimsQuery, OtpPurpose, RegistrationInput, UnitClaim } from '../../../shared/contracts/producers.js';
import type { CreateUnitInput } from '../../../shared/contracts/units.js';
import { searchKey } from '../../../shared/text.js';
import { recordAudit } from '../audit/audit.service.js';
import { loginWithProof, meOf, startSessionFor, unusablePasswordHash } from '../auth/auth.service.js';
import { notify } from '../notifications/notifications.service.js';
import { queueSms } from '../sms/sms.service.js';
import { checkUnitReferences } from '../units/units.service.js';
import * as repo from './producers.repo.js';

export const OTP_TTL_SECONDS = 300;
export const OTP_RESEND_SECONDS = 60;
export const OTP_MAX_ATTEMPTS = 3;
export const OTP_PER_DAY = 5;
export const OTP_PER_HOUR_PER_ADDRESS = 30;
const SIGNATURE = 'سامانه تسهیل';

/** What a public (sessionless) request brings. */
export interface PublicContext {
  db: Db;
  config: Config;
  now: Date;
  ip: string;
  userAgent: string | undefined;
  requestId?: string;
  lang?: Lang;
}

const msg = (lang: Lang | undefined, fa: string, en: string) => (lang === 'en' ? en : fa);

// ── Codes ───────────────────────────────────────────────────────────────
let cachedPepper: { db: DbOrTx; value: string } | null = null;

async function pepperOf(db: Db, config: Config): Promise<string> {
  if (config.otpPepper) return config.otpPepper;
  if (cachedPepper?.db === db) return cachedPepper.value;
  const value = await repo.storedPepper(db, randomBytes(32).toString('base64url'));
  cachedPepper = { db, value };
  return value;
}

export function hashOtp(pepper: string, mobile: string, purpose: string, code: string): string {
  return createHmac('sha256', pepper).update(`${mobile}|${purpose}|${code}`).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

const secondsUntil = (t: number, now: Date) => Math.max(1, Math.ceil((t - now.getTime()) / 1000));

/**
 * Sends a code to the mobile, when the limits allow. For `login` the SMS goes only to a producer's mobile; the row
 * that counts against the limits is written either way, and the answer is the same.
 */
export async function requestOtp(pc: PublicContext, input: { mobile: string; purpose: OtpPurpose }): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
  const { mobile, purpose } = input;
  const now = pc.now;
  const pepper = await pepperOf(pc.db, pc.config);
  await pc.db.transaction(async (tx) => {
    await repo.lockKeys(tx, [`otp:mobile:${mobile}`, `otp:ip:${pc.ip}`]);
    const c = await repo.otpCounts(tx, mobile, pc.ip, new Date(now.getTime() - 86_400_000), new Date(now.getTime() - 3_600_000));
    if (c.mobileLast && now.getTime() - c.mobileLast.getTime() < OTP_RESEND_SECONDS * 1000)
      throw new AppError('otp.rate_limited', { retryAfter: secondsUntil(c.mobileLast.getTime() + OTP_RESEND_SECONDS * 1000, now) });
    if (c.mobileCount >= OTP_PER_DAY && c.mobileOldest) throw new AppError('otp.rate_limited', { retryAfter: secondsUntil(c.mobileOldest.getTime() + 86_400_000, now) });
    if (c.ipCount >= OTP_PER_HOUR_PER_ADDRESS && c.ipOldest) throw new AppError('otp.rate_limited', { retryAfter: secondsUntil(c.ipOldest.getTime() + 3_600_000, now) });

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = await repo.insertOtp(tx, {
      mobile,
      purpose,
      codeHash: hashOtp(pepper, mobile, purpose, code),
      expiresAt: new Date(now.getTime() + OTP_TTL_SECONDS * 1000),
      ip: pc.ip,
      createdAt: now,
    });
    const producer = await repo.findProducerByMobile(tx, mobile);
    if (purpose === 'login' && (!producer || producer.disabled)) return; // nobody to send to; the answer stays the same
    const what = purpose === 'register' ? 'ثبت‌نام' : 'ورود';
    await queueSms(tx, {
      mobile,
      text: `کد ${what} شما: ${code}\nاین کد تا ۵ دقیقه معتبر است؛ آن را به کسی ندهید.\n${SIGNATURE}`,
      kind: `otp.${purpose}`,
      refType: 'otp',
      refId: id,
      provinceId: producer?.provinceId ?? null,
      dedupeKey: `otp:${id}`,
      now,
    });
  });
  return { expiresInSeconds: OTP_TTL_SECONDS, resendAfterSeconds: OTP_RESEND_SECONDS };
}

type CodeCheck = 'ok' | 'wrong';

/**
 * Checks a code inside the caller's transaction, under the mobile's lock. A right code is consumed; a wrong one
 * counts a try against the live code — the caller must commit that (return, not throw) before refusing.
 */
async function checkCode(tx: DbOrTx, pepper: string, mobile: string, purpose: OtpPurpose, code: string, now: Date): Promise<CodeCheck> {
  await repo.lockKeys(tx, [`otp:mobile:${mobile}`]);
  const live = await repo.findLiveOtp(tx, mobile, purpose, now, OTP_MAX_ATTEMPTS);
  if (!live) return 'wrong';
  if (!sameHash(live.codeHash, hashOtp(pepper, mobile, purpose, code))) {
    await repo.bumpOtpAttempts(tx, live.id);
    return 'wrong';
  }
  await repo.consumeOtp(tx, live.id, now);
  return 'ok';
}

function badCode(lang: Lang | undefined): AppError {
  return new AppError('otp.invalid', { errors: [{ path: 'code', message: msg(lang, 'کد تأیید نادرست یا منقضی است', 'The code is wrong or expired') }] });
}

// ── Claims as the API shows them ────────────────────────────────────────
function toClaim(c: repo.ClaimView): UnitClaim {
  const proposed = c.proposedUnit;
  return {
    id: c.id,
    provinceId: c.provinceId,
    userId: c.userId,
    userFullName: c.userFullName,
    userMobile: c.userMobile,
    unitId: c.unitId,
    unitName: c.unitName ?? (typeof proposed?.name === 'string' ? proposed.name : null),
    unitNationalId: c.unitNationalId ?? (typeof proposed?.nationalId === 'string' ? proposed.nationalId : null),
    proposedUnit: proposed,
    status: c.status as UnitClaim['status'],
    note: c.note,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

// ── Registration ────────────────────────────────────────────────────────
/**
 * Registers a producer with a code sent for `register`: the account (role producer, no unit) and its claim, in one
 * transaction, then a session. A registry unit with the legal id → a claim on it; otherwise `newUnit` → a claim on
 * a proposed unit in its county's province. Bad references → 422 naming the field, nothing written.
 */
export async function register(pc: PublicContext, input: RegistrationInput): Promise<{ actor: Actor; token: string; claim: UnitClaim }> {
  const pepper = await pepperOf(pc.db, pc.config);
  const now = pc.now;
  const base: ServiceContext = { db: pc.db, actor: systemActor(), now: () => now, ip: pc.ip, ...(pc.requestId ? { requestId: pc.requestId } : {}), ...(pc.lang ? { lang: pc.lang } : {}) };
  const legalId = input.unitNationalId ?? input.newUnit?.nationalId;
  const passwordHash = await unusablePasswordHash();

  let outcome: { userId: string; claimId: string } | 'wrong';
  try {
    outcome = await pc.db.transaction(async (tx) => {
      // the references first: a mistake in them must not spend the code
      const registry = legalId ? await repo.findRegistryUnit(tx, legalId) : undefined;
      let provinceId: string;
      let proposed: CreateUnitInput | null = null;
      if (registry) {
        provinceId = registry.provinceId;
      } else {
        if (!input.newUnit)
          throw new AppError('validation.failed', {
            errors: [{ path: 'newUnit', message: msg(pc.lang, 'واحدی با این شناسهٔ ملی در سامانه نیست؛ مشخصات واحد را وارد کنید', 'No unit has this legal id; describe the unit') }],
          });
        const p = await repo.findCountyProvince(tx, input.newUnit.countyId);
        if (!p) throw new AppError('validation.failed', { errors: [{ path: 'newUnit.countyId', message: msg(pc.lang, 'شهرستان ناشناخته است', 'Unknown county') }] });
        provinceId = p;
        try {
          await checkUnitReferences(tx, base, provinceId, input.newUnit);
        } catch (e) {
          if (e instanceof AppError && e.errors) throw new AppError('validation.failed', { errors: e.errors.map((f) => ({ ...f, path: `newUnit.${f.path}` })) });
          throw e;
        }
        proposed = input.newUnit;
      }
      // the code before anything about the mobile: without it nobody learns whether the number is registered
      if ((await checkCode(tx, pepper, input.mobile, 'register', input.code, now)) === 'wrong') return 'wrong' as const;
      if (await repo.findProducerByMobile(tx, input.mobile)) throw new AppError('producer.already_registered');

      const username = (await repo.usernameTaken(tx, input.mobile)) ? `${input.mobile}.${randomBytes(3).toString('hex')}` : input.mobile;
      const userId = await repo.insertProducer(tx, { username, fullName: input.fullName, mobile: input.mobile, provinceId, passwordHash, now });
      const claimId = await repo.insertClaim(tx, {
        provinceId,
        userId,
        unitId: registry?.id ?? null,
        proposedUnit: proposed ? (JSON.parse(JSON.stringify(proposed)) as Record<string, unknown>) : null,
        status: 'pending',
        createdAt: now,
        updatedAt: now,
      });
      const actor: Actor = { kind: 'user', id: userId, username, fullName: input.fullName, role: 'producer', provinceId, agencyId: null, bankId: null, unitId: null };
      const ctx: ServiceContext = { ...base, actor };
      await recordAudit(tx, ctx, { action: 'user.register', entityType: 'user', entityId: userId, provinceId, after: { username, fullName: input.fullName, mobile: input.mobile, nationalCode: input.nationalCode, role: 'producer' } });
      const claim = (await repo.findClaim(tx, provinceId, claimId))!;
      await recordAudit(tx, ctx, { action: 'unit_claim.create', entityType: 'unit_claim', entityId: claimId, provinceId, after: toClaim(claim) });
      const unitName = toClaim(claim).unitName ?? '';
      const title = 'درخواست شما ثبت شد';
      const body = `درخواست نمایندگی واحد «${unitName}» ثبت شد و پس از بررسی دبیرخانه نتیجه پیامک می‌شود.`;
      await notify(tx, [{ provinceId, target: { userId }, kind: 'unit_claim.created', title, body, refType: 'unit_claim', refId: claimId, dedupeKey: `unit_claim:${claimId}:created` }], now);
      await queueSms(tx, { mobile: input.mobile, text: `${body}\n${SIGNATURE}`, kind: 'unit_claim.created', refType: 'unit_claim', refId: claimId, provinceId, dedupeKey: `unit_claim:${claimId}:created`, now });
      return { userId, claimId };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('producer.already_registered');
    throw e;
  }
  if (outcome === 'wrong') throw badCode(pc.lang);
  const session = await startSessionFor(pc.db, pc.config, outcome.userId, { ip: pc.ip, userAgent: pc.userAgent, now });
  const claim = (await repo.findClaim(pc.db, null, outcome.claimId))!;
  return { ...session, claim: toClaim(claim) };
}

/** Sign-in by mobile and a code sent for `login`: the password login's throttling (keyed by the mobile, the producer's username, so an administrator's unlock clears it), then a session like it. */
export async function otpLogin(pc: PublicContext, input: { mobile: string; code: string }): Promise<{ actor: Actor; token: string }> {
  const pepper = await pepperOf(pc.db, pc.config);
  return loginWithProof(
    pc.db,
    pc.config,
    { key: input.mobile, ip: pc.ip, userAgent: pc.userAgent, now: pc.now },
    async () => {
      const result = await pc.db.transaction(async (tx) => checkCode(tx, pepper, input.mobile, 'login', input.code, pc.now));
      if (result !== 'ok') return null;
      const producer = await repo.findProducerByMobile(pc.db, input.mobile);
      return producer && !producer.disabled ? producer.id : null;
    },
    'auth.otp_invalid',
  );
}

export { meOf };

// ── The secretariat's review ────────────────────────────────────────────
/** The secretariat sees its province's claims; an administrator every province's (or their own, when they have one). */
function claimProvinceOf(ctx: ServiceContext): string | null {
  if (ctx.actor.role === 'admin') return ctx.actor.provinceId;
  if (ctx.actor.role !== 'secretariat') throw new AppError('auth.forbidden');
  if (!ctx.actor.provinceId) throw new AppError('record.not_found');
  return ctx.actor.provinceId;
}

/** The secretariat's review list; a producer's own claims (pending, approved or rejected with the note), whatever the province. */
export async function listClaims(ctx: ServiceContext, q: ListClaimsQuery) {
  const scope = ctx.actor.role === 'producer' ? { provinceId: null, userId: ctx.actor.id } : { provinceId: claimProvinceOf(ctx) };
  const { items, total } = await repo.findClaims(ctx.db, scope, q);
  return { items: items.map(toClaim), total, page: q.page, pageSize: q.pageSize };
}

/**
 * Approves or rejects a pending claim. Approval binds the producer to the unit — the registry unit, or the proposed
 * one, made now in the claim's province (a unit that meanwhile got the same legal id there is used instead).
 * Rejection needs a note, which the producer reads. SMS, notification and audit go with it.
 */
export async function transitionClaim(ctx: ServiceContext, id: string, input: ClaimTransitionInput, expected: ExpectedVersion): Promise<UnitClaim> {
  const scope = claimProvinceOf(ctx);
  const note = input.note?.trim() || null;
  if (input.to === 'rejected' && !note) throw new AppError('claim.note_required', { errors: [{ path: 'note', message: msg(ctx.lang, 'دلیل رد را بنویسید', 'Write the reason') }] });
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockClaim(tx, scope, id);
    const before = locked ? await repo.findClaim(tx, scope, id) : undefined;
    if (!locked || !before) throw new AppError('record.not_found');
    assertVersion(locked.version, expected, toClaim(before));
    if (locked.status !== 'pending') throw new AppError('transition.forbidden', { extra: { allowed: [] } });

    let unitId = locked.unitId;
    if (input.to === 'approved' && !unitId) {
      const proposed = locked.proposedUnit as unknown as CreateUnitInput;
      unitId = (await repo.findUnitIdInProvince(tx, locked.provinceId, proposed.nationalId)) ?? null;
      if (!unitId) {
        await checkUnitReferences(tx, ctx, locked.provinceId, proposed);
        unitId = await repo.insertUnitRow(tx, { ...proposed, provinceId: locked.provinceId, nameKey: searchKey(proposed.name), createdAt: now, updatedAt: now });
        await recordAudit(tx, ctx, { action: 'unit.create', entityType: 'unit', entityId: unitId, provinceId: locked.provinceId, after: { ...proposed, id: unitId, fromClaim: id } });
      }
    }
    await repo.updateClaim(tx, id, { status: input.to, note, unitId, decidedBy: ctx.actor.kind === 'user' ? ctx.actor.id : null, decidedAt: now, version: locked.version + 1, updatedAt: now });
    if (input.to === 'approved') await repo.bindProducer(tx, locked.userId, locked.provinceId, unitId!, now);
    const after = toClaim((await repo.findClaim(tx, scope, id))!);
    await recordAudit(tx, ctx, { action: `unit_claim.${input.to}`, entityType: 'unit_claim', entityId: id, provinceId: locked.provinceId, before: toClaim(before), after });

    const approved = input.to === 'approved';
    const title = approved ? 'درخواست شما تأیید شد' : 'درخواست شما رد شد';
    const body = approved
      ? `درخواست نمایندگی واحد «${after.unitName ?? ''}» تأیید شد؛ اکنون می‌توانید پروندهٔ واحد را در سامانه ببینید.`
      : `درخواست نمایندگی واحد «${after.unitName ?? ''}» رد شد. دلیل: ${note}`;
    await notify(tx, [{ provinceId: locked.provinceId, target: { userId: locked.userId }, kind: `unit_claim.${input.to}`, title, body, refType: 'unit_claim', refId: id, dedupeKey: `unit_claim:${id}:${input.to}` }], now);
    if (before.userMobile)
      await queueSms(tx, { mobile: before.userMobile, text: `${title}\n${body}\n${SIGNATURE}`.slice(0, 500), kind: `unit_claim.${input.to}`, refType: 'unit_claim', refId: id, provinceId: locked.provinceId, dedupeKey: `unit_claim:${id}:${input.to}`, now });
    return after;
  });
}
