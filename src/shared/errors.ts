/**
 * Stable error codes: each says when it is thrown, its HTTP status, and its Persian and English title.
 * The server maps them to problem+json; the web app translates them by code.
 */
export const ERRORS = {
  // when the body, query or params fail their schema
  'validation.failed': { status: 422, fa: 'اطلاعات ارسالی معتبر نیست', en: 'The submitted data is invalid' },
  // when the request body is not valid JSON or has the wrong content type
  'request.malformed': { status: 400, fa: 'درخواست قابل خواندن نیست', en: 'The request could not be read' },
  // when the request body is larger than allowed
  'request.too_large': { status: 413, fa: 'حجم درخواست بیش از حد مجاز است', en: 'The request is too large' },
  // when no route matches
  'route.not_found': { status: 404, fa: 'مسیر درخواستی وجود ندارد', en: 'No such route' },
  // when a record does not exist or lies outside the caller's scope
  'record.not_found': { status: 404, fa: 'رکورد پیدا نشد', en: 'Record not found' },
  // when a write names a stale `version` (body); the current record is attached
  'record.stale': { status: 409, fa: 'این رکورد در این فاصله تغییر کرده است؛ نسخهٔ جاری را ببینید', en: 'The record has changed meanwhile; see the current version' },
  // when a write names a stale version in If-Match
  'record.precondition_failed': { status: 412, fa: 'نسخهٔ رکورد با If-Match همخوان نیست', en: 'The record version does not match If-Match' },
  // when an update names neither a `version` in its body nor an If-Match header
  'record.version_required': { status: 428, fa: 'نسخهٔ رکورد (version) باید همراه تغییر فرستاده شود', en: 'Send the record version (body `version` or If-Match) with the change' },
  // when a unique key (a unit's national id, a username) already exists
  'record.duplicate': { status: 409, fa: 'رکوردی با همین شناسه از قبل وجود دارد', en: 'A record with the same key already exists' },
  // when a state machine does not allow the requested transition; `allowed` lists the ones it does
  'transition.forbidden': { status: 409, fa: 'این تغییر وضعیت مجاز نیست', en: 'This status change is not allowed' },
  // when no valid session cookie or bearer token comes with a protected call
  'auth.required': { status: 401, fa: 'ابتدا وارد سامانه شوید', en: 'Please log in first' },
  // when the username or password is wrong (same answer for both)
  'auth.invalid_credentials': { status: 401, fa: 'نام کاربری یا گذرواژه نادرست است', en: 'Wrong username or password' },
  // when too many logins failed for the account or the address in the window
  'auth.rate_limited': { status: 429, fa: 'تلاش‌های ناموفق زیاد بوده است؛ چند دقیقهٔ دیگر دوباره تلاش کنید', en: 'Too many failed attempts; try again in a few minutes' },
  // when a cookie-authenticated mutation lacks the X-Requested-With: tashil header
  'auth.csrf': { status: 403, fa: 'درخواست از سوی برنامهٔ سامانه نیامده است', en: 'The request did not come from the Tashil app' },
  // when the caller's role may not use this route
  'auth.forbidden': { status: 403, fa: 'شما به این بخش دسترسی ندارید', en: 'You are not allowed to do this' },
  // when a route has no rule in the permission matrix (fails closed)
  'auth.no_rule': { status: 403, fa: 'برای این مسیر قاعدهٔ دسترسی تعریف نشده است', en: 'This route has no access rule' },
  // when a user's role needs a scope (agency, bank, unit) that is missing or unknown
  'user.scope_invalid': { status: 422, fa: 'دامنهٔ دسترسی کاربر با نقش او همخوان نیست', en: "The user's scope does not fit the role" },
  // when a password is shorter than 10 characters
  'user.password_weak': { status: 422, fa: 'گذرواژه باید دست‌کم ۱۰ نویسه باشد', en: 'The password must be at least 10 characters long' },
  // when a demand is marked unresolvable (or another transition that needs a reason) without a `note`; 422
  'demand.note_required': { status: 422, fa: 'برای این تغییر وضعیت، دلیل یا توضیح را بنویسید', en: 'Write the reason for this status change' },
  // when a demand is assigned (→ assigned) but neither it nor the request names a responsible agency; 422
  'demand.agency_required': { status: 422, fa: 'دستگاه مسئول را برای ارجاع مطالبه انتخاب کنید', en: 'Choose the responsible agency to assign the demand' },
  // when a visit is recorded as done on a date that has not come yet (Tehran); 422
  'visit.done_in_future': { status: 422, fa: 'بازدیدی که هنوز تاریخش نرسیده نمی‌تواند انجام‌شده ثبت شود', en: 'A visit dated in the future cannot be recorded as done' },
  // when an import request carries no `file` part (or is not multipart); 422
  'import.file_missing': { status: 422, fa: 'فایلی برای ورود اطلاعات فرستاده نشده است', en: 'No file was sent for the import' },
  // when the uploaded file is neither .xlsx nor UTF-8 .csv (an old .xls, a PDF, a binary renamed .csv); 415
  'import.file_type': { status: 415, fa: 'نوع فایل پذیرفته نیست؛ فقط فایل اکسل ‎.xlsx یا ‎.csv با کدگذاری UTF-8', en: 'Unsupported file type: send an .xlsx workbook or a UTF-8 .csv file' },
  // when the file, its unpacked .xlsx contents, its entry count or its row count pass the limits; 413
  'import.too_large': { status: 413, fa: 'فایل بزرگ‌تر از حد مجاز است (حداکثر ۲۰ مگابایت، ۲۰۰ مگابایت پس از بازشدن و ۲۰۰٬۰۰۰ ردیف)', en: 'The file is too large (max 20 MB, 200 MB unpacked, 200,000 rows)' },
  // when the file is empty or has no data rows under its header; 422
  'import.empty': { status: 422, fa: 'فایل خالی است یا ردیف داده‌ای ندارد', en: 'The file is empty or has no data rows' },
  // when the file is damaged or truncated and cannot be read; 422
  'import.unreadable': { status: 422, fa: 'فایل خراب یا ناقص است و خوانده نشد', en: 'The file is damaged or incomplete and could not be read' },
  // when one or more rows (or the header) of an import are invalid; `errors` names each row and column, nothing is written; 422
  'import.invalid_rows': { status: 422, fa: 'برخی ردیف‌های فایل خطا دارند؛ هیچ اطلاعاتی ثبت نشد', en: 'Some rows of the file are invalid; nothing was written' },
  // when too many requests come in
  'rate.limited': { status: 429, fa: 'درخواست‌ها بیش از حد مجاز است', en: 'Too many requests' },
  // when anything unexpected fails (details are logged, not shown)
  'server.error': { status: 500, fa: 'خطای داخلی سامانه؛ لطفاً دوباره تلاش کنید', en: 'Internal error; please try again' },
} as const satisfies Record<string, { status: number; fa: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
export type Lang = 'fa' | 'en';

export interface FieldError {
  path: string;
  message: string;
}

/** A failure the caller can act on; the error handler turns it into problem+json. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: { fa: string; en: string } | undefined;
  readonly extra: Record<string, unknown> | undefined;
  readonly errors: FieldError[] | undefined;

  constructor(
    code: ErrorCode,
    opts: { detail?: { fa: string; en: string }; extra?: Record<string, unknown>; errors?: FieldError[] } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.detail = opts.detail;
    this.extra = opts.extra;
    this.errors = opts.errors;
  }
}

export function errorTitle(code: string, lang: Lang): string {
  const e = (ERRORS as Record<string, { fa: string; en: string } | undefined>)[code];
  return e ? e[lang] : code;
}
