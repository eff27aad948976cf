/** SQL for producers on their own: one-time codes, producer accounts and their claims on units. */
import { and, count, desc, eq, gt, isNull, lt, min, sql, type SQL } from 'drizzle-orm';
import { pageWithTotal, totalColumn } from '../../db/paging.js';
import type { DbOrTx } from '../../db/client.js';
import { insertReturningId } from '../../db/rows.js';
import { counties, otpCodes, settings, unitClaims, units, users } from '../../db/schema.js';

export type OtpRow = typeof otpCodes.$inferSelect;
export type ClaimRow = typeof unitClaims.$inferSelect;

/** Serialises the transactions that touch these keys (a mobile, an address) until commit. */
export async function lockKeys(tx: DbOrTx, keys: string[]): Promise<void> {
  for (const k of keys) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${k}))`);
}

const asDate = (v: Date | string | null | undefined) => (v == null ? null : new Date(v));

/** What the limits need: the mobile's codes since `daySince` (count, oldest, newest), the address's since `hourSince`. */
export async function otpCounts(tx: DbOrTx, mobile: string, ip: string, daySince: Date, hourSince: Date) {
  const [m] = await tx
    .select({ n: count(), oldest: min(otpCodes.createdAt), last: sql<Date | string | null>`max(${otpCodes.createdAt})` })
    .from(otpCodes)
    .where(and(eq(otpCodes.mobile, mobile), gt(otpCodes.createdAt, daySince)));
  const [a] = await tx
    .select({ n: count(), oldest: min(otpCodes.createdAt) })
    .from(otpCodes)
    .where(and(eq(otpCodes.ip, ip), gt(otpCodes.createdAt, hourSince)));
  return { mobileCount: m?.n ?? 0, mobileOldest: asDate(m?.oldest), mobileLast: asDate(m?.last), ipCount: a?.n ?? 0, ipOldest: asDate(a?.oldest) };
}

export async function insertOtp(tx: DbOrTx, values: typeof otpCodes.$inferInsert): Promise<string> {
  return insertReturningId(tx, otpCodes, values);
}

/** The mobile's newest code for the purpose that is still usable: not used, not expired, fewer than `maxAttempts` tries. */
export async function findLiveOtp(tx: DbOrTx, mobile: string, purpose: string, now: Date, maxAttempts: number): Promise<OtpRow | undefined> {
  const [row] = await tx
    .select()
    .from(otpCodes)
    .where(and(eq(otpCodes.mobile, mobile), eq(otpCodes.purpose, purpose), isNull(otpCodes.consumedAt), gt(otpCodes.expiresAt, now), lt(otpCodes.attempts, maxAttempts)))
    .orderBy(desc(otpCodes.createdAt))
    .limit(1);
  return row;
}

export async function bumpOtpAttempts(tx: DbOrTx, id: string): Promise<void> {
  await tx.update(otpCodes).set({ attempts: sql`${otpCodes.attempts} + 1` }).where(eq(otpCodes.id, id));
}

export async function consumeOtp(tx: DbOrTx, id: string, now: Date): Promise<void> {
  await tx.update(otpCodes).set({ consumedAt: now }).where(eq(otpCodes.id, id));
}

/** Test helper: the stored rows of a mobile. */
export async function otpRowsOf(db: DbOrTx, mobile: string): Promise<OtpRow[]> {
  return db.select().from(otpCodes).where(eq(otpCodes.mobile, mobile)).orderBy(otpCodes.createdAt);
}

/** The installation's code pepper, made once and kept in the settings (when TASHIL_OTP_PEPPER does not give one). */
export async function storedPepper(db: DbOrTx, fresh: string): Promise<string> {
  await db.insert(settings).values({ provinceId: '*', key: 'otp.pepper', value: fresh }).onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(and(eq(settings.provinceId, '*'), eq(settings.key, 'otp.pepper')));
  return String(row!.value);
}

export async function findProducerByMobile(db: DbOrTx, mobile: string) {
  const [row] = await db
    .select({ id: users.id, disabled: users.disabled, provinceId: users.provinceId })
    .from(users)
    .where(and(eq(users.role, 'producer'), eq(users.mobile, mobile)))
    .limit(1);
  return row;
}

export async function usernameTaken(db: DbOrTx, username: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
  return !!row;
}

/** A registry unit by its legal id, in any province (the oldest, should two provinces hold it). */
export async function findRegistryUnit(db: DbOrTx, nationalId: string) {
  const [row] = await db
    .select({ id: units.id, provinceId: units.provinceId, name: units.name })
    .from(units)
    .where(eq(units.nationalId, nationalId))
    .orderBy(units.createdAt)
    .limit(1);
  return row;
}

export async function findUnitIdInProvince(db: DbOrTx, provinceId: string, nationalId: string): Promise<string | undefined> {
  const [row] = await db.select({ id: units.id }).from(units).where(and(eq(units.provinceId, provinceId), eq(units.nationalId, nationalId))).limit(1);
  return row?.id;
}

export async function findCountyProvince(db: DbOrTx, countyId: string): Promise<string | undefined> {
  const [row] = await db.select({ provinceId: counties.provinceId }).from(counties).where(eq(counties.id, countyId)).limit(1);
  return row?.provinceId;
}

export async function insertProducer(tx: DbOrTx, v: { username: string; fullName: string; mobile: string; provinceId: string; passwordHash: string; now: Date }): Promise<string> {
  const [row] = await tx
    .insert(users)
    .values({ username: v.username, fullName: v.fullName, role: 'producer', mobile: v.mobile, provinceId: v.provinceId, unitId: null, passwordHash: v.passwordHash, createdAt: v.now, updatedAt: v.now })
    .returning({ id: users.id });
  return row!.id;
}

export async function bindProducer(tx: DbOrTx, userId: string, provinceId: string, unitId: string, now: Date): Promise<void> {
  await tx
    .update(users)
    .set({ unitId, provinceId, updatedAt: now, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, userId), eq(users.role, 'producer')));
}

export async function insertClaim(tx: DbOrTx, values: typeof unitClaims.$inferInsert): Promise<string> {
  return insertReturningId(tx, unitClaims, values);
}

export async function insertUnitRow(tx: DbOrTx, values: typeof units.$inferInsert): Promise<string> {
  return insertReturningId(tx, units, values);
}

export interface ClaimView {
  id: string;
  provinceId: string;
  userId: string;
  userFullName: string;
  userMobile: string | null;
  unitId: string | null;
  unitName: string | null;
  unitNationalId: string | null;
  proposedUnit: Record<string, unknown> | null;
  status: string;
  note: string | null;
  decidedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const claimColumns = {
      id: unitClaims.id,
      provinceId: unitClaims.provinceId,
      userId: unitClaims.userId,
      userFullName: users.fullName,
      userMobile: users.mobile,
      unitId: unitClaims.unitId,
      unitName: units.name,
      unitNationalId: units.nationalId,
      proposedUnit: unitClaims.proposedUnit,
      status: unitClaims.status,
      note: unitClaims.note,
      decidedAt: unitClaims.decidedAt,
      version: unitClaims.version,
      createdAt: unitClaims.createdAt,
      updatedAt: unitClaims.updatedAt,
};

function claimsSelect(db: DbOrTx) {
  return db.select(claimColumns).from(unitClaims).innerJoin(users, eq(users.id, unitClaims.userId)).leftJoin(units, eq(units.id, unitClaims.unitId));
}

/** Claims in a province (null: every province), or one user's only, newest first. */
export async function findClaims(
  db: DbOrTx,
  scope: { provinceId: string | null; userId?: string },
  q: { status?: string | undefined; page: number; pageSize: number },
): Promise<{ items: ClaimView[]; total: number }> {
  const where: SQL[] = [];
  if (scope.provinceId) where.push(eq(unitClaims.provinceId, scope.provinceId));
  if (scope.userId) where.push(eq(unitClaims.userId, scope.userId));
  if (q.status) where.push(eq(unitClaims.status, q.status));
  const cond = where.length ? and(...where) : undefined;
  const counted = () => db.select({ n: count() }).from(unitClaims).where(cond);
  const { rows, total } = await pageWithTotal(
    db
      .select({ ...claimColumns, total: totalColumn(counted()) })
      .from(unitClaims)
      .innerJoin(users, eq(users.id, unitClaims.userId))
      .leftJoin(units, eq(units.id, unitClaims.unitId))
      .where(cond)
      .orderBy(desc(unitClaims.createdAt), desc(unitClaims.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    q.page,
    counted,
  );
  return { items: rows.map(({ total: _total, ...claim }) => claim), total };
}

/** One person's own claims, newest first. */
export async function findClaimsOfUser(db: DbOrTx, userId: string, status?: string): Promise<ClaimView[]> {
  const where: SQL[] = [eq(unitClaims.userId, userId)];
  if (status) where.push(eq(unitClaims.status, status));
  return claimsSelect(db).where(and(...where)).orderBy(desc(unitClaims.createdAt), desc(unitClaims.id)).limit(20);
}

export async function findClaim(db: DbOrTx, provinceId: string | null, id: string): Promise<ClaimView | undefined> {
  const where: SQL[] = [eq(unitClaims.id, id)];
  if (provinceId) where.push(eq(unitClaims.provinceId, provinceId));
  const [row] = await claimsSelect(db).where(and(...where));
  return row;
}

export async function lockClaim(tx: DbOrTx, provinceId: string | null, id: string): Promise<ClaimRow | undefined> {
  const where: SQL[] = [eq(unitClaims.id, id)];
  if (provinceId) where.push(eq(unitClaims.provinceId, provinceId));
  const [row] = await tx.select().from(unitClaims).where(and(...where)).for('update');
  return row;
}

export async function updateClaim(tx: DbOrTx, id: string, set: Partial<typeof unitClaims.$inferInsert>): Promise<void> {
  await tx.update(unitClaims).set(set).where(eq(unitClaims.id, id));
}
