import { ListBody } from '../../../components/list-page.js';
import { Group, SimpleGrid, Switch, Text } from '@mantine/core';
import { linkOptions } from '@tanstack/react-router';
import { codeColumn } from '../../../components/list-columns.js';
import { type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { StatCard } from '../../../components/stat-card.js';
import { AlertIcon, InboxIcon, UsersIcon } from '../../../components/icons.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import type { Demand } from '../api/demands-api.js';
import { useDemands } from '../hooks/use-demands.js';
import { DaysLeft, DemandStatusBadge, PriorityBadge } from './demand-badges.js';

const PAGE_SIZE = 25;

export interface InboxSearch {
  page: number;
  overdue: boolean;
}

/** The agency's inbox: its open demands, overdue first, then by the nearest due date, with age and days left. */
export function AgencyInbox({ search, onSearchChange }: { search: InboxSearch; onSearchChange: (next: InboxSearch) => void }) {
  const { page, overdue: overdueOnly } = search;
  const { t, n, language } = useI18n();
  const count = (q: { data?: { total: number } | undefined }) => (q.data ? n(q.data.total) : null);
  const inbox = useDemands({ page, pageSize: PAGE_SIZE, open: true, sort: 'urgency', ...(overdueOnly ? { overdue: true } : {}) });
  const open = useDemands({ page: 1, pageSize: 1, open: true });
  const overdue = useDemands({ page: 1, pageSize: 1, overdue: true });
  const escalated = useDemands({ page: 1, pageSize: 1, status: 'escalated' });

  const columns: Column<Demand>[] = [
    codeColumn({ header: t('demands.col.code'), link: (d) => linkOptions({ to: '/demands/$demandId', params: { demandId: d.id } }), testId: 'inbox-link' }),
    { key: 'title', header: t('demands.col.title'), render: (d) => <Text size="sm" fw={500} dir="auto" lineClamp={2}>{d.title}</Text> },
    { key: 'unit', header: t('demands.col.unit'), render: (d) => <Text size="sm" dir="auto">{d.unitName}</Text> },
    { key: 'status', header: t('demands.col.status'), render: (d) => <DemandStatusBadge status={d.status} /> },
    { key: 'priority', header: t('demands.col.priority'), render: (d) => <PriorityBadge priority={d.priority} /> },
    { key: 'due', header: t('demands.col.dueDate'), render: (d) => <Text span size="sm" className="tabular">{formatDate(d.dueDate, language)}</Text> },
    { key: 'left', header: t('demands.col.daysLeft'), render: (d) => <DaysLeft daysLeft={d.daysLeft} /> },
    { key: 'age', header: t('demands.col.age'), align: 'end', render: (d) => <Text span size="sm" className="tabular">{t('demands.ageDays', { days: d.ageDays })}</Text> },
  ];

  return (
    <>
      <PageHeader title={t('inbox.title')} subtitle={t('inbox.subtitle')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="lg">
        <StatCard label={t('inbox.open')} value={count(open)} icon={<InboxIcon size={22} />} testId="inbox-open" />
        <StatCard label={t('inbox.overdue')} value={count(overdue)} icon={<AlertIcon size={22} />} color="red" testId="inbox-overdue" />
        <StatCard label={t('inbox.escalated')} value={count(escalated)} icon={<UsersIcon size={22} />} color="grape" testId="inbox-escalated" />
      </SimpleGrid>
      <Group mb="md">
        <Switch label={t('demands.filter.overdue')} checked={overdueOnly} onChange={(e) => onSearchChange({ page: 1, overdue: e.currentTarget.checked })} color="red" />
      </Group>
      <ListBody query={inbox} testId="inbox-table" caption={t('inbox.title')} columns={columns} rowKey={(d) => d.id} emptyText={t('inbox.empty')} page={page} pageSize={PAGE_SIZE} onPageChange={(p) => onSearchChange({ page: p, overdue: overdueOnly })} />
    </>
  );
}
