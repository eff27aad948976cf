/**
 * Reference data seeded from the product's own files (copied from the project's reference facts).
 * Idempotent: existing rows are updated to the file's names, nothing is deleted.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { agencies, banks, counties, estates, obstacleCategories, programs, provinces, rejectionReasons, sectors } from '../db/schema.js';
import provincesJson from './reference/provinces.json' with { type: 'json' };
import qomJson from './reference/qom.json' with { type: 'json' };
import agenciesJson from './reference/agencies.json' with { type: 'json' };
import banksJson from './reference/banks.json' with { type: 'json' };
import sectorsJson from './reference/sectors.json' with { type: 'json' };
import programsJson from './reference/programs.json' with { type: 'json' };
import categoriesJson from './reference/obstacle-categories.json' with { type: 'json' };
import reasonsJson from './reference/rejection-reasons.json' with { type: 'json' };

export const QOM = qomJson;

const upsertNames = { name: sql`excluded.name`, nameEn: sql`excluded.name_en` };

export async function seedReference(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(provinces)
      .values(provincesJson.map((p) => ({ id: p.code, name: p.name, nameEn: p.nameEn })))
      .onConflictDoUpdate({ target: provinces.id, set: upsertNames });
    await tx
      .insert(counties)
      .values(qomJson.counties.map((c) => ({ id: c.code, provinceId: qomJson.province.code, name: c.name, nameEn: c.nameEn })))
      .onConflictDoUpdate({ target: counties.id, set: upsertNames });
    await tx
      .insert(estates)
      .values(qomJson.estates.map((e) => ({ id: e.code, provinceId: qomJson.province.code, countyId: e.county, name: e.name, nameEn: e.nameEn })))
      .onConflictDoUpdate({ target: estates.id, set: upsertNames });
    await tx
      .insert(agencies)
      .values(agenciesJson.map((a) => ({ id: a.code, name: a.name, nameEn: a.nameEn })))
      .onConflictDoUpdate({ target: agencies.id, set: upsertNames });
    await tx
      .insert(banks)
      .values(banksJson.map((b) => ({ id: b.code, name: b.name, nameEn: b.nameEn, kind: b.kind })))
      .onConflictDoUpdate({ target: banks.id, set: { ...upsertNames, kind: sql`excluded.kind` } });
    await tx
      .insert(sectors)
      .values(sectorsJson.map((s) => ({ code: s.code, name: s.name, nameEn: s.nameEn })))
      .onConflictDoUpdate({ target: sectors.code, set: upsertNames });
    await tx
      .insert(programs)
      .values(programsJson.map((p) => ({ code: p.code, name: p.name, nameEn: p.nameEn, defaultAgencyId: p.defaultAgency })))
      .onConflictDoUpdate({ target: programs.code, set: { ...upsertNames, defaultAgencyId: sql`excluded.default_agency_id` } });
    await tx
      .insert(obstacleCategories)
      .values(categoriesJson.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn, defaultAgencyId: c.defaultAgency })))
      .onConflictDoUpdate({ target: obstacleCategories.code, set: { ...upsertNames, defaultAgencyId: sql`excluded.default_agency_id` } });
    await tx
      .insert(rejectionReasons)
      .values(reasonsJson.map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn })))
      .onConflictDoUpdate({ target: rejectionReasons.code, set: upsertNames });
  });
}
