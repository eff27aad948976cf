/** The demands list as a file: the list's own scope, filters and sort (listDemands), Persian headers. */
import type { Demand } from '../../../shared/contracts/demands.js';
import { listExport, overdueColumn, statusColumn, trackingCodeColumn, unitNameColumn, type ExportColumn } from '../../sheets/table-file.js';
import { listDemands } from './demands.service.js';

const PRIORITY: Record<Demand['priority'], string> = { low: 'کم', normal: 'عادی', high: 'زیاد', urgent: 'فوری' };

const COLUMNS: ExportColumn<Demand>[] = [
  trackingCodeColumn(),
  unitNameColumn(),
  { header: 'شهرستان', kind: 'text', value: (d) => d.countyName, width: 12 },
  { header: 'دستهٔ مانع', kind: 'text', value: (d) => d.categoryName, width: 22 },
  { header: 'عنوان', kind: 'text', value: (d) => d.title, width: 40 },
  { header: 'شرح', kind: 'text', value: (d) => d.description, width: 50 },
  { header: 'دستگاه مسئول', kind: 'text', value: (d) => d.agencyName, width: 28 },
  { header: 'اولویت', kind: 'text', value: (d) => PRIORITY[d.priority], width: 9 },
  statusColumn('demand', 18),
  { header: 'تاریخ ثبت', kind: 'instant', value: (d) => d.createdAt },
  { header: 'مهلت', kind: 'date', value: (d) => d.dueDate, withIso: true },
  overdueColumn(),
  { header: 'روزهای مانده تا مهلت', kind: 'count', value: (d) => d.daysLeft },
  { header: 'عمر مطالبه (روز)', kind: 'count', value: (d) => d.ageDays },
  { header: 'تاریخ بسته‌شدن', kind: 'instant', value: (d) => d.resolvedAt },
];

export const exportDemands = listExport(listDemands, { fileBase: 'tashil-demands', sheetName: 'مطالبات', columns: COLUMNS });
