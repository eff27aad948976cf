import { tehranDate } from '../../shared/jalali.js';
import { formatDate } from './dates.js';
import { localizeDigits, type Language } from './i18n.js';

// made on first use: a format with a time zone takes tens of milliseconds to make, and most pages show no time
let tehranTime: Intl.DateTimeFormat | undefined;
const timeFormat = () => (tehranTime ??= new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tehran', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));

/** An instant as people in Iran read it: the Jalali date and the Tehran time, «۱۴۰۵/۰۹/۱۴ ۱۰:۳۵». */
export function formatInstant(iso: string, language: Language): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return localizeDigits(iso, language);
  return `${formatDate(tehranDate(at), language)} ${localizeDigits(timeFormat().format(at), language)}`;
}
