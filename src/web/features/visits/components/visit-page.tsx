import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Table, Text, Title } from '@mantine/core';
import { AnchorLink, ButtonLink } from '../../../components/router-links.js';
import { useState, type ReactNode } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { PinIcon, PrinterIcon } from '../../../components/icons.js';
import { apiUrl } from '../../../lib/api.js';
import { mapLinks } from '../../../lib/map-links.js';
import { formatJalaliDateTime } from '../../../../shared/jalali.js';
import type { Role } from '../../../../shared/roles.js';
import { formatDate, formatDateWithWeekday } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { useVisit } from '../hooks/use-visits.js';
import { VisitForm } from './visit-form.js';
import { VISIT_STATUS_COLOR } from './visits-page.js';
import classes from './visit-report.module.css';
import { can } from '../../../lib/authorization.js';
import { TableHead } from '../../../components/record-table.js';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={{ base: 110, sm: 200 }} className={classes.label}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/** A part of the visit report: its heading, then what it holds, or a line saying there is nothing (`empty`). */
function ReportSection({ title, empty, children }: { title: string; empty: string | null; children: ReactNode }) {
  return (
    <>
      <Title order={3} fz="md" mt="lg" mb="xs">
        {title}
      </Title>
      {empty === null ? (
        children
      ) : (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
    </>
  );
}

/** A visit's page, which is also its printable report (RTL, Jalali dates, Persian digits). */
export function VisitPage({ id, role }: { id: string; role: Role }) {
  const { t, n, digits, language, status } = useI18n();
  const query = useVisit(id);
  const [editing, setEditing] = useState(false);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const v = query.data;
  if (!v) return <Skeleton height={360} radius="md" />;
  const canWrite = can(role, 'PATCH /api/v1/visits/:id');
  const percent = (x: number | null) => (x === null ? '—' : `${n(x)}٪`);
  const count = (x: number | null) => (x === null ? '—' : n(x));

  if (editing) {
    return (
      <>
        <PageHeader title={t('visits.edit')} subtitle={v.unitName} />
        <VisitForm visit={v} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
      </>
    );
  }

  return (
    <div className={classes.page}>
      <div className={classes.noPrint}>
        <PageHeader
          title={t('visits.report')}
          subtitle={v.unitName}
          actions={
            <>
              <Button variant="light" leftSection={<PrinterIcon size={16} />} onClick={() => window.print()} data-testid="print-report">
                {t('visits.print')}
              </Button>
              {canWrite ? (
                <>
                  <Button variant="light" onClick={() => setEditing(true)} data-testid="edit-visit">
                    {t('visits.edit')}
                  </Button>
                  <ButtonLink to="/demands/new" search={{ unitId: v.unitId, visitId: v.id }} data-testid="visit-add-demand">
                    {t('visits.addDemand')}
                  </ButtonLink>
                </>
              ) : null}
            </>
          }
        />
      </div>

      <Paper withBorder radius="md" p="xl" className={classes.report} data-testid="visit-report">
        <div className={classes.printHeader}>
          <Text fw={700}>{t('app.org')}</Text>
          <Text size="sm">{t('app.name')}</Text>
        </div>
        <Group justify="space-between" align="flex-start" mb="md">
          <div>
            <Title order={2} fz="xl">
              {t('visits.reportTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {formatDateWithWeekday(v.visitDate, language)}
            </Text>
          </div>
          <Badge variant="light" color={VISIT_STATUS_COLOR[v.status]} radius="sm" size="lg" data-testid="visit-status-badge">
            {status('visit', v.status)}
          </Badge>
        </Group>
        <Table withTableBorder withColumnBorders className={classes.table}>
          <Table.Tbody>
            <Row label={t('visits.col.unit')}>{v.unitName}</Row>
            <Row label={t('visits.col.county')}>
              {v.countyName}
              {v.estateName ? ` — ${v.estateName}` : ''}
            </Row>
            <Row label={t('visits.col.date')}>
              <span className="tabular">{formatDate(v.visitDate, language)}</span>
            </Row>
            <Row label={t('visits.col.team')}>{v.team}</Row>
            {v.members.length ? <Row label={t('visits.members')}>{v.members.map((m) => m.fullName).join('، ')}</Row> : null}
          </Table.Tbody>
        </Table>

        {v.status === 'done' ? (
          <>
            <Title order={3} fz="md" mt="lg" mb="xs">
              {t('visits.observed')}
            </Title>
            <Table withTableBorder withColumnBorders className={classes.table}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th>{t('visits.onVisit')}</Table.Th>
                  <Table.Th>{t('visits.inRegister')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th className={classes.label}>{t('visits.field.employees')}</Table.Th>
                  <Table.Td className="tabular" data-testid="observed-employees">{count(v.employees)}</Table.Td>
                  <Table.Td className="tabular">{n(v.unitEmployees)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th className={classes.label}>{t('visits.field.capacity')}</Table.Th>
                  <Table.Td className="tabular" data-testid="observed-capacity">{percent(v.capacityUtilization)}</Table.Td>
                  <Table.Td className="tabular">{percent(v.unitCapacityUtilization)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </>
        ) : null}

        <Title order={3} fz="md" mt="lg" mb="xs">
          {t('visits.field.findings')}
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-line' }} dir="auto" data-testid="visit-findings-text">
          {v.findings ?? '—'}
        </Text>

        <Title order={3} fz="md" mt="lg" mb="xs">
          {t('visits.location')}
        </Title>
        {v.location ? (
          <Group gap="xs" wrap="wrap" data-testid="visit-location">
            <PinIcon size={18} />
            <Text size="sm" className="tabular">
              {t('visits.coordinates', { lat: digits(v.location.lat.toFixed(6)), lng: digits(v.location.lng.toFixed(6)), meters: n(Math.round(v.location.accuracyM)) })}
            </Text>
            <span className={classes.noPrint}>
              <Anchor href={mapLinks(v.location.lat, v.location.lng).geo} size="sm" me="sm">
                {t('visits.openInMaps')}
              </Anchor>
              <Anchor href={mapLinks(v.location.lat, v.location.lng).osm} size="sm" target="_blank" rel="noopener noreferrer">
                {t('visits.openOsm')}
              </Anchor>
            </span>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('visits.noLocation')}
          </Text>
        )}

        <ReportSection title={t('visits.photos', { count: v.attachments.length })} empty={v.attachments.length === 0 ? t('visits.noPhotos') : null}>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" className={classes.photos} data-testid="visit-photos">
            {v.attachments.map((a) => {
              const url = apiUrl(`/visits/${v.id}/attachments/${a.id}`);
              return a.mime.startsWith('image/') ? (
                <a key={a.id} href={url} target="_blank" rel="noopener" className={classes.photo}>
                  <img src={url} alt={t('visits.attachment', { name: a.fileName })} loading="lazy" data-testid="visit-photo" />
                </a>
              ) : (
                <Anchor key={a.id} href={url} size="sm">
                  {t('visits.attachment', { name: a.fileName })}
                </Anchor>
              );
            })}
          </SimpleGrid>
        </ReportSection>

        <ReportSection title={t('visits.demands', { count: v.demands.length })} empty={v.demands.length === 0 ? t('visits.noDemands') : null}>
          {/* on a phone the demands table scrolls inside the report instead of widening the page */}
          <Table.ScrollContainer minWidth={620} type="native">
            <Table withTableBorder withColumnBorders className={classes.table} data-testid="visit-demands">
              <TableHead columns={[t('demands.col.code'), t('demands.col.title'), t('demands.col.category'), t('demands.col.agency'), t('demands.col.dueDate'), t('demands.col.status')]} />
              <Table.Tbody>
                {v.demands.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td className="tabular">
                      <AnchorLink to="/demands/$demandId" params={{ demandId: d.id }} size="sm">
                        <bdi>{digits(d.code)}</bdi>
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{d.title}</Table.Td>
                    <Table.Td>{d.categoryName}</Table.Td>
                    <Table.Td>{d.agencyName ?? '—'}</Table.Td>
                    <Table.Td className="tabular">{formatDate(d.dueDate, language)}</Table.Td>
                    <Table.Td>{status('demand', d.status)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </ReportSection>
        <Text size="xs" c="dimmed" mt="xl" className="tabular">
          {t('visits.printedAt', { at: formatJalaliDateTime(new Date(), language === 'fa' ? 'fa' : 'latn') })}
        </Text>
      </Paper>
    </div>
  );
}
