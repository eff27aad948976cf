/** Accounts: created and changed by the admin, each change audited; disabling a user ends their sessions. */
import type { z } from 'zod';
import type { ServiceContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../../shared/errors.js';
import { requiredScope, type Role } from '../../../shared/roles.js';
import type { createUserBody, listUsersQuery, patchUserBody, User } from '../../../shared/contracts/users.js';
import { assertVersion, isUniqueViolation, type ExpectedVersion } from '../../db/concurrency.js';
import { recordAudit } from '../audit/audit.service.js';
import { hashPassword, userIdentityOf } from '../auth/auth.service.js';
import * as repo from './users.repo.js';
import { stampsOf } from '../../db/stamps.js';

type UserRow = repo.UserRow;

export function toUser(u: UserRow): User {
  return {
    email: u.email,
    ...stampsOf(u),
    ...userIdentityOf(u),
    disabled: u.disabled,
    mfaEnrolled: u.mfaSecret !== null,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  };
}

interface Scope {
  role: Role;
  provinceId: string | null;
  agencyId: string | null;
  bankId: string | null;
  unitId: string | null;
}

/** A role carries exactly the scope it needs, and that scope must exist. */
export async function checkScope(db: DbOrTx, s: Scope): Promise<Scope> {
  const bad = (path: string, fa: string, en: string) =>
    new AppError('user.scope_invalid', { errors: [{ path, message: fa }], detail: { fa, en } });
  const need = requiredScope(s.role);
  const out: Scope = {
    role: s.role,
    provinceId: s.role === 'national' ? null : s.provinceId,
    agencyId: need === 'agencyId' ? s.agencyId : null,
    bankId: need === 'bankId' ? s.bankId : null,
    unitId: need === 'unitId' ? s.unitId : null,
  };
  if (s.role !== 'national' && s.role !== 'admin' && !out.provinceId) throw bad('provinceId', 'استان کاربر مشخص نشده است', 'The user needs a province');
  if (out.provinceId && !(await repo.provinceExists(db, out.provinceId))) throw bad('provinceId', 'استان ناشناخته است', 'Unknown province');
  if (need === 'agencyId' && !(out.agencyId && (await repo.agencyExists(db, out.agencyId))))
    throw bad('agencyId', 'دستگاه اجرایی کاربر مشخص یا معتبر نیست', 'The agency is missing or unknown');
  if (need === 'bankId' && !(out.bankId && (await repo.bankExists(db, out.bankId)))) throw bad('bankId', 'بانک کاربر مشخص یا معتبر نیست', 'The bank is missing or unknown');
  if (need === 'unitId') {
    const unitProvince = out.unitId ? await repo.unitProvince(db, out.unitId) : undefined;
    if (unitProvince === undefined || unitProvince !== out.provinceId) throw bad('unitId', 'واحد تولیدی کاربر مشخص یا معتبر نیست', 'The unit is missing or unknown');
  }
  return out;
}

export async function listUsers(ctx: ServiceContext, q: z.infer<typeof listUsersQuery>) {
  const { rows, total } = await repo.findUsers(ctx.db, { role: q.role, q: q.q }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(toUser), total, page: q.page, pageSize: q.pageSize };
}

export async function createUser(ctx: ServiceContext, input: z.infer<typeof createUserBody>): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const scope = await checkScope(tx, {
        role: input.role,
        provinceId: input.provinceId ?? ctx.actor.provinceId,
        agencyId: input.agencyId ?? null,
        bankId: input.bankId ?? null,
        unitId: input.unitId ?? null,
      });
      const row = await repo.insertUser(tx, { username: input.username, fullName: input.fullName, email: input.email ?? null, passwordHash, ...scope, createdAt: ctx.now(), updatedAt: ctx.now() });
      const user = toUser(row);
      await recordAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: user.id, provinceId: user.provinceId, after: user });
      return user;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError('record.duplicate', {
        errors: [{ path: 'username', message: ctx.lang === 'en' ? 'This username is taken' : 'این نام کاربری قبلاً ثبت شده است' }],
      });
    }
    throw e;
  }
}

export async function updateUser(ctx: ServiceContext, id: string, input: z.infer<typeof patchUserBody>, expected: ExpectedVersion): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findUserForUpdate(tx, id);
    if (!row) throw new AppError('record.not_found');
    const before = toUser(row);
    assertVersion(row.version, expected, before);
    const scope = await checkScope(tx, {
      role: input.role ?? (row.role as Role),
      provinceId: input.provinceId !== undefined ? input.provinceId : row.provinceId,
      agencyId: input.agencyId !== undefined ? input.agencyId : row.agencyId,
      bankId: input.bankId !== undefined ? input.bankId : row.bankId,
      unitId: input.unitId !== undefined ? input.unitId : row.unitId,
    });
    const updated = await repo.updateUserRow(tx, id, {
        ...scope,
        ...(input.fullName !== undefined ? { fullName: input.fullName } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        version: row.version + 1,
        updatedAt: ctx.now(),
      });
    const after = toUser(updated);
    // A disabled user, a changed role or scope, or a new password ends every open session at once.
    if (after.disabled || passwordHash || after.role !== before.role || JSON.stringify(scope) !== JSON.stringify({ role: before.role, provinceId: before.provinceId, agencyId: before.agencyId, bankId: before.bankId, unitId: before.unitId })) {
      await repo.deleteSessionsOf(tx, id);
    }
    await recordAudit(tx, ctx, { action: 'user.update', entityType: 'user', entityId: id, provinceId: after.provinceId, before, after });
    return after;
  });
}
