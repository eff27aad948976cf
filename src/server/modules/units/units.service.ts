/** The register of industrial units: scoped reads, validated and audited writes. */
import { type ServiceContext, msg } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError, type FieldError } from '../../../shared/errors.js';
import type { CreateUnitInput, ListUnitsQuery, Unit } from '../../../shared/contracts/units.js';
import { searchKey } from '../../../shared/text.js';
import { assertVersion, isUniqueViolation, type ExpectedVersion } from '../../db/concurrency.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  findCountyOfProvince,
  findEstateOfProvince,
  findSector,
  findUnit,
  findUnitByNationalId,
  findUnits,
  countUnitsByStatus as countUnitsByStatusSql,
  insertUnit,
  lockUnitVersion,
  updateUnitRow,
  type UnitScope,
} from './units.repo.js';

/** Units live in the caller's province; a producer sees only their own unit. */
export function unitScopeOf(ctx: ServiceContext): UnitScope {
  const provinceId = ctx.actor.provinceId;
  if (!provinceId) throw new AppError('record.not_found');
  return ctx.actor.role === 'producer' ? { provinceId, unitId: ctx.actor.unitId ?? '00000000-0000-0000-0000-000000000000' } : { provinceId };
}

export async function listUnits(ctx: ServiceContext, q: ListUnitsQuery) {
  const { items, total } = await findUnits(ctx.db, unitScopeOf(ctx), q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function getUnit(ctx: ServiceContext, id: string): Promise<Unit> {
  const unit = await findUnit(ctx.db, unitScopeOf(ctx), id);
  if (!unit) throw new AppError('record.not_found');
  return unit;
}


/** Sector, county and estate must exist, the county be in the province and the estate in the county. */
export async function checkUnitReferences(
  db: DbOrTx,
  ctx: ServiceContext,
  provinceId: string,
  v: { sectorCode: string; countyId: string; estateId?: string | null | undefined },
): Promise<void> {
  const errors: FieldError[] = [];
  const sector = await findSector(db, v.sectorCode);
  if (!sector) errors.push({ path: 'sectorCode', message: msg(ctx, 'رشتهٔ فعالیت (کد آیسیک) ناشناخته است', 'Unknown sector code') });
  const county = await findCountyOfProvince(db, provinceId, v.countyId);
  if (!county) errors.push({ path: 'countyId', message: msg(ctx, 'شهرستان در این استان یافت نشد', 'No such county in this province') });
  if (v.estateId) {
    const estate = await findEstateOfProvince(db, provinceId, v.estateId);
    if (!estate) errors.push({ path: 'estateId', message: msg(ctx, 'شهرک یا ناحیهٔ صنعتی ناشناخته است', 'Unknown industrial estate') });
    else if (county && estate.countyId !== v.countyId)
      errors.push({ path: 'estateId', message: msg(ctx, 'شهرک صنعتی در شهرستان انتخاب‌شده نیست', 'The estate is not in the chosen county') });
  }
  if (errors.length) throw new AppError('validation.failed', { errors });
}

async function duplicateError(db: DbOrTx, ctx: ServiceContext, provinceId: string, nationalId: string): Promise<AppError> {
  const existing = await findUnitByNationalId(db, provinceId, nationalId);
  return new AppError('record.duplicate', {
    detail: existing
      ? { fa: `واحد «${existing.name}» با همین شناسهٔ ملی ثبت شده است`, en: `Unit "${existing.name}" already has this national id` }
      : undefined,
    errors: [{ path: 'nationalId', message: msg(ctx, 'شناسهٔ ملی تکراری است', 'Duplicate national id') }],
    extra: existing ? { existing: { id: existing.id, name: existing.name } } : undefined,
  } as never);
}

export async function createUnit(ctx: ServiceContext, input: CreateUnitInput): Promise<Unit> {
  const { provinceId } = unitScopeOf(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      await checkUnitReferences(tx, ctx, provinceId, input);
      const id = await insertUnit(tx, { ...input, provinceId, nameKey: searchKey(input.name), createdAt: ctx.now(), updatedAt: ctx.now() });
      const unit = (await findUnit(tx, { provinceId }, id))!;
      await recordAudit(tx, ctx, { action: 'unit.create', entityType: 'unit', entityId: unit.id, provinceId, after: unit });
      return unit;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw await duplicateError(ctx.db, ctx, provinceId, input.nationalId);
    throw e;
  }
}

export async function updateUnit(ctx: ServiceContext, id: string, input: Partial<CreateUnitInput>, expected: ExpectedVersion): Promise<Unit> {
  const scope = unitScopeOf(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const locked = await lockUnitVersion(tx, scope.provinceId, id);
      const before = locked ? await findUnit(tx, scope, id) : undefined;
      if (!locked || !before) throw new AppError('record.not_found');
      assertVersion(locked.version, expected, before);
      const next = { ...input };
      await checkUnitReferences(tx, ctx, scope.provinceId, {
        sectorCode: next.sectorCode ?? before.sectorCode,
        countyId: next.countyId ?? before.countyId,
        estateId: next.estateId !== undefined ? next.estateId : before.estateId,
      });
      await updateUnitRow(tx, id, { ...next, ...(next.name ? { nameKey: searchKey(next.name) } : {}), version: locked.version + 1, updatedAt: ctx.now() });
      const after = (await findUnit(tx, scope, id))!;
      await recordAudit(tx, ctx, { action: 'unit.update', entityType: 'unit', entityId: id, provinceId: scope.provinceId, before, after });
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e) && input.nationalId) throw await duplicateError(ctx.db, ctx, scope.provinceId, input.nationalId);
    throw e;
  }
}

/** Units by status within a scope (the home page's counts). */
export async function countUnitsByStatus(ctx: ServiceContext, scope: UnitScope) {
  return countUnitsByStatusSql(ctx.db, scope);
}
