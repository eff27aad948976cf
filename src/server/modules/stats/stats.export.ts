/** Every comparison table as an Excel sheet (right-to-left, Persian headers, counts and rials as numbers), and the bank report printed for a session. */
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../../shared/errors.js';
import { formatBillionRials } from '../../../shared/money.js';
import { formatJalali, formatJalaliDateTime } from '../../../shared/jalali.js';
import { periodLabel } from '../../../shared/periods.js';
import { toPersianDigits } from '../../../shared/text.js';
import type { StatsQuery } from '../../../shared/contracts/stats.js';
import { tableFile, type ExportColumn, type SheetFile } from '../../sheets/table-file.js';
import { findMinutesFont } from '../sessions/sessions.service.js';
import { bankStats } from './stats.banks.js';
import { agencyStats } from './stats.agencies.js';
import { countyStats } from './stats.counties.js';
import { provinceStats } from './stats.trend.js';

export type StatsTable = 'banks' | 'agencies' | 'counties' | 'provinces';

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const bn = (rials: string) => Number(formatBillionRials(BigInt(rials), 'en', 2).replace(/,/g, ''));

const ALLOWED: Record<StatsTable, readonly string[]> = {
  banks: ['admin', 'secretariat', 'executive', 'bank', 'agency'],
  agencies: ['admin', 'secretariat', 'executive', 'agency'],
  counties: ['admin', 'secretariat', 'executive', 'bank', 'agency', 'national'],
  provinces: ['admin', 'national'],
};

function sheet<T>(fileBase: string, title: string, subtitle: string, columns: ExportColumn<T>[], rows: T[]): Promise<SheetFile> {
  return tableFile({ format: 'xlsx', fileBase, sheetName: title, title: [title, subtitle], columns, rows });
}

export async function exportStatsTable(ctx: ServiceContext, table: StatsTable, q: StatsQuery): Promise<SheetFile> {
  if (!ALLOWED[table].includes(ctx.actor.role)) throw new AppError('auth.forbidden');
  const generated = `تهیه‌شده در ${formatJalaliDateTime(ctx.now())}`;
  if (table === 'banks') {
    const s = await bankStats(ctx, q);
    const rows = [...s.items, { ...s.total, bankId: 'total', bankName: 'جمع استان', bankNameEn: 'Province total', rankByPaid: null, rankByApproval: null }];
    return sheet(`banks-${s.period.key}`, `عملکرد بانک‌ها — ${periodLabel(s.period.key, 'fa')}`, `${generated}؛ مبالغ به ریال و میلیارد ریال`, [
      { header: 'بانک', kind: 'text', value: (r) => r.bankName, width: 28 },
      { header: 'رتبه (پرداخت)', kind: 'count', value: (r) => r.rankByPaid },
      { header: 'معرفی‌شده', kind: 'count', value: (r) => r.referred },
      { header: 'وصول‌شده', kind: 'count', value: (r) => r.received },
      { header: 'تصمیم‌گرفته', kind: 'count', value: (r) => r.decided },
      { header: 'مصوب', kind: 'count', value: (r) => r.approved },
      { header: 'ردشده', kind: 'count', value: (r) => r.rejected },
      { header: 'پرداخت‌شده', kind: 'count', value: (r) => r.paid },
      { header: 'معوق', kind: 'count', value: (r) => r.overdue },
      { header: 'مبلغ درخواستی (ریال)', kind: 'rials', value: (r) => r.requestedAmount },
      { header: 'مبلغ مصوب (ریال)', kind: 'rials', value: (r) => r.approvedAmount },
      { header: 'مبلغ پرداختی (ریال)', kind: 'rials', value: (r) => r.paidAmount },
      { header: 'مبلغ پرداختی (میلیارد ریال)', kind: 'number', value: (r) => bn(r.paidAmount), width: 18 },
      { header: 'نرخ تصویب (٪)', kind: 'number', value: (r) => pct(r.approvalRate) },
      { header: 'میانهٔ روز تا تصمیم', kind: 'number', value: (r) => r.medianDaysToDecision },
      { header: 'میانهٔ روز تا پرداخت', kind: 'number', value: (r) => r.medianDaysToPayment },
      { header: 'سهمیه (ریال)', kind: 'rials', value: (r) => r.quotaAmount },
      { header: 'جذب سهمیه (٪)', kind: 'number', value: (r) => pct(r.quotaUsedRate) },
      { header: 'پرداخت مستقیم بانک (ریال)', kind: 'rials', value: (r) => r.directAmount },
    ], rows);
  }
  if (table === 'agencies') {
    const s = await agencyStats(ctx, q);
    return sheet(`agencies-${s.period.key}`, `کارنامهٔ دستگاه‌ها — ${periodLabel(s.period.key, 'fa')}`, `${generated}؛ ${s.formula.text.fa}`, [
      { header: 'دستگاه', kind: 'text', value: (r) => r.agencyName, width: 34 },
      { header: 'امتیاز', kind: 'number', value: (r) => r.score },
      { header: 'مطالبات ارجاع‌شده', kind: 'count', value: (r) => r.demandsAssigned },
      { header: 'رفع‌شده', kind: 'count', value: (r) => r.demandsResolved },
      { header: 'رفع در مهلت', kind: 'count', value: (r) => r.demandsResolvedOnTime },
      { header: 'معوق', kind: 'count', value: (r) => r.demandsOverdue },
      { header: 'نرخ رفع به‌موقع (٪)', kind: 'number', value: (r) => pct(r.onTimeRate) },
      { header: 'میانهٔ روز تا رفع', kind: 'number', value: (r) => r.medianDaysToResolve },
      { header: 'معرفی به بانک', kind: 'count', value: (r) => r.referralsMade },
      { header: 'معرفی‌های پیگیری‌شده', kind: 'count', value: (r) => r.referralsFollowedUp },
      { header: 'مصوبات', kind: 'count', value: (r) => r.resolutionsAssigned },
      { header: 'مصوبات سررسیدشده', kind: 'count', value: (r) => r.resolutionsDue },
      { header: 'مصوبات اجراشده', kind: 'count', value: (r) => r.resolutionsDone },
      { header: 'امتیازهای تولیدکنندگان', kind: 'count', value: (r) => r.satisfaction.count },
      { header: 'میانگین رضایت (از ۵)', kind: 'number', value: (r) => r.satisfaction.mean },
    ], s.items);
  }
  if (table === 'counties') {
    const s = await countyStats(ctx, q);
    const rows = [...s.items, { ...s.total, countyId: 'total', countyName: 'جمع استان', countyNameEn: 'Province total' }];
    return sheet(`counties-${s.provinceId}-${s.period.key}`, `مقایسهٔ شهرستان‌ها — ${periodLabel(s.period.key, 'fa')}`, `${generated}؛ مبالغ به ریال`, [
      { header: 'شهرستان', kind: 'text', value: (r) => r.countyName, width: 22 },
      { header: 'واحدها', kind: 'count', value: (r) => r.units },
      { header: 'واحدهای فعال و نیمه‌فعال', kind: 'count', value: (r) => r.activeUnits },
      { header: 'واحدهای راکد', kind: 'count', value: (r) => r.idleUnits },
      { header: 'بازدیدهای انجام‌شده', kind: 'count', value: (r) => r.visitsDone },
      { header: 'مطالبات ثبت‌شده', kind: 'count', value: (r) => r.demandsRegistered },
      { header: 'مطالبات باز', kind: 'count', value: (r) => r.demandsOpen },
      { header: 'مطالبات معوق', kind: 'count', value: (r) => r.demandsOverdue },
      { header: 'مطالبات رفع‌شده', kind: 'count', value: (r) => r.demandsResolved },
      { header: 'معرفی به بانک', kind: 'count', value: (r) => r.referred },
      { header: 'پرداخت‌شده', kind: 'count', value: (r) => r.paidCount },
      { header: 'مبلغ پرداختی (ریال)', kind: 'rials', value: (r) => r.paidAmount },
      { header: 'مبلغ پرداختی (میلیارد ریال)', kind: 'number', value: (r) => bn(r.paidAmount), width: 18 },
      { header: 'میانهٔ روز تا تصمیم بانک', kind: 'number', value: (r) => r.medianDaysToDecision },
    ], rows);
  }
  const s = await provinceStats(ctx, q);
  return sheet(`provinces-${s.period.key}`, `مقایسهٔ استان‌ها — ${periodLabel(s.period.key, 'fa')}`, generated, [
    { header: 'استان', kind: 'text', value: (r) => r.provinceName, width: 22 },
    { header: 'واحدها', kind: 'count', value: (r) => r.units },
    { header: 'معرفی‌ها', kind: 'count', value: (r) => r.referred },
    { header: 'پرداخت‌شده', kind: 'count', value: (r) => r.paid },
    { header: 'مبلغ پرداختی (ریال)', kind: 'rials', value: (r) => r.paidAmount },
    { header: 'سهمیه (ریال)', kind: 'rials', value: (r) => r.quotaAmount },
    { header: 'جذب سهمیه (٪)', kind: 'number', value: (r) => pct(r.quotaUsedRate) },
    { header: 'سهم از سهمیهٔ کشور (٪)', kind: 'number', value: (r) => pct(r.shareOfNationalQuota) },
    { header: 'سهم از پرداخت کشور (٪)', kind: 'number', value: (r) => pct(r.shareOfNationalPaid) },
  ], s.items);
}

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const faNum = (v: number | string | null, suffix = '') => (v === null ? '—' : esc(toPersianDigits(String(v)) + suffix));
const faPct = (v: number | null) => (v === null ? '—' : esc(toPersianDigits((Math.round(v * 1000) / 10).toString()).replace('.', '٫') + '٪'));

/** «Bank performance for the Nth session»: an A4 page for the working group's file. */
export async function bankReportHtml(ctx: ServiceContext, q: StatsQuery & { sessionNumber?: number | undefined }, webDir: string): Promise<string> {
  const s = await bankStats(ctx, q);
  const font = findMinutesFont(webDir);
  const title = q.sessionNumber
    ? `گزارش عملکرد بانک‌های عامل برای جلسهٔ ${toPersianDigits(q.sessionNumber)} کارگروه تسهیل و رفع موانع تولید`
    : 'گزارش عملکرد بانک‌های عامل در پرداخت تسهیلات';
  const row = (r: (typeof s.items)[number] | (typeof s.total & { bankName: string })) => `<tr>
    <td class="name">${esc(r.bankName)}</td><td>${faNum(r.referred)}</td><td>${faNum(r.decided)}</td><td>${faNum(r.approved)}</td><td>${faNum(r.rejected)}</td>
    <td>${faNum(r.paid)}</td><td>${esc(formatBillionRials(BigInt(r.paidAmount), 'fa', 1))}</td><td>${faPct(r.approvalRate)}</td>
    <td>${faNum(r.medianDaysToDecision)}</td><td>${faNum(r.overdue)}</td><td>${esc(formatBillionRials(BigInt(r.quotaAmount), 'fa', 1))}</td><td>${faPct(r.quotaUsedRate)}</td>
    <td>${esc(formatBillionRials(BigInt(r.directAmount), 'fa', 1))}</td></tr>`;
  return `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
${font ? `@font-face{font-family:Vazirmatn;src:url('${font.url}') format('woff2');font-weight:100 900;}` : ''}
@page{size:A4 landscape;margin:14mm}
body{font-family:Vazirmatn,Tahoma,sans-serif;color:#1b2b26;font-size:11pt}
h1{font-size:15pt;margin:0 0 4mm} .meta{color:#555;margin-bottom:5mm}
table{width:100%;border-collapse:collapse;font-size:9.5pt} th,td{border:1px solid #9fb5ad;padding:2mm 1.6mm;text-align:center}
th{background:#e6f2ee} td.name{text-align:right;white-space:nowrap} tr.total td{font-weight:700;background:#f4f8f6}
.notes{margin-top:5mm;font-size:9pt;color:#333} .notes li{margin-bottom:1mm}
.sign{display:flex;justify-content:space-between;margin-top:14mm} .sign div{width:30%;border-top:1px solid #999;padding-top:2mm;text-align:center}
@media print{.noprint{display:none}}
</style></head><body>
<h1>${esc(title)}</h1>
<div class="meta">دوره: ${esc(periodLabel(s.period.key, 'fa'))} (${esc(formatJalali(s.period.from))} تا ${esc(formatJalali(s.period.to))})؛ مبالغ به میلیارد ریال؛ تهیه‌شده در ${esc(formatJalaliDateTime(ctx.now()))}</div>
<table><thead><tr><th>بانک</th><th>معرفی</th><th>تصمیم</th><th>مصوب</th><th>رد</th><th>پرداخت</th><th>مبلغ پرداختی</th><th>نرخ تصویب</th><th>میانهٔ روز تا تصمیم</th><th>معوق</th><th>سهمیه</th><th>جذب سهمیه</th><th>پرداخت مستقیم</th></tr></thead>
<tbody>${s.items.map(row).join('')}<tr class="total">${row({ ...s.total, bankName: 'جمع استان' }).replace(/^<tr>/, '').replace(/<\/tr>$/, '')}</tr></tbody></table>
<ul class="notes">${Object.values(s.definitions).map((d) => `<li>${esc(d.fa)}</li>`).join('')}
<li>همهٔ ${faNum(s.total.rejected)} مورد رد با دلیل مکتوب (کد دلیل، شرح، شماره و تاریخ نامهٔ بانک) ثبت شده است (${faNum(s.total.rejectionsWithWrittenReason)} مورد با نامه).</li></ul>
<div class="sign"><div>دبیر کارگروه</div><div>نمایندهٔ هماهنگی بانک‌ها</div><div>رئیس کارگروه</div></div>
</body></html>`;
}
