import { Badge, Button, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ConfirmModal } from '../../../components/confirm-modal.js';
import { ErrorAlert } from '../../../components/error-alert.js';
import { FormModal } from '../../../components/form-modal.js';
import { ListTable, type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { isApiError } from '../../../lib/api.js';
import { formatInstant } from '../../../lib/date-time.js';
import { useI18n } from '../../../lib/i18n.js';
import { referenceName, useReferenceList } from '../../../lib/reference.js';
import type { CreatedToken, Token } from '../api/admin-api.js';
import { useCreateToken, useProvinces, useRevokeToken, useTokens } from '../hooks/use-admin.js';
import { referenceOptions, useCreateDraft, useScopeChoices } from '../hooks/use-create-draft.js';
import { SecretModal } from './secret-modal.js';

/** The roles an integration token may carry (createTokenBody). */
const TOKEN_ROLES = ['bank', 'agency'] as const;
type TokenRole = (typeof TOKEN_ROLES)[number];

interface Draft {
  name: string;
  role: TokenRole | null;
  provinceId: string | null;
  bankId: string | null;
  agencyId: string | null;
}
const EMPTY: Draft = { name: '', role: null, provinceId: null, bankId: null, agencyId: null };

function TokenCreateModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (token: CreatedToken) => void }) {
  const { t, roleLabel, language } = useI18n();
  const create = useCreateToken();
  const { draft, set, showRequired, setShowRequired, close } = useCreateDraft(EMPTY, create, onClose);
  const { provinces, agencyOptions, banks } = useScopeChoices();
  const missing = {
    name: !draft.name.trim(),
    role: !draft.role,
    bankId: draft.role === 'bank' && !draft.bankId,
    agencyId: draft.role === 'agency' && !draft.agencyId,
  };
  const fieldError = (key: keyof typeof missing | 'provinceId'): string | undefined => {
    const server = isApiError(create.error) ? create.error.fieldError(key) : undefined;
    if (server) return server;
    return showRequired && key !== 'provinceId' && missing[key] ? t('admin.form.required') : undefined;
  };
  const submit = () => {
    if (Object.values(missing).some(Boolean) || !draft.role) {
      setShowRequired(true);
      return;
    }
    create.mutate(
      {
        name: draft.name.trim(),
        role: draft.role,
        ...(draft.provinceId ? { provinceId: draft.provinceId } : {}),
        ...(draft.role === 'bank' && draft.bankId ? { bankId: draft.bankId } : {}),
        ...(draft.role === 'agency' && draft.agencyId ? { agencyId: draft.agencyId } : {}),
      },
      {
        onSuccess: (token) => {
          close();
          onCreated(token);
        },
      },
    );
  };
  return (
    <FormModal opened={opened} onClose={close} title={t('admin.tokens.create.title')} hint={t('admin.tokens.create.hint')} onSubmit={submit} saving={create.isPending} saveLabel={t('admin.tokens.create.submit')} saveTestId="token-create-submit">
      <ErrorAlert error={isApiError(create.error) && create.error.fieldErrors.length > 0 ? null : create.error} />
      <TextInput label={t('admin.tokens.field.name')} description={t('admin.tokens.field.nameHint')} required dir="auto" value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={fieldError('name')} data-testid="token-name" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label={t('admin.tokens.field.role')} required data={TOKEN_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} value={draft.role} onChange={(v) => set('role', (v as TokenRole | null) ?? null)} error={fieldError('role')} data-testid="token-role" comboboxProps={{ withinPortal: true }} />
        <Select label={t('admin.tokens.field.province')} description={t('admin.tokens.field.provinceHint')} data={referenceOptions(provinces.data, language)} value={draft.provinceId} onChange={(v) => set('provinceId', v)} searchable clearable error={fieldError('provinceId')} data-testid="token-province" comboboxProps={{ withinPortal: true }} />
        {draft.role === 'bank' ? (
          <Select label={t('admin.tokens.field.bank')} required data={referenceOptions(banks.data, language)} value={draft.bankId} onChange={(v) => set('bankId', v)} searchable error={fieldError('bankId')} data-testid="token-bank" comboboxProps={{ withinPortal: true }} />
        ) : null}
        {draft.role === 'agency' ? (
          <Select label={t('admin.tokens.field.agency')} required data={agencyOptions.data} filter={agencyOptions.filter} value={draft.agencyId} onChange={(v) => set('agencyId', v)} searchable error={fieldError('agencyId')} data-testid="token-agency" comboboxProps={{ withinPortal: true }} />
        ) : null}
      </SimpleGrid>
    </FormModal>
  );
}

/** Integration tokens for banks' and agencies' own systems: made here, shown once, revoked here. */
export function TokensPage() {
  const { t, roleLabel, language } = useI18n();
  const tokens = useTokens();
  const provinces = useProvinces();
  const agencies = useReferenceList('agencies');
  const banks = useReferenceList('banks');
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);

  const nameOf = (items: { id: string; name: string; nameEn: string }[] | undefined, id: string | null) => {
    if (!id) return null;
    const item = items?.find((i) => i.id === id);
    return item ? referenceName(item, language) : id;
  };

  const columns: Column<Token>[] = [
    { key: 'name', header: t('admin.tokens.col.name'), render: (token) => <Text size="sm" fw={500} dir="auto">{token.name}</Text> },
    { key: 'role', header: t('admin.tokens.col.role'), render: (token) => roleLabel(token.role) },
    {
      key: 'scope',
      header: t('admin.tokens.col.scope'),
      render: (token) => <Text size="sm" dir="auto">{[nameOf(banks.data, token.bankId), nameOf(agencies.data, token.agencyId), nameOf(provinces.data, token.provinceId)].filter(Boolean).join(' — ')}</Text>,
    },
    { key: 'createdAt', header: t('admin.tokens.col.createdAt'), render: (token) => formatInstant(token.createdAt, language) },
    { key: 'lastUsedAt', header: t('admin.tokens.col.lastUsedAt'), render: (token) => (token.lastUsedAt ? formatInstant(token.lastUsedAt, language) : <Text span size="sm" c="dimmed">{t('admin.tokens.neverUsed')}</Text>) },
    {
      key: 'status',
      header: t('admin.tokens.col.status'),
      render: (token) =>
        token.revokedAt ? (
          <Badge color="gray" variant="light" radius="sm" fw={500} data-testid="token-status" title={formatInstant(token.revokedAt, language)}>
            {t('admin.tokens.status.revoked')}
          </Badge>
        ) : (
          <Badge color="brand" variant="light" radius="sm" fw={500} data-testid="token-status">
            {t('admin.tokens.status.active')}
          </Badge>
        ),
    },
    {
      key: 'actions',
      header: t('admin.tokens.col.actions'),
      align: 'center',
      render: (token) =>
        token.revokedAt ? null : (
          <Button size="compact-sm" variant="light" color="red" onClick={() => { revoke.reset(); setRevoking(token); }} data-testid="token-revoke">
            {t('admin.tokens.revoke')}
          </Button>
        ),
    },
  ];

  const active = tokens.data?.items.filter((token) => !token.revokedAt).length ?? 0;
  return (
    <>
      <PageHeader
        title={t('admin.tokens.title')}
        subtitle={t('admin.tokens.subtitle')}
        actions={
          <>
            {tokens.data ? (
              <Badge size="lg" variant="light" color="gray" radius="sm" fw={500}>
                {t('admin.tokens.active', { count: active })}
              </Badge>
            ) : null}
            <Button onClick={() => setCreating(true)} data-testid="token-create">
              {t('admin.tokens.create')}
            </Button>
          </>
        }
      />
      {tokens.isError ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <ListTable testId="tokens-table" caption={t('admin.tokens.title')} columns={columns} rows={tokens.data?.items} rowKey={(token) => token.id} emptyText={t('admin.tokens.empty')} />
      )}
      {tokens.data && tokens.data.total > 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('admin.tokens.count', { total: tokens.data.total })}
        </Text>
      ) : null}

      <TokenCreateModal opened={creating} onClose={() => setCreating(false)} onCreated={setCreated} />

      <SecretModal
        secret={created?.token ?? null}
        title={t('admin.tokens.secret.title')}
        intro={created ? t('admin.tokens.secret.intro', { name: created.name }) : null}
        warning={t('admin.tokens.secret.warning')}
        note={
          <Text size="xs" c="dimmed">
            {t('admin.tokens.secret.usage')}
          </Text>
        }
        testId="token-secret"
        size="lg"
        onClose={() => setCreated(null)}
      />

      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('admin.tokens.revoke')}
        message={revoking ? t('admin.tokens.confirmRevoke', { name: revoking.name }) : ''}
        confirmLabel={t('admin.tokens.revoke')}
        danger
        busy={revoke.isPending}
        error={revoke.error}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) });
        }}
      />
    </>
  );
}
