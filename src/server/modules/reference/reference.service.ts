/** Reference lists, read by everyone logged in; county and estate lists follow the caller's province. */
import { asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { agencies, banks, counties, estates, obstacleCategories, programs, provinces, rejectionReasons, sectors } from '../../db/schema.js';

const withCode = <T extends { id: string }>(r: T) => ({ ...r, code: r.id });
const withId = <T extends { code: string }>(r: T) => ({ ...r, id: r.code });

/** National users may ask for any province; everyone else gets their own. */
function provinceScope(ctx: ServiceContext, requested: string | undefined): string | null {
  if (ctx.actor.role === 'national' || (ctx.actor.role === 'admin' && !ctx.actor.provinceId)) return requested ?? null;
  return ctx.actor.provinceId;
}

export const listProvinces = async (ctx: ServiceContext) => (await ctx.db.select().from(provinces).orderBy(asc(provinces.id))).map(withCode);

export async function listCounties(ctx: ServiceContext, provinceId?: string) {
  const p = provinceScope(ctx, provinceId);
  const rows = await ctx.db.select().from(counties).where(p ? eq(counties.provinceId, p) : undefined).orderBy(asc(counties.id));
  return rows.map(withCode);
}

export async function listEstates(ctx: ServiceContext, provinceId?: string) {
  const p = provinceScope(ctx, provinceId);
  const rows = await ctx.db.select().from(estates).where(p ? eq(estates.provinceId, p) : undefined).orderBy(asc(estates.id));
  return rows.map(withCode);
}

export const listSectors = async (ctx: ServiceContext) => (await ctx.db.select().from(sectors).orderBy(asc(sectors.code))).map(withId);
export const listAgencies = async (ctx: ServiceContext) => (await ctx.db.select().from(agencies)).map(withCode);
export const listBanks = async (ctx: ServiceContext) => (await ctx.db.select().from(banks)).map(withCode);
export const listPrograms = async (ctx: ServiceContext) => (await ctx.db.select().from(programs)).map(withId);
export const listObstacleCategories = async (ctx: ServiceContext) => (await ctx.db.select().from(obstacleCategories)).map(withId);
export const listRejectionReasons = async (ctx: ServiceContext) => (await ctx.db.select().from(rejectionReasons)).map(withId);
