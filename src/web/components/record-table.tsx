import { Table, type MantineColor } from '@mantine/core';

/** A column's heading: its label, placed at the end (figures) or the centre when told. */
export type HeaderCell = string | { label: string; align: 'end' | 'center' };

/** A table's header row, one heading a column, as the record pages' and the figures' tables write it. */
export function TableHead({ columns, bg }: { columns: readonly HeaderCell[]; bg?: MantineColor }) {
  return (
    <Table.Thead bg={bg}>
      <Table.Tr>
        {columns.map((column, i) =>
          typeof column === 'string' ? (
            <Table.Th key={i}>{column}</Table.Th>
          ) : (
            <Table.Th key={i} ta={column.align}>
              {column.label}
            </Table.Th>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  );
}

/** A heading for a column of figures: at the end of the row, as numbers read. */
export const figureColumn = (label: string): HeaderCell => ({ label, align: 'end' });
