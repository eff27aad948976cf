import { Alert, Badge, Button, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { DownloadIcon } from '../../../components/icons.js';
import { PageHeader } from '../../../components/page-header.js';
import { isApiError } from '../../../lib/api.js';
import { formatInstant } from '../../../lib/date-time.js';
import { useI18n } from '../../../lib/i18n.js';
import { useDownload, useDrafts, useFieldChanges, useFieldMeta, useKits, useOnline, useOutbox } from '../hooks/use-field.js';
import { OutboxPanel } from './outbox-panel.js';
import { VisitCard } from './visit-card.js';

/**
 * «بازدیدهای من»: the visits planned for this user, downloaded onto the device with what the team needs on site,
 * and the outbox of what was recorded. Everything here reads the device's store, so it opens with no network.
 */
export function FieldPage({ userId }: { userId: string }) {
  const { t, language } = useI18n();
  useFieldChanges();
  const online = useOnline();
  const kits = useKits(userId);
  const meta = useFieldMeta(userId);
  const drafts = useDrafts(userId);
  const outbox = useOutbox(userId);
  const download = useDownload(userId);
  const draftVisits = new Set((drafts.data ?? []).map((d) => d.visitId));
  // a visit recorded on this device: waiting in the outbox, or already sent (it leaves the list at the next download)
  const recorded = new Map((outbox.data ?? []).flatMap((e) => (e.visit.body.plannedVisitId ? [[e.visit.body.plannedVisitId, e.status === 'sent' ? ('sent' as const) : ('queued' as const)]] : [])));

  return (
    <Stack gap="md">
      <PageHeader
        title={t('field.title')}
        subtitle={
          meta.data ? (
            <span data-testid="field-downloaded-at">{t('field.downloaded', { at: formatInstant(meta.data.downloadedAt, language) })}</span>
          ) : (
            t('field.subtitle')
          )
        }
        actions={
          <Group gap="xs" wrap="nowrap">
            <Badge color={online ? 'green' : 'gray'} variant="light" data-testid="field-online">
              {online ? t('field.online') : t('field.offline')}
            </Badge>
            <Button leftSection={<DownloadIcon size={16} />} onClick={() => download.mutate()} loading={download.isPending} disabled={!online} data-testid="field-download">
              {t('field.download')}
            </Button>
          </Group>
        }
      />
      {download.isSuccess ? (
        <Alert color="green" variant="light" data-testid="field-download-done">
          {t('field.downloadDone', { count: download.data })}
        </Alert>
      ) : null}
      {download.isError ? (
        <Alert color="red" variant="light" title={t('field.downloadFailed')} role="alert">
          {isApiError(download.error) ? download.error.title : String(download.error)}
        </Alert>
      ) : null}
      <OutboxPanel userId={userId} />
      {kits.isPending ? (
        <Skeleton height={220} radius="md" />
      ) : !meta.data ? (
        <Text c="dimmed">{t('field.neverDownloaded')}</Text>
      ) : (kits.data ?? []).length === 0 ? (
        <Text c="dimmed">{t('field.none')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {(kits.data ?? []).map((kit) => (
            <VisitCard key={kit.key} kit={kit} hasDraft={draftVisits.has(kit.visitId)} recorded={recorded.get(kit.visitId) ?? null} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
