import { Badge, Button, Checkbox, Group, Paper, Popover, SimpleGrid, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import type { BankRow, BankStats, BankTotal } from '../api/stats-api.js';
import { useBankStats } from '../hooks/use-stats.js';
import { DrillValue } from './drilldown.js';
import { ExportButton, PrintForSessionButton } from './report-actions.js';
import { toFilters, type StatsSearch } from './stats-search.js';
import { canDrillBank, COLORS, useStatsFormat, type StatsViewer } from './stats-format.js';
import { StatsChart } from './stats-chart.js';
import { Amount, LoadingRows, Section } from './stats-ui.js';
import classes from './stats.module.css';
import { can, scopeOf } from '../../../lib/authorization.js';
import { StatsPage } from './stats-page.js';

/** Amber text for a half-used quota: Mantine's yellow.9 is 3.0:1 on white; this is 5.6:1 (WCAG AA, 4.5:1). */
const AMBER_TEXT = '#a35200';

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
  const { t } = useI18n();
  const filters = toFilters(search);
  const stats = useBankStats(filters);
  const data = stats.data;
  const canPrint = can(viewer.role, 'GET /api/v1/stats/banks/report');
  return (
    <StatsPage
      title={t('stats.banks.title')}
      subtitle="stats.banks.subtitle"
      actions={
        <>
          <ExportButton table="banks" filters={filters} />
          {canPrint ? <PrintForSessionButton filters={filters} viewer={viewer} /> : null}
        </>
      }
      search={search}
      onSearchChange={onSearchChange}
      drillViewer={viewer}
      asOf={data?.asOf}
      query={stats}
    >
      {scopeOf(viewer.role) === 'bankId' ? (
        <Text size="sm" c="dimmed" mb="sm" data-testid="bank-own-note">
          {t('stats.banks.ownNote')}
        </Text>
      ) : null}
      <BankGlance data={data} />
      <BankTable data={data} viewer={viewer} stale={stats.isPlaceholderData} />
      <Stack gap="md" mt="md">
        <RejectionReasons data={data} />
        <Definitions data={data} />
      </Stack>
    </StatsPage>
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

type ColumnKey = 'rank' | CountKey | 'written' | 'requestedAmount' | 'approvedAmount' | 'paidAmount' | 'approvalRate' | 'daysToDecision' | 'daysToPayment' | 'quota' | 'quotaUsed' | 'directCount' | 'directAmount';
type GroupKey = 'none' | 'counts' | 'amounts' | 'performance' | 'quota' | 'direct';

/** Every column the comparison can show, in order, with its group. */
const COLUMNS: readonly { key: ColumnKey; group: GroupKey }[] = [
  { key: 'rank', group: 'none' },
  ...COUNTS.flatMap((key): { key: ColumnKey; group: GroupKey }[] => (key === 'rejected' ? [{ key, group: 'counts' }, { key: 'written', group: 'counts' }] : [{ key, group: 'counts' }])),
  { key: 'requestedAmount', group: 'amounts' },
  { key: 'approvedAmount', group: 'amounts' },
  { key: 'paidAmount', group: 'amounts' },
  { key: 'approvalRate', group: 'performance' },
  { key: 'daysToDecision', group: 'performance' },
  { key: 'daysToPayment', group: 'performance' },
  { key: 'quota', group: 'quota' },
  { key: 'quotaUsed', group: 'quota' },
  { key: 'directCount', group: 'direct' },
  { key: 'directAmount', group: 'direct' },
];
const GROUP_LABEL: Record<Exclude<GroupKey, 'none'>, MessageKey> = {
  counts: 'stats.banks.group.counts',
  amounts: 'stats.banks.group.amounts',
  performance: 'stats.banks.group.performance',
  quota: 'stats.banks.group.quota',
  direct: 'stats.banks.group.direct',
};
/** What a working-group member reads first: fits a 1440-pixel screen with the menu open. */
export const DEFAULT_COLUMNS: readonly ColumnKey[] = ['rank', 'referred', 'decided', 'approved', 'rejected', 'paid', 'overdue', 'paidAmount', 'approvalRate', 'daysToDecision', 'quota', 'quotaUsed'];
const STORAGE_KEY = 'tashil.stats.banks.columns';

function readColumns(): ColumnKey[] {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (Array.isArray(raw)) {
      const known = raw.filter((k): k is ColumnKey => COLUMNS.some((c) => c.key === k));
      if (known.length) return known;
    }
  } catch {
    // no storage (private mode) or a damaged value: the default set
  }
  return [...DEFAULT_COLUMNS];
}

/** The columns shown, remembered on this browser. */
function useBankColumns() {
  const [shown, setShown] = useState<ColumnKey[]>(readColumns);
  const save = (next: ColumnKey[]) => {
    const ordered = COLUMNS.map((c) => c.key).filter((k) => next.includes(k));
    setShown(ordered);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(ordered));
    } catch {
      // storage full or refused: the choice lasts for this visit
    }
  };
  return { shown, save };
}

function columnLabel(key: ColumnKey): MessageKey {
  return `stats.col.${key}` as MessageKey;
}

/** «ستون‌ها»: which columns the table shows; grouped as the table's header groups them. */
function ColumnChooser({ shown, onChange }: { shown: ColumnKey[]; onChange: (next: ColumnKey[]) => void }) {
  const { t } = useI18n();
  const groups = (Object.keys(GROUP_LABEL) as Exclude<GroupKey, 'none'>[]).map((g) => ({ g, keys: COLUMNS.filter((c) => c.group === g).map((c) => c.key) }));
  return (
    <Popover width={420} position="bottom-end" withArrow shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default" size="xs" data-testid="bank-columns">
          {t('stats.banks.columns', { shown: shown.length, all: COLUMNS.length })}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Checkbox label={t('stats.col.rank')} checked={shown.includes('rank')} onChange={(e) => onChange(e.currentTarget.checked ? [...shown, 'rank'] : shown.filter((k) => k !== 'rank'))} />
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
            {groups.map(({ g, keys }) => (
              <Stack key={g} gap={4}>
                <Text size="xs" fw={700} c="dimmed">
                  {t(GROUP_LABEL[g])}
                </Text>
                {keys.map((k) => (
                  <Checkbox
                    key={k}
                    size="xs"
                    label={g === 'direct' ? `${t(columnLabel(k))} (${t('stats.banks.directShort')})` : t(columnLabel(k))}
                    checked={shown.includes(k)}
                    onChange={(e) => onChange(e.currentTarget.checked ? [...shown, k] : shown.filter((x) => x !== k))}
                    data-testid={`bank-column-${k}`}
                  />
                ))}
              </Stack>
            ))}
          </SimpleGrid>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="subtle" onClick={() => onChange(COLUMNS.map((c) => c.key))}>
              {t('stats.banks.columnsAll')}
            </Button>
            <Button size="xs" variant="light" onClick={() => onChange([...DEFAULT_COLUMNS])} data-testid="bank-columns-default">
              {t('stats.banks.columnsDefault')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function BankTable({ data, viewer, stale }: { data: BankStats | undefined; viewer: StatsViewer; stale: boolean }) {
  const { t, n, language } = useI18n();
  const f = useStatsFormat();
  const { shown, save } = useBankColumns();
  const visible = COLUMNS.filter((c) => shown.includes(c.key));
  const def = (key: string) => {
    const d = data?.definitions[key];
    return d ? (language === 'fa' ? d.fa : d.en) : undefined;
  };
  const rows: Row[] | undefined = data
    ? [...data.items, { ...data.total, bankId: null, bankName: t('stats.banks.provinceTotal'), bankNameEn: t('stats.banks.provinceTotal'), rankByPaid: null, rankByApproval: null, isTotal: true }]
    : undefined;
  const nameOf = (row: Row) => (row.isTotal ? t('stats.banks.provinceTotal') : language === 'fa' ? row.bankName : row.bankNameEn);
  const drillEnabled = (row: Row) => (row.isTotal ? canDrillBank(viewer, null) && scopeOf(viewer.role) !== 'bankId' : canDrillBank(viewer, row.bankId));

  const headerOf = (key: ColumnKey): ReactNode => {
    switch (key) {
      case 'rank':
        return <HeaderCell key={key} label={t('stats.col.rank')} definition={t('stats.banks.rankDefinition')} align="start" />;
      case 'written':
        return <HeaderCell key={key} label={t('stats.col.written')} definition={t('stats.banks.writtenDefinition')} />;
      case 'approvalRate':
        return <HeaderCell key={key} label={t('stats.col.approvalRate')} definition={def('approvalRate')} />;
      case 'daysToDecision':
        return <HeaderCell key={key} label={t('stats.col.daysToDecision')} definition={def('medianDaysToDecision')} />;
      case 'daysToPayment':
        return <HeaderCell key={key} label={t('stats.col.daysToPayment')} definition={def('medianDaysToPayment')} />;
      case 'quotaUsed':
        return <HeaderCell key={key} label={t('stats.col.quotaUsed')} definition={def('quotaUsedRate')} />;
      case 'directCount':
      case 'directAmount':
        return <HeaderCell key={key} label={t(columnLabel(key))} definition={def('directAmount')} className={classes.direct} />;
      case 'quota':
      case 'requestedAmount':
      case 'approvedAmount':
      case 'paidAmount':
      case 'referred':
      case 'received':
      case 'decided':
      case 'approved':
      case 'rejected':
      case 'paid':
      case 'withdrawn':
      case 'open':
      case 'overdue':
        return <HeaderCell key={key} label={t(columnLabel(key))} definition={def(key)} />;
    }
  };

  const cellOf = (row: Row, key: ColumnKey): ReactNode => {
    const id = row.bankId ?? 'total';
    switch (key) {
      case 'rank':
        return (
          <Table.Td key={key} className="tabular">
            {row.rankByPaid !== null ? <RankBadge rank={row.rankByPaid} /> : null}
          </Table.Td>
        );
      case 'written': {
        const written = row.rejectionsWithWrittenReason;
        return (
          <Table.Td key={key} ta="end" className="tabular" data-testid={`cell-${id}-written`}>
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
        );
      }
      case 'requestedAmount':
      case 'approvedAmount':
      case 'paidAmount': {
        const a = AMOUNTS.find((x) => x.key === key)!;
        return (
          <Table.Td key={key} ta="end">
            <DrillValue request={{ source: 'referrals', metric: a.metric, bankId: row.bankId ?? undefined, title: t('stats.drill.bankMetric', { bank: nameOf(row), what: t(a.label) }), figure: row[a.metric] }} enabled={drillEnabled(row)}>
              <Amount rials={row[key]} />
            </DrillValue>
          </Table.Td>
        );
      }
      case 'approvalRate':
        return (
          <Table.Td key={key} ta="end" className="tabular" data-testid={`cell-${id}-approvalRate`}>
            {f.rate(row.approvalRate)}
            {row.rankByApproval !== null ? (
              <Text span size="xs" c="dimmed" ms={4}>
                ({t('stats.banks.rankShort', { rank: row.rankByApproval })})
              </Text>
            ) : null}
          </Table.Td>
        );
      case 'daysToDecision':
        return (
          <Table.Td key={key} ta="end" className="tabular">
            {f.days(row.medianDaysToDecision)}
          </Table.Td>
        );
      case 'daysToPayment':
        return (
          <Table.Td key={key} ta="end" className="tabular">
            {f.days(row.medianDaysToPayment)}
          </Table.Td>
        );
      case 'quota':
        return (
          <Table.Td key={key} ta="end">
            <Amount rials={row.quotaAmount} />
          </Table.Td>
        );
      case 'quotaUsed':
        return (
          <Table.Td key={key} ta="end" className="tabular" data-testid={`cell-${id}-quotaUsed`}>
            <QuotaUse rate={row.quotaUsedRate} />
          </Table.Td>
        );
      case 'directCount':
        return (
          <Table.Td key={key} ta="end" className={`${classes.direct} tabular`}>
            {n(row.directCount)}
          </Table.Td>
        );
      case 'directAmount':
        return (
          <Table.Td key={key} ta="end" className={classes.direct}>
            <Amount rials={row.directAmount} />
          </Table.Td>
        );
      case 'referred':
      case 'received':
      case 'decided':
      case 'approved':
      case 'rejected':
      case 'paid':
      case 'withdrawn':
      case 'open':
      case 'overdue':
        return (
          <Table.Td key={key} ta="end" c={key === 'overdue' && row.overdue > 0 ? 'red.8' : key === 'rejected' && row.rejected > 0 ? 'red.9' : undefined}>
            <DrillValue
              request={{ source: 'referrals', metric: key, bankId: row.bankId ?? undefined, title: t('stats.drill.bankMetric', { bank: nameOf(row), what: t(`stats.col.${key}`) }), figure: row[key] }}
              enabled={drillEnabled(row)}
              testId={`cell-${id}-${key}`}
            />
          </Table.Td>
        );
    }
  };

  // the header's groups, over the columns shown
  const spans: { group: GroupKey; span: number }[] = [];
  for (const c of visible) {
    const last = spans[spans.length - 1];
    if (last && last.group === c.group) last.span++;
    else spans.push({ group: c.group, span: 1 });
  }

  return (
    <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
      <Group justify="space-between" px="md" py={8} gap="xs" bg="gray.0" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Text size="xs" c="dimmed">
          {t('stats.banks.columnsHint')}
        </Text>
        <ColumnChooser shown={shown} onChange={save} />
      </Group>
      <Table.ScrollContainer minWidth={180 + visible.length * 74}>
        <Table className={classes.table} verticalSpacing={8} horizontalSpacing={8} highlightOnHover data-testid="bank-table" data-columns={visible.map((c) => c.key).join(' ')} aria-busy={!data || stale} style={{ opacity: stale ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr className={classes.group}>
              <Table.Th className={classes.sticky} />
              {spans.map((s, i) => (
                <Table.Th key={i} colSpan={s.span} className={s.group === 'direct' ? classes.direct : undefined}>
                  {s.group === 'none' ? null : t(GROUP_LABEL[s.group])}
                </Table.Th>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Th className={classes.sticky}>{t('stats.col.bank')}</Table.Th>
              {visible.map((c) => headerOf(c.key))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {!rows
              ? <LoadingRows count={8} colSpan={visible.length + 1} />
              : rows.map((row) => {
                  const own = scopeOf(viewer.role) === 'bankId' && row.bankId === viewer.bankId;
                  return (
                    <Table.Tr key={row.bankId ?? 'total'} className={row.isTotal ? classes.total : own ? classes.own : undefined} data-testid={row.isTotal ? 'bank-row-total' : `bank-row-${row.bankId}`}>
                      <Table.Td className={classes.sticky}>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={row.isTotal ? 700 : 500} dir="auto">
                            {nameOf(row)}
                          </Text>
                          {own ? (
                            <Badge size="xs" variant="filled" radius="sm" styles={{ root: { maxWidth: 'none', flexShrink: 0 } }}>
                              {t('stats.banks.yourBank')}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      {visible.map((c) => cellOf(row, c.key))}
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

/**
 * At a glance, for the executive: each bank's approval rate, its speed (median days from receipt to decision)
 * and its use of its quota, as three bar charts side by side — the table beneath holds the rest.
 */
function BankGlance({ data }: { data: BankStats | undefined }) {
  const { t, language } = useI18n();
  const banks = useMemo(() => (data ? data.items.filter((b) => b.referred > 0 || BigInt(b.quotaAmount) > 0n) : []), [data]);
  const names = banks.map((b) => (language === 'fa' ? b.bankName : b.bankNameEn).replace(/^بانک /, ''));
  const height = Math.max(220, banks.length * 26 + 60);
  const chart = (title: string, subtitle: string, values: (number | null)[], format: 'percent' | 'count', color: string, testId: string) => (
    <Section title={title} subtitle={subtitle} testId={testId}>
      {data ? (
        <StatsChart spec={{ kind: 'cartesian', horizontal: true, format, categories: names, series: [{ name: title, values, color, labels: true }] }} height={height} label={title} testId={`chart-${testId}`} />
      ) : (
        <Skeleton h={height} />
      )}
    </Section>
  );
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md" mb="md" data-testid="bank-glance">
      {chart(t('stats.col.approvalRate'), t('stats.banks.glance.approval'), banks.map((b) => (b.approvalRate === null ? null : b.approvalRate * 100)), 'percent', COLORS.brand, 'glance-approval')}
      {chart(t('stats.col.daysToDecision'), t('stats.banks.glance.speed'), banks.map((b) => b.medianDaysToDecision), 'count', COLORS.slate, 'glance-speed')}
      {chart(t('stats.col.quotaUsed'), t('stats.banks.glance.quota'), banks.map((b) => (b.quotaUsedRate === null ? null : b.quotaUsedRate * 100)), 'percent', COLORS.gold, 'glance-quota')}
    </SimpleGrid>
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
    <Text span size="sm" fw={600} c={rate >= 0.8 ? 'brand.8' : rate >= 0.5 ? AMBER_TEXT : 'red.8'}>
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
