/**
 * Systemic obstacles: demands that many units share — the same category and similar text (trigram similarity
 * of the Persian-normalised title) — grouped, so the working group can remove the cause once for all of them.
 */
import { inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { agencies, counties, demands, obstacleCategories, units } from '../../db/schema.js';
import { OPEN_DEMAND_STATUSES } from '../../../shared/machines.js';
import type { StatsQuery } from '../../../shared/contracts/stats.js';
import { demandBase } from './stats.metrics.js';
import { statsScope } from './stats.scope.js';
import { rowsOf } from './stats.sql.js';

export const SIMILARITY_THRESHOLD = 0.45;
export const MIN_UNITS = 3;

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string) {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

export async function systemicObstacles(ctx: ServiceContext, q: StatsQuery & { minUnits?: number | undefined }) {
  const s = await statsScope(ctx, q);
  const minUnits = q.minUnits ?? MIN_UNITS;
  const base = demandBase(s.filter);
  const [all, pairs] = await Promise.all([
    rowsOf<{ id: string; unit_id: string; category_code: string; title: string; agency_id: string | null; status: string }>(
      ctx.db,
      sql`select ${demands.id} as id, ${demands.unitId} as unit_id, ${demands.categoryCode} as category_code, ${demands.title} as title, ${demands.agencyId} as agency_id, ${demands.status} as status
          from ${demands} where ${base}`,
    ),
    rowsOf<{ a: string; b: string }>(
      ctx.db,
      sql`select d1.id as a, d2.id as b
          from (select ${demands.id} as id, ${demands.unitId} as unit_id, ${demands.categoryCode} as category_code, ${demands.titleKey} as title_key from ${demands} where ${base}) d1
          join (select ${demands.id} as id, ${demands.unitId} as unit_id, ${demands.categoryCode} as category_code, ${demands.titleKey} as title_key from ${demands} where ${base}) d2
            on d1.category_code = d2.category_code and d1.id < d2.id and d1.unit_id <> d2.unit_id
          where similarity(d1.title_key, d2.title_key) >= ${SIMILARITY_THRESHOLD}`,
    ),
  ]);
  const uf = new UnionFind();
  for (const p of pairs) uf.union(p.a, p.b);
  const groups = new Map<string, typeof all>();
  for (const d of all) {
    const root = uf.find(d.id);
    groups.set(root, [...(groups.get(root) ?? []), d]);
  }
  const big = [...groups.values()].filter((g) => new Set(g.map((d) => d.unit_id)).size >= minUnits);
  if (!big.length) return { period: s.period, items: [], threshold: SIMILARITY_THRESHOLD, minUnits };

  const unitIds = [...new Set(big.flat().map((d) => d.unit_id))];
  const [unitRows, agencyRows, categoryRows, countyRows] = await Promise.all([
    ctx.db.select({ id: units.id, name: units.name, countyId: units.countyId }).from(units).where(inArray(units.id, unitIds)),
    ctx.db.select({ id: agencies.id, name: agencies.name, nameEn: agencies.nameEn }).from(agencies),
    ctx.db.select().from(obstacleCategories),
    ctx.db.select({ id: counties.id, name: counties.name, nameEn: counties.nameEn }).from(counties),
  ]);
  const en = ctx.lang === 'en';
  const unitBy = new Map(unitRows.map((u) => [u.id, u]));
  const agencyBy = new Map(agencyRows.map((a) => [a.id, a]));
  const categoryBy = new Map(categoryRows.map((c) => [c.code, c]));
  const countyBy = new Map(countyRows.map((c) => [c.id, c]));
  const open = new Set<string>(OPEN_DEMAND_STATUSES);
  const items = big
    .map((g) => {
      const titles = new Map<string, number>();
      for (const d of g) titles.set(d.title, (titles.get(d.title) ?? 0) + 1);
      const title = [...titles.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]![0];
      const groupUnits = [...new Set(g.map((d) => d.unit_id))].map((id) => ({ id, name: unitBy.get(id)?.name ?? id }));
      const agencyIds = [...new Set(g.map((d) => d.agency_id).filter((a): a is string => Boolean(a)))];
      const countyIds = [...new Set(groupUnits.map((u) => unitBy.get(u.id)?.countyId).filter((c): c is string => Boolean(c)))];
      const cat = categoryBy.get(g[0]!.category_code);
      return {
        key: g.map((d) => d.id).sort()[0]!,
        categoryCode: g[0]!.category_code,
        categoryName: (en ? cat?.nameEn : cat?.name) ?? g[0]!.category_code,
        title,
        demandCount: g.length,
        unitCount: groupUnits.length,
        units: groupUnits,
        agencies: agencyIds.map((id) => ({ id, name: (en ? agencyBy.get(id)?.nameEn : agencyBy.get(id)?.name) ?? id })),
        counties: countyIds.map((id) => ({ id, name: (en ? countyBy.get(id)?.nameEn : countyBy.get(id)?.name) ?? id })),
        demandIds: g.map((d) => d.id),
        openCount: g.filter((d) => open.has(d.status)).length,
      };
    })
    .sort((a, b) => b.unitCount - a.unitCount || b.demandCount - a.demandCount);
  return { period: s.period, items, threshold: SIMILARITY_THRESHOLD, minUnits };
}
