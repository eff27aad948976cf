/** The loan applications list as a file: the list's own scope (a producer their unit's, an agency its programs'), filters and sort. */
import type { ServiceContext } from '../../context.js';
import type { ExportLoanApplicationsQuery, LoanApplication } from '../../../shared/contracts/loan-applications.js';
import { FACILITY_TYPE_FA, statusLabel } from '../../../shared/labels.js';
import { listFile, type ExportColumn, type SheetFile } from '../../sheets/table-file.js';
import { listLoanApplications } from './loan-applications.service.js';

const COLUMNS: ExportColumn<LoanApplication>[] = [
  { header: 'کد رهگیری', kind: 'text', value: (a) => a.code, width: 16 },
  { header: 'واحد صنعتی', kind: 'text', value: (a) => a.unitName, width: 34 },
  { header: 'شناسهٔ ملی واحد', kind: 'text', value: (a) => a.unitNationalId, width: 14 },
  { header: 'شهرستان', kind: 'text', value: (a) => a.countyName, width: 12 },
  { header: 'برنامه', kind: 'text', value: (a) => a.programName, width: 28 },
  { header: 'نوع تسهیلات', kind: 'text', value: (a) => FACILITY_TYPE_FA[a.facilityType] ?? a.facilityType, width: 16 },
  { header: 'مبلغ درخواستی (ریال)', kind: 'rials', value: (a) => a.requestedAmount },
  { header: 'وضعیت', kind: 'text', value: (a) => statusLabel('loan_application', a.status, 'fa'), width: 18 },
  { header: 'تاریخ ارسال', kind: 'instant', value: (a) => a.submittedAt },
  { header: 'تاریخ تصمیم', kind: 'instant', value: (a) => a.decidedAt },
  { header: 'تاریخ معرفی به بانک', kind: 'instant', value: (a) => a.referredAt },
  { header: 'هدف', kind: 'text', value: (a) => a.purpose, width: 40 },
  { header: 'کسری اعلام‌شده', kind: 'text', value: (a) => a.returnNote, width: 30 },
  { header: 'دلیل رد', kind: 'text', value: (a) => (a.reason ? `${a.reason.name ?? a.reason.code}: ${a.reason.text}` : null), width: 30 },
];

export async function exportLoanApplications(ctx: ServiceContext, q: ExportLoanApplicationsQuery): Promise<SheetFile> {
  const { format, ...filters } = q;
  return listFile({
    format,
    fileBase: 'tashil-loan-applications',
    sheetName: 'درخواست‌های تسهیلات',
    columns: COLUMNS,
    fetchPage: (page, pageSize) => listLoanApplications(ctx, { ...filters, page, pageSize }),
  });
}
