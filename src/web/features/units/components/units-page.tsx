import { Badge, Group, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { ListPagination } from '../../../components/list-pagination.js';
import { ListTable, type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { SearchIcon } from '../../../components/icons.js';
import type { UnitStatus } from '../../../../shared/machines.js';
import { useI18n } from '../../../lib/i18n.js';
import type { Unit } from '../api/units-api.js';
import { useUnits } from '../hooks/use-units.js';

const PAGE_SIZE = 20;

const STATUS_COLOR: Record<UnitStatus, string> = {
  active: 'brand',
  semi_active: 'yellow',
  idle: 'orange',
  closed: 'red',
};

export interface UnitsSearch {
  q: string;
  page: number;
}

/** The unit list; its search lives in the URL (the route passes it in). */
export function UnitsPage({
  search,
  onSearchChange,
}: {
  search: UnitsSearch;
  onSearchChange: (next: UnitsSearch) => void;
}) {
  const { t, n, digits, status } = useI18n();
  const [text, setText] = useState(search.q);
  const units = useUnits({ q: search.q || undefined, page: search.page, pageSize: PAGE_SIZE });

  // Back/forward may change the query under us.
  useEffect(() => setText(search.q), [search.q]);

  const pushQuery = useDebouncedCallback((value: string) => {
    onSearchChange({ q: value.trim(), page: 1 });
  }, 350);

  const columns: Column<Unit>[] = [
    {
      key: 'name',
      header: t('units.col.name'),
      render: (unit) => (
        <Text span size="sm" fw={500} dir="auto">
          {unit.name}
        </Text>
      ),
    },
    {
      key: 'nationalId',
      header: t('units.col.nationalId'),
      render: (unit) => (
        <Text size="sm" c="dark.5" className="tabular">
          {digits(unit.nationalId)}
        </Text>
      ),
    },
    { key: 'county', header: t('units.col.county'), render: (unit) => <bdi>{unit.countyName}</bdi> },
    {
      key: 'status',
      header: t('units.col.status'),
      render: (unit) => (
        <Badge variant="light" color={STATUS_COLOR[unit.status] ?? 'gray'} radius="sm" fw={500}>
          {status('unit', unit.status)}
        </Badge>
      ),
    },
    {
      key: 'employees',
      header: t('units.col.employees'),
      align: 'end',
      width: 110,
      render: (unit) => <span className="tabular">{n(unit.employees)}</span>,
    },
  ];

  const data = units.data;
  return (
    <>
      <PageHeader
        title={t('units.title')}
        subtitle={t('units.subtitle')}
        actions={
          data ? (
            <Badge size="lg" variant="light" color="gray" radius="sm" fw={500} data-testid="units-total">
              {t('units.total', { total: data.total })}
            </Badge>
          ) : null
        }
      />

      <Group mb="md">
        <TextInput
          type="search"
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            pushQuery(event.currentTarget.value);
          }}
          placeholder={t('units.searchPlaceholder')}
          aria-label={t('common.search')}
          leftSection={<SearchIcon size={16} />}
          w={{ base: '100%', sm: 380 }}
          data-testid="units-search"
        />
      </Group>

      {units.isError ? (
        <QueryError error={units.error} onRetry={() => void units.refetch()} />
      ) : (
        <>
          <ListTable
            testId="units-table"
            caption={t('units.title')}
            columns={columns}
            rows={data?.items}
            rowKey={(unit) => unit.id}
            emptyText={search.q ? t('units.empty') : t('units.emptyAll')}
            stale={units.isPlaceholderData}
          />
          {data ? (
            <ListPagination
              page={search.page}
              pageSize={PAGE_SIZE}
              total={data.total}
              onChange={(page) => onSearchChange({ q: search.q, page })}
            />
          ) : null}
        </>
      )}
    </>
  );
}
