import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { periodLabel } from '../../../../shared/periods.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import type { BankRow, BankStats, BankTotal } from '../api/stats-api.js';
import { useBankStats } from '../hooks/use-stats.js';
import { DrillProvider, DrillValue } from './drilldown.js';
import { ExportButton, PrintForSessionButton } from './report-actions.js';
import { StatsFilterBar, effectivePeriodKey, toFilters, type StatsSearch } from './stats-filters.js';
import { canDrillBank, useStatsFormat, type StatsViewer } from './stats-format.js';
import { Amount, AsOfNote, Section } from './stats-ui.js';
import classes from './stats.module.css';
import { can, scopeOf } from '../../../lib/authorization.js';

type CountKey = 'referred' | 'received' | 'decided' | 'approved' | 'rejected' | 'paid' | 'withdrawn' | 'open' | 'overdue';
const COUNTS: readonly CountKey[] = ['referred', 'received', 'decided', 'approved', 'rejected', 'paid', 'withdrawn', 'open', 'overdue'];

/** The amount columns and the referrals they sum (the drill-down behind an amount lists those referrals). */
const AMOUNTS = [
  { key: 'requestedAmount', metric: 'referred', label: 'stats.col.requestedAmount' },
  { key: 'approvedAmount', metric: 'approved', label: 'stats.col.approvedAmount' },
  { key: 'paidAmount', metric: 'paid', label: 'stats.col.paidAmount' },
] as const;

type Row = (BankRow | (BankTotal & { bankId: null; bankName: string; bankNameEn: string; rankByPaid: null; rankByApproval: null })) & { isTotal?: boolean };

/**
 * The bank comparison: every bank side by side over the same period, ranked, with the province total. Each count
 * opens the referrals behind it — for a bank officer only in their own bank's row.
 */
export function BanksPage({ search, onSearchChange, viewer }: { search: StatsSearch; onSearchChange: (next: StatsSearch) => void; viewer: StatsViewer }) {
  const { t, language } = useI18n();
  const filters = toFilters(search);
  const periodKey = effectivePeriodKey(search);
  const stats = useBankStats(filters);
  const data = stats.data;
  const canPrint = can(viewer.role, 'GET /api/v1/stats/banks/report');
  return (
    <DrillProvider filters={filters} periodKey={periodKey} viewer={viewer}>
      <PageHeader
        title={t('stats.banks.title')}
        subtitle={t('stats.banks.subtitle', { period: periodLabel(periodKey, language) })}
        actions={
          <>
            <ExportButton table="banks" filters={filters} />
            {canPrint ? <PrintForSessionButton filters={filters} viewer={viewer} /> : null}
          </>
        }
      />
      <StatsFilterBar search={search} onChange={onSearchChange} />
      <AsOfNote asOf={data?.asOf} />
      {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {scopeOf(viewer.role) === 'bankId' ? (
        <Text size="sm" c="dimmed" mb="sm" data-testid="bank-own-note">
          {t('stats.banks.ownNote')}
        </Text>
      ) : null}
      <BankTable data={data} viewer={viewer} stale={stats.isPlaceholderData} />
      <Stack gap="md" mt="md">
        <RejectionReasons data={data} />
        <Definitions data={data} />
      </Stack>
    </DrillProvider>
  );
}

function HeaderCell({ label, definition, className, align = 'end' }: { label: string; definition?: string | undefined; className?: string; align?: 'start' | 'end' }) {
  const content = definition ? (
    <Tooltip label={definition} multiline w={260} withArrow>
      <span style={{ borderBottom: '1px dashed var(--mantine-color-gray-5)', cursor: 'help' }}>{label}</span>
    </Tooltip>
  ) : (
    label
  );
  return (
    <Table.Th ta={align} className={className}>
      {content}
    </Table.Th>
  );
}

function BankTable({ data, viewer, stale }: { data: BankStats | undefined; viewer: StatsViewer; stale: boolean }) {
  const { t, n, language } = useI18n();
  const f = useStatsFormat();
  const def = (key: string) => {
    const d = data?.definitions[key];
    return d ? (language === 'fa' ? d.fa : d.en) : undefined;
  };
  const rows: Row[] | undefined = data
    ? [...data.items, { ...data.total, bankId: null, bankName: t('stats.banks.provinceTotal'), bankNameEn: t('stats.banks.provinceTotal'), rankByPaid: null, rankByApproval: null, isTotal: true }]
    : undefined;

  const countCell = (row: Row, key: CountKey): ReactNode => {
    const name = row.isTotal ? t('stats.banks.provinceTotal') : language === 'fa' ? row.bankName : row.bankNameEn;
    return (
      <DrillValue
        request={{ source: 'referrals', metric: key, bankId: row.bankId ?? undefined, title: t('stats.drill.bankMetric', { bank: name, what: t(`stats.col.${key}`) }), figure: row[key] }}
        enabled={row.isTotal ? canDrillBank(viewer, null) && scopeOf(viewer.role) !== 'bankId' : canDrillBank(viewer, row.bankId)}
        testId={`cell-${row.bankId ?? 'total'}-${key}`}
      />
    );
  };

  return (
    <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={1500}>
        <Table className={classes.table} verticalSpacing={8} horizontalSpacing={10} highlightOnHover data-testid="bank-table" aria-busy={!data || stale} style={{ opacity: stale ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr className={classes.group}>
              <Table.Th className={classes.sticky} colSpan={1} />
              <Table.Th colSpan={1} />
              <Table.Th colSpan={COUNTS.length + 1}>{t('stats.banks.group.counts')}</Table.Th>
              <Table.Th colSpan={3}>{t('stats.banks.group.amounts')}</Table.Th>
              <Table.Th colSpan={3}>{t('stats.banks.group.performance')}</Table.Th>
              <Table.Th colSpan={2}>{t('stats.banks.group.quota')}</Table.Th>
              <Table.Th colSpan={2} className={classes.direct}>
                {t('stats.banks.group.direct')}
              </Table.Th>
            </Table.Tr>
            <Table.Tr>
              <Table.Th className={classes.sticky}>{t('stats.col.bank')}</Table.Th>
              <HeaderCell label={t('stats.col.rank')} definition={t('stats.banks.rankDefinition')} align="start" />
              {COUNTS.map((key) => (
                <Fragment key={key}>
                  <HeaderCell label={t(`stats.col.${key}`)} definition={def(key)} />
                  {key === 'rejected' ? <HeaderCell label={t('stats.col.written')} definition={t('stats.banks.writtenDefinition')} /> : null}
                </Fragment>
              ))}
              {AMOUNTS.map((a) => (
                <HeaderCell key={a.key} label={t(a.label)} />
              ))}
              <HeaderCell label={t('stats.col.approvalRate')} definition={def('approvalRate')} />
              <HeaderCell label={t('stats.col.daysToDecision')} definition={def('medianDaysToDecision')} />
              <HeaderCell label={t('stats.col.daysToPayment')} definition={def('medianDaysToPayment')} />
              <HeaderCell label={t('stats.col.quota')} />
              <HeaderCell label={t('stats.col.quotaUsed')} definition={def('quotaUsedRate')} />
              <HeaderCell label={t('stats.col.directCount')} definition={def('directAmount')} className={classes.direct} />
              <HeaderCell label={t('stats.col.directAmount')} definition={def('directAmount')} className={classes.direct} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {!rows
              ? Array.from({ length: 8 }, (_, i) => (
                  <Table.Tr key={i}>
                    <Table.Td colSpan={24}>
                      <Skeleton h={14} />
                    </Table.Td>
                  </Table.Tr>
                ))
              : rows.map((row) => {
                  const own = scopeOf(viewer.role) === 'bankId' && row.bankId === viewer.bankId;
                  const written = row.rejectionsWithWrittenReason;
                  return (
                    <Table.Tr key={row.bankId ?? 'total'} className={row.isTotal ? classes.total : own ? classes.own : undefined} data-testid={row.isTotal ? 'bank-row-total' : `bank-row-${row.bankId}`}>
                      <Table.Td className={classes.sticky}>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={row.isTotal ? 700 : 500} dir="auto">
                            {row.isTotal ? t('stats.banks.provinceTotal') : language === 'fa' ? row.bankName : row.bankNameEn}
                          </Text>
                          {own ? (
                            <Badge size="xs" variant="filled" radius="sm" styles={{ root: { maxWidth: 'none', flexShrink: 0 } }}>
                              {t('stats.banks.yourBank')}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td className="tabular">{row.rankByPaid !== null ? <RankBadge rank={row.rankByPaid} /> : null}</Table.Td>
                      {COUNTS.map((key) => (
                        <Fragment key={key}>
                          <Table.Td ta="end" c={key === 'overdue' && row.overdue > 0 ? 'red.8' : key === 'rejected' && row.rejected > 0 ? 'red.9' : undefined}>
                            {countCell(row, key)}
                          </Table.Td>
                          {key === 'rejected' ? (
                            <Table.Td ta="end" className="tabular" data-testid={`cell-${row.bankId ?? 'total'}-written`}>
                              {row.rejected === 0 ? (
                                <Text span size="sm" c="dimmed">
                                  —
                                </Text>
                              ) : (
                                <Tooltip label={t('stats.banks.writtenTip', { written, rejected: row.rejected })}>
                                  <Text span size="sm" c={written === row.rejected ? 'brand.8' : 'orange.8'} fw={500}>
                                    {written === row.rejected ? '✓ ' : ''}
                                    {t('stats.banks.writtenOf', { written, rejected: row.rejected })}
                                  </Text>
                                </Tooltip>
                              )}
                            </Table.Td>
                          ) : null}
                        </Fragment>
                      ))}
                      {AMOUNTS.map((a) => (
                        <Table.Td key={a.key} ta="end">
                          <DrillValue
                            request={{
                              source: 'referrals',
                              metric: a.metric,
                              bankId: row.bankId ?? undefined,
                              title: t('stats.drill.bankMetric', { bank: row.isTotal ? t('stats.banks.provinceTotal') : language === 'fa' ? row.bankName : row.bankNameEn, what: t(a.label) }),
                              figure: row[a.metric],
                            }}
                            enabled={row.isTotal ? scopeOf(viewer.role) !== 'bankId' && canDrillBank(viewer, null) : canDrillBank(viewer, row.bankId)}
                          >
                            <Amount rials={row[a.key]} />
                          </DrillValue>
                        </Table.Td>
                      ))}
                      <Table.Td ta="end" className="tabular">
                        {f.rate(row.approvalRate)}
                        {row.rankByApproval !== null ? (
                          <Text span size="xs" c="dimmed" ms={4}>
                            ({t('stats.banks.rankShort', { rank: row.rankByApproval })})
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td ta="end" className="tabular">
                        {f.days(row.medianDaysToDecision)}
                      </Table.Td>
                      <Table.Td ta="end" className="tabular">
                        {f.days(row.medianDaysToPayment)}
                      </Table.Td>
                      <Table.Td ta="end">
                        <Amount rials={row.quotaAmount} />
                      </Table.Td>
                      <Table.Td ta="end" className="tabular">
                        <QuotaUse rate={row.quotaUsedRate} />
                      </Table.Td>
                      <Table.Td ta="end" className={`${classes.direct} tabular`}>
                        {n(row.directCount)}
                      </Table.Td>
                      <Table.Td ta="end" className={classes.direct}>
                        <Amount rials={row.directAmount} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group px="md" py="xs" gap="lg" bg="gray.0" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Text size="xs" c="dimmed">
          {t('stats.banks.legendAmounts')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('stats.banks.legendDrill')}
        </Text>
      </Group>
    </Paper>
  );
}

function RankBadge({ rank }: { rank: number }) {
  const { n } = useI18n();
  const color = rank === 1 ? 'gold' : rank <= 3 ? 'brand' : 'gray';
  return (
    <Badge variant={rank <= 3 ? 'light' : 'outline'} color={color} radius="xl" size="md" w={30} px={0} className="tabular">
      {n(rank)}
    </Badge>
  );
}

function QuotaUse({ rate }: { rate: number | null }) {
  const f = useStatsFormat();
  if (rate === null) return <>—</>;
  return (
    <Text span size="sm" fw={600} c={rate >= 0.8 ? 'brand.8' : rate >= 0.5 ? 'yellow.9' : 'red.8'}>
      {f.rate(rate)}
    </Text>
  );
}

/** Why banks refused — each refusal recorded with a reason category, a text and a letter (A5). */
function RejectionReasons({ data }: { data: BankStats | undefined }) {
  const { t, n, language } = useI18n();
  if (!data) {
    return (
      <Section title={t('stats.reasons.title')}>
        <Skeleton h={200} />
      </Section>
    );
  }
  const reasons = data.total.rejectionReasons;
  const banks = data.items.filter((b) => b.rejected > 0);
  const allWritten = data.total.rejectionsWithWrittenReason === data.total.rejected;
  return (
    <Section
      title={t('stats.reasons.title')}
      subtitle={t('stats.reasons.subtitle')}
      actions={
        data.total.rejected > 0 ? (
          <Badge color={allWritten ? 'brand' : 'orange'} variant="light" radius="sm" size="lg" fw={600} data-testid="written-reasons" styles={{ root: { maxWidth: 'none' } }}>
            {t('stats.reasons.written', { written: data.total.rejectionsWithWrittenReason, rejected: data.total.rejected })}
          </Badge>
        ) : null
      }
      testId="rejection-reasons"
    >
      {reasons.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('stats.reasons.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" verticalSpacing={6} striped className={classes.table}>
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>{t('stats.reasons.reason')}</Table.Th>
                {banks.map((b) => (
                  <Table.Th key={b.bankId} ta="center" style={{ whiteSpace: 'normal', minWidth: 70 }}>
                    <Text size="xs" fw={600} lh={1.3}>
                      {(language === 'fa' ? b.bankName : b.bankNameEn).replace(/^بانک /, '')}
                    </Text>
                  </Table.Th>
                ))}
                <Table.Th ta="center">{t('stats.reasons.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reasons.map((r) => (
                <Table.Tr key={r.code}>
                  <Table.Td style={{ whiteSpace: 'normal' }} miw={240} maw={320}>
                    {r.name}
                  </Table.Td>
                  {banks.map((b) => {
                    const c = b.rejectionReasons.find((x) => x.code === r.code)?.count ?? 0;
                    return (
                      <Table.Td key={b.bankId} ta="center" c={c ? 'dark.7' : 'gray.4'} className="tabular">
                        {c ? n(c) : '·'}
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="center" fw={700} className="tabular">
                    {n(r.count)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

const DEFINITION_ORDER: readonly { key: string; label: MessageKey }[] = [
  { key: 'referred', label: 'stats.col.referred' },
  { key: 'received', label: 'stats.col.received' },
  { key: 'decided', label: 'stats.col.decided' },
  { key: 'approved', label: 'stats.col.approved' },
  { key: 'overdue', label: 'stats.col.overdue' },
  { key: 'approvalRate', label: 'stats.col.approvalRate' },
  { key: 'medianDaysToDecision', label: 'stats.col.daysToDecision' },
  { key: 'medianDaysToPayment', label: 'stats.col.daysToPayment' },
  { key: 'quotaUsedRate', label: 'stats.col.quotaUsed' },
  { key: 'directAmount', label: 'stats.chart.paidDirect' },
];

/** What each column counts, as the server defines it — the same words the printed report carries. */
function Definitions({ data }: { data: BankStats | undefined }) {
  const { t, language } = useI18n();
  return (
    <Section title={t('stats.definitions.title')} subtitle={t('stats.definitions.subtitle')} testId="definitions">
      {data ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing={8}>
          {DEFINITION_ORDER.filter((d) => data.definitions[d.key]).map((d) => (
            <SimpleGrid key={d.key} cols={2} spacing="sm" style={{ gridTemplateColumns: '130px 1fr' }}>
              <Text size="sm" fw={600}>
                {t(d.label)}
              </Text>
              <Text size="sm" c="dark.5">
                {language === 'fa' ? data.definitions[d.key]!.fa : data.definitions[d.key]!.en}
              </Text>
            </SimpleGrid>
          ))}
          <SimpleGrid cols={2} spacing="sm" style={{ gridTemplateColumns: '130px 1fr' }}>
            <Text size="sm" fw={600}>
              {t('stats.col.rank')}
            </Text>
            <Text size="sm" c="dark.5">
              {t('stats.banks.rankDefinition')}
            </Text>
          </SimpleGrid>
        </SimpleGrid>
      ) : (
        <Skeleton h={200} />
      )}
    </Section>
  );
}
