/** The demands list as a file: the list's own scope, filters and sort (listDemands), Persian headers. */
import type { ServiceContext } from '../../context.js';
import type { Demand, ExportDemandsQuery } from '../../../shared/contracts/demands.js';
import { statusLabel } from '../../../shared/labels.js';
import { listFile, type ExportColumn, type SheetFile } from '../../sheets/table-file.js';
import { listDemands } from './demands.service.js';

const PRIORITY: Record<Demand['priority'], string> = { low: 'کم', normal: 'عادی', high: 'زیاد', urgent: 'فوری' };

const COLUMNS: ExportColumn<Demand>[] = [
  { header: 'کد رهگیری', kind: 'text', value: (d) => d.code, width: 16 },
  { header: 'واحد صنعتی', kind: 'text', value: (d) => d.unitName, width: 34 },
  { header: 'شهرستان', kind: 'text', value: (d) => d.countyName, width: 12 },
  { header: 'دستهٔ مانع', kind: 'text', value: (d) => d.categoryName, width: 22 },
  { header: 'عنوان', kind: 'text', value: (d) => d.title, width: 40 },
  { header: 'شرح', kind: 'text', value: (d) => d.description, width: 50 },
  { header: 'دستگاه مسئول', kind: 'text', value: (d) => d.agencyName, width: 28 },
  { header: 'اولویت', kind: 'text', value: (d) => PRIORITY[d.priority], width: 9 },
  { header: 'وضعیت', kind: 'text', value: (d) => statusLabel('demand', d.status, 'fa'), width: 18 },
  { header: 'تاریخ ثبت', kind: 'instant', value: (d) => d.createdAt },
  { header: 'مهلت', kind: 'date', value: (d) => d.dueDate, withIso: true },
  { header: 'معوق', kind: 'text', value: (d) => (d.overdue ? 'بله' : 'خیر'), width: 7 },
  { header: 'روزهای مانده تا مهلت', kind: 'count', value: (d) => d.daysLeft },
  { header: 'عمر مطالبه (روز)', kind: 'count', value: (d) => d.ageDays },
  { header: 'تاریخ بسته‌شدن', kind: 'instant', value: (d) => d.resolvedAt },
];

export async function exportDemands(ctx: ServiceContext, q: ExportDemandsQuery): Promise<SheetFile> {
  const { format, ...filters } = q;
  return listFile({
    format,
    fileBase: 'tashil-demands',
    sheetName: 'مطالبات',
    columns: COLUMNS,
    fetchPage: (page, pageSize) => listDemands(ctx, { ...filters, page, pageSize }),
  });
}
