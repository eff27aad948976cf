import { ActionIcon, Alert, Anchor, Button, FileButton, Group, Image, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState, type ComponentProps } from 'react';
import { formatJalaliDateTime } from '../../../../shared/jalali.js';
import { isApiError } from '../../../lib/api.js';
import { ATTACHMENT_ACCEPT, fileProblem, fileSizeParts, fitPhoto } from '../../../lib/files.js';
import { formatNumber, useI18n } from '../../../lib/i18n.js';
import type { FileAttachment } from '../api/demands-api.js';
import { useUploadDemandAttachment } from '../hooks/use-demands.js';

function useFileSize() {
  const { t, language } = useI18n();
  return (bytes: number) => {
    const { value, unit, digits } = fileSizeParts(bytes);
    return t(unit === 'MB' ? 'demands.files.mb' : 'demands.files.kb', { size: formatNumber(value, language, digits) });
  };
}

/**
 * Files ready to go with a new demand: a photo too large is made smaller first; a file of another type or still too
 * large is named with its reason and left out. Returns the files to upload and the reasons for the others.
 */
export async function prepareFiles(chosen: File[]): Promise<{ ready: File[]; refused: { name: string; problem: 'type' | 'size' | 'empty' }[] }> {
  const ready: File[] = [];
  const refused: { name: string; problem: 'type' | 'size' | 'empty' }[] = [];
  for (const file of chosen) {
    const fitted = (await fitPhoto(file)) ?? file;
    const problem = fileProblem(fitted);
    if (problem) refused.push({ name: file.name, problem });
    else ready.push(fitted);
  }
  return { ready, refused };
}

/** The documents a producer picks while raising a demand: sent one by one once the demand exists. */
export function DocumentsPicker({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t } = useI18n();
  const size = useFileSize();
  const [refused, setRefused] = useState<{ name: string; problem: 'type' | 'size' | 'empty' }[]>([]);
  const add = async (picked: File[]) => {
    const { ready, refused: bad } = await prepareFiles(picked);
    setRefused(bad);
    onChange([...files, ...ready].slice(0, 10));
  };
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id="demand-files-label">
        {t('demands.files.label')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('demands.files.hint')}
      </Text>
      {files.length ? (
        <Stack gap={4} data-testid="demand-files-chosen" aria-labelledby="demand-files-label">
          {files.map((f, i) => (
            <Group key={`${f.name}:${i}`} gap="xs" wrap="nowrap">
              <Text size="sm" dir="auto" truncate maw={320}>
                {f.name}
              </Text>
              <Text size="xs" c="dimmed" className="tabular">
                {size(f.size)}
              </Text>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('demands.files.remove', { name: f.name })} onClick={() => onChange(files.filter((_, j) => j !== i))}>
                ×
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      ) : null}
      {refused.map((r) => (
        <Text key={r.name} size="xs" c="red" role="alert">
          {t(`demands.files.refused.${r.problem}`, { name: r.name })}
        </Text>
      ))}
      <FileButton onChange={(picked) => void add(picked)} accept={ATTACHMENT_ACCEPT} multiple inputProps={{ 'aria-label': t('demands.files.choose'), 'data-testid': 'demand-files-input' } as ComponentProps<'input'>}>
        {(props) => (
          <Button {...props} variant="light" size="xs" w="fit-content" data-testid="demand-files">
            {t('demands.files.choose')}
          </Button>
        )}
      </FileButton>
    </Stack>
  );
}

/** Photos as thumbnails, documents as lines; each opens or downloads through GET /files/:id. */
export function AttachmentsCard({ demandId, attachments, canAttach }: { demandId: string; attachments: FileAttachment[]; canAttach: boolean }) {
  const { t, language } = useI18n();
  const size = useFileSize();
  const upload = useUploadDemandAttachment();
  const [refused, setRefused] = useState<{ name: string; problem: 'type' | 'size' | 'empty' }[]>([]);
  const photos = attachments.filter((a) => a.mime.startsWith('image/'));
  const documents = attachments.filter((a) => !a.mime.startsWith('image/'));
  const when = (iso: string) => formatJalaliDateTime(new Date(iso), language === 'fa' ? 'fa' : 'latn');
  const send = async (picked: File[]) => {
    const { ready, refused: bad } = await prepareFiles(picked);
    setRefused(bad);
    for (const file of ready) await upload.mutateAsync({ demandId, file }).catch(() => undefined);
  };
  if (!attachments.length && !canAttach) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="demand-attachments">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="md">
          {t('demands.files.title')}
        </Title>
        {canAttach ? (
          <FileButton onChange={(picked) => void send(picked)} accept={ATTACHMENT_ACCEPT} multiple inputProps={{ 'aria-label': t('demands.files.add'), 'data-testid': 'attachment-input' } as ComponentProps<'input'>}>
            {(props) => (
              <Button {...props} variant="light" size="xs" loading={upload.isPending} data-testid="attachment-add">
                {t('demands.files.add')}
              </Button>
            )}
          </FileButton>
        ) : null}
      </Group>
      {!attachments.length ? (
        <Text size="sm" c="dimmed">
          {t('demands.files.none')}
        </Text>
      ) : null}
      {photos.length ? (
        <SimpleGrid cols={{ base: 2, xs: 3, sm: 4 }} spacing="xs" mb={documents.length ? 'sm' : 0}>
          {photos.map((p) => (
            <UnstyledButton key={p.id} component="a" href={p.url} target="_blank" rel="noopener" title={p.fileName} data-testid="attachment-photo">
              <Image src={p.url} alt={p.fileName} h={96} radius="sm" fit="cover" loading="lazy" />
              <Text size="xs" c="dimmed" truncate dir="auto" mt={2}>
                {p.fileName}
              </Text>
            </UnstyledButton>
          ))}
        </SimpleGrid>
      ) : null}
      <Stack gap={6}>
        {documents.map((d) => (
          <Group key={d.id} gap="xs" wrap="nowrap" justify="space-between">
            <Anchor href={d.url} size="sm" dir="auto" download={d.fileName} data-testid="attachment-link" style={{ overflowWrap: 'anywhere' }}>
              {d.fileName}
            </Anchor>
            <Text size="xs" c="dimmed" className="tabular" style={{ whiteSpace: 'nowrap' }}>
              {size(d.size)} · {when(d.createdAt)}
            </Text>
          </Group>
        ))}
      </Stack>
      {refused.map((r) => (
        <Text key={r.name} size="xs" c="red" role="alert" mt={4}>
          {t(`demands.files.refused.${r.problem}`, { name: r.name })}
        </Text>
      ))}
      {upload.error ? (
        <Alert color="red" variant="light" mt="sm" role="alert">
          {isApiError(upload.error) ? upload.error.title : String(upload.error)}
        </Alert>
      ) : null}
    </Paper>
  );
}
