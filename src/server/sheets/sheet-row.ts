/** A sheet's rows as the readers hand them over (CSV and XLSX alike). */
export type Cell = string | number | boolean | null;

export interface SheetRow {
  /** the row number a spreadsheet shows (1-based) */
  row: number;
  /** cells by column, 0-based */
  cells: Cell[];
}
