/** Shared by the referral test files: extra accounts, a referral factory and multipart uploads. */
import { expect } from 'vitest';
import type { Client, TestApp } from '../../test/harness.js';

export const PASSWORD = 'a-long-password';

export interface Cast {
  admin: Client;
  secretariat: Client;
  executive: Client;
  national: Client;
  /** the referring agency (smt) and another one (agri) */
  agency: Client;
  otherAgency: Client;
  /** the bank referred to (sanat-madan) and another one (melli) */
  bank: Client;
  otherBank: Client;
  producer: Client;
  /** the producer's unit, the one the referrals are about */
  unitId: string;
  /** a unit that is not the producer's */
  otherUnitId: string;
}

async function ensureUser(admin: Client, u: { username: string; role: string; bankId?: string; agencyId?: string }) {
  const res = await admin.post('/api/v1/users', { fullName: `کاربر ${u.username}`, password: PASSWORD, ...u });
  if (res.statusCode !== 201 && res.statusCode !== 409) throw new Error(`creating ${u.username}: ${res.statusCode} ${res.body}`);
}

export async function castOf(t: TestApp): Promise<Cast> {
  const admin = await t.as('admin');
  await ensureUser(admin, { username: 'bank.melli', role: 'bank', bankId: 'melli' });
  await ensureUser(admin, { username: 'agency.agri', role: 'agency', agencyId: 'agri' });
  const producer = await t.as('producer.demo');
  const unitId = (producer ? (await producer.get('/api/v1/auth/me')).json().unitId : null) as string;
  const units = (await admin.get('/api/v1/units?pageSize=5&sort=nationalId')).json().items as { id: string }[];
  const otherUnitId = units.find((u) => u.id !== unitId)!.id;
  return {
    admin,
    secretariat: await t.as('secretariat'),
    executive: await t.as('executive'),
    national: await t.as('national'),
    agency: await t.as('agency.smt'),
    otherAgency: await t.as('agency.agri', PASSWORD),
    bank: await t.as('bank.sanat-madan'),
    otherBank: await t.as('bank.melli', PASSWORD),
    producer,
    unitId,
    otherUnitId,
  };
}

export interface ReferralJson {
  id: string;
  code: string;
  version: number;
  status: string;
  [k: string]: unknown;
}

export async function refer(c: Client, unitId: string, overrides: Record<string, unknown> = {}): Promise<ReferralJson> {
  const res = await c.post('/api/v1/referrals', {
    unitId,
    bankId: 'sanat-madan',
    programCode: 'rounaq',
    facilityType: 'working_capital',
    requestedAmount: '۱۲٬۵۰۰٬۰۰۰٬۰۰۰',
    referralDate: '2026-11-25',
    letterNo: '۱۲۳/ص/۱۴۰۵',
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function move(c: Client, r: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return c.post(`/api/v1/referrals/${r.id}/transitions`, { to, version: r.version, ...extra }, headers);
}

/** Moves a referral through the given steps as the client, failing on any refusal. */
export async function walk(c: Client, r: ReferralJson, steps: [string, Record<string, unknown>?][]): Promise<ReferralJson> {
  let cur = r;
  for (const [to, extra] of steps) {
    const res = await move(c, cur, to, extra ?? {});
    expect(res.statusCode, `${to}: ${res.body}`).toBe(200);
    cur = res.json();
  }
  return cur;
}

export const FULL_REASON = {
  code: 'collateral',
  text: 'وثیقهٔ ملکی ارائه‌شده برای این مبلغ کافی نیست',
  letterNo: '۴۵۶/ب/۱۴۰۵',
  letterDate: '2026-11-28',
};

export { multipartBody as multipart, uploadFile as upload } from '../../test/harness.js';

export function csv(rows: (string | number | null)[][]): Buffer {
  const cell = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return Buffer.from('\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n'), 'utf8');
}
