import { Badge, Grid, Group, Paper, Skeleton, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { AnchorLink, ButtonLink } from '../../../components/router-links.js';
import { UNIT_SHEET_COLUMNS, type UnitTimelineEntry } from '../../../../shared/contracts/units.js';
import { formatJalaliDateTime } from '../../../../shared/jalali.js';
import type { Role } from '../../../../shared/roles.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUnit, useUnitTimeline } from '../hooks/use-units.js';
import { UNIT_STATUS_COLOR } from './units-page.js';
import { can, scopeOf } from '../../../lib/authorization.js';

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Th w={190} fw={500} c="dimmed">
        {label}
      </Table.Th>
      <Table.Td data-testid={testId}>{children}</Table.Td>
    </Table.Tr>
  );
}

const KIND_COLOR: Record<string, string> = { unit: 'gray', visit: 'teal', demand: 'orange', referral: 'blue', resolution: 'grape', session: 'violet' };

/** Where an entry's record lives in the app, when it has a page. */
function EntryLink({ entry, children }: { entry: UnitTimelineEntry; children: ReactNode }) {
  if (entry.entityType === 'visit') return <AnchorLink to="/visits/$visitId" params={{ visitId: entry.entityId }} fw={600} size="sm">{children}</AnchorLink>;
  if (entry.entityType === 'demand') return <AnchorLink to="/demands/$demandId" params={{ demandId: entry.entityId }} fw={600} size="sm">{children}</AnchorLink>;
  if (entry.entityType === 'resolution') return <AnchorLink to="/resolutions/$resolutionId" params={{ resolutionId: entry.entityId }} fw={600} size="sm">{children}</AnchorLink>;
  return <Text fw={600} size="sm">{children}</Text>;
}

/** A unit's page: its data, its story (newest first) and its staff and capacity over time. */
export function UnitPage({ id, role }: { id: string; role: Role }) {
  const { t, n, digits, status, language } = useI18n();
  const unit = useUnit(id);
  const timeline = useUnitTimeline(id);
  if (unit.isError) return <QueryError error={unit.error} onRetry={() => void unit.refetch()} />;
  const u = unit.data;
  if (!u) return <Skeleton height={360} radius="md" />;
  const canWrite = can(role, 'PATCH /api/v1/units/:id');
  const fieldLabel = (field: string) => {
    const c = UNIT_SHEET_COLUMNS.find((x) => x.field === field);
    return c ? (language === 'fa' ? c.fa : c.en) : field;
  };
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (field === 'status') return status('unit', String(value));
    if (typeof value === 'number') return field === 'capacityUtilization' ? `${n(value)}٪` : n(value);
    return digits(String(value));
  };
  const when = (iso: string) => formatJalaliDateTime(new Date(iso), language === 'fa' ? 'fa' : 'latn');

  return (
    <>
      <PageHeader
        title={u.name}
        subtitle={
          <Group gap="xs" component="span">
            <Badge variant="light" color={UNIT_STATUS_COLOR[u.status]} radius="sm" data-testid="unit-status-badge">
              {status('unit', u.status)}
            </Badge>
            <span>{t('units.page.nationalIdLine', { id: digits(u.nationalId) })}</span>
          </Group>
        }
        actions={
          <>
            {scopeOf(role) !== 'unitId' ? (
              <ButtonLink to="/units" variant="subtle" color="gray">
                {t('units.page.back')}
              </ButtonLink>
            ) : null}
            {canWrite ? (
              <ButtonLink to="/units/$unitId/edit" params={{ unitId: u.id }} data-testid="unit-edit">
                {t('units.page.edit')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="md">
              <Title order={2} fz="lg" mb="sm">
                {t('units.page.details')}
              </Title>
              <Table>
                <Table.Tbody>
                  <Row label={fieldLabel('sectorCode')}>{`${digits(u.sectorCode)} — ${u.sectorName}`}</Row>
                  <Row label={fieldLabel('countyId')}>{u.countyName}</Row>
                  <Row label={fieldLabel('estateId')}>{u.estateName ?? '—'}</Row>
                  <Row label={fieldLabel('address')}>{u.address ?? '—'}</Row>
                  <Row label={fieldLabel('phone')}>{u.phone ? <bdi>{digits(u.phone)}</bdi> : '—'}</Row>
                  <Row label={fieldLabel('managerName')}>{u.managerName ?? '—'}</Row>
                  <Row label={fieldLabel('employees')} testId="unit-employees-value">{n(u.employees)}</Row>
                  <Row label={fieldLabel('capacityUtilization')}>{`${n(u.capacityUtilization)}٪`}</Row>
                  <Row label={fieldLabel('licenseNo')}>{u.licenseNo ? <bdi>{digits(u.licenseNo)}</bdi> : '—'}</Row>
                  <Row label={t('units.page.updated')}>{when(u.updatedAt)}</Row>
                </Table.Tbody>
              </Table>
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Title order={2} fz="lg" mb="sm">
                {t('units.page.series')}
              </Title>
              {timeline.data && timeline.data.series.length ? (
                <Table striped data-testid="unit-series">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('units.page.date')}</Table.Th>
                      <Table.Th ta="end">{fieldLabel('employees')}</Table.Th>
                      <Table.Th ta="end">{fieldLabel('capacityUtilization')}</Table.Th>
                      <Table.Th>{t('units.page.source')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {timeline.data.series.map((p, i) => (
                      <Table.Tr key={`${p.date}-${p.source}-${i}`}>
                        <Table.Td>{formatDate(p.date, language)}</Table.Td>
                        <Table.Td ta="end" className="tabular">{p.employees === null ? '—' : n(p.employees)}</Table.Td>
                        <Table.Td ta="end" className="tabular">{p.capacityUtilization === null ? '—' : `${n(p.capacityUtilization)}٪`}</Table.Td>
                        <Table.Td>{p.source === 'visit' ? t('units.page.sourceVisit') : t('units.page.sourceRegister')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text c="dimmed" size="sm">
                  {t('units.page.noSeries')}
                </Text>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder radius="md" p="md">
            <Title order={2} fz="lg" mb="md">
              {t('units.page.timeline')}
            </Title>
            {timeline.isError ? (
              <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />
            ) : !timeline.data ? (
              <Skeleton height={200} />
            ) : timeline.data.items.length === 0 ? (
              <Text c="dimmed">{t('units.page.noTimeline')}</Text>
            ) : (
              <Timeline bulletSize={14} lineWidth={2} data-testid="unit-timeline">
                {timeline.data.items.map((entry, i) => (
                  <Timeline.Item key={`${entry.kind}-${entry.entityId}-${entry.at}-${i}`} color={KIND_COLOR[entry.entityType] ?? 'gray'} title={<EntryLink entry={entry}>{entry.title}</EntryLink>}>
                    <Text size="xs" c="dimmed">
                      {entry.date ? formatDate(entry.date, language) : when(entry.at)}
                      {entry.actor ? ` — ${entry.actor}` : ''}
                    </Text>
                    {entry.detail ? (
                      <Text size="sm" mt={4} dir="auto">
                        {digits(entry.detail)}
                      </Text>
                    ) : null}
                    {entry.changes?.length ? (
                      <Stack gap={2} mt={4}>
                        {entry.changes.map((c) => (
                          <Text size="sm" key={c.field}>
                            {t('units.page.change', { field: fieldLabel(c.field), before: show(c.field, c.before), after: show(c.field, c.after) })}
                          </Text>
                        ))}
                      </Stack>
                    ) : null}
                  </Timeline.Item>
                ))}
              </Timeline>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
