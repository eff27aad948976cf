/** Every comparison table as an Excel sheet (right-to-left, Persian headers), and the bank report printed for a session. */
import ExcelJS from 'exceljs';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../../shared/errors.js';
import { formatBillionRials } from '../../../shared/money.js';
import { formatJalali, formatJalaliDateTime } from '../../../shared/jalali.js';
import { periodLabel } from '../../../shared/periods.js';
import { toPersianDigits } from '../../../shared/text.js';
import type { StatsQuery } from '../../../shared/contracts/stats.js';
import { findMinutesFont } from '../sessions/sessions.service.js';
import { bankStats } from './stats.banks.js';
import { agencyStats } from './stats.agencies.js';
import { provinceStats } from './stats.trend.js';

type Column<T> = { header: string; value: (r: T) => string | number | null; width?: number };

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const bn = (rials: string) => Number(formatBillionRials(BigInt(rials), 'en', 2).replace(/,/g, ''));

async function sheetOf<T>(title: string, subtitle: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tashil';
  const ws = wb.addWorksheet(title.slice(0, 31), { views: [{ rightToLeft: true, state: 'frozen', ySplit: 3 }] });
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([subtitle]);
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F2EE' } };
  });
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r)));
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width ?? 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportStatsTable(ctx: ServiceContext, table: 'banks' | 'agencies' | 'provinces', q: StatsQuery): Promise<{ fileName: string; buffer: Buffer }> {
  const role = ctx.actor.role;
  const allowed = { banks: ['admin', 'secretariat', 'executive', 'bank', 'agency'], agencies: ['admin', 'secretariat', 'executive', 'agency'], provinces: ['admin', 'national'] }[table];
  if (!allowed.includes(role)) throw new AppError('auth.forbidden');
  const generated = `تهیه‌شده در ${formatJalaliDateTime(ctx.now())}`;
  if (table === 'banks') {
    const s = await bankStats(ctx, q);
    const rows = [...s.items, { ...s.total, bankId: 'total', bankName: 'جمع استان', bankNameEn: 'Province total', rankByPaid: null, rankByApproval: null }];
    const buffer = await sheetOf(`عملکرد بانک‌ها — ${periodLabel(s.period.key, 'fa')}`, `${generated}؛ مبالغ به ریال و میلیارد ریال`, [
      { header: 'بانک', value: (r) => r.bankName, width: 28 },
      { header: 'رتبه (پرداخت)', value: (r) => r.rankByPaid },
      { header: 'معرفی‌شده', value: (r) => r.referred },
      { header: 'وصول‌شده', value: (r) => r.received },
      { header: 'تصمیم‌گرفته', value: (r) => r.decided },
      { header: 'مصوب', value: (r) => r.approved },
      { header: 'ردشده', value: (r) => r.rejected },
      { header: 'پرداخت‌شده', value: (r) => r.paid },
      { header: 'معوق', value: (r) => r.overdue },
      { header: 'مبلغ درخواستی (ریال)', value: (r) => r.requestedAmount, width: 22 },
      { header: 'مبلغ مصوب (ریال)', value: (r) => r.approvedAmount, width: 22 },
      { header: 'مبلغ پرداختی (ریال)', value: (r) => r.paidAmount, width: 22 },
      { header: 'مبلغ پرداختی (میلیارد ریال)', value: (r) => bn(r.paidAmount), width: 18 },
      { header: 'نرخ تصویب (٪)', value: (r) => pct(r.approvalRate) },
      { header: 'میانهٔ روز تا تصمیم', value: (r) => r.medianDaysToDecision },
      { header: 'میانهٔ روز تا پرداخت', value: (r) => r.medianDaysToPayment },
      { header: 'سهمیه (ریال)', value: (r) => r.quotaAmount, width: 22 },
      { header: 'جذب سهمیه (٪)', value: (r) => pct(r.quotaUsedRate) },
      { header: 'پرداخت مستقیم بانک (ریال)', value: (r) => r.directAmount, width: 22 },
    ], rows);
    return { fileName: `banks-${s.period.key}.xlsx`, buffer };
  }
  if (table === 'agencies') {
    const s = await agencyStats(ctx, q);
    const buffer = await sheetOf(`کارنامهٔ دستگاه‌ها — ${periodLabel(s.period.key, 'fa')}`, `${generated}؛ ${s.formula.text.fa}`, [
      { header: 'دستگاه', value: (r) => r.agencyName, width: 34 },
      { header: 'امتیاز', value: (r) => r.score },
      { header: 'مطالبات ارجاع‌شده', value: (r) => r.demandsAssigned },
      { header: 'رفع‌شده', value: (r) => r.demandsResolved },
      { header: 'رفع در مهلت', value: (r) => r.demandsResolvedOnTime },
      { header: 'معوق', value: (r) => r.demandsOverdue },
      { header: 'نرخ رفع به‌موقع (٪)', value: (r) => pct(r.onTimeRate) },
      { header: 'میانهٔ روز تا رفع', value: (r) => r.medianDaysToResolve },
      { header: 'معرفی به بانک', value: (r) => r.referralsMade },
      { header: 'معرفی‌های پیگیری‌شده', value: (r) => r.referralsFollowedUp },
      { header: 'مصوبات', value: (r) => r.resolutionsAssigned },
      { header: 'مصوبات سررسیدشده', value: (r) => r.resolutionsDue },
      { header: 'مصوبات اجراشده', value: (r) => r.resolutionsDone },
    ], s.items);
    return { fileName: `agencies-${s.period.key}.xlsx`, buffer };
  }
  const s = await provinceStats(ctx, q);
  const buffer = await sheetOf(`مقایسهٔ استان‌ها — ${periodLabel(s.period.key, 'fa')}`, generated, [
    { header: 'استان', value: (r) => r.provinceName, width: 22 },
    { header: 'واحدها', value: (r) => r.units },
    { header: 'معرفی‌ها', value: (r) => r.referred },
    { header: 'پرداخت‌شده', value: (r) => r.paid },
    { header: 'مبلغ پرداختی (ریال)', value: (r) => r.paidAmount, width: 22 },
    { header: 'سهمیه (ریال)', value: (r) => r.quotaAmount, width: 22 },
    { header: 'جذب سهمیه (٪)', value: (r) => pct(r.quotaUsedRate) },
    { header: 'سهم از سهمیهٔ کشور (٪)', value: (r) => pct(r.shareOfNationalQuota) },
    { header: 'سهم از پرداخت کشور (٪)', value: (r) => pct(r.shareOfNationalPaid) },
  ], s.items);
  return { fileName: `provinces-${s.period.key}.xlsx`, buffer };
}

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
// a median may be a half (12.5): the Persian decimal separator «٫», not a full stop
const faNum = (v: number | string | null, suffix = '') => (v === null ? '—' : esc(toPersianDigits(String(v)).replace('.', '٫') + suffix));
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
