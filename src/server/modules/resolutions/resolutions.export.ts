/** The resolutions list as a file: the list's own scope (an agency: those naming it), filters and sort. */
import type { ServiceContext } from '../../context.js';
import type { ExportResolutionsQuery, Resolution } from '../../../shared/contracts/resolutions.js';
import { statusLabel } from '../../../shared/labels.js';
import { listFile, type ExportColumn, type SheetFile } from '../../sheets/table-file.js';
import { listResolutions } from './resolutions.service.js';

const CAUSE: Record<string, string> = { agency: 'دستگاه اجرایی', producer: 'واحد تولیدی', external: 'عوامل بیرونی' };

const COLUMNS: ExportColumn<Resolution>[] = [
  { header: 'کد رهگیری', kind: 'text', value: (r) => r.code, width: 16 },
  { header: 'سال جلسه', kind: 'count', value: (r) => r.fiscalYear },
  { header: 'شمارهٔ جلسه', kind: 'count', value: (r) => r.sessionNumber },
  { header: 'تاریخ جلسه', kind: 'date', value: (r) => r.sessionHeldOn },
  { header: 'متن مصوبه', kind: 'text', value: (r) => r.text, width: 60 },
  { header: 'دستگاه‌های مسئول', kind: 'text', value: (r) => r.agencies.map((a) => a.name).join('، '), width: 34 },
  { header: 'واحد صنعتی', kind: 'text', value: (r) => r.unitName, width: 30 },
  { header: 'مهلت', kind: 'date', value: (r) => r.dueDate, withIso: true },
  { header: 'وضعیت', kind: 'text', value: (r) => statusLabel('resolution', r.status, 'fa'), width: 14 },
  { header: 'معوق', kind: 'text', value: (r) => (r.overdue ? 'بله' : 'خیر'), width: 7 },
  { header: 'روزهای مانده تا مهلت', kind: 'count', value: (r) => r.daysLeft },
  { header: 'تاریخ ابلاغ', kind: 'instant', value: (r) => r.notifiedAt },
  { header: 'علت اجرانشدن', kind: 'text', value: (r) => (r.notDoneCause ? (CAUSE[r.notDoneCause] ?? r.notDoneCause) : null), width: 16 },
];

export async function exportResolutions(ctx: ServiceContext, q: ExportResolutionsQuery): Promise<SheetFile> {
  const { format, ...filters } = q;
  return listFile({
    format,
    fileBase: 'tashil-resolutions',
    sheetName: 'مصوبات',
    columns: COLUMNS,
    fetchPage: (page, pageSize) => listResolutions(ctx, { ...filters, page, pageSize }),
  });
}
