import { Badge, Group, Select, Switch, Text } from '@mantine/core';
import { AnchorLink, ButtonLink } from '../../../components/router-links.js';
import { ListPagination } from '../../../components/list-pagination.js';
import { ListTable, type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { REFERRAL_STATUSES } from '../../../../shared/machines.js';
import type { Role } from '../../../../shared/roles.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { referenceName, useReferenceList } from '../../../lib/reference.js';
import type { Referral, ReferralStatus } from '../api/referrals-api.js';
import type { ReferralsSearch } from './referrals-search.js';
import { useReferrals } from '../hooks/use-referrals.js';
import { Money, ReferralStatusBadge, Waiting } from './referral-ui.js';
import { ReferralDeadlines } from './referral-deadlines.js';
import { can, scopeOf } from '../../../lib/authorization.js';
import { SearchInput } from '../../../components/search-input.js';

const PAGE_SIZE = 25;

/** Referrals in the caller's scope, filtered in the URL: a bank sees those to it, an agency those it made. */
export function ReferralsPage({ role, search, onSearchChange }: { role: Role; search: ReferralsSearch; onSearchChange: (next: ReferralsSearch) => void }) {
  const { t, digits, language, status } = useI18n();
  const banks = useReferenceList('banks');
  const agencies = useReferenceList('agencies');
  const programs = useReferenceList('programs');
  const list = useReferrals({
    page: search.page,
    pageSize: PAGE_SIZE,
    q: search.q || undefined,
    status: search.status || undefined,
    bankId: search.bankId || undefined,
    agencyId: search.agencyId || undefined,
    programCode: search.programCode || undefined,
    overdue: search.overdue || undefined,
  });
  const set = (patch: Partial<ReferralsSearch>) => onSearchChange({ ...search, page: 1, ...patch });
  const canRefer = can(role, 'POST /api/v1/referrals');
  const oneBank = scopeOf(role) === 'bankId';
  const oneAgency = scopeOf(role) === 'agencyId';
  const canUpload = can(role, 'POST /api/v1/referrals/import');

  const columns: Column<Referral>[] = [
    {
      key: 'code',
      header: t('referrals.col.code'),
      width: 140,
      render: (r) => (
        <AnchorLink to="/referrals/$referralId" params={{ referralId: r.id }} size="sm" className="tabular" data-testid="referral-link">
          <bdi>{digits(r.code)}</bdi>
        </AnchorLink>
      ),
    },
    {
      key: 'unit',
      header: t('referrals.col.unit'),
      render: (r) => (
        <Text span size="sm" fw={500} dir="auto">
          {r.unitName}
        </Text>
      ),
    },
    ...(oneBank ? [] : [{ key: 'bank', header: t('referrals.col.bank'), render: (r: Referral) => <bdi>{r.bankName}</bdi> }]),
    ...(oneAgency ? [] : [{ key: 'agency', header: t('referrals.col.agency'), render: (r: Referral) => <bdi>{r.agencyName}</bdi> }]),
    { key: 'program', header: t('referrals.col.program'), render: (r) => <Text span size="sm">{r.programName}</Text> },
    { key: 'amount', header: t('referrals.col.requested'), align: 'end', render: (r) => <Money value={r.requestedAmount} /> },
    { key: 'status', header: t('referrals.col.status'), render: (r) => <ReferralStatusBadge status={r.status} /> },
    { key: 'waiting', header: t('referrals.col.waiting'), render: (r) => <Waiting daysWaiting={r.daysWaiting} overdue={r.overdue} /> },
    { key: 'date', header: t('referrals.col.date'), render: (r) => <span className="tabular">{formatDate(r.referralDate, language)}</span> },
  ];

  const data = list.data;
  const refOptions = (items: { code: string; name: string; nameEn: string }[] | undefined) => (items ?? []).map((x) => ({ value: x.code, label: referenceName(x, language) }));
  return (
    <>
      <PageHeader
        title={t('referrals.title')}
        subtitle={t(oneBank ? 'referrals.subtitle.bank' : oneAgency ? 'referrals.subtitle.agency' : 'referrals.subtitle.all')}
        actions={
          <Group gap="xs">
            <ReferralDeadlines canEdit={can(role, 'PUT /api/v1/referrals/deadlines')} />
            {data ? (
              <Badge size="lg" variant="light" color="gray" radius="sm" fw={500} data-testid="referrals-total">
                {t('referrals.total', { total: data.total })}
              </Badge>
            ) : null}
            {canUpload ? (
              <ButtonLink to="/referrals/import" variant="light">
                {t('referrals.import.title')}
              </ButtonLink>
            ) : null}
            {canRefer ? (
              <ButtonLink to="/referrals/new" data-testid="new-referral">
                {t('referrals.new')}
              </ButtonLink>
            ) : null}
          </Group>
        }
      />
      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <SearchInput
          value={search.q}
          onSearch={(q) => set({ q })}
          placeholder={t('referrals.searchPlaceholder')}
          w={{ base: '100%', sm: 300 }}
          testId="referrals-search"
        />
        <Select
          placeholder={t('referrals.col.status')}
          aria-label={t('referrals.col.status')}
          data={REFERRAL_STATUSES.map((s) => ({ value: s, label: status('referral', s) }))}
          value={search.status || null}
          onChange={(v) => set({ status: (v ?? '') as ReferralStatus | '' })}
          clearable
          w={170}
          data-testid="filter-status"
        />
        {!oneBank ? (
          <Select placeholder={t('referrals.col.bank')} aria-label={t('referrals.col.bank')} data={refOptions(banks.data)} value={search.bankId || null} onChange={(v) => set({ bankId: v ?? '' })} clearable searchable w={200} />
        ) : null}
        {!oneAgency ? (
          <Select placeholder={t('referrals.col.agency')} aria-label={t('referrals.col.agency')} data={refOptions(agencies.data)} value={search.agencyId || null} onChange={(v) => set({ agencyId: v ?? '' })} clearable searchable w={220} />
        ) : null}
        <Select placeholder={t('referrals.col.program')} aria-label={t('referrals.col.program')} data={refOptions(programs.data)} value={search.programCode || null} onChange={(v) => set({ programCode: v ?? '' })} clearable w={220} />
        <Switch label={t('referrals.overdueOnly')} checked={search.overdue} onChange={(e) => set({ overdue: e.currentTarget.checked })} data-testid="filter-overdue" />
      </Group>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <ListTable
            testId="referrals-table"
            caption={t('referrals.title')}
            columns={columns}
            rows={data?.items}
            rowKey={(r) => r.id}
            emptyText={t('referrals.empty')}
            stale={list.isPlaceholderData}
          />
          {data ? <ListPagination page={search.page} pageSize={PAGE_SIZE} total={data.total} onChange={(page) => onSearchChange({ ...search, page })} /> : null}
        </>
      )}
    </>
  );
}
