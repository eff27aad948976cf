import { Badge, Card, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { PageHeader } from '../../../components/page-header.js';
import { ExportMenu } from '../../../components/export-menu.js';
import { AnchorLink } from '../../../components/router-links.js';
import { QueryError } from '../../../components/query-error.js';
import { StatCard } from '../../../components/stat-card.js';
import { AlertIcon, ListCheckIcon } from '../../../components/icons.js';
import { fiscalYearOf } from '../../../../shared/jalali.js';
import { RESOLUTION_STATUSES } from '../../../../shared/machines.js';
import { formatDate, todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { useAuthorization } from '../../../lib/authorization.js';
import type { ImplementationFigures } from '../../../../shared/contracts/resolutions.js';
import { useBoard, useImplementation } from '../hooks/use-resolutions.js';
import { DueIn, RESOLUTION_STATUS_COLOR, ResolutionStatusBadge, useRate } from './resolution-badges.js';
import { TrackingCode } from '../../../components/tracking-code.js';

export interface BoardSearch {
  year?: number | undefined;
  closed?: boolean | undefined;
}

/**
 * The tracking board: each agency's resolutions by state, overdue first, with the implementation rate
 * (done ÷ resolutions, and done ÷ resolutions due) per agency and overall. An agency sees its own: its own row, and
 * its own figures in the cards above it (the province's rate beside them, for comparison).
 */
export function BoardPage({ search, onSearchChange }: { search: BoardSearch; onSearchChange: (next: BoardSearch) => void }) {
  const { t, n, digits, language, status } = useI18n();
  const rate = useRate();
  const thisYear = fiscalYearOf(todayInTehran());
  const year = search.year ?? thisYear;
  const includeClosed = Boolean(search.closed);
  const board = useBoard(year, includeClosed);
  const impl = useImplementation(year);
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear - i));
  const { role } = useAuthorization();
  const ownAgency = role === 'agency';
  // an agency's cards are its own figures (none yet: zeros), not the province's
  const o: ImplementationFigures | undefined = impl.data ? (ownAgency ? (impl.data.agencies[0] ?? emptyFigures()) : impl.data.overall) : undefined;
  const province = ownAgency && impl.data ? impl.data.overall : undefined;
  const withProvince = (hint: string, provinceRate: string | undefined) => (provinceRate ? `${hint} — ${t('resolutions.provinceRate', { rate: provinceRate })}` : hint);
  return (
    <>
      <PageHeader
        title={t('resolutions.title')}
        subtitle={ownAgency ? t('resolutions.subtitleOwn') : t('resolutions.subtitle')}
        actions={
          <Group gap="sm">
            <Select
              aria-label={t('resolutions.fiscalYear')}
              data={years.map((y) => ({ value: y, label: t('resolutions.yearLabel', { year: digits(y) }) }))}
              value={String(year)}
              onChange={(v) => onSearchChange({ ...search, year: v && Number(v) !== thisYear ? Number(v) : undefined })}
              w={150}
              allowDeselect={false}
              data-testid="board-year"
            />
            <Switch checked={includeClosed} onChange={(e) => onSearchChange({ ...search, closed: e.currentTarget.checked || undefined })} label={t('resolutions.includeClosed')} />
            <ExportMenu path="/resolutions/export" query={{ fiscalYear: year }} testId="resolutions-export" />
          </Group>
        }
      />

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" mb="lg">
        <StatCard
          label={t('resolutions.rateOfAll')}
          value={o ? rate(o.rateOfAll) : null}
          hint={o ? withProvince(t('resolutions.fraction', { done: o.rateOfAll.numerator, total: o.rateOfAll.denominator }), province && rate(province.rateOfAll)) : ''}
          icon={<ListCheckIcon size={22} />}
          testId="rate-all"
        />
        <StatCard
          label={t('resolutions.rateOfDue')}
          value={o ? rate(o.rateOfDue) : null}
          hint={o ? withProvince(t('resolutions.fractionDue', { done: o.rateOfDue.numerator, total: o.rateOfDue.denominator }), province && rate(province.rateOfDue)) : ''}
          icon={<ListCheckIcon size={22} />}
          color="green"
          testId="rate-due"
        />
        <StatCard label={t('resolutions.overdueCount')} value={o ? n(o.overdue) : null} hint={t('resolutions.overdueHint')} icon={<AlertIcon size={22} />} color="red" testId="overdue-count" />
        <StatCard
          label={t('resolutions.sessionsHeld')}
          value={impl.data ? n(impl.data.sessionsHeld) : null}
          hint={o ? t('resolutions.objectedCount', { count: o.objected }) : ''}
          icon={<ListCheckIcon size={22} />}
          color="grape"
          testId="sessions-held"
        />
      </SimpleGrid>

      {impl.data && impl.data.agencies.length > 0 ? (
        <Paper withBorder radius="md" mb="lg" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="rate-table">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>{t('resolutions.col.agency')}</Table.Th>
                  <Table.Th ta="end">{t('resolutions.col.total')}</Table.Th>
                  <Table.Th ta="end">{t('resolutions.col.due')}</Table.Th>
                  <Table.Th ta="end">{status('resolution', 'done')}</Table.Th>
                  <Table.Th ta="end">{status('resolution', 'not_done')}</Table.Th>
                  <Table.Th ta="end">{t('resolutions.overdue')}</Table.Th>
                  <Table.Th ta="end">{t('resolutions.rateOfDue')}</Table.Th>
                  <Table.Th ta="end">{t('resolutions.rateOfAll')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {impl.data.agencies.map((a) => (
                  <Table.Tr key={a.agencyId}>
                    <Table.Td>{language === 'en' ? a.agencyNameEn : a.agencyName}</Table.Td>
                    <Table.Td ta="end" className="tabular">{n(a.resolutions)}</Table.Td>
                    <Table.Td ta="end" className="tabular">{n(a.due)}</Table.Td>
                    <Table.Td ta="end" className="tabular">{n(a.done)}</Table.Td>
                    <Table.Td ta="end" className="tabular">{n(a.notDone)}</Table.Td>
                    <Table.Td ta="end" className="tabular" c={a.overdue ? 'red.8' : undefined}>{n(a.overdue)}</Table.Td>
                    <Table.Td ta="end" className="tabular" fw={600}>{rate(a.rateOfDue)}</Table.Td>
                    <Table.Td ta="end" className="tabular">{rate(a.rateOfAll)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed" p="sm">
            {t('resolutions.rateNote')}
          </Text>
        </Paper>
      ) : null}

      {board.isError ? (
        <QueryError error={board.error} onRetry={() => void board.refetch()} />
      ) : !board.data ? (
        <Skeleton height={240} radius="md" />
      ) : board.data.agencies.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed">{t('resolutions.boardEmpty')}</Text>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" data-testid="board">
          {board.data.agencies.map((a) => (
            <Card key={a.agencyId} withBorder radius="md" data-testid="board-agency" data-agency={a.agencyId}>
              <Group justify="space-between" mb="xs" wrap="nowrap">
                <Title order={3} fz="md">
                  {language === 'en' ? a.agencyNameEn : a.agencyName}
                </Title>
                <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
                  {a.overdue ? (
                    <Badge color="red" variant="filled" radius="sm">
                      {t('resolutions.overdueN', { count: a.overdue })}
                    </Badge>
                  ) : null}
                  <Badge color="green" variant="light" radius="sm" className="tabular">
                    {rate(a.rateOfDue)}
                  </Badge>
                </Group>
              </Group>
              <Group gap={4} mb="sm">
                {RESOLUTION_STATUSES.filter((s) => a.counts[s] > 0).map((s) => (
                  <Badge key={s} variant="outline" color={RESOLUTION_STATUS_COLOR[s]} radius="sm" fw={500}>
                    {status('resolution', s)}: {n(a.counts[s])}
                  </Badge>
                ))}
              </Group>
              <Stack gap={6}>
                {a.items.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('resolutions.noneActive')}
                  </Text>
                ) : (
                  a.items.slice(0, 12).map((r) => (
                    <Paper key={r.id} p="xs" radius="sm" bg={r.overdue ? 'red.0' : 'gray.0'} data-testid="board-item" data-overdue={r.overdue}>
                      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                        <Stack gap={2} style={{ minWidth: 0 }}>
                          <AnchorLink to="/resolutions/$resolutionId" params={{ resolutionId: r.id }} size="sm" fw={600}>
                            <TrackingCode code={r.code} />
                          </AnchorLink>
                          <Text size="xs" lineClamp={2} dir="auto">
                            {r.text}
                          </Text>
                        </Stack>
                        <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
                          <ResolutionStatusBadge status={r.status} />
                          <Text size="xs" className="tabular">
                            {formatDate(r.dueDate, language)}
                          </Text>
                          <DueIn daysLeft={r.daysLeft} />
                        </Stack>
                      </Group>
                    </Paper>
                  ))
                )}
                {a.items.length > 12 ? (
                  <Text size="xs" c="dimmed">
                    {t('resolutions.more', { count: a.items.length - 12 })}
                  </Text>
                ) : null}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </>
  );
}

/** An agency with no resolution this year: every figure zero, no rate. */
function emptyFigures(): ImplementationFigures {
  const none = { numerator: 0, denominator: 0, rate: null };
  return { resolutions: 0, due: 0, open: 0, objected: 0, inProgress: 0, done: 0, notDone: 0, cancelled: 0, overdue: 0, notDoneByCause: { agency: 0, producer: 0, external: 0 }, rateOfAll: none, rateOfDue: none };
}
