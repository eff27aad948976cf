/** Messages for the custom checks in our schemas; zod's own issues use its fa/en locales. */
export const VALIDATION_MESSAGES: Record<string, { fa: string; en: string }> = {
  'v.id': { fa: 'شناسه معتبر نیست', en: 'Not a valid id' },
  'v.date': { fa: 'تاریخ باید به شکل YYYY-MM-DD باشد', en: 'The date must be YYYY-MM-DD' },
  'v.date_invalid': { fa: 'چنین روزی در تقویم نیست', en: 'No such day in the calendar' },
  'v.date_range': { fa: 'تاریخ باید میان سال‌های ۱۳۰۰ و ۱۵۰۰ هجری خورشیدی باشد', en: 'The date must fall between the Persian years 1300 and 1500 (1921–2121)' },
  'v.required': { fa: 'این فیلد الزامی است', en: 'This field is required' },
  'v.legal_id': { fa: 'شناسهٔ ملی باید ۱۱ رقم با رقم کنترل درست باشد', en: 'The national legal id must be 11 digits with a valid check digit' },
  'v.national_code': { fa: 'کد ملی معتبر نیست', en: 'Not a valid national code' },
  'v.money': { fa: 'مبلغ باید عدد صحیح ریالی باشد', en: 'The amount must be a whole number of rials' },
  'v.password': { fa: 'گذرواژه باید دست‌کم ۱۰ نویسه باشد', en: 'The password must be at least 10 characters long' },
  'v.username': { fa: 'نام کاربری فقط حروف لاتین کوچک، رقم، نقطه، خط تیره و زیرخط', en: 'Username: lower-case Latin letters, digits, dot, dash and underscore only' },
  'v.percent': { fa: 'عدد باید بین ۰ تا ۱۰۰ باشد', en: 'Must be between 0 and 100' },
  'v.otp': { fa: 'کد تأیید ۶ رقم است', en: 'The code is 6 digits' },
  'v.claim_unit_mismatch': { fa: 'شناسهٔ ملی واحد با شناسهٔ واحد ادعاشده یکی نیست', en: "The unit's legal id differs from the claimed one" },
  'v.score': { fa: 'امتیاز باید عددی درست از ۱ تا ۵ باشد', en: 'The score must be a whole number from 1 to 5' },
  'v.mobile': { fa: 'شمارهٔ همراه معتبر نیست (مانند ۰۹۱۲۱۲۳۴۵۶۷)', en: 'Not a valid mobile number (like 09121234567)' },
};
