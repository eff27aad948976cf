/** Integration tokens: shown once at creation, stored hashed, bound to one bank or agency, revocable. */
import type { z } from 'zod';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../../shared/errors.js';
import type { Role } from '../../../shared/roles.js';
import type { createTokenBody } from '../../../shared/contracts/users.js';
import { recordAudit } from '../audit/audit.service.js';
import { newSecret, sha256 } from '../auth/auth.service.js';
import { checkScope } from '../users/users.service.js';
import { findAllTokens, findTokenForUpdate, insertToken, updateToken, type TokenRow } from './tokens.repo.js';
import { stampsOf } from '../../db/stamps.js';

function toToken(t: TokenRow) {
  return {
    name: t.name,
    ...stampsOf(t),
    role: t.role as Role,
    provinceId: t.provinceId,
    agencyId: t.agencyId,
    bankId: t.bankId,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}

export async function listTokens(ctx: ServiceContext) {
  const rows = await findAllTokens(ctx.db);
  return { items: rows.map(toToken), total: rows.length, page: 1, pageSize: rows.length };
}

export async function createToken(ctx: ServiceContext, input: z.infer<typeof createTokenBody>) {
  const secret = newSecret('tsl_');
  return ctx.db.transaction(async (tx) => {
    const scope = await checkScope(tx, {
      role: input.role,
      provinceId: input.provinceId ?? ctx.actor.provinceId,
      agencyId: input.agencyId ?? null,
      bankId: input.bankId ?? null,
      unitId: null,
    });
    const row = await insertToken(tx, {
        name: input.name,
        tokenHash: sha256(secret),
        role: scope.role,
        provinceId: scope.provinceId,
        agencyId: scope.agencyId,
        bankId: scope.bankId,
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      });
    const token = toToken(row);
    await recordAudit(tx, ctx, { action: 'token.create', entityType: 'token', entityId: token.id, provinceId: token.provinceId, after: token });
    return { ...token, token: secret };
  });
}

export async function revokeToken(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await findTokenForUpdate(tx, id);
    if (!row) throw new AppError('record.not_found');
    if (row.revokedAt) return;
    const updated = await updateToken(tx, id, { revokedAt: ctx.now(), version: row.version + 1, updatedAt: ctx.now() });
    await recordAudit(tx, ctx, { action: 'token.revoke', entityType: 'token', entityId: id, provinceId: row.provinceId, before: toToken(row), after: toToken(updated) });
  });
}
