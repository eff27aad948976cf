/** The visits list as a file: the list's own scope (a producer: their unit's), filters and sort. */
import type { Visit } from '../../../shared/contracts/visits.js';
import { listExport, statusColumn, unitNameColumn, type ExportColumn } from '../../sheets/table-file.js';
import { listVisits } from './visits.service.js';

const COLUMNS: ExportColumn<Visit>[] = [
  { header: 'تاریخ بازدید', kind: 'date', value: (v) => v.visitDate, withIso: true },
  unitNameColumn(),
  { header: 'شهرستان', kind: 'text', value: (v) => v.countyName, width: 12 },
  { header: 'شهرک صنعتی', kind: 'text', value: (v) => v.estateName, width: 24 },
  { header: 'تیم بازدید', kind: 'text', value: (v) => v.team, width: 30 },
  statusColumn('visit', 14),
  { header: 'کارکنان مشاهده‌شده', kind: 'count', value: (v) => v.employees },
  { header: 'درصد بهره‌برداری از ظرفیت', kind: 'count', value: (v) => v.capacityUtilization },
  { header: 'مطالبات ثبت‌شده', kind: 'count', value: (v) => v.demandCount },
  { header: 'یافته‌ها', kind: 'text', value: (v) => v.findings, width: 60 },
];

export const exportVisits = listExport(listVisits, { fileBase: 'tashil-visits', sheetName: 'بازدیدهای میدانی', columns: COLUMNS });
