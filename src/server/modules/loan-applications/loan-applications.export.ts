/** The loan applications list as a file: the list's own scope (a producer their unit's, an agency its programs'), filters and sort. */
import type { LoanApplication } from '../../../shared/contracts/loan-applications.js';
import { FACILITY_TYPE_FA } from '../../../shared/labels.js';
import { listExport, statusColumn, trackingCodeColumn, unitNameColumn, type ExportColumn } from '../../sheets/table-file.js';
import { listLoanApplications } from './loan-applications.service.js';

const COLUMNS: ExportColumn<LoanApplication>[] = [
  trackingCodeColumn(),
  unitNameColumn(),
  { header: 'شناسهٔ ملی واحد', kind: 'text', value: (a) => a.unitNationalId, width: 14 },
  { header: 'شهرستان', kind: 'text', value: (a) => a.countyName, width: 12 },
  { header: 'برنامه', kind: 'text', value: (a) => a.programName, width: 28 },
  { header: 'نوع تسهیلات', kind: 'text', value: (a) => FACILITY_TYPE_FA[a.facilityType] ?? a.facilityType, width: 16 },
  { header: 'مبلغ درخواستی (ریال)', kind: 'rials', value: (a) => a.requestedAmount },
  statusColumn('loan_application', 18),
  { header: 'تاریخ ارسال', kind: 'instant', value: (a) => a.submittedAt },
  { header: 'تاریخ تصمیم', kind: 'instant', value: (a) => a.decidedAt },
  { header: 'تاریخ معرفی به بانک', kind: 'instant', value: (a) => a.referredAt },
  { header: 'هدف', kind: 'text', value: (a) => a.purpose, width: 40 },
  { header: 'کسری اعلام‌شده', kind: 'text', value: (a) => a.returnNote, width: 30 },
  { header: 'دلیل رد', kind: 'text', value: (a) => (a.reason ? `${a.reason.name ?? a.reason.code}: ${a.reason.text}` : null), width: 30 },
];

export const exportLoanApplications = listExport(listLoanApplications, { fileBase: 'tashil-loan-applications', sheetName: 'درخواست‌های تسهیلات', columns: COLUMNS });
