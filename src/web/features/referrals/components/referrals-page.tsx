import { Switch, Text } from '@mantine/core';
import { linkOptions } from '@tanstack/react-router';
import { ButtonLink } from '../../../components/router-links.js';
import { codeColumn } from '../../../components/list-columns.js';
import { FilterSelect, ListPage, patchSearch } from '../../../components/list-page.js';
import { ExportMenu } from '../../../components/export-menu.js';
import { type Column } from '../../../components/list-table.js';
import { REFERRAL_STATUSES } from '../../../../shared/machines.js';
import type { Role } from '../../../../shared/roles.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { listFilters } from '../../../lib/list-search.js';
import { referenceName, useReferenceList, useAgencyOptions } from '../../../lib/reference.js';
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
  const { t, language, status } = useI18n();
  const banks = useReferenceList('banks');
  const agencyOptions = useAgencyOptions();
  const programs = useReferenceList('programs');
  const filters = listFilters(search);
  const list = useReferrals({ page: search.page, pageSize: PAGE_SIZE, ...filters });
  const set = patchSearch(search, onSearchChange);
  const canRefer = can(role, 'POST /api/v1/referrals');
  const oneBank = scopeOf(role) === 'bankId';
  const oneAgency = scopeOf(role) === 'agencyId';
  const canUpload = can(role, 'POST /api/v1/referrals/import');

  const columns: Column<Referral>[] = [
    codeColumn({ header: t('referrals.col.code'), width: 140, link: (r) => linkOptions({ to: '/referrals/$referralId', params: { referralId: r.id } }), testId: 'referral-link' }),
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

  const refOptions = (items: { code: string; name: string; nameEn: string }[] | undefined) => (items ?? []).map((x) => ({ value: x.code, label: referenceName(x, language) }));
  return (
    <ListPage
      title={t('referrals.title')}
      subtitle={t(oneBank ? 'referrals.subtitle.bank' : oneAgency ? 'referrals.subtitle.agency' : 'referrals.subtitle.all')}
      total={(total) => t('referrals.total', { total })}
      actions={
        <>
          {can(role, 'GET /api/v1/referrals/deadlines') ? <ReferralDeadlines canEdit={can(role, 'PUT /api/v1/referrals/deadlines')} /> : null}
          {can(role, 'GET /api/v1/referrals/export') ? <ExportMenu path="/referrals/export" query={filters} testId="referrals-export" /> : null}
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
        </>
      }
      filters={
        <>
          <SearchInput value={search.q} onSearch={(q) => set({ q })} placeholder={t('referrals.searchPlaceholder')} w={{ base: '100%', sm: 300 }} testId="referrals-search" />
          <FilterSelect
            label={t('referrals.col.status')}
            data={REFERRAL_STATUSES.map((s) => ({ value: s, label: status('referral', s) }))}
            value={search.status}
            onChange={(v) => set({ status: v as ReferralStatus | '' })}
            w={170}
            testId="filter-status"
          />
          {!oneBank ? <FilterSelect label={t('referrals.col.bank')} data={refOptions(banks.data)} value={search.bankId} onChange={(bankId) => set({ bankId })} searchable w={200} /> : null}
          {!oneAgency ? <FilterSelect label={t('referrals.col.agency')} data={agencyOptions.data} filter={agencyOptions.filter} value={search.agencyId} onChange={(agencyId) => set({ agencyId })} searchable w={220} /> : null}
          <FilterSelect label={t('referrals.col.program')} data={refOptions(programs.data)} value={search.programCode} onChange={(programCode) => set({ programCode })} w={220} />
          <Switch label={t('referrals.overdueOnly')} checked={search.overdue} onChange={(e) => set({ overdue: e.currentTarget.checked })} data-testid="filter-overdue" />
        </>
      }
      query={list}
      columns={columns}
      rowKey={(r) => r.id}
      emptyText={t('referrals.empty')}
      testId="referrals-table"
      page={search.page}
      pageSize={PAGE_SIZE}
      onPageChange={(page) => onSearchChange({ ...search, page })}
    />
  );
}
