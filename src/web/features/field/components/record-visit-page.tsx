import { Alert, Button, Checkbox, Group, List, Paper, SimpleGrid, Skeleton, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ConfirmModal } from '../../../components/confirm-modal.js';
import { PageHeader } from '../../../components/page-header.js';
import { ButtonLink } from '../../../components/router-links.js';
import { formatInstant } from '../../../lib/date-time.js';
import { formatDateWithWeekday } from '../../../lib/dates.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import { useDraftEditor } from '../hooks/use-draft.js';
import { useFieldChanges, useFieldMeta, useKit } from '../hooks/use-field.js';
import { newId } from '../lib/ids.js';
import { discardDraft, fieldDb, notifyFieldChange } from '../store/field-db.js';
import { enqueueDraft } from '../sync/outbox.js';
import { checkDraft, type DraftProblem } from '../sync/record.js';
import { syncNow } from '../sync/sync-agent.js';
import { DemandsSection } from './demands-section.js';
import { LocationSection } from './location-section.js';
import { PhotosSection } from './photos-section.js';

const PROBLEM_TEXT: Record<DraftProblem['problem'], MessageKey> = { required: 'field.record.required', number: 'field.record.number', percent: 'field.record.percent' };

/**
 * Recording a planned visit on site, with or without a network: findings, staff, capacity use, the position, photos,
 * the demands heard and corrections to the unit's register. Saved on the device as it is typed; «ثبت نهایی» moves it
 * to the outbox, which sends it when it can (sync/outbox.ts).
 */
export function RecordVisitPage({ userId, visitId, onQueued }: { userId: string; visitId: string; onQueued: () => void }) {
  const { t, n, language } = useI18n();
  useFieldChanges();
  const kit = useKit(userId, visitId);
  const meta = useFieldMeta(userId);
  const { draft, update, flush, savedAt } = useDraftEditor(userId, kit.data);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [discarding, setDiscarding] = useState(false);

  if (kit.isPending || meta.isPending || (kit.data && !draft)) return <Skeleton height={420} radius="md" />;
  if (!kit.data || !draft) {
    return (
      <Stack>
        <Alert color="orange" variant="light">
          {t('field.record.notFound')}
        </Alert>
        <ButtonLink to="/field" variant="light">
          {t('field.record.back')}
        </ButtonLink>
      </Stack>
    );
  }
  const record = kit.data;
  const { visit, field } = record;
  const reference = meta.data?.reference ?? { categories: [], agencies: [] };
  const errorOf = (path: string) => {
    const p = problems.find((x) => x.field === path);
    return p ? t(PROBLEM_TEXT[p.problem]) : undefined;
  };

  const submit = async () => {
    const found = checkDraft(draft);
    setProblems(found);
    if (found.length) return;
    setBusy(true);
    try {
      await flush();
      await enqueueDraft(await fieldDb(), draft, record, { newKey: newId });
      notifyFieldChange();
      if (navigator.onLine) void syncNow(userId).catch(() => undefined);
      onQueued();
    } finally {
      setBusy(false);
    }
  };

  const removePhoto = async (id: string) => {
    update((d) => ({ ...d, photoIds: d.photoIds.filter((x) => x !== id) }));
    await flush();
    await (await fieldDb()).delete('photos', id);
  };

  return (
    <Stack gap="md" maw={760}>
      <PageHeader title={t('field.record.title')} subtitle={`${field.unit.name} — ${visit.team}`} />
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">
          {t('field.record.visitDate', { date: formatDateWithWeekday(draft.visitDate, language) })}
        </Text>
        <Text size="xs" c="green.8" data-testid="draft-saved" data-saved-at={savedAt ?? ''}>
          {savedAt ? t('field.record.saved', { at: formatInstant(savedAt, language) }) : ''}
        </Text>
      </Group>

      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Textarea
            label={t('field.record.findings')}
            placeholder={t('field.record.findingsPlaceholder')}
            value={draft.findings}
            onChange={(e) => {
              const findings = e.currentTarget.value;
              update((d) => ({ ...d, findings }));
            }}
            autosize
            minRows={4}
            maxLength={8000}
            data-testid="draft-findings"
          />
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label={t('field.record.employees')}
              description={t('field.record.inRegister', { value: n(field.unit.employees) })}
              inputMode="numeric"
              value={draft.employees}
              onChange={(e) => {
                const employees = e.currentTarget.value;
                update((d) => ({ ...d, employees }));
              }}
              error={errorOf('employees')}
              data-testid="draft-employees"
            />
            <TextInput
              label={t('field.record.capacity')}
              description={t('field.record.inRegister', { value: `${n(field.unit.capacityUtilization)}٪` })}
              inputMode="numeric"
              value={draft.capacityUtilization}
              onChange={(e) => {
                const capacityUtilization = e.currentTarget.value;
                update((d) => ({ ...d, capacityUtilization }));
              }}
              error={errorOf('capacityUtilization')}
              data-testid="draft-capacity"
            />
          </SimpleGrid>
        </Stack>
      </Paper>

      <LocationSection value={draft.location} onChange={(location) => update((d) => ({ ...d, location }))} />

      <PhotosSection
        userId={userId}
        ownerKey={draft.key}
        photoIds={draft.photoIds}
        onAdded={(id) => {
          update((d) => ({ ...d, photoIds: [...d.photoIds, id] }));
          void flush();
        }}
        onRemove={(id) => void removePhoto(id)}
      />

      <DemandsSection demands={draft.demands} reference={reference} onChange={(demands) => update((d) => ({ ...d, demands }))} errorOf={errorOf} />

      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Checkbox
            label={t('field.record.unitUpdate')}
            description={t('field.record.unitUpdateHint')}
            checked={draft.unitUpdate.enabled}
            onChange={(e) => {
              const enabled = e.currentTarget.checked;
              update((d) => ({ ...d, unitUpdate: { ...d.unitUpdate, enabled } }));
            }}
            data-testid="unit-update"
          />
          {draft.unitUpdate.enabled ? (
            <Stack gap="xs">
              {(['phone', 'managerName', 'address'] as const).map((k) => (
                <TextInput
                  key={k}
                  label={t(k === 'phone' ? 'field.record.phone' : k === 'managerName' ? 'field.record.manager' : 'field.record.address')}
                  value={draft.unitUpdate[k]}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    update((d) => ({ ...d, unitUpdate: { ...d.unitUpdate, [k]: value } }));
                  }}
                  {...(k === 'phone' ? { inputMode: 'tel' as const, dir: 'ltr' } : {})}
                  data-testid={`unit-${k}`}
                />
              ))}
              <Checkbox
                label={t('field.record.observedFigures')}
                checked={draft.unitUpdate.observedFigures}
                onChange={(e) => {
                  const observedFigures = e.currentTarget.checked;
                  update((d) => ({ ...d, unitUpdate: { ...d.unitUpdate, observedFigures } }));
                }}
                data-testid="unit-observed"
              />
            </Stack>
          ) : null}
        </Stack>
      </Paper>

      {problems.length ? (
        <Alert color="red" variant="light" title={t('field.record.problems')} role="alert" data-testid="draft-problems">
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={p.field}>
                {p.field}: {t(PROBLEM_TEXT[p.problem])}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}

      <Stack gap="xs">
        <Button size="md" onClick={() => void submit()} loading={busy} data-testid="draft-submit">
          {t('field.record.submit')}
        </Button>
        <Group justify="space-between">
          <ButtonLink to="/field" variant="subtle">
            {t('field.record.back')}
          </ButtonLink>
          <Button variant="subtle" color="red" onClick={() => setDiscarding(true)}>
            {t('field.record.discard')}
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={discarding}
        onClose={() => setDiscarding(false)}
        title={t('field.record.discard')}
        message={t('field.record.discardConfirm')}
        confirmLabel={t('field.record.discard')}
        onConfirm={() => {
          setDiscarding(false);
          void (async () => {
            await flush();
            await discardDraft(await fieldDb(), draft);
            notifyFieldChange();
            onQueued();
          })();
        }}
        busy={false}
        danger
      />
    </Stack>
  );
}
