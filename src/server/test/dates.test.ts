/** Every date a caller can send — in a body or a query — is one schema: a real day between 1921 and 2121, else 422. */
import { describe, expect, it } from 'vitest';
import { dateProblem, isoDate } from '../../shared/contracts/common.js';
import { describeOnEngines } from './harness.js';

const ID = '6f1c1d2e-0000-4000-8000-000000000001';
const BAD = '0000-01-01';

/** [method, url, body (with the date), the field the error must name] */
const DATE_FIELDS: [string, string, Record<string, unknown> | undefined, string][] = [
  ['POST', '/api/v1/referrals', { referralDate: BAD }, 'referralDate'],
  ['GET', `/api/v1/referrals?from=${BAD}`, undefined, 'from'],
  ['GET', `/api/v1/referrals?to=${BAD}`, undefined, 'to'],
  ['POST', `/api/v1/referrals/${ID}/transitions`, { to: 'paid', version: 1, paidDate: BAD }, 'paidDate'],
  ['POST', `/api/v1/referrals/${ID}/transitions`, { to: 'rejected', version: 1, reason: { code: 'x', text: 'x', letterNo: '1', letterDate: BAD } }, 'reason.letterDate'],
  ['POST', '/api/v1/visits', { visitDate: BAD }, 'visitDate'],
  ['PATCH', `/api/v1/visits/${ID}`, { visitDate: BAD }, 'visitDate'],
  ['GET', `/api/v1/visits?from=${BAD}`, undefined, 'from'],
  ['GET', `/api/v1/visits?to=${BAD}`, undefined, 'to'],
  ['POST', '/api/v1/demands', { dueDate: BAD }, 'dueDate'],
  ['PATCH', `/api/v1/demands/${ID}`, { dueDate: BAD }, 'dueDate'],
  ['POST', '/api/v1/sessions', { heldOn: BAD }, 'heldOn'],
  ['PATCH', `/api/v1/sessions/${ID}`, { heldOn: BAD }, 'heldOn'],
  ['POST', `/api/v1/sessions/${ID}/resolutions`, { dueDate: BAD }, 'dueDate'],
  ['POST', '/api/v1/stats/reported-figures', { reportedOn: BAD }, 'reportedOn'],
  ['GET', `/api/v1/stats/overview?from=${BAD}`, undefined, 'from'],
  ['GET', `/api/v1/stats/banks?to=${BAD}`, undefined, 'to'],
  ['GET', `/api/v1/stats/agencies?from=${BAD}`, undefined, 'from'],
  ['GET', `/api/v1/stats/trend?metric=referred&from=${BAD}`, undefined, 'from'],
  ['GET', `/api/v1/stats/drilldown?from=${BAD}`, undefined, 'from'],
  ['GET', `/api/v1/audit?from=${BAD}`, undefined, 'from'],
  ['GET', `/api/v1/audit/export?to=${BAD}`, undefined, 'to'],
];

describe('the date schema', () => {
  it('takes real days within Jalali 1300–1500 and names why it refuses the rest', () => {
    expect(dateProblem('2026-11-29')).toBeNull();
    expect(dateProblem('2024-02-29')).toBeNull();
    expect(dateProblem('1921-03-21')).toBeNull();
    expect(dateProblem('2121-03-20')).toBeNull();
    expect(dateProblem('0000-01-01')).toBe('v.date_invalid');
    expect(dateProblem('2026-02-29')).toBe('v.date_invalid');
    expect(dateProblem('2026-02-30')).toBe('v.date_invalid');
    expect(dateProblem('2026-13-01')).toBe('v.date_invalid');
    expect(dateProblem('1921-03-20')).toBe('v.date_range');
    expect(dateProblem('2121-03-21')).toBe('v.date_range');
    expect(dateProblem('1405/08/12')).toBe('v.date');
    expect(isoDate.safeParse('0000-01-01').success).toBe(false);
    expect(isoDate.safeParse('2026-02-30').success).toBe(false);
    expect(isoDate.safeParse('2026-02-28').success).toBe(true);
  });
});

describeOnEngines('every date field refuses 0000-01-01 with 422', (t) => {
  it.each(DATE_FIELDS)('%s %s', async (method, url, body, field) => {
    const admin = await t.as('admin');
    const res = await admin.request(method, url, body);
    expect(res.statusCode, res.body).toBe(422);
    const errors = (res.json().errors ?? []) as { path: string; message: string }[];
    expect(errors.map((e) => e.path), res.body).toContain(field);
    expect(errors.find((e) => e.path === field)!.message).toMatch(/تقویم|YYYY|۱۳۰۰/);
  });
});
