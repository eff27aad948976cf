import { Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { LOAN_APPLICATION_STATUSES, type LoanApplicationStatus } from '../../../../shared/machines.js';
import type { Role } from '../../../../shared/roles.js';
import { ListPagination } from '../../../components/list-pagination.js';
import { type Column } from '../../../components/list-table.js';
import { FilterSelect, ListBody } from '../../../components/list-page.js';
import { ExportMenu } from '../../../components/export-menu.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { AnchorLink, ButtonLink } from '../../../components/router-links.js';
import { can, scopeOf } from '../../../lib/authorization.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { referenceName, useReferenceList } from '../../../lib/reference.js';
import { tehranDate } from '../../../../shared/jalali.js';
import type { LoanApplication } from '../api/loan-applications-api.js';
import { useLoanApplications } from '../hooks/use-loan-applications.js';
import { LoanStatusBadge, Rials } from './loan-ui.js';

export interface LoansSearch {
  status?: LoanApplicationStatus | undefined;
  programCode?: string | undefined;
  page: number;
}

const PAGE_SIZE = 25;

/** The producer's «درخواست‌های تسهیلات من», and the committee's list with its status filter. */
export function LoanApplicationsPage({ role, search, onSearchChange }: { role: Role; search: LoansSearch; onSearchChange: (next: LoansSearch) => void }) {
  const { t, n, digits, language, status: statusLabel } = useI18n();
  const programs = useReferenceList('programs');
  const mine = scopeOf(role) === 'unitId';
  const filters = { status: search.status, programCode: search.programCode };
  const query = useLoanApplications({ page: search.page, pageSize: PAGE_SIZE, ...filters });
  const columns: Column<LoanApplication>[] = [
    {
      key: 'code',
      header: t('loans.col.code'),
      render: (a) => (
        <AnchorLink to="/loan-applications/$loanApplicationId" params={{ loanApplicationId: a.id }} size="sm" className="tabular" data-testid="loan-link">
          <bdi>{digits(a.code)}</bdi>
        </AnchorLink>
      ),
    },
    ...(mine ? [] : [{ key: 'unit', header: t('loans.col.unit'), render: (a: LoanApplication) => <Text size="sm" dir="auto">{a.unitName}</Text> }]),
    { key: 'program', header: t('loans.col.program'), render: (a) => <Text size="sm">{a.programName}</Text> },
    { key: 'amount', header: t('loans.col.amount'), align: 'end', render: (a) => <Rials value={a.requestedAmount} /> },
    { key: 'date', header: t('loans.col.date'), render: (a) => <span className="tabular">{formatDate(tehranDate(new Date(a.createdAt)), language)}</span> },
    { key: 'status', header: t('loans.col.status'), render: (a) => <LoanStatusBadge status={a.status} size="sm" /> },
  ];
  return (
    <>
      <PageHeader
        title={t(mine ? 'loans.title.mine' : 'loans.title.committee')}
        subtitle={t(mine ? 'loans.subtitle.mine' : 'loans.subtitle.committee')}
        actions={
          <>
            {can(role, 'GET /api/v1/loan-applications/export') && !mine ? <ExportMenu path="/loan-applications/export" query={filters} testId="loans-export" /> : null}
            {can(role, 'POST /api/v1/loan-applications') ? (
              <ButtonLink to="/loan-applications/new" data-testid="loan-new">
                {t('loans.new')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <Group mb="md" gap="sm" align="end" wrap="wrap">
        <FilterSelect
          label={t('loans.filter.status')}
          placeholder={t('loans.filter.all')}
          data={LOAN_APPLICATION_STATUSES.map((s) => ({ value: s, label: statusLabel('loan_application', s) }))}
          value={search.status ?? ''}
          onChange={(v) => onSearchChange({ ...search, status: (v || undefined) as LoanApplicationStatus | undefined, page: 1 })}
          w={220}
          testId="loan-filter-status"
        />
        <FilterSelect
          label={t('loans.filter.program')}
          placeholder={t('loans.filter.all')}
          data={(programs.data ?? []).map((p) => ({ value: p.code, label: referenceName(p, language) }))}
          value={search.programCode ?? ''}
          onChange={(v) => onSearchChange({ ...search, programCode: v || undefined, page: 1 })}
          w={260}
        />
        {query.data ? (
          <Text size="sm" c="dimmed" ml="auto">
            {t('loans.total', { total: n(query.data.total) })}
          </Text>
        ) : null}
      </Group>
      {mine ? (
        <>
          {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
          <MyApplications items={query.data?.items} />
          {query.data ? <ListPagination page={search.page} pageSize={PAGE_SIZE} total={query.data.total} onChange={(page) => onSearchChange({ ...search, page })} /> : null}
        </>
      ) : (
        <ListBody query={query} columns={columns} rowKey={(a) => a.id} emptyText={t('loans.empty')} testId="loan-list" page={search.page} pageSize={PAGE_SIZE} onPageChange={(page) => onSearchChange({ ...search, page })} />
      )}
    </>
  );
}

/** The producer's own applications as cards: a few at most, read on a phone. */
function MyApplications({ items }: { items: LoanApplication[] | undefined }) {
  const { t, digits, language } = useI18n();
  if (!items) return <Skeleton h={120} radius="md" />;
  if (!items.length)
    return (
      <Paper withBorder radius="md" p="xl" data-testid="loan-list">
        <Text c="dimmed" ta="center" size="sm">
          {t('loans.emptyMine')}
        </Text>
      </Paper>
    );
  return (
    <Stack gap="sm" data-testid="loan-list">
      {items.map((a) => (
        <Paper key={a.id} withBorder radius="md" p="md" data-testid="loan-card">
          <Group justify="space-between" wrap="nowrap" mb={6}>
            <AnchorLink to="/loan-applications/$loanApplicationId" params={{ loanApplicationId: a.id }} fw={600} className="tabular" data-testid="loan-link">
              <bdi>{digits(a.code)}</bdi>
            </AnchorLink>
            <LoanStatusBadge status={a.status} size="sm" />
          </Group>
          <Text size="sm">{a.programName}</Text>
          <Group justify="space-between" mt={6} align="end">
            <Rials value={a.requestedAmount} />
            <Text size="xs" c="dimmed" className="tabular">
              {formatDate(tehranDate(new Date(a.createdAt)), language)}
            </Text>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
