import { Alert, Badge, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { itemPlace } from '../../../../shared/validation-messages.js';
import { useState } from 'react';
import { ConfirmModal } from '../../../components/confirm-modal.js';
import { SyncIcon } from '../../../components/icons.js';
import { AnchorLink } from '../../../components/router-links.js';
import { formatInstant } from '../../../lib/date-time.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { useOnline, useOutbox, useOutboxActions, useSyncNow } from '../hooks/use-field.js';
import { summarize } from '../sync/outbox.js';
import type { EntryStatus, OutboxEntry, PartState, SyncProblem, UnitChanges } from '../types.js';

const STATUS_COLOR: Record<EntryStatus, string> = { waiting: 'gray', sending: 'blue', sent: 'green', failed: 'red', conflict: 'orange' };

/** The reason an entry did not go, in the person's language. */
function useReason() {
  const { t, language } = useI18n();
  return (p: SyncProblem): string => {
    if (p.status === 0 && p.code === 'network.unreachable') return t('field.reason.offline');
    if (p.code === 'client.error' && p.title === 'photo.missing') return t('field.reason.photoMissing');
    if (p.status === 0 || p.code === 'client.error') return t('field.reason.offline');
    if (p.status === 401) return t('field.reason.signIn');
    // the message names the field; a field inside a list (a demand heard on the visit) says which item
    const fields = p.fieldErrors
      .map((e) => {
        const place = itemPlace(e.path, language);
        return place ? `${place}: ${e.message}` : e.message;
      })
      .join('؛ ');
    return fields ? `${p.title} — ${fields}` : p.title || t('field.reason.unknown', { detail: p.code });
  };
}

function PartLine({ label, state }: { label: string; state: PartState | 'dropped' }) {
  const { t } = useI18n();
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm">{label}</Text>
      <Badge size="sm" variant="dot" color={state === 'sent' ? 'green' : state === 'waiting' ? 'gray' : state === 'dropped' ? 'gray' : 'red'}>
        {t(`field.outbox.part.${state}`)}
      </Badge>
    </Group>
  );
}

const UNIT_FIELDS: (keyof UnitChanges)[] = ['phone', 'managerName', 'address', 'employees', 'capacityUtilization'];

function UnitConflict({ entry }: { entry: OutboxEntry }) {
  const { t, digits } = useI18n();
  const actions = useOutboxActions(entry.userId);
  const unit = entry.unit!;
  const label: Record<keyof UnitChanges, string> = {
    phone: t('field.record.phone'),
    managerName: t('field.record.manager'),
    address: t('field.record.address'),
    employees: t('field.record.employees'),
    capacityUtilization: t('field.record.capacity'),
  };
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : digits(String(v)));
  const fields = UNIT_FIELDS.filter((k) => k in unit.changes);
  return (
    <Alert color="orange" variant="light" p="sm" data-testid="unit-conflict">
      <Stack gap="xs">
        <Text size="sm">{t('field.conflict.unit', { unit: unit.unitName })}</Text>
        {fields.map((k) => (
          <Paper key={k} withBorder radius="sm" p="xs" data-testid={`conflict-${k}`}>
            <Text size="xs" fw={700}>
              {label[k]}
            </Text>
            <Text size="xs" c="dimmed">
              {t('field.conflict.downloaded')}: {show(unit.before[k])}
            </Text>
            <Text size="xs">
              {t('field.conflict.mine')}: <b>{show(unit.changes[k])}</b>
            </Text>
            <Text size="xs">
              {t('field.conflict.server')}: <b>{show(unit.current?.[k])}</b>
            </Text>
          </Paper>
        ))}
        <Group gap="xs" grow>
          <Button size="xs" onClick={() => void actions.applyMine(entry.id)} data-testid="conflict-apply-mine">
            {t('field.conflict.applyMine')}
          </Button>
          <Button size="xs" variant="default" onClick={() => void actions.keepTheirs(entry.id)} data-testid="conflict-keep-server">
            {t('field.conflict.keepServer')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function PlannedConflict({ entry, onDiscard }: { entry: OutboxEntry; onDiscard: () => void }) {
  const { t, status } = useI18n();
  const actions = useOutboxActions(entry.userId);
  const current = entry.conflict?.kind === 'planned' ? entry.conflict.current : null;
  const known = current && ['planned', 'done', 'cancelled'].includes(current.status);
  return (
    <Alert color="orange" variant="light" p="sm" data-testid="planned-conflict">
      <Stack gap="xs">
        <Text size="sm">{known ? t('field.conflict.planned', { status: status('visit', current.status as 'done') }) : t('field.conflict.plannedGone')}</Text>
        <Group gap="xs" grow>
          <Button size="xs" onClick={() => void actions.separate(entry.id)} data-testid="conflict-separate">
            {t('field.conflict.separate')}
          </Button>
          <Button size="xs" variant="default" color="red" onClick={onDiscard}>
            {t('field.outbox.discard')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function EntryCard({ entry }: { entry: OutboxEntry }) {
  const { t, language } = useI18n();
  const reason = useReason();
  const actions = useOutboxActions(entry.userId);
  const [confirming, setConfirming] = useState(false);
  const sentPhotos = entry.photos.filter((p) => p.state === 'sent').length;
  const photoState: PartState = entry.photos.some((p) => p.state === 'failed') ? 'failed' : sentPhotos === entry.photos.length ? 'sent' : 'waiting';
  const stuck = entry.status === 'failed' && entry.lastError && !entry.lastError.retryable;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="outbox-entry" data-client-id={entry.id} data-status={entry.status}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Stack gap={0}>
            <Text fw={600} size="sm" dir="auto">
              {entry.label.unitName}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDate(entry.label.visitDate, language)}
            </Text>
          </Stack>
          <Badge color={STATUS_COLOR[entry.status]} variant="light" data-testid="outbox-status">
            {t(`field.outbox.status.${entry.status}`)}
          </Badge>
        </Group>
        <PartLine label={t('field.outbox.visit', { count: entry.label.demandCount })} state={entry.visit.state} />
        {entry.photos.length ? <PartLine label={t('field.outbox.photos', { sent: sentPhotos, total: entry.photos.length })} state={photoState} /> : null}
        {entry.unit ? <PartLine label={t('field.outbox.unit')} state={entry.unit.state} /> : null}
        {entry.status !== 'sent' && entry.lastError ? (
          <Text size="xs" c={entry.lastError.retryable ? 'dimmed' : 'red.8'} data-testid="outbox-reason">
            {reason(entry.lastError)}
            {entry.nextAttemptAt ? ` ${t('field.outbox.nextTry', { at: formatInstant(entry.nextAttemptAt, language) })}` : ''}
          </Text>
        ) : null}
        {entry.conflict?.kind === 'planned' ? <PlannedConflict entry={entry} onDiscard={() => setConfirming(true)} /> : null}
        {entry.conflict?.kind === 'unit' && entry.unit?.state === 'conflict' ? <UnitConflict entry={entry} /> : null}
        {stuck && !entry.conflict ? (
          <Group gap="xs" grow>
            <Button size="xs" variant="light" onClick={() => void actions.retry(entry.id)}>
              {t('field.outbox.retry')}
            </Button>
            <Button size="xs" variant="default" color="red" onClick={() => setConfirming(true)}>
              {t('field.outbox.discard')}
            </Button>
          </Group>
        ) : null}
        {entry.visit.serverId && entry.status === 'sent' ? (
          <AnchorLink to="/visits/$visitId" params={{ visitId: entry.visit.serverId }} size="sm" data-testid="outbox-open-visit">
            {t('field.outbox.openVisit')}
          </AnchorLink>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('field.outbox.discard')}
        message={t('field.outbox.discardConfirm')}
        confirmLabel={t('field.outbox.discard')}
        onConfirm={() => {
          setConfirming(false);
          void actions.discard(entry.id);
        }}
        busy={false}
        danger
      />
    </Card>
  );
}

/** What waits to be sent, what went, what failed and why; the button sends now. */
export function OutboxPanel({ userId }: { userId: string }) {
  const { t } = useI18n();
  const online = useOnline();
  const outbox = useOutbox(userId);
  const sync = useSyncNow(userId);
  const entries = outbox.data ?? [];
  const s = summarize(entries);
  return (
    <Paper withBorder radius="md" p="md" data-testid="outbox">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={0}>
            <Title order={2} fz="md">
              {t('field.outbox.title')}
            </Title>
            {entries.length ? (
              <Text size="xs" c="dimmed" data-testid="outbox-summary">
                {t('field.outbox.summary', { pending: s.pending, sent: s.sent, failed: s.failed, conflicts: s.conflicts })}
              </Text>
            ) : null}
          </Stack>
          <Button size="sm" variant="light" leftSection={<SyncIcon size={16} />} onClick={() => sync.mutate()} loading={sync.isPending} disabled={!online || entries.every((e) => e.status === 'sent')} data-testid="sync-now">
            {t('field.outbox.syncNow')}
          </Button>
        </Group>
        {entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('field.outbox.empty')}
          </Text>
        ) : (
          [...entries].reverse().map((e) => <EntryCard key={e.id} entry={e} />)
        )}
      </Stack>
    </Paper>
  );
}
