import { Badge, Group, Paper, Select, SimpleGrid, Skeleton, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { AnchorLink } from '../../../components/router-links.js';
import { ListTable, type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { StatCard } from '../../../components/stat-card.js';
import { AlertIcon, BankIcon, ClipboardIcon, ListCheckIcon } from '../../../components/icons.js';
import { formatBillionRials } from '../../../../shared/money.js';
import type { ReferralStatus } from '../../../../shared/machines.js';
import type { Role } from '../../../../shared/roles.js';
import { useI18n } from '../../../lib/i18n.js';
import { useAgencyOptions } from '../../../lib/reference.js';
import type { Referral, SummaryGroup } from '../api/referrals-api.js';
import { useReferralSummary, useReferrals } from '../hooks/use-referrals.js';
import { Money, ReferralStatusBadge, Waiting } from './referral-ui.js';
import { scopeOf } from '../../../lib/authorization.js';
import { TrackingCode } from '../../../components/tracking-code.js';

const STAGES: ReferralStatus[] = ['referred', 'received', 'under_review', 'approved', 'paid', 'rejected', 'withdrawn'];

interface BankRow {
  bankId: string;
  bankName: string;
  byStatus: Partial<Record<ReferralStatus, number>>;
  total: number;
  open: number;
  overdue: number;
  followedUp: number;
  paidAmount: bigint;
}

function byBank(groups: SummaryGroup[]): BankRow[] {
  const rows = new Map<string, BankRow>();
  for (const g of groups) {
    const row = rows.get(g.bankId) ?? { bankId: g.bankId, bankName: g.bankName, byStatus: {}, total: 0, open: 0, overdue: 0, followedUp: 0, paidAmount: 0n };
    row.byStatus[g.status] = (row.byStatus[g.status] ?? 0) + g.count;
    row.total += g.count;
    if (['referred', 'received', 'under_review', 'approved'].includes(g.status)) row.open += g.count;
    row.overdue += g.overdue;
    row.followedUp += g.followedUp;
    row.paidAmount += BigInt(g.paidAmount);
    rows.set(g.bankId, row);
  }
  return [...rows.values()].sort((a, b) => b.total - a.total);
}

/**
 * The referring agency's monitor: its referrals by bank and stage, with what is overdue and what has been
 * followed up; the secretariat chooses an agency (or sees them all). The stalled ones are listed below.
 */
export function AgencyMonitor({ role }: { role: Role }) {
  const { t, n, language, status } = useI18n();
  const agencyOptions = useAgencyOptions();
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const ownAgency = scopeOf(role) === 'agencyId';
  const summary = useReferralSummary({ agencyId: ownAgency ? undefined : (agencyId ?? undefined) });
  const stalled = useReferrals({ page: 1, pageSize: 50, overdue: true, agencyId: ownAgency ? undefined : (agencyId ?? undefined), sort: 'referralDate' });
  if (summary.isError) return <QueryError error={summary.error} onRetry={() => void summary.refetch()} />;
  const rows = summary.data ? byBank(summary.data.groups) : undefined;
  const totals = rows?.reduce(
    (s, r) => ({ total: s.total + r.total, open: s.open + r.open, overdue: s.overdue + r.overdue, followedUp: s.followedUp + r.followedUp, paid: s.paid + r.paidAmount }),
    { total: 0, open: 0, overdue: 0, followedUp: 0, paid: 0n },
  );

  const stalledColumns: Column<Referral>[] = [
    {
      key: 'code',
      header: t('referrals.col.code'),
      render: (r) => (
        <AnchorLink to="/referrals/$referralId" params={{ referralId: r.id }} size="sm" className="tabular">
          <TrackingCode code={r.code} />
        </AnchorLink>
      ),
    },
    { key: 'unit', header: t('referrals.col.unit'), render: (r) => <Text span size="sm" dir="auto">{r.unitName}</Text> },
    { key: 'bank', header: t('referrals.col.bank'), render: (r) => <bdi>{r.bankName}</bdi> },
    { key: 'status', header: t('referrals.col.status'), render: (r) => <ReferralStatusBadge status={r.status} /> },
    { key: 'amount', header: t('referrals.col.requested'), align: 'end', render: (r) => <Money value={r.requestedAmount} /> },
    { key: 'waiting', header: t('referrals.col.waiting'), render: (r) => <Waiting daysWaiting={r.daysWaiting} overdue={r.overdue} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('referrals.monitor.title')}
        subtitle={t('referrals.monitor.subtitle')}
        actions={
          !ownAgency ? (
            <Select
              placeholder={t('referrals.monitor.allAgencies')}
              aria-label={t('referrals.col.agency')}
              data={agencyOptions.data} filter={agencyOptions.filter}
              value={agencyId}
              onChange={setAgencyId}
              clearable
              searchable
              w={280}
            />
          ) : null
        }
      />
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="lg">
        <StatCard label={t('referrals.monitor.total')} value={totals ? n(totals.total) : null} icon={<BankIcon size={20} />} testId="monitor-total" />
        <StatCard label={t('referrals.monitor.open')} value={totals ? n(totals.open) : null} icon={<ClipboardIcon size={20} />} />
        <StatCard label={t('referrals.monitor.overdue')} value={totals ? n(totals.overdue) : null} icon={<AlertIcon size={20} />} color="red" testId="monitor-overdue" />
        <StatCard label={t('referrals.monitor.paid')} value={totals ? t('referrals.billionRials', { amount: formatBillionRials(totals.paid, language, 1) }) : null} icon={<ListCheckIcon size={20} />} />
      </SimpleGrid>
      <Paper withBorder radius="md" p="md" mb="lg">
        <Title order={3} fz="md" mb="sm">
          {t('referrals.monitor.byBank')}
        </Title>
        {!rows ? (
          <Skeleton height={200} />
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table striped highlightOnHover withTableBorder data-testid="monitor-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('referrals.col.bank')}</Table.Th>
                  {STAGES.map((s) => (
                    <Table.Th key={s} ta="center">
                      {status('referral', s)}
                    </Table.Th>
                  ))}
                  <Table.Th ta="center">{t('referrals.monitor.overdue')}</Table.Th>
                  <Table.Th ta="center">{t('referrals.monitor.followedUp')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.bankId}>
                    <Table.Td>
                      <AnchorLink to="/referrals" search={{ bankId: r.bankId, ...(!ownAgency && agencyId ? { agencyId } : {}) }} size="sm">
                        {r.bankName}
                      </AnchorLink>
                    </Table.Td>
                    {STAGES.map((s) => (
                      <Table.Td key={s} ta="center" className="tabular">
                        {r.byStatus[s] ? n(r.byStatus[s]) : '·'}
                      </Table.Td>
                    ))}
                    <Table.Td ta="center">
                      {r.overdue ? (
                        <Badge color="red" variant="light">
                          {n(r.overdue)}
                        </Badge>
                      ) : (
                        '·'
                      )}
                    </Table.Td>
                    <Table.Td ta="center" className="tabular">
                      {r.total ? t('referrals.percent', { percent: Math.round((100 * r.followedUp) / r.total) }) : '·'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Group justify="space-between" mb="xs">
        <Title order={3} fz="md">
          {t('referrals.monitor.stalled')}
        </Title>
        {stalled.data ? <Text size="sm" c="dimmed">{t('referrals.total', { total: stalled.data.total })}</Text> : null}
      </Group>
      <ListTable testId="stalled-table" columns={stalledColumns} rows={stalled.data?.items} rowKey={(r) => r.id} emptyText={t('referrals.monitor.noneStalled')} />
    </>
  );
}
