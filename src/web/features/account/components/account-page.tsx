import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { Role } from '../../../../shared/roles.js';
import { ConfirmModal } from '../../../components/confirm-modal.js';
import { ListTable, type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { formatInstant } from '../../../lib/date-time.js';
import { useI18n } from '../../../lib/i18n.js';
import { accountFlagsOf, ACCOUNT_PATHS } from '../account-gate.js';
import type { AuthSession } from '../api/account-api.js';
import { describeDevice } from '../device-label.js';
import { useEndMySession, useMySessions } from '../hooks/use-account.js';

export interface AccountUser {
  fullName: string;
  username: string;
  role: Role;
}

/** The signed-in user's own account: who they are, the second factor, the password and their open sessions. */
export function AccountPage({ me, onCurrentSessionEnded }: { me: AccountUser; onCurrentSessionEnded: () => void }) {
  const { t, language, roleLabel } = useI18n();
  const flags = accountFlagsOf(me);
  const sessions = useMySessions();
  const end = useEndMySession();
  const [ending, setEnding] = useState<AuthSession | null>(null);

  const deviceText = (s: AuthSession) => {
    const device = describeDevice(s.device);
    return device ? t('account.sessions.device', { browser: device.browser, system: device.system }) : t('account.sessions.unknownDevice');
  };

  const columns: Column<AuthSession>[] = [
    {
      key: 'device',
      header: t('account.sessions.col.device'),
      render: (s) => (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" title={s.device ?? undefined}>
            {deviceText(s)}
          </Text>
          {s.current ? (
            <Badge color="brand" variant="light" radius="sm" fw={500} data-testid="session-current">
              {t('account.sessions.current')}
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { key: 'address', header: t('account.sessions.col.address'), render: (s) => <Text size="sm" ff="monospace" dir="ltr" span>{s.address ?? '—'}</Text> },
    { key: 'createdAt', header: t('account.sessions.col.createdAt'), render: (s) => formatInstant(s.createdAt, language) },
    { key: 'lastSeenAt', header: t('account.sessions.col.lastSeenAt'), render: (s) => formatInstant(s.lastSeenAt, language) },
    {
      key: 'actions',
      header: t('account.sessions.col.actions'),
      align: 'center',
      render: (s) => (
        <Button size="compact-sm" variant="light" color="red" onClick={() => { end.reset(); setEnding(s); }} data-testid="session-end">
          {s.current ? t('account.sessions.endCurrent') : t('account.sessions.end')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('account.title')} subtitle={t('account.subtitle')} />
      <SimpleGrid cols={{ base: 1, md: 3 }} mb="xl">
        <Paper withBorder radius="md" p="md">
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('account.profile')}
            </Text>
            <Text fw={600} dir="auto">
              {me.fullName}
            </Text>
            <Text size="sm" ff="monospace">
              <bdi>{me.username}</bdi>
            </Text>
            <Text size="sm" c="dimmed">
              {roleLabel(me.role)}
            </Text>
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Stack gap="xs" h="100%" justify="space-between">
            <Group justify="space-between">
              <Text fw={600}>{t('account.mfa.title')}</Text>
              <Badge color={flags.mfaEnrolled ? 'teal' : 'gray'} variant="light" radius="sm" data-testid="account-mfa-status">
                {flags.mfaEnrolled ? t('account.mfa.status.on') : t('account.mfa.status.off')}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {t('account.mfa.summary')}
            </Text>
            <Group>
              <Button component={Link} to={ACCOUNT_PATHS.mfa} variant="light" size="sm" data-testid="account-mfa">
                {flags.mfaEnrolled ? t('account.mfa.manage') : t('account.mfa.start')}
              </Button>
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Stack gap="xs" h="100%" justify="space-between">
            <Text fw={600}>{t('account.password.title')}</Text>
            <Text size="sm" c="dimmed">
              {t('account.password.summary')}
            </Text>
            <Group>
              <Button component={Link} to={ACCOUNT_PATHS.password} variant="light" size="sm" data-testid="account-password">
                {t('account.password.title')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </SimpleGrid>

      <Title order={2} fz="lg" mb={4}>
        {t('account.sessions.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('account.sessions.subtitle')}
      </Text>
      {sessions.isError ? (
        <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <ListTable testId="my-sessions-table" caption={t('account.sessions.title')} columns={columns} rows={sessions.data?.items} rowKey={(s) => s.id} emptyText={t('account.sessions.empty')} skeletonRows={2} />
      )}

      <ConfirmModal
        opened={ending !== null}
        onClose={() => setEnding(null)}
        title={ending?.current ? t('account.sessions.endCurrent') : t('account.sessions.end')}
        message={ending ? (ending.current ? t('account.sessions.confirmCurrent') : t('account.sessions.confirm', { device: deviceText(ending) })) : ''}
        confirmLabel={ending?.current ? t('account.sessions.endCurrent') : t('account.sessions.end')}
        danger
        busy={end.isPending}
        error={end.error}
        onConfirm={() => {
          if (!ending) return;
          const wasCurrent = ending.current;
          end.mutate(ending.id, {
            onSuccess: () => {
              setEnding(null);
              if (wasCurrent) onCurrentSessionEnded();
            },
          });
        }}
      />
    </>
  );
}
