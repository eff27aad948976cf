import { Badge, Group, Select, Switch, Text } from '@mantine/core';
import { AnchorLink, ButtonLink } from '../../../components/router-links.js';
import { ListPagination } from '../../../components/list-pagination.js';
import { ListTable, type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { DEMAND_STATUSES } from '../../../../shared/machines.js';
import type { Role } from '../../../../shared/roles.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { referenceName, useReferenceList, useAgencyOptions } from '../../../lib/reference.js';
import type { Demand, DemandStatus } from '../api/demands-api.js';
import { useDemands } from '../hooks/use-demands.js';
import { DaysLeft, DemandStatusBadge, PriorityBadge } from './demand-badges.js';
import { can, scopeOf } from '../../../lib/authorization.js';
import { SearchInput } from '../../../components/search-input.js';
import { TrackingCode } from '../../../components/tracking-code.js';

const PAGE_SIZE = 25;

export interface DemandsSearch {
  q: string;
  status: DemandStatus | '';
  categoryCode: string;
  agencyId: string;
  countyId: string;
  overdue: boolean;
  page: number;
}

export const EMPTY_DEMANDS_SEARCH: DemandsSearch = { q: '', status: '', categoryCode: '', agencyId: '', countyId: '', overdue: false, page: 1 };

/** The demand list with its filters (in the URL); a producer sees their own unit's demands. */
export function DemandsPage({ role, search, onSearchChange }: { role: Role; search: DemandsSearch; onSearchChange: (next: DemandsSearch) => void }) {
  const { t, language, status } = useI18n();
  const categories = useReferenceList('obstacle-categories');
  const agencyOptions = useAgencyOptions();
  const counties = useReferenceList('counties');
  const demands = useDemands({
    page: search.page,
    pageSize: PAGE_SIZE,
    q: search.q || undefined,
    status: search.status || undefined,
    categoryCode: search.categoryCode || undefined,
    agencyId: search.agencyId || undefined,
    countyId: search.countyId || undefined,
    overdue: search.overdue || undefined,
  });
  const set = (patch: Partial<DemandsSearch>) => onSearchChange({ ...search, page: 1, ...patch });
  const canRegister = can(role, 'POST /api/v1/demands');
  const producer = scopeOf(role) === 'unitId';
  const oneAgency = scopeOf(role) === 'agencyId';

  const columns: Column<Demand>[] = [
    {
      key: 'code',
      header: t('demands.col.code'),
      width: 150,
      render: (d) => (
        <AnchorLink to="/demands/$demandId" params={{ demandId: d.id }} size="sm" className="tabular" data-testid="demand-link">
          <TrackingCode code={d.code} />
        </AnchorLink>
      ),
    },
    {
      key: 'title',
      header: t('demands.col.title'),
      render: (d) => (
        <Text size="sm" fw={500} dir="auto" lineClamp={2}>
          {d.title}
        </Text>
      ),
    },
    ...(producer ? [] : [{ key: 'unit', header: t('demands.col.unit'), render: (d: Demand) => <Text size="sm" dir="auto">{d.unitName}</Text> }]),
    { key: 'category', header: t('demands.col.category'), render: (d) => <Text size="sm">{d.categoryName}</Text> },
    ...(oneAgency ? [] : [{ key: 'agency', header: t('demands.col.agency'), render: (d: Demand) => <Text size="sm">{d.agencyName ?? '—'}</Text> }]),
    { key: 'status', header: t('demands.col.status'), render: (d) => <DemandStatusBadge status={d.status} /> },
    { key: 'priority', header: t('demands.col.priority'), render: (d) => <PriorityBadge priority={d.priority} /> },
    {
      key: 'due',
      header: t('demands.col.dueDate'),
      render: (d) => (
        <Group gap={6} wrap="nowrap">
          <Text span size="sm" className="tabular">
            {formatDate(d.dueDate, language)}
          </Text>
          <DaysLeft daysLeft={d.daysLeft} />
        </Group>
      ),
    },
  ];

  const data = demands.data;
  const options = <T extends { code: string; name: string; nameEn: string }>(items: T[] | undefined) =>
    (items ?? []).map((i) => ({ value: i.code, label: referenceName(i, language) }));
  return (
    <>
      <PageHeader
        title={producer ? t('demands.titleProducer') : t('demands.title')}
        subtitle={t('demands.subtitle')}
        actions={
          <>
            {data ? (
              <Badge size="lg" variant="light" color="gray" radius="sm" fw={500} data-testid="demands-total">
                {t('demands.total', { total: data.total })}
              </Badge>
            ) : null}
            {canRegister ? (
              <ButtonLink to="/demands/new" data-testid="new-demand">
                {t('demands.new')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <SearchInput
          value={search.q}
          onSearch={(q) => set({ q })}
          placeholder={t('demands.searchPlaceholder')}
          w={{ base: '100%', sm: 260 }}
          testId="demands-search"
        />
        <Select
          aria-label={t('demands.col.status')}
          placeholder={t('demands.filter.status')}
          data={DEMAND_STATUSES.map((s) => ({ value: s, label: status('demand', s) }))}
          value={search.status || null}
          onChange={(v) => set({ status: (v ?? '') as DemandStatus | '' })}
          clearable
          w={180}
          data-testid="filter-status"
        />
        <Select
          aria-label={t('demands.col.category')}
          placeholder={t('demands.filter.category')}
          data={options(categories.data)}
          value={search.categoryCode || null}
          onChange={(v) => set({ categoryCode: v ?? '' })}
          clearable
          searchable
          w={210}
        />
        {oneAgency ? null : (
          <Select
            aria-label={t('demands.col.agency')}
            placeholder={t('demands.filter.agency')}
            data={agencyOptions.data} filter={agencyOptions.filter}
            value={search.agencyId || null}
            onChange={(v) => set({ agencyId: v ?? '' })}
            clearable
            searchable
            w={230}
          />
        )}
        {producer ? null : (
          <Select
            aria-label={t('demands.filter.county')}
            placeholder={t('demands.filter.county')}
            data={options(counties.data)}
            value={search.countyId || null}
            onChange={(v) => set({ countyId: v ?? '' })}
            clearable
            w={150}
          />
        )}
        <Switch
          label={t('demands.filter.overdue')}
          checked={search.overdue}
          onChange={(e) => set({ overdue: e.currentTarget.checked })}
          color="red"
          mb={6}
          data-testid="filter-overdue"
        />
      </Group>
      {demands.isError ? (
        <QueryError error={demands.error} onRetry={() => void demands.refetch()} />
      ) : (
        <>
          <ListTable
            testId="demands-table"
            caption={t('demands.title')}
            columns={columns}
            rows={data?.items}
            rowKey={(d) => d.id}
            emptyText={t('demands.empty')}
            stale={demands.isPlaceholderData}
          />
          {data ? <ListPagination page={search.page} pageSize={PAGE_SIZE} total={data.total} onChange={(page) => onSearchChange({ ...search, page })} /> : null}
        </>
      )}
    </>
  );
}
