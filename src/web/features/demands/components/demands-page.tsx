import { Group, Switch, Text } from '@mantine/core';
import { linkOptions } from '@tanstack/react-router';
import { ButtonLink } from '../../../components/router-links.js';
import { codeColumn } from '../../../components/list-columns.js';
import { FilterSelect, ListPage, patchSearch } from '../../../components/list-page.js';
import { ExportMenu } from '../../../components/export-menu.js';
import { type Column } from '../../../components/list-table.js';
import { DEMAND_STATUSES } from '../../../../shared/machines.js';
import type { Role } from '../../../../shared/roles.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { listFilters } from '../../../lib/list-search.js';
import { referenceName, useReferenceList, useAgencyOptions } from '../../../lib/reference.js';
import type { Demand, DemandStatus } from '../api/demands-api.js';
import { useDemands } from '../hooks/use-demands.js';
import { DaysLeft, DemandStatusBadge, PriorityBadge } from './demand-badges.js';
import { can, scopeOf } from '../../../lib/authorization.js';
import { SearchInput } from '../../../components/search-input.js';

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
  const filters = listFilters(search);
  const demands = useDemands({ page: search.page, pageSize: PAGE_SIZE, ...filters });
  const set = patchSearch(search, onSearchChange);
  const canRegister = can(role, 'POST /api/v1/demands');
  const producer = scopeOf(role) === 'unitId';
  const oneAgency = scopeOf(role) === 'agencyId';

  const columns: Column<Demand>[] = [
    codeColumn({ header: t('demands.col.code'), link: (d) => linkOptions({ to: '/demands/$demandId', params: { demandId: d.id } }), testId: 'demand-link' }),
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

  const options = <T extends { code: string; name: string; nameEn: string }>(items: T[] | undefined) =>
    (items ?? []).map((i) => ({ value: i.code, label: referenceName(i, language) }));
  return (
    <ListPage
      title={producer ? t('demands.titleProducer') : t('demands.title')}
      subtitle={t('demands.subtitle')}
      total={(total) => t('demands.total', { total })}
      actions={
        <>
          {can(role, 'GET /api/v1/demands/export') ? <ExportMenu path="/demands/export" query={filters} testId="demands-export" /> : null}
          {canRegister ? (
            <ButtonLink to="/demands/new" data-testid="new-demand">
              {t('demands.new')}
            </ButtonLink>
          ) : null}
        </>
      }
      filters={
        <>
          <SearchInput value={search.q} onSearch={(q) => set({ q })} placeholder={t('demands.searchPlaceholder')} w={{ base: '100%', sm: 260 }} testId="demands-search" />
          <FilterSelect
            label={t('demands.col.status')}
            placeholder={t('demands.filter.status')}
            data={DEMAND_STATUSES.map((s) => ({ value: s, label: status('demand', s) }))}
            value={search.status}
            onChange={(v) => set({ status: v as DemandStatus | '' })}
            w={180}
            testId="filter-status"
          />
          <FilterSelect label={t('demands.col.category')} placeholder={t('demands.filter.category')} data={options(categories.data)} value={search.categoryCode} onChange={(categoryCode) => set({ categoryCode })} searchable w={210} />
          {oneAgency ? null : <FilterSelect label={t('demands.col.agency')} placeholder={t('demands.filter.agency')} data={agencyOptions.data} filter={agencyOptions.filter} value={search.agencyId} onChange={(agencyId) => set({ agencyId })} searchable w={230} />}
          {producer ? null : <FilterSelect label={t('demands.filter.county')} data={options(counties.data)} value={search.countyId} onChange={(countyId) => set({ countyId })} w={150} />}
          <Switch label={t('demands.filter.overdue')} checked={search.overdue} onChange={(e) => set({ overdue: e.currentTarget.checked })} color="red" mb={6} data-testid="filter-overdue" />
        </>
      }
      query={demands}
      columns={columns}
      rowKey={(d) => d.id}
      emptyText={t('demands.empty')}
      testId="demands-table"
      page={search.page}
      pageSize={PAGE_SIZE}
      onPageChange={(page) => onSearchChange({ ...search, page })}
    />
  );
}
