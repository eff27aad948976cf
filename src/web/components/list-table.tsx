import { Paper, Skeleton, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  header: string;
  render: (row: Row) => ReactNode;
  /** Logical alignment: `start` is right in Persian, left in English. */
  align?: 'start' | 'end' | 'center';
  width?: number | string;
}

export interface ListTableProps<Row> {
  columns: readonly Column<Row>[];
  rows: readonly Row[] | undefined;
  rowKey: (row: Row) => string;
  emptyText: string;
  /** True while the rows on screen are an earlier page's, shown until the new one arrives. */
  stale?: boolean;
  skeletonRows?: number;
  caption?: string;
  testId?: string;
}

/** A bordered, striped table of records; skeleton rows on first load. */
export function ListTable<Row>({
  columns,
  rows,
  rowKey,
  emptyText,
  stale = false,
  skeletonRows = 8,
  caption,
  testId,
}: ListTableProps<Row>) {
  return (
    <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={640}>
        <Table
          striped
          highlightOnHover
          data-testid={testId}
          aria-busy={rows === undefined || stale}
          style={{ opacity: stale ? 0.6 : 1, transition: 'opacity 120ms' }}
        >
          {caption ? <caption style={{ position: 'absolute', clip: 'rect(0 0 0 0)' }}>{caption}</caption> : null}
          <Table.Thead bg="gray.0">
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.key} ta={column.align ?? 'start'} w={column.width} fw={600} c="dark.6">
                  {column.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows === undefined
              ? Array.from({ length: skeletonRows }, (_, index) => (
                  <Table.Tr key={index}>
                    {columns.map((column) => (
                      <Table.Td key={column.key}>
                        <Skeleton height={12} radius="sm" width="70%" />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))
              : rows.map((row) => (
                  <Table.Tr key={rowKey(row)}>
                    {columns.map((column) => (
                      <Table.Td key={column.key} ta={column.align ?? 'start'}>
                        {column.render(row)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
            {rows !== undefined && rows.length === 0 ? <EmptyTableRow colSpan={columns.length} py="xl" text={emptyText} /> : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** The one row of a table with nothing to show: what it would list, said in a line across the columns. */
export function EmptyTableRow({ colSpan, text, py = 'lg' }: { colSpan: number; text: ReactNode; py?: 'lg' | 'xl' }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text c="dimmed" ta="center" py={py} size="sm">
          {text}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
