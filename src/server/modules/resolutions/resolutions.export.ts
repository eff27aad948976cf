/** The resolutions list as a file: the list's own scope (an agency: those naming it), filters and sort. */
import type { Resolution } from '../../../shared/contracts/resolutions.js';
import { listExport, overdueColumn, statusColumn, trackingCodeColumn, unitNameColumn, type ExportColumn } from '../../sheets/table-file.js';
import { listResolutions } from './resolutions.service.js';

const CAUSE: Record<string, string> = { agency: 'دستگاه اجرایی', producer: 'واحد تولیدی', external: 'عوامل بیرونی' };

const COLUMNS: ExportColumn<Resolution>[] = [
  trackingCodeColumn(),
  { header: 'سال جلسه', kind: 'count', value: (r) => r.fiscalYear },
  { header: 'شمارهٔ جلسه', kind: 'count', value: (r) => r.sessionNumber },
  { header: 'تاریخ جلسه', kind: 'date', value: (r) => r.sessionHeldOn },
  { header: 'متن مصوبه', kind: 'text', value: (r) => r.text, width: 60 },
  { header: 'دستگاه‌های مسئول', kind: 'text', value: (r) => r.agencies.map((a) => a.name).join('، '), width: 34 },
  unitNameColumn(30),
  { header: 'مهلت', kind: 'date', value: (r) => r.dueDate, withIso: true },
  statusColumn('resolution', 14),
  overdueColumn(),
  { header: 'روزهای مانده تا مهلت', kind: 'count', value: (r) => r.daysLeft },
  { header: 'تاریخ ابلاغ', kind: 'instant', value: (r) => r.notifiedAt },
  { header: 'علت اجرانشدن', kind: 'text', value: (r) => (r.notDoneCause ? (CAUSE[r.notDoneCause] ?? r.notDoneCause) : null), width: 16 },
];

export const exportResolutions = listExport(listResolutions, { fileBase: 'tashil-resolutions', sheetName: 'مصوبات', columns: COLUMNS });
