/**
 * The register as a spreadsheet, and the template to fill: Persian headers (the same columns the
 * import reads, so an export imports back unchanged), right-to-left sheets, Persian status words,
 * Jalali dates; .csv in UTF-8 with a BOM.
 */
import { asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { counties, estates, sectors } from '../../db/schema.js';
import {
  UNIT_SHEET_COLUMNS,
  UNIT_SHEET_INFO_COLUMNS,
  UNIT_STATUSES,
  type ExportUnitsQuery,
  type SheetFormat,
  type Unit,
  type UnitSheetField,
} from '../../../shared/contracts/units.js';
import { makeLegalId } from '../../../shared/ids.js';
import { formatJalali, formatJalaliDateTime } from '../../../shared/jalali.js';
import { statusLabel } from '../../../shared/labels.js';
import type { Cell } from '../../sheets/sheet-row.js';
import { writeCsv, writeXlsx, type SheetColumn } from '../../sheets/write-sheet.js';
import { contentTypeOf, type SheetFile } from '../../sheets/table-file.js';
import { queryUnits, unitConditionsSql, unitOrderSql } from './units.repo.js';
import { unitScopeOf } from './units.service.js';

export type { SheetFile };

/** An export stops here: a province's register is far smaller. */
export const EXPORT_MAX_ROWS = 200_000;

const TEXT_FIELDS = new Set<UnitSheetField>(['name', 'nationalId', 'sectorCode', 'sectorName', 'countyId', 'estateId', 'address', 'phone', 'managerName', 'status', 'licenseNo']);
const WIDTHS: Partial<Record<UnitSheetField, number>> = { name: 36, nationalId: 15, sectorCode: 10, sectorName: 30, estateId: 26, address: 40, managerName: 22, status: 12 };

function sheetColumns(): SheetColumn[] {
  return UNIT_SHEET_COLUMNS.map((c) => ({ header: c.fa, width: WIDTHS[c.field] ?? 14, kind: TEXT_FIELDS.has(c.field) ? 'text' : 'number' }));
}

function unitCells(u: Unit): Cell[] {
  const values: Record<UnitSheetField, Cell> = {
    name: u.name,
    nationalId: u.nationalId,
    sectorCode: u.sectorCode,
    sectorName: u.sectorName,
    countyId: u.countyName,
    estateId: u.estateName,
    address: u.address,
    phone: u.phone,
    managerName: u.managerName,
    employees: u.employees,
    capacityUtilization: u.capacityUtilization,
    status: statusLabel('unit', u.status, 'fa'),
    licenseNo: u.licenseNo,
    lat: u.lat,
    lng: u.lng,
  };
  return UNIT_SHEET_COLUMNS.map((c) => values[c.field]);
}

const mime = contentTypeOf;

export async function exportUnits(ctx: ServiceContext, q: ExportUnitsQuery): Promise<SheetFile> {
  const scope = unitScopeOf(ctx);
  const rows = await queryUnits(ctx.db, unitConditionsSql(scope, q), { order: unitOrderSql(q.sort), limit: EXPORT_MAX_ROWS });
  const updated = UNIT_SHEET_INFO_COLUMNS[0];
  const columns: SheetColumn[] = [...sheetColumns(), { header: updated.fa, width: 20, kind: 'text' }];
  function* cells(): Generator<Cell[]> {
    for (const u of rows) {
      yield [...unitCells(u), formatJalaliDateTime(new Date(u.updatedAt))];
    }
  }
  const stamp = formatJalali(ctx.now(), { digits: 'latn' }).replace(/\//g, '-');
  const body = q.format === 'xlsx' ? await writeXlsx([{ name: 'واحدهای صنعتی', columns, rows: cells() }]) : writeCsv(columns, cells());
  return { filename: `tashil-units-${stamp}.${q.format}`, contentType: mime(q.format), body };
}

/** The template: the header row, one example row, and (in .xlsx) a help sheet of accepted values. */
export async function unitImportTemplate(ctx: ServiceContext, format: SheetFormat): Promise<SheetFile> {
  const { provinceId } = unitScopeOf(ctx);
  const [countyRows, estateRows, sectorRows] = await Promise.all([
    ctx.db.select().from(counties).where(eq(counties.provinceId, provinceId)).orderBy(asc(counties.id)),
    ctx.db.select().from(estates).where(eq(estates.provinceId, provinceId)).orderBy(asc(estates.id)),
    ctx.db.select().from(sectors).orderBy(asc(sectors.code)),
  ]);
  const county = countyRows[0];
  const estate = estateRows.find((e) => e.countyId === county?.id);
  const sector = sectorRows.find((s) => s.code === '10') ?? sectorRows[0];
  const example: Record<UnitSheetField, Cell> = {
    name: 'شرکت نمونهٔ صنایع غذایی (این ردیف را پاک کنید)',
    nationalId: makeLegalId('1086000001'),
    sectorCode: sector?.code ?? '',
    sectorName: sector?.name ?? '',
    countyId: county?.name ?? '',
    estateId: estate?.name ?? null,
    address: estate ? `${estate.name}، خیابان ۳، قطعهٔ ۱۲` : null,
    phone: '02532001234',
    managerName: 'نام و نام خانوادگی مدیرعامل',
    employees: 25,
    capacityUtilization: 60,
    status: statusLabel('unit', 'active', 'fa'),
    licenseNo: '12/34567',
    lat: null,
    lng: null,
  };
  const columns = sheetColumns();
  const exampleRow = UNIT_SHEET_COLUMNS.map((c) => example[c.field]);
  if (format === 'csv') return { filename: 'tashil-units-template.csv', contentType: mime('csv'), body: writeCsv(columns, [exampleRow]) };

  const help: Cell[][] = [
    ['ستون‌های الزامی', UNIT_SHEET_COLUMNS.filter((c) => c.required).map((c) => c.fa).join('، ') + '، و «کد آیسیک» یا «رشته فعالیت»', ''],
    ['شناسهٔ ملی', '۱۱ رقم با رقم کنترل درست؛ ارقام فارسی هم پذیرفته است', ''],
    ['تکرار ورود', 'ردیف‌ها با شناسهٔ ملی شناخته می‌شوند: واحد تازه ثبت، واحد موجود به‌روز و ردیف بی‌تغییر رها می‌شود', ''],
    ['', '', ''],
    ['وضعیت', 'کد', ''],
    ...UNIT_STATUSES.map((s): Cell[] => [statusLabel('unit', s, 'fa'), s, '']),
    ['', '', ''],
    ['شهرستان', 'کد', ''],
    ...countyRows.map((c): Cell[] => [c.name, c.id, '']),
    ['', '', ''],
    ['شهرک یا ناحیهٔ صنعتی', 'کد', 'شهرستان'],
    ...estateRows.map((e): Cell[] => [e.name, e.id, countyRows.find((c) => c.id === e.countyId)?.name ?? e.countyId]),
    ['', '', ''],
    ['رشتهٔ فعالیت', 'کد آیسیک', ''],
    ...sectorRows.map((s): Cell[] => [s.name, s.code, '']),
  ];
  const body = await writeXlsx([
    { name: 'واحدها', columns, rows: [exampleRow] },
    { name: 'راهنما', columns: [{ header: 'عنوان', width: 40, kind: 'text' }, { header: 'مقدار', width: 60, kind: 'text' }, { header: '', width: 20, kind: 'text' }], rows: help },
  ]);
  return { filename: 'tashil-units-template.xlsx', contentType: mime('xlsx'), body };
}
