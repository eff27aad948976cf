import { Badge, Text } from '@mantine/core';
import { ListPagination } from '../../../components/list-pagination.js';
import { ListTable, type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { useI18n } from '../../../lib/i18n.js';
import type { User } from '../api/users-api.js';
import { useUsers } from '../hooks/use-users.js';

const PAGE_SIZE = 50;

export function UsersPage({ page, onPageChange }: { page: number; onPageChange: (page: number) => void }) {
  const { t, roleLabel } = useI18n();
  const users = useUsers({ page, pageSize: PAGE_SIZE });
  const data = users.data;

  const columns: Column<User>[] = [
    {
      key: 'fullName',
      header: t('users.col.fullName'),
      render: (user) => (
        <Text span size="sm" fw={500} dir="auto">
          {user.fullName}
        </Text>
      ),
    },
    {
      key: 'username',
      header: t('users.col.username'),
      render: (user) => (
        <Text size="sm" c="dark.5" dir="ltr" span ff="monospace">
          {user.username}
        </Text>
      ),
    },
    { key: 'role', header: t('users.col.role'), render: (user) => roleLabel(user.role) },
    {
      key: 'status',
      header: t('users.col.status'),
      width: 120,
      render: (user) =>
        user.disabled ? (
          <Badge color="gray" variant="light" radius="sm" fw={500}>
            {t('users.disabled')}
          </Badge>
        ) : (
          <Badge color="brand" variant="light" radius="sm" fw={500}>
            {t('users.enabled')}
          </Badge>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={
          data ? (
            <Badge size="lg" variant="light" color="gray" radius="sm" fw={500} data-testid="users-total">
              {t('users.total', { total: data.total })}
            </Badge>
          ) : null
        }
      />
      {users.isError ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          <ListTable
            testId="users-table"
            caption={t('users.title')}
            columns={columns}
            rows={data?.items}
            rowKey={(user) => user.id}
            emptyText={t('users.empty')}
            stale={users.isPlaceholderData}
          />
          {data ? <ListPagination page={page} pageSize={PAGE_SIZE} total={data.total} onChange={onPageChange} /> : null}
        </>
      )}
    </>
  );
}
