import { Badge, Drawer, Group, Paper, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { linkOptions, type LinkOptions } from '@tanstack/react-router';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { periodLabel } from '../../../../shared/periods.js';
import type { StatusKind } from '../../../../shared/labels.js';
import { ListPagination } from '../../../components/list-pagination.js';
import { QueryError } from '../../../components/query-error.js';
import { AnchorLink } from '../../../components/router-links.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import type { DrillItem, DrillSource, DrillTarget, StatsFilters } from '../api/stats-api.js';
import { useDrilldown } from '../hooks/use-stats.js';
import { useStatsFormat, type StatsViewer } from './stats-format.js';
import classes from './stats.module.css';
import { AsOfNote, LoadingRows } from './stats-ui.js';
import { EmptyTableRow } from '../../../components/list-table.js';

const PAGE_SIZE = 25;

export interface DrillRequest extends DrillTarget {
  /** What the figure is, as the screen named it («پرداخت‌شده — بانک ملی»). */
  title: string;
  /** The number the user clicked: the list's total must equal it. */
  figure: number;
}

const DrillContext = createContext<((request: DrillRequest) => void) | null>(null);

/** Pages inside it can open the records behind any figure in a drawer, read with the page's own filters. */
export function DrillProvider({ filters, periodKey, viewer, children }: { filters: StatsFilters; periodKey: string; viewer: StatsViewer; children: ReactNode }) {
  const [request, setRequest] = useState<DrillRequest | null>(null);
  const [page, setPage] = useState(1);
  const open = useCallback((next: DrillRequest) => {
    setPage(1);
    setRequest(next);
  }, []);
  return (
    <DrillContext.Provider value={open}>
      {children}
      <DrillDrawer request={request} page={page} onPage={setPage} filters={filters} periodKey={periodKey} viewer={viewer} onClose={() => setRequest(null)} />
    </DrillContext.Provider>
  );
}

/** Opens the records behind a figure from code (a chart's bar); null outside a DrillProvider. */
export function useDrill(): ((request: DrillRequest) => void) | null {
  return useContext(DrillContext);
}

/**
 * A figure in a table or card. When the viewer may open the records behind it, it is a button that opens
 * them; otherwise it is the plain number (a bank sees its peers' figures but not their records).
 */
export function DrillValue({ request, enabled = true, children, testId, fw }: { request: DrillRequest; enabled?: boolean; children?: ReactNode; testId?: string; fw?: number }) {
  const open = useContext(DrillContext);
  const { n, t } = useI18n();
  const content = children ?? n(request.figure);
  // a zero opens nothing worth reading: it stays plain
  if (!open || !enabled || request.figure === 0) {
    return (
      <span className="tabular" data-testid={testId} data-drill="off" style={fw ? { fontWeight: fw } : undefined}>
        {content}
      </span>
    );
  }
  return (
    <UnstyledButton
      className={`${classes.drill} tabular`}
      onClick={() => open(request)}
      data-testid={testId}
      data-drill="on"
      // named by the figure it shows (WCAG 2.5.3, label in name: a name of its own would have to contain every shown
      // amount's text); what it opens is its description
      title={t('stats.drill.open', { what: request.title })}
      fw={fw}
    >
      {content}
    </UnstyledButton>
  );
}

const STATUS_KIND: Record<DrillSource, StatusKind> = { referrals: 'referral', demands: 'demand', resolutions: 'resolution', units: 'unit', visits: 'visit', 'loan-applications': 'loan_application' };
const STATUS_COLOR: Record<string, string> = {
  referred: 'gray',
  received: 'blue',
  under_review: 'cyan',
  approved: 'teal',
  paid: 'green',
  rejected: 'red',
  withdrawn: 'gray',
  registered: 'gray',
  assigned: 'blue',
  in_progress: 'cyan',
  escalated: 'grape',
  resolved: 'green',
  unresolvable: 'red',
  open: 'blue',
  objected: 'grape',
  done: 'green',
  not_done: 'red',
  cancelled: 'gray',
  active: 'green',
  semi_active: 'yellow',
  idle: 'orange',
  closed: 'red',
  planned: 'blue',
};

function DrillDrawer({
  request,
  page,
  onPage,
  filters,
  periodKey,
  viewer,
  onClose,
}: {
  request: DrillRequest | null;
  page: number;
  onPage: (page: number) => void;
  filters: StatsFilters;
  periodKey: string;
  viewer: StatsViewer;
  onClose: () => void;
}) {
  const { t, n, dir, language } = useI18n();
  const target = useMemo<DrillTarget | null>(
    () => (request ? { source: request.source, metric: request.metric, bankId: request.bankId, agencyId: request.agencyId, status: request.status, categoryCode: request.categoryCode, countyId: request.countyId } : null),
    [request],
  );
  const list = useDrilldown(filters, target, page, PAGE_SIZE);
  const data = request ? list.data : undefined;
  return (
    <Drawer
      opened={request !== null}
      onClose={onClose}
      position={dir === 'rtl' ? 'left' : 'right'}
      size={820}
      padding="lg"
      title={
        <Stack gap={2}>
          <Text fw={700} fz="lg" data-testid="drill-title">
            {request?.title}
          </Text>
          <Text size="sm" c="dimmed">
            {t('stats.drill.subtitle', { period: periodLabel(periodKey, language) })}
          </Text>
          <AsOfNote asOf={data?.asOf} />
        </Stack>
      }
      closeButtonProps={{ 'aria-label': t('stats.drill.close') }}
      data-testid="drill-drawer"
    >
      {request ? (
        <Stack gap="md">
          <Paper withBorder radius="md" p="sm" bg="gray.0">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" c="dark.5">
                {t('stats.drill.explain')}
              </Text>
              <Badge size="lg" radius="sm" variant="light" color="brand" fw={600} data-testid="drill-total" className="tabular">
                {data ? t('stats.drill.total', { total: data.total }) : '…'}
              </Badge>
            </Group>
          </Paper>
          {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
          <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
            <Table.ScrollContainer minWidth={640}>
              <Table striped highlightOnHover verticalSpacing="xs" data-testid="drill-table" aria-busy={!data || list.isPlaceholderData}>
                <Table.Thead bg="gray.0">
                  <Table.Tr>
                    <Table.Th>{t('stats.drill.col.code')}</Table.Th>
                    <Table.Th>{t('stats.drill.col.unit')}</Table.Th>
                    {request.source !== 'referrals' ? <Table.Th>{t('stats.drill.col.title')}</Table.Th> : null}
                    <Table.Th>{t('stats.drill.col.status')}</Table.Th>
                    <Table.Th>{t(request.source === 'referrals' ? 'stats.drill.col.referralDate' : 'stats.drill.col.date')}</Table.Th>
                    {request.source === 'referrals' || request.source === 'loan-applications' ? <Table.Th ta="end">{t(amountHeader(request.metric))}</Table.Th> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {!data
                    ? <LoadingRows count={6} colSpan={6} height={12} radius="sm" />
                    : data.items.map((item) => <DrillRow key={item.id} item={item} source={request.source} viewer={viewer} />)}
                  {data && data.items.length === 0 ? <EmptyTableRow colSpan={6} text={t('stats.drill.empty')} /> : null}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          {data && data.total !== request.figure && !list.isPlaceholderData ? (
            <Text size="xs" c="orange.8">
              {t('stats.drill.changed', { figure: n(request.figure), total: n(data.total) })}
            </Text>
          ) : null}
          {data ? <ListPagination page={page} pageSize={PAGE_SIZE} total={data.total} onChange={onPage} /> : null}
        </Stack>
      ) : null}
    </Drawer>
  );
}

function amountHeader(metric: string) {
  if (metric === 'paid') return 'stats.drill.col.paidAmount' as const;
  if (metric === 'approved' || metric === 'bankApproved') return 'stats.drill.col.approvedAmount' as const;
  return 'stats.drill.col.requestedAmount' as const;
}

/** The page of a drill-down row's record, when the viewer may open it. */
function recordLink(source: DrillSource, id: string, viewer: StatsViewer): LinkOptions | null {
  switch (source) {
    case 'demands':
      return viewer.canOpenDemands ? linkOptions({ to: '/demands/$demandId', params: { demandId: id } }) : null;
    case 'referrals':
      return viewer.canOpenReferrals ? linkOptions({ to: '/referrals/$referralId', params: { referralId: id } }) : null;
    case 'loan-applications':
      return viewer.canOpenReferrals ? linkOptions({ to: '/loan-applications/$loanApplicationId', params: { loanApplicationId: id } }) : null;
    case 'resolutions':
      return viewer.canOpenResolutions ? linkOptions({ to: '/resolutions/$resolutionId', params: { resolutionId: id } }) : null;
    case 'visits':
      return viewer.canOpenUnits ? linkOptions({ to: '/visits/$visitId', params: { visitId: id } }) : null;
    case 'units':
      return null;
  }
}

function DrillRow({ item, source, viewer }: { item: DrillItem; source: DrillSource; viewer: StatsViewer }) {
  const { digits, status, language, t } = useI18n();
  const f = useStatsFormat();
  const link = recordLink(source, item.id, viewer);
  const code = link ? (
    <AnchorLink {...link} size="sm" data-testid="drill-link">
      {source === 'visits' ? t('stats.drill.visit') : digits(item.code)}
    </AnchorLink>
  ) : (
    <Text size="sm" span className="tabular" dir="ltr">
      {item.code ? digits(item.code) : '—'}
    </Text>
  );
  const unit =
    item.unitId && item.unitName && viewer.canOpenUnits ? (
      <AnchorLink to="/units/$unitId" params={{ unitId: item.unitId }} size="sm" dir="auto">
        {item.unitName}
      </AnchorLink>
    ) : (
      <Text size="sm" span dir="auto">
        {item.unitName ?? '—'}
      </Text>
    );
  return (
    <Table.Tr data-testid="drill-row">
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{code}</Table.Td>
      <Table.Td maw={240}>{unit}</Table.Td>
      {source !== 'referrals' ? (
        <Table.Td maw={280}>
          <Text size="sm" lineClamp={2} dir="auto">
            {item.title}
          </Text>
        </Table.Td>
      ) : null}
      <Table.Td>
        <Badge variant="light" radius="sm" fw={500} color={STATUS_COLOR[item.status] ?? 'gray'} styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}>
          {status(STATUS_KIND[source], item.status)}
        </Badge>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }} className="tabular">
        {formatDate(item.date, language)}
      </Table.Td>
      {source === 'referrals' || source === 'loan-applications' ? (
        <Table.Td ta="end" className="tabular">
          {item.amount === null ? (
            '—'
          ) : (
            <Tooltip label={f.exact(item.amount)}>
              <span>{f.amount(item.amount, 2)}</span>
            </Tooltip>
          )}
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}
