/** Test fixtures shared by the visits, demands and notifications suites: the cast of a permission row. */
import { eq } from 'drizzle-orm';
import type { Actor, ServiceContext } from '../../context.js';
import { users } from '../../db/schema.js';
import type { Client, TestApp } from '../../test/harness.js';
import { userIdentityOf } from '../auth/auth.service.js';

export interface Cast {
  admin: Client;
  secretariat: Client;
  executive: Client;
  /** the agency the demands are assigned to (demo: صمت) */
  agency: Client;
  /** another agency's officer */
  otherAgency: Client;
  /** the producer of `unitId` */
  producer: Client;
  /** the producer of `otherUnitId` */
  otherProducer: Client;
  bank: Client;
  national: Client;
  unitId: string;
  otherUnitId: string;
  agencyId: string;
  otherAgencyId: string;
}

let counter = 0;

/** Logs in the demo accounts and creates another agency officer and another unit's producer. */
export async function makeCast(t: TestApp): Promise<Cast> {
  const admin = await t.as('admin');
  const secretariat = await t.as('secretariat');
  const producer = await t.as('producer.demo');
  const unitId = (await producer.get('/api/v1/auth/me')).json().unitId as string;
  const units = (await secretariat.get('/api/v1/units?pageSize=5&sort=nationalId')).json().items as { id: string }[];
  const otherUnitId = units.find((u) => u.id !== unitId)!.id;
  const n = ++counter;
  const password = 'another-long-password';
  const mk = async (body: Record<string, unknown>) => {
    const res = await admin.post('/api/v1/users', { ...body, password });
    if (res.statusCode !== 201) throw new Error(`creating ${String(body.username)}: ${res.statusCode} ${res.body}`);
  };
  await mk({ username: `agency.tax${n}`, fullName: 'کارشناس امور مالیاتی', role: 'agency', agencyId: 'tax' });
  await mk({ username: `producer.other${n}`, fullName: 'مدیر واحد دیگر', role: 'producer', unitId: otherUnitId });
  return {
    admin,
    secretariat,
    executive: await t.as('executive'),
    agency: await t.as('agency.smt'),
    otherAgency: await t.as(`agency.tax${n}`, password),
    producer,
    otherProducer: await t.as(`producer.other${n}`, password),
    bank: await t.as('bank.sanat-madan'),
    national: await t.as('national'),
    unitId,
    otherUnitId,
    agencyId: 'smt',
    otherAgencyId: 'tax',
  };
}

/** A service context for calling a service directly, as a demo user. */
export async function contextAs(t: TestApp, username: string): Promise<ServiceContext> {
  const [u] = await t.database.db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  const actor: Actor = {
    kind: 'user',
    id: u.id,
    ...userIdentityOf(u),
  };
  return { db: t.database.db, actor, now: () => t.clock.now, lang: 'fa' };
}
