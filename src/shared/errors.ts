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
  // when the password was right but the account has a second factor and no `otp` came with the login; 401
  'auth.mfa_required': { status: 401, fa: 'کد تأیید دومرحله‌ای را وارد کنید', en: 'Enter your two-step verification code' },
  // when the login's `otp` is neither a current authenticator code nor an unused recovery code; 401
  'auth.mfa_invalid': { status: 401, fa: 'کد تأیید دومرحله‌ای نادرست است', en: 'Wrong two-step verification code' },
  // when a code sent to confirm or remove the second factor is wrong; 422
  'auth.mfa_code_invalid': { status: 422, fa: 'کد واردشده درست نیست؛ کد تازهٔ برنامهٔ احراز هویت را وارد کنید', en: 'The code is not right; enter a fresh code from the authenticator app' },
  // when enrolment starts or is confirmed while the account already has a second factor; 409
  'auth.mfa_already_enrolled': { status: 409, fa: 'تأیید دومرحله‌ای این حساب پیش‌تر فعال شده است', en: 'Two-step verification is already on for this account' },
  // when a second factor is confirmed without an enrolment started, or removed when there is none; 409
  'auth.mfa_not_enrolled': { status: 409, fa: 'تأیید دومرحله‌ای برای این حساب فعال نیست', en: 'Two-step verification is not set up for this account' },
  // when the role needs a second factor (TASHIL_MFA_ROLES) and the account has none yet: only enrolment is open; 403
  'auth.mfa_enrolment_required': { status: 403, fa: 'برای ادامه، ابتدا تأیید دومرحله‌ای را فعال کنید', en: 'Set up two-step verification before continuing' },
  // when an administrator reset the password and the user has not chosen a new one yet: only the change is open; 403
  'auth.password_change_required': { status: 403, fa: 'برای ادامه، ابتدا گذرواژهٔ خود را تغییر دهید', en: 'Change your password before continuing' },
  // when a password change names a wrong current password; 422
  'auth.password_wrong': { status: 422, fa: 'گذرواژهٔ فعلی نادرست است', en: 'The current password is wrong' },
  // when a password change names the current password as the new one; 422
  'auth.password_unchanged': { status: 422, fa: 'گذرواژهٔ تازه باید با گذرواژهٔ فعلی فرق داشته باشد', en: 'The new password must differ from the current one' },
  // when a cookie mutation (or a login) comes from another site: Sec-Fetch-Site cross-site, or a foreign Origin; 403
  'auth.cross_site': { status: 403, fa: 'درخواست از وب‌گاه دیگری آمده و پذیرفته نشد', en: 'The request came from another site and was refused' },
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
  // when the unit's producer rates a demand a second time (one rating a demand); 409
  'demand.feedback_exists': { status: 409, fa: 'امتیاز این مطالبه پیش‌تر ثبت شده است؛ هر مطالبه یک بار امتیاز می‌گیرد', en: 'This demand has already been rated; a demand is rated once' },
  // when a demand is rated before it is resolved or found unresolvable; 409
  'demand.feedback_not_closed': { status: 409, fa: 'امتیاز فقط برای مطالبهٔ رفع‌شده یا غیرقابل رفع ثبت می‌شود', en: 'Only a resolved or unresolvable demand can be rated' },
  // when a visit is recorded as done on a date that has not come yet (Tehran); 422
  'visit.done_in_future': { status: 422, fa: 'بازدیدی که هنوز تاریخش نرسیده نمی‌تواند انجام‌شده ثبت شود', en: 'A visit dated in the future cannot be recorded as done' },
  // when a field record names a planned visit (`plannedVisitId`) that is no longer planned — recorded or cancelled
  // meanwhile — or is of another unit; the current visit is attached as `current`; 409
  'visit.not_planned': { status: 409, fa: 'این بازدید دیگر در برنامه نیست (در این فاصله ثبت یا لغو شده است)', en: 'This visit is no longer planned (it was recorded or cancelled meanwhile)' },
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
  // when a referral is moved to `rejected` without every part of its written reason (code, text of substance, letter no., letter date); nothing changes; 422
  'referral.reason_required': { status: 422, fa: 'رد درخواست بدون دلیل مکتوب ممکن نیست: دلیل، شرح، شماره و تاریخ نامهٔ بانک را وارد کنید', en: 'A rejection needs its written reason: reason code, text, and the bank letter number and date' },
  // when `approved` comes without approvedAmount, or `paid` without paidAmount or paidDate; 422
  'referral.amount_required': { status: 422, fa: 'مبلغ (و برای پرداخت، تاریخ پرداخت) را وارد کنید', en: 'Enter the amount (and, for a payment, the payment date)' },
  // when the approved amount exceeds the requested one, or the paid amount the approved one; 422
  'referral.amount_exceeds': { status: 422, fa: 'مبلغ مصوب نمی‌تواند از مبلغ درخواستی، و مبلغ پرداختی از مبلغ مصوب بیشتر باشد', en: 'The approved amount cannot exceed the requested one, nor the paid amount the approved one' },
  // when an attachment is not a PDF, PNG or JPEG by its content (magic bytes); 415
  'attachment.unsupported_type': { status: 415, fa: 'نوع فایل پذیرفته نیست؛ فقط PDF، PNG یا JPEG', en: 'Unsupported file type: send a PDF, PNG or JPEG' },
  // when an attachment is larger than 5 MB; 413
  'attachment.too_large': { status: 413, fa: 'حجم فایل پیوست بیش از ۵ مگابایت است', en: 'The attachment is larger than 5 MB' },
  // when an upload request carries no `file` part; 422
  'attachment.file_missing': { status: 422, fa: 'فایلی پیوست نشده است', en: 'No file was attached' },
  // when an Idempotency-Key is reused with a different method, path or body; 422
  'idempotency.mismatch': { status: 422, fa: 'این کلید تکرارناپذیری پیش‌تر برای درخواست دیگری به کار رفته است', en: 'This Idempotency-Key was already used for a different request' },
  // when a request with the same Idempotency-Key is still being processed; 409
  'idempotency.in_progress': { status: 409, fa: 'درخواستی با همین کلید تکرارناپذیری هنوز در حال انجام است', en: 'A request with the same Idempotency-Key is still in progress' },
  // when an Idempotency-Key header is empty or longer than 200 characters; 422
  'idempotency.invalid_key': { status: 422, fa: 'کلید تکرارناپذیری (Idempotency-Key) معتبر نیست', en: 'The Idempotency-Key header is invalid' },
  // when an agency objects to a resolution after its objection window (notification + N days, Tehran) has ended; 409
  'resolution.objection_window_closed': { status: 409, fa: 'مهلت اعتراض به این مصوبه به پایان رسیده است؛ مصوبه باید اجرا شود', en: 'The objection window for this resolution has closed; it must be carried out' },
  // when a resolution that was already objected to (and answered) is objected to again; 409
  'resolution.already_objected': { status: 409, fa: 'به این مصوبه پیش‌تر اعتراض شده و پاسخ داده شده است', en: 'This resolution was already objected to and the objection answered' },
  // when an objection (→ objected) comes without its reasons in `note`; 422
  'resolution.reason_required': { status: 422, fa: 'دلایل اعتراض را بنویسید', en: 'Write the reasons for the objection' },
  // when a resolution is marked not done without a `cause` (agency, producer or external); 422
  'resolution.cause_required': { status: 422, fa: 'علت اجرانشدن مصوبه را انتخاب کنید (دستگاه، واحد تولیدی یا عوامل بیرونی)', en: 'Choose why the resolution was not carried out (agency, producer or external causes)' },
  // when a resolution's due date is before its session's date, or names an unknown agency or agenda item; 422
  'resolution.invalid': { status: 422, fa: 'مصوبه معتبر نیست: مهلت نباید پیش از تاریخ جلسه باشد و دستگاه‌ها و دستور جلسه باید معتبر باشند', en: 'Invalid resolution: the due date may not precede the session, and the agencies and agenda item must exist' },
  // when a session's date is moved into another fiscal year (its number belongs to its year); 422
  'session.fiscal_year_fixed': { status: 422, fa: 'تاریخ جلسه را نمی‌توان به سال مالی دیگری برد؛ جلسهٔ تازه‌ای بسازید', en: "A session's date cannot move to another fiscal year; create a new session" },
  // when an agenda item is carried over but no planned session follows this one, or it was already carried over; 409
  'agenda.cannot_carry_over': { status: 409, fa: 'این دستور را نمی‌توان به جلسهٔ بعد برد (جلسهٔ برنامه‌ریزی‌شدهٔ بعدی وجود ندارد یا پیش‌تر منتقل شده است)', en: 'This item cannot be carried over (no later planned session, or it was already carried over)' },
  // when the minutes cannot be printed to PDF here (no Chromium, or it failed or timed out); the HTML minutes still work; 503
  'minutes.pdf_unavailable': { status: 503, fa: 'ساخت PDF صورتجلسه اکنون ممکن نیست؛ نسخهٔ چاپی HTML را باز و چاپ کنید', en: 'The minutes cannot be made into a PDF right now; open the printable HTML and print it' },
  // when a one-time code is asked for too often: one a minute and five a day per mobile, thirty an hour per address; Retry-After says when; 429
  'otp.rate_limited': { status: 429, fa: 'درخواست کد بیش از حد مجاز است؛ کمی بعد دوباره تلاش کنید', en: 'Too many code requests; try again later' },
  // when a registration's one-time code is wrong, expired, already used or tried three times; 422 naming `code`
  'otp.invalid': { status: 422, fa: 'کد تأیید نادرست یا منقضی است؛ کد تازه‌ای بخواهید', en: 'The code is wrong or expired; ask for a new one' },
  // when a sign-in by mobile and code fails: a wrong or expired code, or no producer with that mobile (same answer); 401
  'auth.otp_invalid': { status: 401, fa: 'شمارهٔ همراه یا کد تأیید نادرست است', en: 'Wrong mobile number or code' },
  // when a registration names a mobile that already has a producer account; sign in with the code instead; 409
  'producer.already_registered': { status: 409, fa: 'با این شمارهٔ همراه پیش‌تر ثبت‌نام شده است؛ با کد تأیید وارد شوید', en: 'This mobile is already registered; sign in with a code' },
  // when a claim is rejected without a `note` (the producer reads it); 422
  'claim.note_required': { status: 422, fa: 'دلیل رد درخواست را بنویسید؛ برای متقاضی پیامک می‌شود', en: 'Write why the claim is rejected; the producer is told by SMS' },
  // when a producer applies for a loan before the secretariat has approved their claim on a unit; 403
  'loan_application.no_unit': { status: 403, fa: 'تا تأیید درخواست نمایندگی واحد از سوی دبیرخانه، ثبت درخواست تسهیلات ممکن نیست', en: 'You can apply for a loan once the secretariat has approved your claim on the unit' },
  // when a loan application is returned to the producer without a `note` saying what is missing; 422
  'loan_application.note_required': { status: 422, fa: 'بنویسید چه چیزی در درخواست کم است؛ برای متقاضی پیامک می‌شود', en: 'Write what the application is missing; the producer is told by SMS' },
  // when a loan application is rejected without its reason (a reason code and a text of substance); 422
  'loan_application.reason_required': { status: 422, fa: 'رد درخواست بدون دلیل ممکن نیست: دلیل و شرح آن را وارد کنید', en: 'A rejection needs its reason: a reason code and a text' },
  // when an agency takes a committee step on an application whose program it does not own; 403
  'loan_application.not_committee': { status: 403, fa: 'بررسی این درخواست با دبیرخانه یا دستگاه متولی این محل تسهیلات است', en: "Only the secretariat or the program's own agency reviews this application" },
  // when an application is edited in a state other than `returned`; 409
  'loan_application.not_editable': { status: 409, fa: 'درخواست فقط وقتی برای تکمیل برگشت خورده باشد قابل ویرایش است', en: 'An application can be edited only while it is returned for completion' },
  // when a referral names a loan application that is not `approved` (or already referred); 409
  'loan_application.not_approved': { status: 409, fa: 'فقط درخواستِ تأییدشده توسط کمیته را می‌توان به بانک معرفی کرد', en: 'Only an application the committee approved can be referred to a bank' },
  // when too many requests come in
  'rate.limited': { status: 429, fa: 'درخواست‌ها بیش از حد مجاز است', en: 'Too many requests' },
  // when a list asked for as a file has more rows than an export holds (50,000); the detail names both numbers; 422
  'export.too_many_rows': { status: 422, fa: 'این فهرست برای یک فایل خروجی بیش از حد بلند است؛ با فیلترها آن را کوتاه‌تر کنید', en: 'This list is too long for one export file; narrow it with the filters' },
  // when a bank or agency asks for the records behind a figure that is not its own
  'stats.drilldown_forbidden': { status: 403, fa: 'فهرست سوابق فقط برای رکوردهای بانک یا دستگاه خودتان در دسترس است', en: "You can open the records behind your own bank's or agency's figures only" },
  // when /health/ready is asked while the instance drains, cannot reach its database, or the database lacks a migration; 503
  'system.not_ready': { status: 503, fa: 'این نمونهٔ سامانه اکنون آمادهٔ پاسخ‌گویی نیست', en: 'This instance is not ready to serve' },
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
  /** For 429: seconds until a retry may succeed (sent as Retry-After). */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    opts: { detail?: { fa: string; en: string }; extra?: Record<string, unknown>; errors?: FieldError[]; retryAfter?: number } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.detail = opts.detail;
    this.extra = opts.extra;
    this.errors = opts.errors;
    this.retryAfter = opts.retryAfter;
  }
}

export function errorTitle(code: string, lang: Lang): string {
  const e = (ERRORS as Record<string, { fa: string; en: string } | undefined>)[code];
  return e ? e[lang] : code;
}
