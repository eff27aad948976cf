import { Badge, Card, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { AnchorLink, ButtonLink } from '../../../components/router-links.js';
import { ListPage } from '../../../components/list-page.js';
import { ExportMenu } from '../../../components/export-menu.js';
import { type Column } from '../../../components/list-table.js';
import { QueryError } from '../../../components/query-error.js';
import { CalendarIcon } from '../../../components/icons.js';
import { addDays, daysBetween } from '../../../../shared/jalali.js';
import type { Role } from '../../../../shared/roles.js';
import { formatDate, formatDateWithWeekday, todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { listFilters } from '../../../lib/list-search.js';
import type { Visit, VisitStatus } from '../api/visits-api.js';
import { useVisits } from '../hooks/use-visits.js';
import { can } from '../../../lib/authorization.js';
import { SearchInput } from '../../../components/search-input.js';

const PAGE_SIZE = 20;
const UPCOMING_DAYS = 60;

export const VISIT_STATUS_COLOR: Record<VisitStatus, string> = { planned: 'blue', done: 'green', cancelled: 'gray' };

export interface VisitsSearch {
  status: VisitStatus | '';
  q: string;
  page: number;
}

/** The calendar of upcoming visits, by day (Jalali), then every visit recorded. */
function Upcoming() {
  const { t, language } = useI18n();
  const today = todayInTehran();
  const planned = useVisits({ page: 1, pageSize: 200, status: 'planned', from: today, to: addDays(today, UPCOMING_DAYS), sort: 'visitDate' });
  if (planned.isError) return <QueryError error={planned.error} onRetry={() => void planned.refetch()} />;
  if (!planned.data) return <Skeleton height={140} radius="md" />;
  const byDay = new Map<string, Visit[]>();
  for (const v of planned.data.items) byDay.set(v.visitDate, [...(byDay.get(v.visitDate) ?? []), v]);
  return (
    <Paper withBorder radius="md" p="md" mb="xl" data-testid="visit-calendar">
      <Group gap="xs" mb="md">
        <CalendarIcon size={18} />
        <Title order={2} fz="lg">
          {t('visits.upcoming', { days: UPCOMING_DAYS })}
        </Title>
      </Group>
      {byDay.size === 0 ? (
        <Text size="sm" c="dimmed">
          {t('visits.noneUpcoming')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {[...byDay.entries()].map(([day, visits]) => (
            <Card key={day} withBorder radius="md" padding="sm" data-testid="calendar-day">
              <Group justify="space-between" mb="xs" wrap="nowrap">
                <Text fw={700} size="sm">
                  {formatDateWithWeekday(day, language)}
                </Text>
                <Badge variant="light" radius="sm" className="tabular">
                  {day === today ? t('visits.today') : t('visits.inDays', { days: daysBetween(today, day) })}
                </Badge>
              </Group>
              <Stack gap={6}>
                {visits.map((v) => (
                  <div key={v.id}>
                    <AnchorLink to="/visits/$visitId" params={{ visitId: v.id }} size="sm" fw={600} dir="auto">
                      {v.unitName}
                    </AnchorLink>
                    <Text size="xs" c="dimmed" dir="auto">
                      {v.countyName} — {v.team}
                    </Text>
                  </div>
                ))}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}

export function VisitsPage({ role, search, onSearchChange }: { role: Role; search: VisitsSearch; onSearchChange: (next: VisitsSearch) => void }) {
  const { t, n, language, status } = useI18n();
  const filters = { ...listFilters(search), sort: '-visitDate' as const };
  const visits = useVisits({ page: search.page, pageSize: PAGE_SIZE, ...filters });
  const canWrite = can(role, 'POST /api/v1/visits');

  const columns: Column<Visit>[] = [
    {
      key: 'date',
      header: t('visits.col.date'),
      width: 130,
      render: (v) => (
        <AnchorLink to="/visits/$visitId" params={{ visitId: v.id }} size="sm" className="tabular" data-testid="visit-link">
          {formatDate(v.visitDate, language)}
        </AnchorLink>
      ),
    },
    { key: 'unit', header: t('visits.col.unit'), render: (v) => <Text size="sm" fw={500} dir="auto">{v.unitName}</Text> },
    { key: 'county', header: t('visits.col.county'), render: (v) => <Text size="sm">{v.countyName}</Text> },
    { key: 'team', header: t('visits.col.team'), render: (v) => <Text size="sm" dir="auto" lineClamp={1}>{v.team}</Text> },
    {
      key: 'status',
      header: t('visits.col.status'),
      render: (v) => (
        <Badge variant="light" color={VISIT_STATUS_COLOR[v.status]} radius="sm" fw={500} styles={{ root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } }}>
          {status('visit', v.status)}
        </Badge>
      ),
    },
    { key: 'demands', header: t('visits.col.demands'), align: 'end', width: 90, render: (v) => <span className="tabular">{n(v.demandCount)}</span> },
  ];

  return (
    <ListPage
      title={t('visits.title')}
      subtitle={t('visits.subtitle')}
      actions={
        <>
          {can(role, 'GET /api/v1/visits/export') ? <ExportMenu path="/visits/export" query={filters} testId="visits-export" /> : null}
          {canWrite ? (
            <ButtonLink to="/visits/new" data-testid="new-visit">
              {t('visits.new')}
            </ButtonLink>
          ) : null}
        </>
      }
      intro={
        <>
          <Upcoming />
          <Title order={2} fz="lg" mb="sm">
            {t('visits.all')}
          </Title>
        </>
      }
      filters={
        <>
          <SearchInput value={search.q} onSearch={(q) => onSearchChange({ ...search, q, page: 1 })} placeholder={t('visits.searchPlaceholder')} w={240} />
          <SegmentedControl
            value={search.status || 'all'}
            onChange={(v) => onSearchChange({ ...search, status: v === 'all' ? '' : (v as VisitStatus), page: 1 })}
            data={[
              { value: 'all', label: t('visits.allStatuses') },
              { value: 'done', label: status('visit', 'done') },
              { value: 'planned', label: status('visit', 'planned') },
              { value: 'cancelled', label: status('visit', 'cancelled') },
            ]}
          />
        </>
      }
      query={visits}
      columns={columns}
      rowKey={(v) => v.id}
      emptyText={t('visits.empty')}
      testId="visits-table"
      page={search.page}
      pageSize={PAGE_SIZE}
      onPageChange={(page) => onSearchChange({ ...search, page })}
    />
  );
}
