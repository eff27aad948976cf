import { ListBody } from '../../../components/list-page.js';
import { Badge, Group, Paper, Progress, Select, SimpleGrid, Skeleton, Stack, Switch, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { linkOptions } from '@tanstack/react-router';
import { ButtonLink } from '../../../components/router-links.js';
import { codeColumn } from '../../../components/list-columns.js';
import { type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import type { Role } from '../../../../shared/roles.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import { referenceName, useReferenceList } from '../../../lib/reference.js';
import type { InboxGroup, Referral, ReferralStatus } from '../api/bank-api.js';
import { useInboxSummary, useStage } from '../hooks/use-bank.js';
import { Billions, STAGE_COLOR, StageBadge } from './bank-ui.js';
import { can, scopeOf } from '../../../lib/authorization.js';

/** The stages a bank still has to act on, in the order it acts. */
const STAGES: ReferralStatus[] = ['referred', 'received', 'under_review', 'approved'];
const AGES = ['d0to7', 'd8to30', 'd31to90', 'd91plus'] as const;

function stageTotals(groups: InboxGroup[], status: ReferralStatus) {
  const mine = groups.filter((g) => g.status === status);
  return {
    count: mine.reduce((s, g) => s + g.count, 0),
    overdue: mine.reduce((s, g) => s + g.overdue, 0),
    amount: mine.reduce((s, g) => s + BigInt(g.requestedAmount), 0n).toString(),
    age: Object.fromEntries(AGES.map((a) => [a, mine.reduce((s, g) => s + g.age[a], 0)])) as Record<(typeof AGES)[number], number>,
  };
}

/**
 * The bank's inbox: referrals waiting for it, by stage and by how long they have waited — receipt to
 * acknowledge, files to review, decisions to take, approved loans to pay — the overdue ones marked.
 * The secretariat (and executives) can look at any bank's.
 */
export function BankInbox({ role }: { role: Role }) {
  const { t, n, language } = useI18n();
  const banks = useReferenceList('banks');
  const [bankId, setBankId] = useState<string | null>(null);
  const oneBank = scopeOf(role) === 'bankId';
  const scopedBank = oneBank ? undefined : (bankId ?? undefined);
  const summary = useInboxSummary(scopedBank);
  const [stage, setStage] = useState<ReferralStatus>('referred');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useStage(stage, scopedBank, page, overdueOnly);
  if (summary.isError) return <QueryError error={summary.error} onRetry={() => void summary.refetch()} />;
  const groups = summary.data?.groups;

  const columns: Column<Referral>[] = [
    codeColumn({ header: t('referrals.col.code'), width: 140, link: (r) => linkOptions({ to: '/referrals/$referralId', params: { referralId: r.id } }), testId: 'inbox-link' }),
    { key: 'unit', header: t('referrals.col.unit'), render: (r) => <Text span size="sm" fw={500} dir="auto">{r.unitName}</Text> },
    { key: 'agency', header: t('referrals.col.agency'), render: (r) => <bdi>{r.agencyName}</bdi> },
    ...(oneBank ? [] : [{ key: 'bank', header: t('referrals.col.bank'), render: (r: Referral) => <bdi>{r.bankName}</bdi> }]),
    { key: 'program', header: t('referrals.col.program'), render: (r) => <Text span size="sm">{r.programName}</Text> },
    { key: 'amount', header: t('referrals.col.requested'), align: 'end', render: (r) => <Billions value={r.approvedAmount ?? r.requestedAmount} /> },
    { key: 'date', header: t('referrals.col.date'), render: (r) => <span className="tabular">{formatDate(r.referralDate, language)}</span> },
    {
      key: 'waiting',
      header: t('referrals.col.waiting'),
      render: (r) =>
        r.daysWaiting === null ? (
          '—'
        ) : (
          <Text span size="sm" c={r.overdue ? 'red.8' : 'dark.5'} fw={r.overdue ? 600 : 400}>
            {t(r.overdue ? 'referrals.waitingOverdue' : 'referrals.waiting', { days: r.daysWaiting })}
          </Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('bank.inbox.title')}
        subtitle={
          summary.data
            ? t('bank.inbox.subtitle', { receipt: summary.data.receiptDeadlineDays, decision: summary.data.decisionDeadlineDays })
            : undefined
        }
        actions={
          <Group gap="xs">
            {!oneBank ? (
              <Select
                placeholder={t('bank.inbox.allBanks')}
                aria-label={t('referrals.col.bank')}
                data={(banks.data ?? []).map((b) => ({ value: b.code, label: referenceName(b, language) }))}
                value={bankId}
                onChange={(v) => {
                  setBankId(v);
                  setPage(1);
                }}
                clearable
                searchable
                w={240}
              />
            ) : null}
            {can(role, 'POST /api/v1/referrals/import') ? (
              <ButtonLink to="/referrals/import" variant="light">
                {t('referrals.import.title')}
              </ButtonLink>
            ) : null}
          </Group>
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mb="lg">
        {STAGES.map((s) => {
          const totals = groups ? stageTotals(groups, s) : null;
          const active = s === stage;
          return (
            <UnstyledButton
              key={s}
              onClick={() => {
                setStage(s);
                setPage(1);
              }}
              data-testid={`stage-${s}`}
              aria-pressed={active}
            >
              <Paper withBorder radius="md" p="md" shadow={active ? 'sm' : undefined} style={{ borderColor: active ? `var(--mantine-color-${STAGE_COLOR[s]}-5)` : undefined, borderWidth: active ? 2 : 1 }}>
                <Group justify="space-between" mb={6}>
                  <Text fw={600} size="sm">
                    {t(`bank.stage.${s}` as MessageKey)}
                  </Text>
                  {totals && totals.overdue ? (
                    <Badge color="red" variant="filled" size="sm" data-testid={`stage-${s}-overdue`}>
                      {t('bank.inbox.overdueCount', { n: totals.overdue })}
                    </Badge>
                  ) : null}
                </Group>
                {totals ? (
                  <Stack gap={6}>
                    <Group justify="space-between" align="baseline">
                      <Text fz={28} fw={700} className="tabular" data-testid={`stage-${s}-count`}>
                        {n(totals.count)}
                      </Text>
                      <Billions value={totals.amount} />
                    </Group>
                    <Progress.Root size="lg" aria-label={t('bank.inbox.ages')}>
                      {AGES.map((a, i) =>
                        totals.count ? (
                          <Progress.Section key={a} value={(100 * totals.age[a]) / totals.count} color={['brand', 'yellow', 'orange', 'red'][i]!} title={`${t(`bank.age.${a}` as MessageKey)}: ${n(totals.age[a])}`} />
                        ) : null,
                      )}
                    </Progress.Root>
                    <Group gap={8}>
                      {AGES.map((a) => (
                        <Text key={a} size="xs" c="dimmed">
                          {t(`bank.age.${a}` as MessageKey)}: {n(totals.age[a])}
                        </Text>
                      ))}
                    </Group>
                  </Stack>
                ) : (
                  <Skeleton height={70} />
                )}
              </Paper>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={3} fz="md">
            {t(`bank.stage.${stage}` as MessageKey)}
          </Title>
          <StageBadge status={stage} />
        </Group>
        <Switch
          label={t('referrals.overdueOnly')}
          checked={overdueOnly}
          onChange={(e) => {
            setOverdueOnly(e.currentTarget.checked);
            setPage(1);
          }}
          data-testid="inbox-overdue"
        />
      </Group>
      <ListBody query={list} testId="inbox-table" columns={columns} rowKey={(r) => r.id} emptyText={t('bank.inbox.empty')} page={page} pageSize={25} onPageChange={setPage} />
    </>
  );
}
