import ExcelJS from 'exceljs';

/** The workbook an .xlsx answer carries, read back for a test's checks. */
export async function workbookOf(res: { rawPayload: Buffer }): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}
