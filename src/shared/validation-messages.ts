/**
 * Every validation message a person reads, in plain Persian (or English): one module for the server's problem details
 * (plugins/errors.ts, the imports' row reports) and the web's own checks.
 *
 * A zod issue (zod 4: invalid_type, too_big, too_small, invalid_format, not_multiple_of, unrecognized_keys,
 * invalid_union, invalid_key, invalid_element, invalid_value, custom — and zod 3's names, should one arrive) becomes a
 * sentence that names the field by its label where one is known, with the language's digits:
 * «عنوان حداکثر ۲۰۰ نویسه است», never «خیلی بزرگ: string باید <=200 کاراکتر باشد».
 *
 * Pure and isomorphic: no zod at run time, so the browser can use it without the library.
 */
import { formatJalali } from './jalali.js';
import { toPersianDigits } from './text.js';

export type MessageLang = 'fa' | 'en';

interface Phrase {
  fa: string;
  en: string;
  /** The same with the field's label in place of `{field}`, used when the label is known. */
  faField?: string;
  enField?: string;
}

/**
 * The keys our schemas put in `message` (`{ message: 'v.required' }`). A key may carry one argument after a colon
 * (`v.max_length:200`), which fills `{arg}`.
 */
export const VALIDATION_MESSAGES: Record<string, Phrase> = {
  'v.id': { fa: 'شناسه معتبر نیست', en: 'Not a valid id', faField: '{field} انتخاب‌شده معتبر نیست', enField: 'The chosen {field} is not valid' },
  'v.date': { fa: 'تاریخ باید به شکل YYYY-MM-DD باشد', en: 'The date must be YYYY-MM-DD', faField: '{field} باید تاریخی به شکل YYYY-MM-DD باشد', enField: '{field} must be a date written YYYY-MM-DD' },
  'v.date_invalid': { fa: 'چنین روزی در تقویم نیست', en: 'No such day in the calendar', faField: '{field}: چنین روزی در تقویم نیست', enField: '{field}: no such day in the calendar' },
  'v.date_range': { fa: 'تاریخ باید میان سال‌های ۱۳۰۰ و ۱۵۰۰ هجری خورشیدی باشد', en: 'The date must fall between the Persian years 1300 and 1500 (1921–2121)', faField: '{field} باید میان سال‌های ۱۳۰۰ و ۱۵۰۰ هجری خورشیدی باشد', enField: '{field} must fall between the Persian years 1300 and 1500 (1921–2121)' },
  'v.required': { fa: 'این فیلد الزامی است', en: 'This field is required', faField: '{field} الزامی است', enField: '{field} is required' },
  'v.max_length': { fa: 'این فیلد حداکثر {arg} نویسه است', en: 'This field takes at most {arg} characters', faField: '{field} حداکثر {arg} نویسه است', enField: '{field} takes at most {arg} characters' },
  'v.legal_id': { fa: 'شناسهٔ ملی باید ۱۱ رقم با رقم کنترل درست باشد', en: 'The national legal id must be 11 digits with a valid check digit' },
  'v.national_code': { fa: 'کد ملی معتبر نیست', en: 'Not a valid national code' },
  'v.money': { fa: 'مبلغ باید عدد صحیح ریالی باشد', en: 'The amount must be a whole number of rials', faField: '{field} باید عدد صحیح ریالی باشد', enField: '{field} must be a whole number of rials' },
  'v.password': { fa: 'گذرواژه باید دست‌کم ۱۰ نویسه باشد', en: 'The password must be at least 10 characters long', faField: '{field} باید دست‌کم ۱۰ نویسه باشد', enField: '{field} must be at least 10 characters long' },
  'v.username': { fa: 'نام کاربری فقط حروف لاتین کوچک، رقم، نقطه، خط تیره و زیرخط', en: 'Username: lower-case Latin letters, digits, dot, dash and underscore only' },
  'v.percent': { fa: 'عدد باید بین ۰ تا ۱۰۰ باشد', en: 'Must be between 0 and 100', faField: '{field} باید عددی بین ۰ تا ۱۰۰ باشد', enField: '{field} must be between 0 and 100' },
  'v.otp': { fa: 'کد تأیید ۶ رقم است', en: 'The code is 6 digits' },
  'v.claim_unit_mismatch': { fa: 'شناسهٔ ملی واحد با شناسهٔ واحد ادعاشده یکی نیست', en: "The unit's legal id differs from the claimed one" },
  'v.score': { fa: 'امتیاز باید عددی درست از ۱ تا ۵ باشد', en: 'The score must be a whole number from 1 to 5' },
  'v.mobile': { fa: 'شمارهٔ همراه معتبر نیست (مانند ۰۹۱۲۱۲۳۴۵۶۷)', en: 'Not a valid mobile number (like 09121234567)' },
};

/** `{ message: maxLengthKey(200) }`: a length guard whose own limit is not the one people meet (text checked again after normalising). */
export const maxLengthKey = (max: number): string => `v.max_length:${max}`;

/**
 * The labels of the fields people fill, by the field's name in the contracts. A dotted key (`reason.text`) wins over
 * the last name alone; `query:to` is the name in a query string (a filter), not a body.
 */
export const FIELD_LABELS: Record<string, { fa: string; en: string }> = {
  // records and their parts
  title: { fa: 'عنوان', en: 'Title' },
  description: { fa: 'شرح', en: 'Description' },
  note: { fa: 'توضیح', en: 'Note' },
  comment: { fa: 'نظر', en: 'Comment' },
  text: { fa: 'متن', en: 'Text' },
  subject: { fa: 'موضوع', en: 'Subject' },
  name: { fa: 'نام', en: 'Name' },
  status: { fa: 'وضعیت', en: 'Status' },
  to: { fa: 'وضعیت تازه', en: 'New status' },
  version: { fa: 'نسخهٔ رکورد', en: 'Record version' },
  priority: { fa: 'اولویت', en: 'Priority' },
  dueDate: { fa: 'مهلت', en: 'Due date' },
  score: { fa: 'امتیاز', en: 'Score' },
  id: { fa: 'شناسه', en: 'Id' },
  code: { fa: 'کد', en: 'Code' },
  // who and where
  unitId: { fa: 'واحد', en: 'Unit' },
  visitId: { fa: 'بازدید', en: 'Visit' },
  demandId: { fa: 'مطالبه', en: 'Demand' },
  referralId: { fa: 'معرفی', en: 'Referral' },
  sessionId: { fa: 'جلسه', en: 'Session' },
  agencyId: { fa: 'دستگاه', en: 'Agency' },
  agencyIds: { fa: 'دستگاه‌های مسئول', en: 'Responsible agencies' },
  bankId: { fa: 'بانک', en: 'Bank' },
  provinceId: { fa: 'استان', en: 'Province' },
  countyId: { fa: 'شهرستان', en: 'County' },
  estateId: { fa: 'شهرک یا ناحیهٔ صنعتی', en: 'Industrial estate' },
  sectorCode: { fa: 'رشتهٔ فعالیت', en: 'Sector' },
  categoryCode: { fa: 'دستهٔ مانع', en: 'Obstacle category' },
  attachmentId: { fa: 'پیوست', en: 'Attachment' },
  itemId: { fa: 'بند دستور جلسه', en: 'Agenda item' },
  agendaItemId: { fa: 'بند دستور جلسه', en: 'Agenda item' },
  toSessionId: { fa: 'جلسهٔ بعد', en: 'Next session' },
  loanApplicationId: { fa: 'درخواست تسهیلات', en: 'Loan application' },
  plannedVisitId: { fa: 'بازدید برنامه‌ریزی‌شده', en: 'Planned visit' },
  memberIds: { fa: 'اعضای گروه بازدید', en: 'Team members' },
  clientId: { fa: 'شناسهٔ ثبت روی دستگاه', en: 'Device record id' },
  // units
  nationalId: { fa: 'شناسهٔ ملی', en: 'National id' },
  unitNationalId: { fa: 'شناسهٔ ملی واحد', en: "The unit's national id" },
  licenseNo: { fa: 'شمارهٔ پروانهٔ بهره‌برداری', en: 'Operating licence no.' },
  address: { fa: 'نشانی', en: 'Address' },
  phone: { fa: 'تلفن', en: 'Phone' },
  managerName: { fa: 'نام مدیرعامل', en: 'Managing director' },
  employees: { fa: 'تعداد کارکنان', en: 'Employees' },
  capacityUtilization: { fa: 'درصد بهره‌برداری از ظرفیت', en: 'Capacity utilisation' },
  lat: { fa: 'عرض جغرافیایی', en: 'Latitude' },
  lng: { fa: 'طول جغرافیایی', en: 'Longitude' },
  accuracyM: { fa: 'دقت موقعیت', en: 'Location accuracy' },
  newUnit: { fa: 'واحد تازه', en: 'New unit' },
  // visits
  visitDate: { fa: 'تاریخ بازدید', en: 'Visit date' },
  team: { fa: 'گروه بازدید', en: 'Visit team' },
  findings: { fa: 'یافته‌های بازدید', en: 'Findings' },
  demands: { fa: 'مطالبات', en: 'Demands' },
  location: { fa: 'محل', en: 'Place' },
  // referrals, loans, quotas, bank reports
  branchName: { fa: 'شعبه', en: 'Branch' },
  programCode: { fa: 'محل تسهیلات', en: 'Program' },
  facilityType: { fa: 'نوع تسهیلات', en: 'Facility type' },
  requestedAmount: { fa: 'مبلغ درخواستی', en: 'Requested amount' },
  approvedAmount: { fa: 'مبلغ مصوب', en: 'Approved amount' },
  paidAmount: { fa: 'مبلغ پرداختی', en: 'Paid amount' },
  paidDate: { fa: 'تاریخ پرداخت', en: 'Payment date' },
  referralDate: { fa: 'تاریخ معرفی', en: 'Referral date' },
  letterNo: { fa: 'شمارهٔ نامه', en: 'Letter no.' },
  letterDate: { fa: 'تاریخ نامه', en: 'Letter date' },
  behinyabId: { fa: 'کد رهگیری بهین‌یاب', en: 'Behinyab tracking id' },
  reason: { fa: 'دلیل', en: 'Reason' },
  'reason.code': { fa: 'نوع دلیل', en: 'Kind of reason' },
  'reason.text': { fa: 'شرح دلیل', en: 'Reason in words' },
  purpose: { fa: 'موضوع و مصرف تسهیلات', en: 'Purpose of the loan' },
  amount: { fa: 'مبلغ', en: 'Amount' },
  fiscalYear: { fa: 'سال مالی', en: 'Fiscal year' },
  month: { fa: 'ماه', en: 'Month' },
  directCount: { fa: 'تعداد تسهیلات مستقیم', en: 'Direct loans' },
  directAmount: { fa: 'مبلغ تسهیلات مستقیم', en: 'Direct amount' },
  receiptDays: { fa: 'مهلت وصول (روز)', en: 'Days to acknowledge' },
  decisionDays: { fa: 'مهلت تصمیم (روز)', en: 'Days to decide' },
  // sessions and resolutions
  heldOn: { fa: 'تاریخ جلسه', en: 'Session date' },
  chair: { fa: 'رئیس جلسه', en: 'Chair' },
  attendees: { fa: 'حاضران', en: 'Attendees' },
  'attendees.name': { fa: 'نام حاضر', en: "Attendee's name" },
  'attendees.title': { fa: 'سمت حاضر', en: "Attendee's post" },
  'attendees.agencyId': { fa: 'دستگاه حاضر', en: "Attendee's agency" },
  present: { fa: 'حضور', en: 'Presence' },
  position: { fa: 'جایگاه در دستور جلسه', en: 'Place on the agenda' },
  cause: { fa: 'علت اجرانشدن', en: 'Why not done' },
  // people and accounts
  username: { fa: 'نام کاربری', en: 'Username' },
  password: { fa: 'گذرواژه', en: 'Password' },
  currentPassword: { fa: 'گذرواژهٔ فعلی', en: 'Current password' },
  newPassword: { fa: 'گذرواژهٔ تازه', en: 'New password' },
  otp: { fa: 'کد تأیید', en: 'Verification code' },
  fullName: { fa: 'نام و نام خانوادگی', en: 'Full name' },
  role: { fa: 'نقش', en: 'Role' },
  email: { fa: 'رایانامه', en: 'Email' },
  mobile: { fa: 'شمارهٔ همراه', en: 'Mobile number' },
  nationalCode: { fa: 'کد ملی', en: 'National code' },
  disabled: { fa: 'غیرفعال بودن', en: 'Disabled' },
  // statistics
  metric: { fa: 'شاخص', en: 'Figure' },
  periodKey: { fa: 'دوره', en: 'Period' },
  period: { fa: 'دوره', en: 'Period' },
  value: { fa: 'مقدار', en: 'Value' },
  source: { fa: 'منبع', en: 'Source' },
  reportedOn: { fa: 'تاریخ گزارش', en: 'Report date' },
  year: { fa: 'سال', en: 'Year' },
  // lists and filters (query strings)
  page: { fa: 'شمارهٔ صفحه', en: 'Page' },
  pageSize: { fa: 'اندازهٔ صفحه', en: 'Page size' },
  q: { fa: 'عبارت جست‌وجو', en: 'Search text' },
  sort: { fa: 'ترتیب', en: 'Sort order' },
  format: { fa: 'قالب فایل', en: 'File format' },
  from: { fa: 'از تاریخ', en: 'From date' },
  'querystring:to': { fa: 'تا تاریخ', en: 'To date' },
  entityType: { fa: 'نوع رکورد', en: 'Record type' },
  entityId: { fa: 'شناسهٔ رکورد', en: 'Record id' },
  actorId: { fa: 'کاربر', en: 'User' },
};

/** Where a value came from, as Fastify names it (`body`, `querystring`, `params`, `headers`). */
export type ValidationPlace = 'body' | 'querystring' | 'params' | 'headers' | (string & {});

function pathKeys(path: readonly PropertyKey[] | string | undefined): string[] {
  if (path === undefined) return [];
  const parts = typeof path === 'string' ? path.split(/[./]/) : path.map(String);
  return parts.filter((p) => p !== '' && !/^\d+$/.test(p));
}

/** The label of the field at `path` (`['reason', 'text']`, `'attendees.0.name'`), or null when none is known. */
export function fieldLabel(path: readonly PropertyKey[] | string | undefined, lang: MessageLang, place?: ValidationPlace): string | null {
  const keys = pathKeys(path);
  const last = keys.at(-1);
  if (!last) return null;
  const candidates = [keys.slice(-2).join('.'), last].flatMap((k) => (place ? [`${place}:${k}`, k] : [k]));
  for (const k of candidates) {
    const label = FIELD_LABELS[k];
    if (label) return label[lang];
  }
  return null;
}

/**
 * Which item of a list a field belongs to, for a message about a field inside one (`demands.1.title` → «مطالبات، مورد
 * ۲»), or null for a field of the form itself. The message names the field; this says where.
 */
export function itemPlace(path: readonly PropertyKey[] | string | undefined, lang: MessageLang): string | null {
  if (path === undefined) return null;
  const parts = typeof path === 'string' ? path.split(/[./]/) : path.map(String);
  const places: string[] = [];
  parts.forEach((part, i) => {
    if (!/^\d+$/.test(part) || i === 0) return;
    const list = FIELD_LABELS[parts[i - 1] ?? '']?.[lang] ?? parts[i - 1] ?? '';
    const n = formatCount(Number(part) + 1, lang);
    places.push(lang === 'fa' ? `${list}، مورد ${n}` : `${list}, item ${n}`);
  });
  return places.length ? places.join(lang === 'fa' ? '؛ ' : '; ') : null;
}

/**
 * One of our checks said by the web as the server says it (`v.required` for `name` → «نام الزامی است»), for a form
 * that checks a field before sending it.
 */
export function fieldMessage(key: string, path: readonly PropertyKey[] | string, lang: MessageLang): string {
  return keyedMessage(key, fieldLabel(path, lang), lang) ?? key;
}

/** A number as the language writes it: grouped, Persian digits in fa («۱٬۰۰۰٬۰۰۰»). */
export function formatCount(value: number | bigint | string, lang: MessageLang): string {
  const raw = typeof value === 'string' ? value : typeof value === 'bigint' ? value.toString() : Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
  const [int = '', frac] = raw.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (lang === 'en') return frac ? `${grouped}.${frac}` : grouped;
  return toPersianDigits(grouped.replace(/,/g, '٬') + (frac ? `٫${frac}` : ''));
}

/** What a zod (4, or 3) issue carries that a message needs; `params` of a Fastify validation entry is one. */
export interface IssueLike {
  code?: string;
  path?: readonly PropertyKey[];
  message?: string;
  input?: unknown;
  /** too_big / too_small: what was measured (string, number, int, bigint, array, set, file, date) */
  origin?: string;
  inclusive?: boolean;
  maximum?: number | bigint;
  minimum?: number | bigint;
  /** invalid_type */
  expected?: string;
  /** invalid_format */
  format?: string;
  divisor?: number;
  keys?: readonly string[];
  values?: readonly unknown[];
  /** invalid_union: the issues of each branch */
  errors?: readonly (readonly IssueLike[])[];
  /** invalid_key, invalid_element: the inner issues */
  issues?: readonly IssueLike[];
  // zod 3
  type?: string;
  validation?: unknown;
  options?: readonly unknown[];
  received?: unknown;
  exact?: boolean;
}

const PERSIAN_LETTERS = /[\u0600-\u06FF]/;

const SIZE_UNITS: Record<string, { fa: string; en: [string, string] }> = {
  string: { fa: 'نویسه', en: ['character', 'characters'] },
  array: { fa: 'مورد', en: ['item', 'items'] },
  set: { fa: 'مورد', en: ['item', 'items'] },
  map: { fa: 'مورد', en: ['item', 'items'] },
  file: { fa: 'بایت', en: ['byte', 'bytes'] },
};

const KIND_NAMES: Record<string, { fa: string; en: string }> = {
  string: { fa: 'متن', en: 'text' },
  number: { fa: 'عدد', en: 'a number' },
  int: { fa: 'عدد صحیح', en: 'a whole number' },
  bigint: { fa: 'عدد صحیح', en: 'a whole number' },
  boolean: { fa: 'بله یا خیر', en: 'yes or no' },
  array: { fa: 'فهرستی از موارد', en: 'a list' },
  date: { fa: 'تاریخ', en: 'a date' },
};

const FORMAT_HINTS: Record<string, { fa: string; en: string }> = {
  email: { fa: 'نشانی رایانامه مانند name@example.ir است', en: 'an email address looks like name@example.ir' },
  url: { fa: 'نشانی وب مانند https://example.ir است', en: 'a web address looks like https://example.ir' },
  date: { fa: 'تاریخ به شکل YYYY-MM-DD نوشته می‌شود', en: 'a date is written YYYY-MM-DD' },
  datetime: { fa: 'زمان به شکل ISO نوشته می‌شود', en: 'a time is written in ISO form' },
  time: { fa: 'ساعت به شکل HH:MM نوشته می‌شود', en: 'a time of day is written HH:MM' },
  e164: { fa: 'شماره با کد کشور نوشته می‌شود', en: 'a number is written with its country code' },
};
const ID_FORMATS = new Set(['uuid', 'uuidv4', 'uuidv6', 'uuidv7', 'guid', 'cuid', 'cuid2', 'ulid', 'xid', 'ksuid', 'nanoid']);

function fill(template: string, field: string, arg: string): string {
  return template.replace('{field}', field).replace('{arg}', arg);
}

/** The message of one of our keys (`v.required`, `v.max_length:200`), or null when `message` is not one. */
function keyedMessage(message: string | undefined, label: string | null, lang: MessageLang): string | null {
  if (!message) return null;
  const colon = message.indexOf(':');
  const key = colon > 0 ? message.slice(0, colon) : message;
  const phrase = VALIDATION_MESSAGES[key];
  if (!phrase) return null;
  const arg = colon > 0 ? message.slice(colon + 1) : '';
  const shownArg = /^\d+$/.test(arg) ? formatCount(arg, lang) : arg;
  const withField = lang === 'fa' ? phrase.faField : phrase.enField;
  if (label && withField) return fill(withField, label, shownArg);
  return fill(phrase[lang], '', shownArg);
}

function quoted(v: unknown, lang: MessageLang): string {
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  return lang === 'fa' ? `«${s}»` : `“${s}”`;
}

/** The branch of a failed union that says the most (a custom check or a format), for a plainer message. */
function telling(errors: IssueLike['errors']): IssueLike | null {
  for (const branch of errors ?? []) {
    for (const issue of branch) {
      if (issue.code !== 'invalid_type' && issue.code !== 'invalid_value' && issue.code !== 'invalid_union') return issue;
    }
  }
  return null;
}

/**
 * One issue as a sentence a person understands. `place` (body, querystring…) refines the label where a name means
 * two things (`to`: a transition's new status, a filter's end date).
 */
export function issueMessage(issue: IssueLike, lang: MessageLang, place?: ValidationPlace): string {
  const fa = lang === 'fa';
  // an invalid key of a record names the key last: the field is the record
  const label = fieldLabel(issue.code === 'invalid_key' ? (issue.path ?? []).slice(0, -1) : issue.path, lang, place);
  const field = label ?? (fa ? 'این فیلد' : 'This field');
  /** the field in the middle of an English sentence */
  const fieldIn = label ?? (fa ? 'این فیلد' : 'this field');
  const day = (ms: number) => (fa ? formatJalali(new Date(ms)) : new Date(ms).toISOString().slice(0, 10));
  const num = (v: number | bigint | undefined) => formatCount(v ?? 0, lang);

  const keyed = keyedMessage(issue.message, label, lang);
  if (keyed) return keyed;

  // zod 3's names, mapped onto zod 4's
  let code = issue.code ?? 'custom';
  if (code === 'invalid_string') code = 'invalid_format';
  if (code === 'invalid_enum_value' || code === 'invalid_literal') code = 'invalid_value';
  if (code === 'invalid_date') code = 'invalid_type';
  const origin = issue.origin ?? issue.type;
  const format = issue.format ?? (typeof issue.validation === 'string' ? issue.validation : issue.validation && typeof issue.validation === 'object' ? 'regex' : undefined);

  switch (code) {
    case 'invalid_type': {
      const missing = issue.input === undefined || issue.input === null || issue.received === 'undefined' || issue.received === 'null';
      if (missing) return fa ? `${field} الزامی است` : `${field} is required`;
      const kind = KIND_NAMES[issue.expected ?? ''];
      if (kind) return fa ? `${field} باید ${kind.fa} باشد` : `${field} must be ${kind.en}`;
      return fa ? `${field} شکل درستی ندارد` : `${field} is not in the right form`;
    }
    case 'too_big': {
      const inclusive = issue.inclusive !== false;
      const unit = SIZE_UNITS[origin ?? ''];
      if (origin === 'date') {
        return fa ? `${field} نباید پس از ${day(Number(issue.maximum))} باشد` : `${field} must not be after ${day(Number(issue.maximum))}`;
      }
      if (unit) {
        const u = fa ? unit.fa : unit.en[Number(issue.maximum) === 1 ? 0 : 1];
        if (issue.exact) return fa ? `${field} باید درست ${num(issue.maximum)} ${u} باشد` : `${field} must be exactly ${num(issue.maximum)} ${u}`;
        return inclusive
          ? fa ? `${field} حداکثر ${num(issue.maximum)} ${u} است` : `${field} takes at most ${num(issue.maximum)} ${u}`
          : fa ? `${field} باید کمتر از ${num(issue.maximum)} ${u} باشد` : `${field} must be fewer than ${num(issue.maximum)} ${u}`;
      }
      return inclusive
        ? fa ? `${field} حداکثر ${num(issue.maximum)} است` : `${field} must be at most ${num(issue.maximum)}`
        : fa ? `${field} باید کمتر از ${num(issue.maximum)} باشد` : `${field} must be less than ${num(issue.maximum)}`;
    }
    case 'too_small': {
      const inclusive = issue.inclusive !== false;
      const unit = SIZE_UNITS[origin ?? ''];
      const min = Number(issue.minimum ?? 0);
      if (origin === 'date') {
        return fa ? `${field} نباید پیش از ${day(min)} باشد` : `${field} must not be before ${day(min)}`;
      }
      if (unit) {
        // an empty text, an empty list: the field is simply missing
        if (inclusive && min <= 1) {
          if (origin === 'string') return fa ? `${field} الزامی است` : `${field} is required`;
          return fa ? `دست‌کم یک مورد برای ${field} لازم است` : `${field}: at least one is required`;
        }
        const u = fa ? unit.fa : unit.en[min === 1 ? 0 : 1];
        if (issue.exact) return fa ? `${field} باید درست ${num(issue.minimum)} ${u} باشد` : `${field} must be exactly ${num(issue.minimum)} ${u}`;
        return inclusive
          ? fa ? `${field} دست‌کم ${num(issue.minimum)} ${u} است` : `${field} takes at least ${num(issue.minimum)} ${u}`
          : fa ? `${field} باید بیش از ${num(issue.minimum)} ${u} باشد` : `${field} must be more than ${num(issue.minimum)} ${u}`;
      }
      return inclusive
        ? fa ? `${field} دست‌کم ${num(issue.minimum)} است` : `${field} must be at least ${num(issue.minimum)}`
        : fa ? `${field} باید بیشتر از ${num(issue.minimum)} باشد` : `${field} must be more than ${num(issue.minimum)}`;
    }
    case 'invalid_format': {
      if (format && ID_FORMATS.has(format)) return fa ? `${field} شناسهٔ معتبری نیست` : `${field} is not a valid id`;
      const hint = format ? FORMAT_HINTS[format] : undefined;
      if (hint) return fa ? `${field} درست نیست؛ ${hint.fa}` : `${field} is not right: ${hint.en}`;
      return fa ? `${field} شکل درستی ندارد` : `${field} is not in the right form`;
    }
    case 'not_multiple_of':
      return fa ? `${field} باید مضربی از ${num(issue.divisor)} باشد` : `${field} must be a multiple of ${num(issue.divisor)}`;
    case 'unrecognized_keys': {
      const keys = issue.keys ?? [];
      const names = keys.map((k) => quoted(k, lang)).join(fa ? '، ' : ', ');
      if (fa) return keys.length > 1 ? `فیلدهای ${names} در این فرم نیستند و پذیرفته نمی‌شوند` : `فیلد ${names} در این فرم نیست و پذیرفته نمی‌شود`;
      return keys.length > 1 ? `The fields ${names} are not part of this form` : `The field ${names} is not part of this form`;
    }
    case 'invalid_value': {
      const values = issue.values ?? issue.options ?? [];
      if (values.length === 1 && (typeof values[0] === 'string' || typeof values[0] === 'number') && values[0] !== '') {
        return fa ? `${field} باید ${quoted(values[0], lang)} باشد` : `${field} must be ${quoted(values[0], lang)}`;
      }
      if (issue.input === undefined || issue.input === null) return fa ? `${field} الزامی است` : `${field} is required`;
      return fa ? `گزینهٔ انتخاب‌شده برای ${field} مجاز نیست` : `The option chosen for ${fieldIn} is not allowed`;
    }
    case 'invalid_union': {
      const inner = telling(issue.errors);
      if (inner) return issueMessage({ ...inner, path: [...(issue.path ?? []), ...(inner.path ?? [])] }, lang, place);
      if (issue.input === undefined || issue.input === null) return fa ? `${field} الزامی است` : `${field} is required`;
      return fa ? `${field} معتبر نیست` : `${field} is not valid`;
    }
    case 'invalid_key':
      return fa ? `یکی از نام‌های ${field} معتبر نیست` : `One of the names in ${fieldIn} is not valid`;
    case 'invalid_element':
      return fa ? `یکی از موارد ${field} معتبر نیست` : `One of the items of ${fieldIn} is not valid`;
    default: {
      // a custom check: its own words when the schema wrote them in the user's language
      const own = issue.message;
      if (own && (fa ? PERSIAN_LETTERS.test(own) : !PERSIAN_LETTERS.test(own) && !/^invalid input$/i.test(own))) return own;
      return fa ? `${field} معتبر نیست` : `${field} is not valid`;
    }
  }
}
