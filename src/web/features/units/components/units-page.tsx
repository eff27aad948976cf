import { FilterSelect, ListBody, ListTotal } from '../../../components/list-page.js';
import { Badge, Button, Menu, SimpleGrid, Text } from '@mantine/core';
import { type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { AnchorLink, ButtonLink } from '../../../components/router-links.js';
import { UNIT_STATUSES, type UnitStatus } from '../../../../shared/machines.js';
import type { Role } from '../../../../shared/roles.js';
import { useI18n } from '../../../lib/i18n.js';
import { listFilters } from '../../../lib/list-search.js';
import { exportUrl, type Unit } from '../api/units-api.js';
import { useUnitReference, useUnits } from '../hooks/use-units.js';
import { can } from '../../../lib/authorization.js';
import { SearchInput } from '../../../components/search-input.js';

const PAGE_SIZE = 20;

export const UNIT_STATUS_COLOR: Record<UnitStatus, string> = {
  active: 'brand',
  semi_active: 'yellow',
  idle: 'orange',
  closed: 'red',
};

export interface UnitsSearch {
  q: string;
  countyId: string;
  estateId: string;
  sectorCode: string;
  status: UnitStatus | '';
  page: number;
}

/** The unit list; its search and filters live in the URL (the route passes them in). */
export function UnitsPage({ search, onSearchChange, role }: { search: UnitsSearch; onSearchChange: (next: UnitsSearch) => void; role: Role }) {
  const { t, n, digits, status, language } = useI18n();
  const ref = useUnitReference();
  const filters = listFilters(search);
  const units = useUnits({ ...filters, page: search.page, pageSize: PAGE_SIZE });
  const canWrite = can(role, 'POST /api/v1/units');
  const label = (x: { name: string; nameEn: string }) => (language === 'fa' ? x.name : x.nameEn);

  // Back/forward may change the query under us.
  const setFilter = (patch: Partial<UnitsSearch>) => onSearchChange({ ...search, ...patch, page: 1 });

  const columns: Column<Unit>[] = [
    {
      key: 'name',
      header: t('units.col.name'),
      render: (unit) => (
        <AnchorLink to="/units/$unitId" params={{ unitId: unit.id }} size="sm" fw={500} dir="auto" data-testid="unit-link">
          {unit.name}
        </AnchorLink>
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
    { key: 'estate', header: t('units.filter.estate'), render: (unit) => (unit.estateName ? <bdi>{unit.estateName}</bdi> : '—') },
    {
      key: 'status',
      header: t('units.col.status'),
      render: (unit) => (
        <Badge variant="light" color={UNIT_STATUS_COLOR[unit.status] ?? 'gray'} radius="sm" fw={500}>
          {status('unit', unit.status)}
        </Badge>
      ),
    },
    { key: 'employees', header: t('units.col.employees'), align: 'end', width: 100, render: (unit) => <span className="tabular">{n(unit.employees)}</span> },
    { key: 'capacity', header: t('units.col.capacity'), align: 'end', width: 110, render: (unit) => <span className="tabular">{`${n(unit.capacityUtilization)}٪`}</span> },
  ];

  const estates = ref.estates.filter((e) => !search.countyId || e.countyId === search.countyId);
  return (
    <>
      <PageHeader
        title={t('units.title')}
        subtitle={t('units.subtitle')}
        actions={
          <>
            <ListTotal total={units.data?.total} text={(total) => t('units.total', { total })} testId="units-total" />
            {canWrite ? (
              <>
                <ButtonLink to="/units/new" data-testid="unit-new">
                  {t('units.new')}
                </ButtonLink>
                <ButtonLink to="/units/import" variant="light" data-testid="unit-import">
                  {t('units.import')}
                </ButtonLink>
              </>
            ) : null}
            {can(role, 'GET /api/v1/units/export') ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" data-testid="unit-export">
                    {t('units.export')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item component="a" href={exportUrl('xlsx', filters)} download data-testid="unit-export-xlsx">
                    {t('units.exportXlsx')}
                  </Menu.Item>
                  <Menu.Item component="a" href={exportUrl('csv', filters)} download data-testid="unit-export-csv">
                    {t('units.exportCsv')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        }
      />

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} mb="md">
        <SearchInput
          value={search.q}
          onSearch={(q) => onSearchChange({ ...search, q, page: 1 })}
          delay={300}
          placeholder={t('units.searchPlaceholder')}
          testId="units-search"
        />
        <FilterSelect label={t('units.filter.county')} data={ref.counties.map((c) => ({ value: c.id, label: label(c) }))} value={search.countyId} onChange={(v) => setFilter({ countyId: v, estateId: '' })} testId="units-filter-county" />
        <FilterSelect label={t('units.filter.estate')} data={estates.map((e) => ({ value: e.id, label: label(e) }))} value={search.estateId} onChange={(v) => setFilter({ estateId: v })} searchable testId="units-filter-estate" />
        <FilterSelect label={t('units.filter.sector')} data={ref.sectors.map((s) => ({ value: s.code, label: `${digits(s.code)} — ${label(s)}` }))} value={search.sectorCode} onChange={(v) => setFilter({ sectorCode: v })} searchable testId="units-filter-sector" />
        <FilterSelect label={t('units.filter.status')} data={UNIT_STATUSES.map((s) => ({ value: s, label: status('unit', s) }))} value={search.status} onChange={(v) => setFilter({ status: v as UnitStatus | '' })} testId="units-filter-status" />
      </SimpleGrid>

      <ListBody
        query={units}
        testId="units-table"
        caption={t('units.title')}
        columns={columns}
        rowKey={(unit) => unit.id}
        emptyText={Object.keys(filters).length ? t('units.empty') : t('units.emptyAll')}
        page={search.page}
        pageSize={PAGE_SIZE}
        onPageChange={(page) => onSearchChange({ ...search, page })}
      />
    </>
  );
}
