import { ListBody } from '../../../components/list-page.js';
import { Anchor, Button, Code, Group, Modal, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { IsoDate } from '../../../../shared/jalali.js';
import type { Role } from '../../../../shared/roles.js';
import { JalaliDateInput } from '../../../components/jalali-date-input.js';
import { type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { formatInstant } from '../../../lib/date-time.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import { canListActors } from '../access.js';
import { auditExportUrl } from '../api/admin-api.js';
import { AUDIT_ENTITY_TYPES, type AuditEntityType, type AuditEvent, type AuditFilters } from '../api/contracts.js';
import { useAllUsers, useAudit } from '../hooks/use-admin.js';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditSearch extends AuditFilters {
  page: number;
}

const entityKey = (type: string): MessageKey | null => ((AUDIT_ENTITY_TYPES as readonly string[]).includes(type) ? (`admin.audit.entity.${type as AuditEntityType}` as const) : null);

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Code block dir="ltr" style={{ maxHeight: 280, overflow: 'auto' }}>
        {JSON.stringify(value, null, 2)}
      </Code>
    </Stack>
  );
}

/** The audit trail with its filters (entity, actor, Jalali date range), paging and export. */
export function AuditPage({ role, search, onSearchChange }: { role: Role; search: AuditSearch; onSearchChange: (next: AuditSearch) => void }) {
  const { t, language, digits } = useI18n();
  const audit = useAudit({ ...search, pageSize: AUDIT_PAGE_SIZE });
  const actors = useAllUsers(canListActors(role));
  const [shown, setShown] = useState<AuditEvent | null>(null);

  const update = (patch: Partial<AuditFilters>) => onSearchChange({ ...search, ...patch, page: 1 });
  const commitEntityId = (value: string) => {
    const next = value.trim() || undefined;
    if (next !== search.entityId) update({ entityId: next });
  };

  const entityLabel = (type: string) => {
    const key = entityKey(type);
    return key ? t(key) : type;
  };

  // An admin picks from every user; the secretariat (who may not list users) from the actors on screen.
  const actorOptions = actors.data
    ? actors.data.items.map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))
    : Array.from(new Map((audit.data?.items ?? []).filter((e) => e.actorId).map((e) => [e.actorId!, `${e.actorName} (${e.actorLabel})`])).entries()).map(([value, label]) => ({ value, label }));
  if (search.actorId && !actorOptions.some((o) => o.value === search.actorId)) actorOptions.unshift({ value: search.actorId, label: search.actorId });

  const columns: Column<AuditEvent>[] = [
    { key: 'at', header: t('admin.audit.col.at'), width: 150, render: (e) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatInstant(e.at, language)}</Text> },
    {
      key: 'actor',
      header: t('admin.audit.col.actor'),
      render: (e) => (
        <Text size="sm" dir="auto">
          <bdi>{e.actorName}</bdi>
          {e.actorName !== e.actorLabel ? <Text span size="xs" c="dimmed"> <bdi dir="ltr">{e.actorLabel}</bdi></Text> : null}
          {e.actorKind === 'token' ? <Text span size="xs" c="dimmed"> ({t('admin.audit.viaToken')})</Text> : null}
        </Text>
      ),
    },
    { key: 'action', header: t('admin.audit.col.action'), render: (e) => <Text size="sm" ff="monospace" dir="ltr" span>{e.action}</Text> },
    { key: 'entityType', header: t('admin.audit.col.entityType'), render: (e) => entityLabel(e.entityType) },
    {
      key: 'entityId',
      header: t('admin.audit.col.entityId'),
      render: (e) => (
        <Anchor component="button" type="button" size="sm" ff="monospace" dir="ltr" onClick={() => update({ entityType: e.entityType, entityId: e.entityId })} title={t('admin.audit.filterByEntity')}>
          {e.entityId.length > 13 ? `${e.entityId.slice(0, 8)}…` : digits(e.entityId)}
        </Anchor>
      ),
    },
    {
      key: 'details',
      header: t('admin.audit.col.details'),
      align: 'center',
      render: (e) => (
        <Button size="compact-xs" variant="subtle" onClick={() => setShown(e)} data-testid="audit-details">
          {t('admin.audit.details')}
        </Button>
      ),
    },
  ];

  const filters: AuditFilters = { entityType: search.entityType, entityId: search.entityId, actorId: search.actorId, from: search.from, to: search.to };
  const hasFilters = Object.values(filters).some(Boolean);
  return (
    <>
      <PageHeader
        title={t('admin.audit.title')}
        subtitle={t('admin.audit.subtitle')}
        actions={
          <>
            <Button component="a" href={auditExportUrl(filters, 'xlsx')} download variant="default" data-testid="audit-export-xlsx">
              {t('admin.audit.exportXlsx')}
            </Button>
            <Button component="a" href={auditExportUrl(filters, 'csv')} download variant="default" data-testid="audit-export-csv">
              {t('admin.audit.exportCsv')}
            </Button>
          </>
        }
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }}>
          <Select
            label={t('admin.audit.filter.entityType')}
            placeholder={t('admin.audit.filter.any')}
            data={AUDIT_ENTITY_TYPES.map((type) => ({ value: type, label: entityLabel(type) }))}
            value={search.entityType ?? null}
            onChange={(value) => update({ entityType: value ?? undefined })}
            clearable
            data-testid="audit-entityType"
          />
          {/* Applied on Enter or on leaving the field; the key resets it when the filter changes elsewhere. */}
          <TextInput
            key={search.entityId ?? ''}
            label={t('admin.audit.filter.entityId')}
            description={t('admin.audit.filter.entityIdHint')}
            dir="ltr"
            defaultValue={search.entityId ?? ''}
            onBlur={(e) => commitEntityId(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitEntityId(e.currentTarget.value);
            }}
            data-testid="audit-entityId"
          />
          <Select
            label={t('admin.audit.filter.actor')}
            placeholder={t('admin.audit.filter.any')}
            data={actorOptions}
            value={search.actorId ?? null}
            onChange={(value) => update({ actorId: value ?? undefined })}
            searchable
            clearable
            data-testid="audit-actor"
          />
          <JalaliDateInput label={t('admin.audit.filter.from')} value={(search.from as IsoDate | undefined) ?? null} onChange={(value) => update({ from: value ?? undefined })} testId="audit-from" />
          <JalaliDateInput label={t('admin.audit.filter.to')} value={(search.to as IsoDate | undefined) ?? null} onChange={(value) => update({ to: value ?? undefined })} testId="audit-to" />
        </SimpleGrid>
        {hasFilters ? (
          <Group justify="flex-end" mt="sm">
            <Button variant="subtle" size="compact-sm" onClick={() => onSearchChange({ page: 1 })} data-testid="audit-clear">
              {t('admin.audit.clear')}
            </Button>
          </Group>
        ) : null}
      </Paper>
      <ListBody query={audit} testId="audit-table" caption={t('admin.audit.title')} columns={columns} rowKey={(e) => e.id} emptyText={t('admin.audit.empty')} page={search.page} pageSize={AUDIT_PAGE_SIZE} onPageChange={(page) => onSearchChange({ ...search, page })} />
      <Modal opened={shown !== null} onClose={() => setShown(null)} title={t('admin.audit.details')} size="lg" centered>
        {shown ? (
          <Stack>
            <SimpleGrid cols={2} spacing="xs">
              <Text size="sm" c="dimmed">{t('admin.audit.col.at')}</Text>
              <Text size="sm">{formatInstant(shown.at, language)}</Text>
              <Text size="sm" c="dimmed">{t('admin.audit.col.actor')}</Text>
              <Text size="sm" dir="auto">
                <bdi>{shown.actorName}</bdi> <Text span size="xs" c="dimmed"><bdi dir="ltr">{shown.actorLabel}</bdi></Text>
              </Text>
              <Text size="sm" c="dimmed">{t('admin.audit.col.action')}</Text>
              <Text size="sm" ff="monospace" dir="ltr">{shown.action}</Text>
              <Text size="sm" c="dimmed">{t('admin.audit.col.entity')}</Text>
              <Text size="sm" ff="monospace" dir="ltr" style={{ wordBreak: 'break-all' }}>{`${shown.entityType} ${shown.entityId}`}</Text>
              <Text size="sm" c="dimmed">{t('admin.audit.ip')}</Text>
              <Text size="sm" ff="monospace" dir="ltr">{shown.ip ?? '—'}</Text>
            </SimpleGrid>
            <JsonBlock label={t('admin.audit.before')} value={shown.before} />
            <JsonBlock label={t('admin.audit.after')} value={shown.after} />
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
