/** Reference lists, read by everyone logged in; county and estate lists follow the caller's province. */
import type { ServiceContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import type { UnitChoices } from '../../../shared/contracts/reference.js';
import {
  findAgencies,
  findBanks,
  findCounties,
  findEstates,
  findObstacleCategories,
  findPrograms,
  findProvinces,
  findRejectionReasons,
  findSectors,
} from './reference.repo.js';

const withCode = <T extends { id: string }>(r: T) => ({ ...r, code: r.id });
const withId = <T extends { code: string }>(r: T) => ({ ...r, id: r.code });

/** National users may ask for any province; everyone else gets their own. */
function provinceScope(ctx: ServiceContext, requested: string | undefined): string | null {
  if (ctx.actor.role === 'national' || (ctx.actor.role === 'admin' && !ctx.actor.provinceId)) return requested ?? null;
  return ctx.actor.provinceId;
}

export const listProvinces = async (ctx: ServiceContext) => (await findProvinces(ctx.db)).map(withCode);

export async function listCounties(ctx: ServiceContext, provinceId?: string) {
  const p = provinceScope(ctx, provinceId);
  const rows = await findCounties(ctx.db, p);
  return rows.map(withCode);
}

export async function listEstates(ctx: ServiceContext, provinceId?: string) {
  const p = provinceScope(ctx, provinceId);
  const rows = await findEstates(ctx.db, p);
  return rows.map(withCode);
}

export const listSectors = async (ctx: ServiceContext) => (await findSectors(ctx.db)).map(withId);
export const listAgencies = async (ctx: ServiceContext) => (await findAgencies(ctx.db)).map(withCode);
export const listBanks = async (ctx: ServiceContext) => (await findBanks(ctx.db)).map(withCode);
export const listPrograms = async (ctx: ServiceContext) => (await findPrograms(ctx.db)).map(withId);
export const listObstacleCategories = async (ctx: ServiceContext) => (await findObstacleCategories(ctx.db)).map(withId);
export const listRejectionReasons = async (ctx: ServiceContext) => (await findRejectionReasons(ctx.db)).map(withId);

/**
 * The lists a producer registering a unit that is not in the registry chooses from (no session yet): every province
 * that has counties, their counties and estates, and the sectors.
 */
export async function listUnitChoices(db: DbOrTx): Promise<UnitChoices> {
  const [provinceRows, countyRows, estateRows, sectorRows] = await Promise.all([findProvinces(db), findCounties(db, null), findEstates(db, null), findSectors(db)]);
  const withCounties = new Set(countyRows.map((c) => c.provinceId));
  return {
    provinces: provinceRows.filter((p) => withCounties.has(p.id)).map(withCode),
    counties: countyRows.map(withCode),
    estates: estateRows.map(withCode),
    sectors: sectorRows.map(withId),
  };
}
