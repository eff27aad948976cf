import { ListBody, ListTotal } from '../../../components/list-page.js';
import { ActionIcon, Alert, Badge, Button, Menu, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { ConfirmModal } from '../../../components/confirm-modal.js';
import { type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { SecretModal } from './secret-modal.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import { referenceName, useReferenceList } from '../../../lib/reference.js';
import type { User } from '../api/admin-api.js';
import { useProvinces, useResetMfa, useResetPassword, useRevokeUserSessions, useSetUserDisabled, useUnlockUser, useUserList } from '../hooks/use-admin.js';
import { UserCreateModal } from './user-create-modal.js';

const PAGE_SIZE = 50;

type UserAction = 'disable' | 'enable' | 'resetPassword' | 'resetMfa' | 'revokeSessions' | 'unlock';

const ACTION_KEYS: Record<UserAction, { label: MessageKey; confirm: MessageKey; done: MessageKey; danger: boolean }> = {
  disable: { label: 'admin.users.action.disable', confirm: 'admin.users.confirm.disable', done: 'admin.users.done.disable', danger: true },
  enable: { label: 'admin.users.action.enable', confirm: 'admin.users.confirm.enable', done: 'admin.users.done.enable', danger: false },
  resetPassword: { label: 'admin.users.action.resetPassword', confirm: 'admin.users.confirm.resetPassword', done: 'admin.users.done.resetPassword', danger: true },
  resetMfa: { label: 'admin.users.action.resetMfa', confirm: 'admin.users.confirm.resetMfa', done: 'admin.users.done.resetMfa', danger: true },
  revokeSessions: { label: 'admin.users.action.revokeSessions', confirm: 'admin.users.confirm.revokeSessions', done: 'admin.users.done.revokeSessions', danger: true },
  unlock: { label: 'admin.users.action.unlock', confirm: 'admin.users.confirm.unlock', done: 'admin.users.done.unlock', danger: false },
};

function DotsIcon() {
  return (
    <svg width={18} height={18} viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
      <circle cx="12" cy="5" r="2" />
      <circle cx="12" cy="12" r="2" />
      <circle cx="12" cy="19" r="2" />
    </svg>
  );
}

/** Users as an admin manages them: the list, a new user, and the account actions on each. */
export function UsersAdminPage({ page, onPageChange }: { page: number; onPageChange: (page: number) => void }) {
  const { t, roleLabel, language, digits } = useI18n();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const users = useUserList({ page, pageSize: PAGE_SIZE, q: debouncedQ || undefined, role: role ?? undefined });
  const provinces = useProvinces();
  const agencies = useReferenceList('agencies');
  const banks = useReferenceList('banks');
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<{ action: UserAction; user: User } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [temporaryPassword, setTemporaryPassword] = useState<{ user: User; password: string } | null>(null);

  const setDisabled = useSetUserDisabled();
  const resetPassword = useResetPassword();
  const resetMfa = useResetMfa();
  const revokeSessions = useRevokeUserSessions();
  const unlock = useUnlockUser();
  const mutations = { setDisabled, resetPassword, resetMfa, revokeSessions, unlock };
  const busy = Object.values(mutations).some((m) => m.isPending);
  const actionError = Object.values(mutations).find((m) => m.error)?.error;

  const nameOf = (items: { id: string; name: string; nameEn: string }[] | undefined, id: string | null) => {
    if (!id) return null;
    const item = items?.find((i) => i.id === id);
    return item ? referenceName(item, language) : id;
  };

  const closeAction = () => {
    for (const m of Object.values(mutations)) m.reset();
    setPending(null);
  };

  const confirm = () => {
    if (!pending) return;
    const { action, user } = pending;
    const finish = () => {
      setDone(t(ACTION_KEYS[action].done, { name: user.fullName }));
      setPending(null);
    };
    switch (action) {
      case 'disable':
      case 'enable':
        setDisabled.mutate({ id: user.id, disabled: action === 'disable', version: user.version }, { onSuccess: finish });
        return;
      case 'resetPassword':
        resetPassword.mutate(user.id, {
          onSuccess: (answer) => {
            setPending(null);
            setTemporaryPassword({ user, password: answer.temporaryPassword });
          },
        });
        return;
      case 'resetMfa':
        resetMfa.mutate(user.id, { onSuccess: finish });
        return;
      case 'revokeSessions':
        revokeSessions.mutate(user.id, { onSuccess: finish });
        return;
      case 'unlock':
        unlock.mutate(user.id, { onSuccess: finish });
        return;
    }
  };

  const ask = (action: UserAction, user: User) => {
    setDone(null);
    for (const m of Object.values(mutations)) m.reset();
    setPending({ action, user });
  };

  const columns: Column<User>[] = [
    {
      key: 'fullName',
      header: t('admin.users.col.fullName'),
      render: (user) => (
        <Text span size="sm" fw={500} dir="auto">
          {user.fullName}
        </Text>
      ),
    },
    {
      key: 'username',
      header: t('admin.users.col.username'),
      render: (user) => (
        <Text size="sm" c="dark.5" dir="ltr" span ff="monospace">
          {user.username}
        </Text>
      ),
    },
    { key: 'role', header: t('admin.users.col.role'), render: (user) => roleLabel(user.role) },
    {
      key: 'scope',
      header: t('admin.users.col.scope'),
      render: (user) => {
        const parts = [
          nameOf(provinces.data, user.provinceId),
          nameOf(agencies.data, user.agencyId),
          nameOf(banks.data, user.bankId),
          user.unitId ? t('admin.users.scope.unit', { id: digits(user.unitId.slice(0, 8)) }) : null,
        ].filter(Boolean);
        return (
          <Text size="sm" dir="auto">
            {parts.length ? parts.join(' — ') : t('admin.users.scope.all')}
          </Text>
        );
      },
    },
    {
      key: 'status',
      header: t('admin.users.col.status'),
      width: 110,
      render: (user) =>
        user.disabled ? (
          <Badge color="gray" variant="light" radius="sm" fw={500} data-testid="user-status">
            {t('admin.users.status.disabled')}
          </Badge>
        ) : (
          <Badge color="brand" variant="light" radius="sm" fw={500} data-testid="user-status">
            {t('admin.users.status.enabled')}
          </Badge>
        ),
    },
    {
      key: 'actions',
      header: t('admin.users.col.actions'),
      width: 64,
      align: 'center',
      render: (user) => (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('admin.users.actionsFor', { name: user.fullName })} data-testid={`user-actions-${user.username}`}>
              <DotsIcon />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {user.disabled ? (
              <Menu.Item onClick={() => ask('enable', user)} data-testid="user-action-enable">
                {t('admin.users.action.enable')}
              </Menu.Item>
            ) : (
              <Menu.Item color="red" onClick={() => ask('disable', user)} data-testid="user-action-disable">
                {t('admin.users.action.disable')}
              </Menu.Item>
            )}
            <Menu.Item onClick={() => ask('resetPassword', user)} data-testid="user-action-resetPassword">
              {t('admin.users.action.resetPassword')}
            </Menu.Item>
            <Menu.Item onClick={() => ask('resetMfa', user)} data-testid="user-action-resetMfa">
              {t('admin.users.action.resetMfa')}
            </Menu.Item>
            <Menu.Item onClick={() => ask('revokeSessions', user)} data-testid="user-action-revokeSessions">
              {t('admin.users.action.revokeSessions')}
            </Menu.Item>
            <Menu.Item onClick={() => ask('unlock', user)} data-testid="user-action-unlock">
              {t('admin.users.action.unlock')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('admin.users.title')}
        subtitle={t('admin.users.subtitle')}
        actions={
          <>
            <ListTotal total={users.data?.total} text={(total) => t('admin.users.total', { total })} testId="users-total" />
            <Button onClick={() => setCreating(true)} data-testid="user-create">
              {t('admin.users.create')}
            </Button>
          </>
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md" maw={640}>
        <TextInput label={t('admin.users.filter.q')} placeholder={t('admin.users.filter.qPlaceholder')} value={q} onChange={(e) => { setQ(e.currentTarget.value); onPageChange(1); }} data-testid="users-q" />
        <Select
          label={t('admin.users.filter.role')}
          placeholder={t('admin.users.filter.allRoles')}
          data={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
          value={role}
          onChange={(value) => { setRole((value as Role | null) ?? null); onPageChange(1); }}
          clearable
          data-testid="users-role"
        />
      </SimpleGrid>
      {done ? (
        <Alert color="teal" variant="light" mb="md" withCloseButton closeButtonLabel={t('admin.close')} onClose={() => setDone(null)} data-testid="action-done">
          {done}
        </Alert>
      ) : null}
      <ListBody query={users} testId="users-table" caption={t('admin.users.title')} columns={columns} rowKey={(user) => user.id} emptyText={t('admin.users.empty')} page={page} pageSize={PAGE_SIZE} onPageChange={onPageChange} />

      <UserCreateModal opened={creating} onClose={() => setCreating(false)} onCreated={(name) => setDone(t('admin.users.done.create', { name }))} />

      <ConfirmModal
        opened={pending !== null}
        onClose={closeAction}
        title={pending ? t(ACTION_KEYS[pending.action].label) : ''}
        message={pending ? t(ACTION_KEYS[pending.action].confirm, { name: pending.user.fullName }) : ''}
        confirmLabel={pending ? t(ACTION_KEYS[pending.action].label) : ''}
        danger={pending ? ACTION_KEYS[pending.action].danger : false}
        onConfirm={confirm}
        busy={busy}
        error={actionError}
      />

      <SecretModal
        secret={temporaryPassword?.password ?? null}
        title={t('admin.users.tempPassword.title')}
        intro={temporaryPassword ? t('admin.users.tempPassword.intro', { name: temporaryPassword.user.fullName, username: temporaryPassword.user.username }) : null}
        warning={t('admin.users.tempPassword.warning')}
        testId="temporary-password"
        onClose={() => setTemporaryPassword(null)}
      />
    </>
  );
}
