import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { Fragment, lazy, Suspense, useState } from 'react';
import { formatBillionRials } from '../../../../shared/money.js';
import { periodLabel } from '../../../../shared/periods.js';
import { formatDate } from '../../../lib/dates.js';
import { formatNumber, useI18n, type Language } from '../../../lib/i18n.js';
import type { OverviewStats, ReportedMetric } from '../api/stats-api.js';
import { formatRate, type StatsViewer } from './stats-format.js';
import { Section } from './stats-ui.js';
import classes from './stats.module.css';
import { can } from '../../../lib/authorization.js';

export type Kind = 'amount' | 'rate' | 'count';

const KIND: Record<ReportedMetric, Kind> = {
  'referrals.paidAmount': 'amount',
  'quota.amount': 'amount',
  'quota.absorbedRate': 'rate',
  'resolutions.rate': 'rate',
  'referrals.paidCount': 'count',
  'referrals.referredCount': 'count',
  'resolutions.count': 'count',
  'resolutions.done': 'count',
  'units.registered': 'count',
};

export const kindOf = (metric: string): Kind => KIND[metric as ReportedMetric] ?? 'count';

function formatFigure(value: string | null, kind: Kind, language: Language, signed = false): string {
  if (value === null) return '—';
  const negative = value.startsWith('-');
  const sign = signed ? (negative ? '−' : Number(value) === 0 ? '' : '+') : negative ? '-' : '';
  const abs = negative ? value.slice(1) : value;
  let text: string;
  if (kind === 'amount') text = /^\d+$/.test(abs) ? formatBillionRials(BigInt(abs), language, 1) : formatNumber(Number(abs) / 1e9, language, 1);
  else if (kind === 'rate') text = formatRate(Number(abs), language, 1);
  else text = formatNumber(Number(abs), language, 2);
  return `${sign}${text}`;
}

// The form (with its date picker) is fetched when first opened: the dashboard does not wait for it.
const ReportedFigureForm = lazy(() => import('./reported-figure-form.js').then((m) => ({ default: m.ReportedFigureForm })));

/** Figures officials published beside what the records compute — the difference shown, conflicts flagged. */
export function ReportedFigures({ data, viewer, periodKey, programCode }: { data: OverviewStats | undefined; viewer: StatsViewer; periodKey: string; programCode: string | undefined }) {
  const { t, language } = useI18n();
  const [formOpen, setFormOpen] = useState(false);
  const [formUsed, setFormUsed] = useState(false);
  const canRecord = can(viewer.role, 'POST /api/v1/stats/reported-figures');
  const rows = data?.reported ?? [];
  const unitOf = (kind: Kind) => (kind === 'amount' ? t('stats.billionRials') : '');
  return (
    <Section
      title={t('stats.reported.title')}
      subtitle={t('stats.reported.subtitle', { period: periodLabel(periodKey, language) })}
      actions={
        canRecord ? (
          <Button size="xs" variant="light" onClick={() => { setFormUsed(true); setFormOpen(true); }} data-testid="reported-new">
            {t('stats.reported.new')}
          </Button>
        ) : null
      }
      testId="reported"
    >
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="sm">
          {t('stats.reported.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" fz="sm" withRowBorders data-testid="reported-table">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>{t('stats.reported.col.metric')}</Table.Th>
                <Table.Th ta="end">{t('stats.reported.col.computed')}</Table.Th>
                <Table.Th ta="end">{t('stats.reported.col.reported')}</Table.Th>
                <Table.Th>{t('stats.reported.col.source')}</Table.Th>
                <Table.Th>{t('stats.reported.col.date')}</Table.Th>
                <Table.Th ta="end">{t('stats.reported.col.difference')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const kind = kindOf(row.metric);
                return (
                  <Fragment key={row.metric}>
                    {row.reported.map((fig, i) => {
                      const diff = row.differences.find((d) => d.reportedId === fig.id)?.difference ?? null;
                      return (
                        <Table.Tr key={fig.id} className={row.conflict ? classes.conflict : undefined} data-testid="reported-row" data-conflict={row.conflict ? 'true' : 'false'}>
                          {i === 0 ? (
                            <>
                              <Table.Td rowSpan={row.reported.length} style={{ verticalAlign: 'top' }}>
                                <Stack gap={4}>
                                  <Text size="sm" fw={600}>
                                    {t(`stats.metric.${row.metric}` as 'stats.metric.units.registered')}
                                  </Text>
                                  {unitOf(kind) ? (
                                    <Text size="xs" c="dimmed">
                                      {unitOf(kind)}
                                    </Text>
                                  ) : null}
                                  {row.conflict ? (
                                    <Badge color="red" variant="filled" radius="sm" size="sm" data-testid="reported-conflict" styles={{ root: { maxWidth: 'none' } }}>
                                      {t('stats.reported.conflict')}
                                    </Badge>
                                  ) : null}
                                </Stack>
                              </Table.Td>
                              <Table.Td rowSpan={row.reported.length} ta="end" fw={700} className="tabular" style={{ verticalAlign: 'top' }}>
                                {formatFigure(row.computed, kind, language)}
                              </Table.Td>
                            </>
                          ) : null}
                          <Table.Td ta="end" className="tabular" fw={500} c={row.conflict ? 'red.8' : undefined}>
                            {formatFigure(fig.value, kind, language)}
                          </Table.Td>
                          <Table.Td maw={260}>
                            <Text size="sm" dir="auto">
                              {fig.source}
                            </Text>
                            {fig.note ? (
                              <Text size="xs" c="dimmed" dir="auto">
                                {fig.note}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                            {formatDate(fig.reportedOn, language)}
                          </Table.Td>
                          <Table.Td ta="end" className="tabular" c={diff !== null && Number(diff) !== 0 ? 'orange.8' : 'dimmed'}>
                            {/* the sign stays before the number in a right-to-left line */}
                            <bdi dir="ltr">{formatFigure(diff, kind, language, true)}</bdi>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        {t('stats.reported.note')}
      </Text>
      {canRecord && formUsed ? (
        <Suspense fallback={null}>
          <ReportedFigureForm opened={formOpen} onClose={() => setFormOpen(false)} periodKey={periodKey} programCode={programCode} />
        </Suspense>
      ) : null}
    </Section>
  );
}
