import { Badge, Button, Group, Paper, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { AnchorLink } from '../../../components/router-links.js';
import { useState } from 'react';
import { ListPagination } from '../../../components/list-pagination.js';
import { TextWithCodes } from '../../../components/tracking-code.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { formatJalaliDateTime } from '../../../../shared/jalali.js';
import { useI18n } from '../../../lib/i18n.js';
import type { Notification } from '../api/notifications-api.js';
import { useMarkAllRead, useMarkRead, useNotifications } from '../hooks/use-notifications.js';

const PAGE_SIZE = 30;

function Item({ item }: { item: Notification }) {
  const { t, language } = useI18n();
  const read = useMarkRead();
  const unread = item.readAt === null;
  return (
    <Paper withBorder radius="md" p="md" bg={unread ? 'brand.0' : undefined} data-testid="notification" data-unread={unread}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4}>
          <Group gap="xs">
            {unread ? <Badge size="xs" color="brand" variant="filled">{t('notifications.new')}</Badge> : null}
            <Text fw={600} size="sm" dir="auto" data-testid="notification-title">
              <TextWithCodes text={item.title} />
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }} dir="auto">
            <TextWithCodes text={item.body} />
          </Text>
          <Group gap="md">
            <Text size="xs" c="dimmed" className="tabular">
              {formatJalaliDateTime(new Date(item.createdAt), language === 'fa' ? 'fa' : 'latn')}
            </Text>
            {item.refType === 'demand' && item.refId ? (
              <AnchorLink to="/demands/$demandId" params={{ demandId: item.refId }} size="xs" onClick={() => unread && read.mutate(item.id)}>
                {t('notifications.openDemand')}
              </AnchorLink>
            ) : item.refType === 'referral' && item.refId ? (
              <AnchorLink to="/referrals/$referralId" params={{ referralId: item.refId }} size="xs" onClick={() => unread && read.mutate(item.id)}>
                {t('notifications.openReferral')}
              </AnchorLink>
            ) : item.refType === 'resolution' && item.refId ? (
              <AnchorLink to="/resolutions/$resolutionId" params={{ resolutionId: item.refId }} size="xs" onClick={() => unread && read.mutate(item.id)}>
                {t('notifications.openResolution')}
              </AnchorLink>
            ) : null}
          </Group>
        </Stack>
        {unread ? (
          <Button size="compact-xs" variant="subtle" onClick={() => read.mutate(item.id)} loading={read.isPending}>
            {t('notifications.markRead')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}

/** The caller's notifications: reminders before and after due dates, assignments, replies. */
export function NotificationsPage({ page, onPageChange }: { page: number; onPageChange: (page: number) => void }) {
  const { t } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications({ page, pageSize: PAGE_SIZE, ...(unreadOnly ? { unread: true } : {}) });
  const all = useMarkAllRead();
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subtitle={list.data ? t('notifications.unreadCount', { count: list.data.unread }) : t('notifications.subtitle')}
        actions={
          <Button variant="light" onClick={() => all.mutate()} loading={all.isPending} disabled={!list.data?.unread}>
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <Switch label={t('notifications.unreadOnly')} checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} mb="md" />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Skeleton height={200} radius="md" />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('notifications.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          {list.data.items.map((item) => (
            <Item key={item.id} item={item} />
          ))}
          <ListPagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={onPageChange} />
        </Stack>
      )}
    </>
  );
}
