import type { ReactNode } from 'react';
import { Badge, Group, Select, type SelectProps } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ListPagination } from './list-pagination.js';
import { ListTable, type Column, type ListTableProps } from './list-table.js';
import { PageHeader } from './page-header.js';
import { QueryError } from './query-error.js';

/** One page of a list as the API answers it. */
interface PageOf<T> {
  items: T[];
  total: number;
}

/**
 * The frame of every list page (demands, referrals, visits, units, users…): the header with the total and the
 * page's buttons, the filter bar, the table (or the error with a retry) and the pagination. The filters themselves
 * live in the URL, owned by the page; changing one goes back to page 1 (`patchSearch`).
 */
export function ListPage<T>({
  title,
  subtitle,
  total,
  actions,
  intro,
  filters,
  query,
  columns,
  rowKey,
  emptyText,
  testId,
  page,
  pageSize,
  onPageChange,
}: {
  title: string;
  subtitle?: ReactNode;
  /** the total's badge text, given the total ("۵۸ مطالبه"); its test id is `${testId}-total` */
  total?: (total: number) => string;
  actions?: ReactNode;
  /** what stands between the header and the filters (a calendar, a heading) */
  intro?: ReactNode;
  filters?: ReactNode;
  query: ListQuery<T>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  emptyText: string;
  /** the table's test id (`demands-table`); the total badge gets the same prefix */
  testId: string;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
}) {
  const data = query.data;
  const prefix = testId.replace(/-table$/, '');
  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        actions={
          total || actions ? (
            <Group gap="xs">
              {total ? <ListTotal total={data?.total} text={total} testId={`${prefix}-total`} /> : null}
              {actions}
            </Group>
          ) : undefined
        }
      />
      {intro}
      {filters ? (
        <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
          {filters}
        </Group>
      ) : null}
      <ListBody query={query} testId={testId} caption={title} columns={columns} rowKey={rowKey} emptyText={emptyText} page={page} pageSize={pageSize} onPageChange={onPageChange} />
    </>
  );
}

/** A list's total as a badge in its header ("۵۸ مطالبه"), once the list has arrived. */
export function ListTotal({ total, text, testId }: { total: number | undefined; text: (total: number) => string; testId?: string }) {
  if (total === undefined) return null;
  return (
    <Badge size="lg" variant="light" color="gray" radius="sm" fw={500} data-testid={testId}>
      {text(total)}
    </Badge>
  );
}

type ListQuery<T> = Pick<UseQueryResult<PageOf<T>>, 'data' | 'isError' | 'error' | 'refetch' | 'isPlaceholderData'>;

/** A list's body under whatever header its page has: the table (or the error with a retry) and the pagination. */
export function ListBody<T>({
  query,
  page,
  pageSize,
  onPageChange,
  ...table
}: Omit<ListTableProps<T>, 'rows' | 'stale'> & { query: ListQuery<T>; page: number; pageSize: number; onPageChange: (page: number) => void }) {
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      <ListTable {...table} rows={query.data?.items} stale={query.isPlaceholderData} />
      {query.data ? <ListPagination page={page} pageSize={pageSize} total={query.data.total} onChange={onPageChange} /> : null}
    </>
  );
}

/** A list filter's dropdown: its label is its placeholder, it clears to "all" (''), and the URL keeps '' for none. */
export function FilterSelect({
  label,
  value,
  onChange,
  testId,
  ...rest
}: { label: string; value: string; onChange: (value: string) => void; testId?: string } & Omit<SelectProps, 'value' | 'onChange' | 'label'>) {
  return (
    <Select
      aria-label={label}
      placeholder={label}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      clearable
      data-testid={testId}
      {...rest}
    />
  );
}

/** A filter changed: the new search, back on page 1. */
export function patchSearch<S extends { page: number }>(search: S, onSearchChange: (next: S) => void) {
  return (patch: Partial<S>) => onSearchChange({ ...search, page: 1, ...patch });
}
