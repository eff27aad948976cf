/** SQL for the reference lists. */
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, banks, counties, estates, obstacleCategories, programs, provinces, rejectionReasons, sectors } from '../../db/schema.js';

export const findProvinces = (db: DbOrTx) => db.select().from(provinces).orderBy(asc(provinces.id));
/** Counties of a province, or of every province (`null`). */
export const findCounties = (db: DbOrTx, provinceId: string | null) =>
  db.select().from(counties).where(provinceId ? eq(counties.provinceId, provinceId) : undefined).orderBy(asc(counties.id));
/** Estates of a province, or of every province (`null`). */
export const findEstates = (db: DbOrTx, provinceId: string | null) =>
  db.select().from(estates).where(provinceId ? eq(estates.provinceId, provinceId) : undefined).orderBy(asc(estates.id));
export const findSectors = (db: DbOrTx) => db.select().from(sectors).orderBy(asc(sectors.code));
export const findAgencies = (db: DbOrTx) => db.select().from(agencies);
export const findBanks = (db: DbOrTx) => db.select().from(banks);
export const findPrograms = (db: DbOrTx) => db.select().from(programs);
export const findObstacleCategories = (db: DbOrTx) => db.select().from(obstacleCategories);
export const findRejectionReasons = (db: DbOrTx) => db.select().from(rejectionReasons);
