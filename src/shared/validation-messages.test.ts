import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLabel, fieldMessage, formatCount, issueMessage, itemPlace, maxLengthKey, type IssueLike } from './validation-messages.js';
import { createDemandBody } from './contracts/demands.js';
import { isoDate } from './contracts/common.js';

/** The first issue zod reports for `value`, as the server's validator hands it on (with its input). */
function issueOf(schema: z.ZodType, value: unknown): IssueLike {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) throw new Error(`expected a failure for ${JSON.stringify(value)}`);
  return result.error.issues[0] as IssueLike;
}
const fa = (schema: z.ZodType, value: unknown, place?: string) => issueMessage(issueOf(schema, value), 'fa', place);
const en = (schema: z.ZodType, value: unknown, place?: string) => issueMessage(issueOf(schema, value), 'en', place);

/** What zod's own locale would say, and a person should never read. */
const RAW = /خیلی بزرگ|خیلی کوچک|ورودی نامعتبر|string|number|<=|>=|[0-9]|instanceof|Invalid|Too (big|small)|expected/;

describe('validation messages: every zod 4 issue kind in plain Persian, naming the field', () => {
  const cases: { kind: string; schema: z.ZodType; value: unknown; fa: string; en: string }[] = [
    { kind: 'invalid_type (missing)', schema: z.object({ title: z.string() }), value: {}, fa: 'عنوان الزامی است', en: 'Title is required' },
    { kind: 'invalid_type (null)', schema: z.object({ unitId: z.string() }), value: { unitId: null }, fa: 'واحد الزامی است', en: 'Unit is required' },
    { kind: 'invalid_type (text)', schema: z.object({ title: z.string() }), value: { title: 5 }, fa: 'عنوان باید متن باشد', en: 'Title must be text' },
    { kind: 'invalid_type (number)', schema: z.object({ employees: z.number() }), value: { employees: 'ده' }, fa: 'تعداد کارکنان باید عدد باشد', en: 'Employees must be a number' },
    { kind: 'invalid_type (whole number)', schema: z.object({ employees: z.number().int() }), value: { employees: 1.5 }, fa: 'تعداد کارکنان باید عدد صحیح باشد', en: 'Employees must be a whole number' },
    { kind: 'invalid_type (boolean)', schema: z.object({ present: z.boolean() }), value: { present: 'yes' }, fa: 'حضور باید بله یا خیر باشد', en: 'Presence must be yes or no' },
    { kind: 'invalid_type (list)', schema: z.object({ agencyIds: z.array(z.string()) }), value: { agencyIds: 'smt' }, fa: 'دستگاه‌های مسئول باید فهرستی از موارد باشد', en: 'Responsible agencies must be a list' },
    { kind: 'invalid_type (object)', schema: z.object({ location: z.object({ lat: z.number() }) }), value: { location: 3 }, fa: 'محل شکل درستی ندارد', en: 'Place is not in the right form' },
    { kind: 'too_big (string)', schema: z.object({ title: z.string().max(200) }), value: { title: 'ب'.repeat(201) }, fa: 'عنوان حداکثر ۲۰۰ نویسه است', en: 'Title takes at most 200 characters' },
    { kind: 'too_big (number)', schema: z.object({ employees: z.number().max(1_000_000) }), value: { employees: 2_000_000 }, fa: 'تعداد کارکنان حداکثر ۱٬۰۰۰٬۰۰۰ است', en: 'Employees must be at most 1,000,000' },
    { kind: 'too_big (number, exclusive)', schema: z.object({ month: z.number().lt(13) }), value: { month: 13 }, fa: 'ماه باید کمتر از ۱۳ باشد', en: 'Month must be less than 13' },
    { kind: 'too_big (bigint)', schema: z.object({ amount: z.bigint().max(10n) }), value: { amount: 11n }, fa: 'مبلغ حداکثر ۱۰ است', en: 'Amount must be at most 10' },
    { kind: 'too_big (array)', schema: z.object({ agencyIds: z.array(z.string()).max(20) }), value: { agencyIds: Array(21).fill('a') }, fa: 'دستگاه‌های مسئول حداکثر ۲۰ مورد است', en: 'Responsible agencies takes at most 20 items' },
    { kind: 'too_big (date)', schema: z.object({ reportedOn: z.date().max(new Date('2026-03-20T12:00:00Z')) }), value: { reportedOn: new Date('2026-04-01T12:00:00Z') }, fa: 'تاریخ گزارش نباید پس از ۱۴۰۴/۱۲/۲۹ باشد', en: 'Report date must not be after 2026-03-20' },
    { kind: 'too_small (empty string)', schema: z.object({ description: z.string().min(1) }), value: { description: '' }, fa: 'شرح الزامی است', en: 'Description is required' },
    { kind: 'too_small (string)', schema: z.object({ newPassword: z.string().min(10) }), value: { newPassword: 'abc' }, fa: 'گذرواژهٔ تازه دست‌کم ۱۰ نویسه است', en: 'New password takes at least 10 characters' },
    { kind: 'too_small (exact length)', schema: z.object({ code: z.string().length(6) }), value: { code: '123' }, fa: 'کد باید درست ۶ نویسه باشد', en: 'Code must be exactly 6 characters' },
    { kind: 'too_small (number)', schema: z.object({ month: z.number().min(1) }), value: { month: 0 }, fa: 'ماه دست‌کم ۱ است', en: 'Month must be at least 1' },
    { kind: 'too_small (number, exclusive)', schema: z.object({ amount: z.number().positive() }), value: { amount: 0 }, fa: 'مبلغ باید بیشتر از ۰ باشد', en: 'Amount must be more than 0' },
    { kind: 'too_small (empty array)', schema: z.object({ agencyIds: z.array(z.string()).min(1) }), value: { agencyIds: [] }, fa: 'دست‌کم یک مورد برای دستگاه‌های مسئول لازم است', en: 'Responsible agencies: at least one is required' },
    { kind: 'too_small (array)', schema: z.object({ attendees: z.array(z.string()).min(3) }), value: { attendees: ['a'] }, fa: 'حاضران دست‌کم ۳ مورد است', en: 'Attendees takes at least 3 items' },
    { kind: 'too_small (date)', schema: z.object({ heldOn: z.date().min(new Date('2026-03-21T12:00:00Z')) }), value: { heldOn: new Date('2026-01-01T12:00:00Z') }, fa: 'تاریخ جلسه نباید پیش از ۱۴۰۵/۰۱/۰۱ باشد', en: 'Session date must not be before 2026-03-21' },
    { kind: 'invalid_format (email)', schema: z.object({ email: z.email() }), value: { email: 'نه' }, fa: 'رایانامه درست نیست؛ نشانی رایانامه مانند name@example.ir است', en: 'Email is not right: an email address looks like name@example.ir' },
    { kind: 'invalid_format (url)', schema: z.object({ address: z.url() }), value: { address: 'x' }, fa: 'نشانی درست نیست؛ نشانی وب مانند https://example.ir است', en: 'Address is not right: a web address looks like https://example.ir' },
    { kind: 'invalid_format (uuid)', schema: z.object({ unitId: z.uuid() }), value: { unitId: 'x' }, fa: 'واحد شناسهٔ معتبری نیست', en: 'Unit is not a valid id' },
    { kind: 'invalid_format (regex)', schema: z.object({ phone: z.string().regex(/^\d+$/) }), value: { phone: 'x' }, fa: 'تلفن شکل درستی ندارد', en: 'Phone is not in the right form' },
    { kind: 'invalid_format (starts_with)', schema: z.object({ code: z.string().startsWith('D-') }), value: { code: 'x' }, fa: 'کد شکل درستی ندارد', en: 'Code is not in the right form' },
    { kind: 'not_multiple_of', schema: z.object({ amount: z.number().multipleOf(1000) }), value: { amount: 1500 }, fa: 'مبلغ باید مضربی از ۱٬۰۰۰ باشد', en: 'Amount must be a multiple of 1,000' },
    { kind: 'unrecognized_keys (one)', schema: z.strictObject({ title: z.string() }), value: { title: 'الف', extra: 1 }, fa: 'فیلد «extra» در این فرم نیست و پذیرفته نمی‌شود', en: 'The field “extra” is not part of this form' },
    { kind: 'unrecognized_keys (several)', schema: z.strictObject({}), value: { a: 1, b: 2 }, fa: 'فیلدهای «a»، «b» در این فرم نیستند و پذیرفته نمی‌شوند', en: 'The fields “a”, “b” are not part of this form' },
    { kind: 'invalid_union', schema: z.object({ amount: z.union([z.string(), z.number()]) }), value: { amount: true }, fa: 'مبلغ معتبر نیست', en: 'Amount is not valid' },
    { kind: 'invalid_union (a telling branch)', schema: z.object({ letterDate: z.union([z.literal(''), isoDate]) }), value: { letterDate: '2026-02-30' }, fa: 'تاریخ نامه: چنین روزی در تقویم نیست', en: 'Letter date: no such day in the calendar' },
    { kind: 'invalid_key', schema: z.object({ weights: z.record(z.string().min(3), z.number()) }), value: { weights: { ab: 1 } }, fa: 'یکی از نام‌های این فیلد معتبر نیست', en: 'One of the names in this field is not valid' },
    { kind: 'invalid_value (enum)', schema: z.object({ priority: z.enum(['low', 'high']) }), value: { priority: 'x' }, fa: 'گزینهٔ انتخاب‌شده برای اولویت مجاز نیست', en: 'The option chosen for Priority is not allowed' },
    { kind: 'invalid_value (enum, missing)', schema: z.object({ facilityType: z.enum(['a', 'b']) }), value: {}, fa: 'نوع تسهیلات الزامی است', en: 'Facility type is required' },
    { kind: 'invalid_value (literal)', schema: z.object({ format: z.literal('xlsx') }), value: { format: 'pdf' }, fa: 'قالب فایل باید «xlsx» باشد', en: 'File format must be “xlsx”' },
    { kind: 'custom (our key, with the field)', schema: z.object({ title: z.string().min(1, { message: 'v.required' }) }), value: { title: '' }, fa: 'عنوان الزامی است', en: 'Title is required' },
    { kind: 'custom (our key with an argument)', schema: z.object({ note: z.string().max(4, { message: maxLengthKey(2) }) }), value: { note: 'ببببب' }, fa: 'توضیح حداکثر ۲ نویسه است', en: 'Note takes at most 2 characters' },
    { kind: 'custom (our key, no field label)', schema: z.object({ xyz: z.string().refine(() => false, { message: 'v.money' }) }), value: { xyz: '1' }, fa: 'مبلغ باید عدد صحیح ریالی باشد', en: 'The amount must be a whole number of rials' },
    { kind: 'custom (written in Persian)', schema: z.object({ title: z.string().refine(() => false, { message: 'عنوان تکراری است' }) }), value: { title: 'الف' }, fa: 'عنوان تکراری است', en: 'Title is not valid' },
    { kind: 'custom (no message)', schema: z.object({ title: z.string().refine(() => false) }), value: { title: 'الف' }, fa: 'عنوان معتبر نیست', en: 'Title is not valid' },
  ];

  it.each(cases)('$kind', ({ schema, value, fa: expectedFa, en: expectedEn }) => {
    expect(fa(schema, value)).toBe(expectedFa);
    expect(en(schema, value)).toBe(expectedEn);
  });

  it('never lets zod’s own wording, Latin digits or type names through in Persian', () => {
    for (const c of cases) {
      const issue = issueOf(c.schema, c.value);
      const text = issueMessage(issue, 'fa').replace(/«[^»]*»/g, '').replace(/name@example\.ir|https:\/\/example\.ir/g, '');
      expect(text, c.kind).not.toMatch(RAW);
      expect(text, c.kind).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('covers every issue code zod 4 declares', () => {
    const seen = new Set(cases.map((c) => issueOf(c.schema, c.value).code));
    // invalid_element is zod's for a bad member of a map or set (zod 4 reports those as the member's own issue)
    const element = issueMessage({ code: 'invalid_element', path: ['memberIds'] }, 'fa');
    expect(element).toBe('یکی از موارد اعضای گروه بازدید معتبر نیست');
    seen.add('invalid_element');
    expect([...seen].sort()).toEqual(['custom', 'invalid_element', 'invalid_format', 'invalid_key', 'invalid_type', 'invalid_union', 'invalid_value', 'not_multiple_of', 'too_big', 'too_small', 'unrecognized_keys'].sort());
  });

  it('reads zod 3’s names too', () => {
    expect(issueMessage({ code: 'invalid_string', validation: 'email', path: ['email'] }, 'fa')).toBe('رایانامه درست نیست؛ نشانی رایانامه مانند name@example.ir است');
    expect(issueMessage({ code: 'invalid_enum_value', options: ['a', 'b'], path: ['priority'], received: 'x', input: 'x' }, 'fa')).toBe('گزینهٔ انتخاب‌شده برای اولویت مجاز نیست');
    expect(issueMessage({ code: 'too_big', type: 'string', maximum: 200, inclusive: true, path: ['title'] }, 'fa')).toBe('عنوان حداکثر ۲۰۰ نویسه است');
    expect(issueMessage({ code: 'invalid_type', expected: 'string', received: 'undefined', path: ['title'] }, 'fa')).toBe('عنوان الزامی است');
  });

  it('says the limit people meet, not the guard’s, for a text checked again after normalising', () => {
    expect(fa(createDemandBody, { unitId: '6f1c1d2e-0000-4000-8000-000000000001', categoryCode: 'tax', title: 'ب'.repeat(201), description: 'ت' })).toBe('عنوان حداکثر ۲۰۰ نویسه است');
    expect(fa(createDemandBody, { unitId: '6f1c1d2e-0000-4000-8000-000000000001', categoryCode: 'tax', title: 'ب'.repeat(900), description: 'ت' })).toBe('عنوان حداکثر ۲۰۰ نویسه است');
  });

  it('names fields by their label, by the context of a nested one, and by where they came from', () => {
    expect(fieldLabel(['reason', 'text'], 'fa')).toBe('شرح دلیل');
    expect(fieldLabel('attendees.3.name', 'fa')).toBe('نام حاضر');
    expect(fieldLabel(['demands', 1, 'categoryCode'], 'fa')).toBe('دستهٔ مانع');
    expect(fieldLabel(['to'], 'fa', 'body')).toBe('وضعیت تازه');
    expect(fieldLabel(['to'], 'fa', 'querystring')).toBe('تا تاریخ');
    expect(fieldLabel(['nothing-known'], 'fa')).toBeNull();
    expect(issueMessage({ code: 'too_big', origin: 'string', maximum: 5, inclusive: true, path: ['somethingElse'] }, 'fa')).toBe('این فیلد حداکثر ۵ نویسه است');
  });

  it('writes numbers grouped, with Persian digits and the Persian decimal separator', () => {
    expect(formatCount(1_000_000, 'fa')).toBe('۱٬۰۰۰٬۰۰۰');
    expect(formatCount(2.5, 'fa')).toBe('۲٫۵');
    expect(formatCount(12_345n, 'en')).toBe('12,345');
  });

  it('says which item of a list a field belongs to, and gives the web the server’s words for its own checks', () => {
    expect(itemPlace('demands.1.categoryCode', 'fa')).toBe('مطالبات، مورد ۲');
    expect(itemPlace(['attendees', 0, 'name'], 'en')).toBe('Attendees, item 1');
    expect(itemPlace('title', 'fa')).toBeNull();
    expect(fieldMessage('v.required', 'countyId', 'fa')).toBe('شهرستان الزامی است');
    expect(fieldMessage('v.percent', 'capacityUtilization', 'fa')).toBe('درصد بهره‌برداری از ظرفیت باید عددی بین ۰ تا ۱۰۰ باشد');
    expect(fieldMessage('v.required', 'somethingElse', 'en')).toBe('This field is required');
  });
});
