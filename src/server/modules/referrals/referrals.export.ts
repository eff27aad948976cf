/** The referrals list as a file: the list's own scope (a bank its own, an agency those it made…), filters and sort. */
import type { Referral } from '../../../shared/contracts/referrals.js';
import { FACILITY_TYPE_FA } from '../../../shared/labels.js';
import { listExport, overdueColumn, statusColumn, trackingCodeColumn, unitNameColumn, type ExportColumn } from '../../sheets/table-file.js';
import { listReferrals } from './referrals.service.js';

const COLUMNS: ExportColumn<Referral>[] = [
  trackingCodeColumn(),
  unitNameColumn(),
  { header: 'شناسهٔ ملی واحد', kind: 'text', value: (r) => r.unitNationalId, width: 14 },
  { header: 'دستگاه معرف', kind: 'text', value: (r) => r.agencyName, width: 26 },
  { header: 'بانک', kind: 'text', value: (r) => r.bankName, width: 22 },
  { header: 'شعبه', kind: 'text', value: (r) => r.branchName, width: 22 },
  { header: 'محل تسهیلات', kind: 'text', value: (r) => r.programName, width: 18 },
  { header: 'نوع تسهیلات', kind: 'text', value: (r) => FACILITY_TYPE_FA[r.facilityType] ?? r.facilityType, width: 16 },
  { header: 'تاریخ معرفی', kind: 'date', value: (r) => r.referralDate, withIso: true },
  { header: 'شماره نامه', kind: 'text', value: (r) => r.letterNo, width: 14 },
  statusColumn('referral', 14),
  { header: 'مبلغ درخواستی (ریال)', kind: 'rials', value: (r) => r.requestedAmount },
  { header: 'مبلغ مصوب (ریال)', kind: 'rials', value: (r) => r.approvedAmount },
  { header: 'مبلغ پرداختی (ریال)', kind: 'rials', value: (r) => r.paidAmount },
  { header: 'تاریخ وصول در بانک', kind: 'instant', value: (r) => r.receivedAt },
  { header: 'تاریخ تصمیم', kind: 'instant', value: (r) => r.decidedAt },
  { header: 'تاریخ پرداخت', kind: 'date', value: (r) => r.paidDate },
  { header: 'روز تا تصمیم', kind: 'count', value: (r) => r.daysToDecision },
  overdueColumn(),
  { header: 'دلیل رد', kind: 'text', value: (r) => r.reason?.name ?? null, width: 22 },
  { header: 'شرح دلیل رد', kind: 'text', value: (r) => r.reason?.text ?? null, width: 40 },
  { header: 'نامهٔ رد', kind: 'text', value: (r) => (r.reason ? `${r.reason.letterNo} — ${r.reason.letterDate}` : null), width: 22 },
];

export const exportReferrals = listExport(listReferrals, { fileBase: 'tashil-referrals', sheetName: 'معرفی به بانک', columns: COLUMNS });
