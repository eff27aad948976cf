/**
 * The Qom demo: plausible units across counties, estates and sectors, and one account per role.
 * Later capabilities add their records here (visits, demands, referrals, sessions) so that a
 * visitor can relive the governor's session. Runs once per database (a settings flag marks it).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { settings, units, users } from '../db/schema.js';
import { makeLegalId } from '../../shared/ids.js';
import { normalizePersian, searchKey } from '../../shared/text.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PRODUCER_UNIT_INDEX } from './demo-accounts.js';
import { makeRandom } from './random.js';
import { seedDemoDemands } from './demo-demands.js';
import { seedDemoReferrals } from './demo-referrals.js';
import { seedDemoSessions } from './demo-sessions.js';
import { seedDemoProvinces } from './demo-provinces.js';
import { seedDemoLoanApplications } from './demo-loan-applications.js';
import { seedDemoVoice } from './demo-voice.js';
import { DEMO_SECTORS, MESSY_NAMES, personName, unitName } from './unit-names.js';
import { QOM } from './reference.js';
import { recordSeed } from './seed-trail.js';

export const DEMO_PROVINCE = 'qom';
export const DEMO_UNIT_COUNT = 220;
const FLAG = 'demo.seeded';

export async function isDemoSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select().from(settings).where(and(eq(settings.provinceId, DEMO_PROVINCE), eq(settings.key, FLAG)));
  return Boolean(row);
}

/** Demo unit i's national id: deterministic and valid. */
export function demoNationalId(i: number): string {
  return makeLegalId(`1086${String(100001 + i * 37).padStart(6, '0')}`);
}

function demoUnits(now: Date) {
  const rnd = makeRandom(1405);
  const estatesByCounty = new Map<string, string[]>();
  for (const e of QOM.estates) estatesByCounty.set(e.county, [...(estatesByCounty.get(e.county) ?? []), e.code]);
  const rows: (typeof units.$inferInsert)[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < DEMO_UNIT_COUNT; i++) {
    const sectorCode = rnd.pick(DEMO_SECTORS);
    const countyId = rnd.weighted([['qom', 80], ['kahak', 10], ['jafarabad', 10]] as const);
    const estateChoices = estatesByCounty.get(countyId) ?? [];
    const estateId = estateChoices.length && rnd.next() < 0.85 ? rnd.pick(estateChoices) : null;
    let name = i > 0 && i <= MESSY_NAMES.length ? MESSY_NAMES[i - 1]! : unitName(rnd, sectorCode);
    while (seen.has(searchKey(name))) name = `${unitName(rnd, sectorCode)} ${i}`;
    seen.add(searchKey(name));
    name = normalizePersian(name);
    const status = rnd.weighted([['active', 62], ['semi_active', 22], ['idle', 12], ['closed', 4]] as const);
    const capacity = status === 'active' ? rnd.int(55, 98) : status === 'semi_active' ? rnd.int(20, 55) : status === 'idle' ? rnd.int(0, 15) : 0;
    rows.push({
      provinceId: DEMO_PROVINCE,
      name,
      nameKey: searchKey(name),
      nationalId: demoNationalId(i),
      licenseNo: `${rnd.int(10, 99)}/${rnd.int(10000, 99999)}`,
      sectorCode,
      countyId,
      estateId,
      address: estateId ? `${QOM.estates.find((e) => e.code === estateId)!.name}، خیابان ${rnd.int(1, 24)}، قطعهٔ ${rnd.int(1, 300)}` : `${countyId === 'qom' ? 'قم' : countyId === 'kahak' ? 'کهک' : 'جعفرآباد'}، جادهٔ ${rnd.pick(['قدیم تهران', 'کاشان', 'اراک', 'گرمسار'])}، کیلومتر ${rnd.int(2, 40)}`,
      phone: `025${rnd.int(3000_0000, 3999_9999)}`,
      managerName: personName(rnd),
      employees: status === 'closed' ? 0 : rnd.int(5, rnd.next() < 0.1 ? 600 : 120),
      capacityUtilization: capacity,
      status,
      createdAt: now,
      updatedAt: now,
    });
  }
  // the demo producer's unit is a clean, active one
  rows[DEMO_PRODUCER_UNIT_INDEX] = { ...rows[DEMO_PRODUCER_UNIT_INDEX]!, name: 'شرکت صنایع غذایی کوثر قم', nameKey: searchKey('شرکت صنایع غذایی کوثر قم'), status: 'active', capacityUtilization: 72, employees: 85, sectorCode: '10' };
  return rows;
}

export async function seedDemo(db: Db, now: Date = new Date()): Promise<{ seeded: boolean }> {
  if (await isDemoSeeded(db)) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const rows = demoUnits(now);
    const inserted = await tx
      .insert(units)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: units.id, nationalId: units.nationalId });
    const producerUnit = inserted.find((u) => u.nationalId === rows[DEMO_PRODUCER_UNIT_INDEX]!.nationalId)
      ?? (await tx.select({ id: units.id }).from(units).where(and(eq(units.provinceId, DEMO_PROVINCE), eq(units.nationalId, rows[DEMO_PRODUCER_UNIT_INDEX]!.nationalId))))[0];
    for (const a of DEMO_ACCOUNTS) {
      await tx
        .insert(users)
        .values({
          username: a.username,
          fullName: a.fullName,
          role: a.role,
          provinceId: a.role === 'national' ? null : DEMO_PROVINCE,
          agencyId: a.agencyId ?? null,
          bankId: a.bankId ?? null,
          unitId: a.role === 'producer' ? (producerUnit?.id ?? null) : null,
          mobile: a.mobile ?? null,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing();
    }
    // visits and demands (issue 4): after the units and accounts they refer to
    await seedDemoDemands(tx, now, producerUnit?.id);
    // bank referrals, quotas and bank reports (issue 5)
    await seedDemoReferrals(tx, now, producerUnit?.id);
    // loan applications before the referrals (issue 11): after the referrals the referred ones point at
    await seedDemoLoanApplications(tx, now, producerUnit?.id);
    // the working group's sessions and resolutions (issue 6): after the demands they take up
    await seedDemoSessions(tx, now);
    // four smaller provinces beside Qom, so the national views compare provinces (issue 15)
    await seedDemoProvinces(tx, now, passwordHash);
    // the producers' voice (issue 11): ratings, documents, claims in each state and an SMS outbox
    await seedDemoVoice(tx, now, producerUnit?.id);
    await tx.insert(settings).values({ provinceId: DEMO_PROVINCE, key: FLAG, value: { at: now.toISOString(), units: inserted.length } });
    await recordSeed(tx, now, DEMO_PROVINCE, FLAG, { units: inserted.length, accounts: DEMO_ACCOUNTS.map((a) => a.username) });
  });
  return { seeded: true };
}
