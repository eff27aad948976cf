import { ActionIcon, Alert, Button, FileButton, Group, Image, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { CameraIcon } from '../../../components/icons.js';
import { useI18n } from '../../../lib/i18n.js';
import { newId } from '../lib/ids.js';
import { resizePhoto } from '../lib/resize-photo.js';
import { fieldDb, getPhotos } from '../store/field-db.js';
import type { FieldPhoto } from '../types.js';

/** Object URLs for the photos' bytes, revoked when they go. */
function usePhotoUrls(ids: string[]): { id: string; url: string }[] {
  const [urls, setUrls] = useState<{ id: string; url: string }[]>([]);
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    let made: { id: string; url: string }[] = [];
    void (async () => {
      const photos = await getPhotos(await fieldDb(), key ? key.split(',') : []);
      made = photos.map((p) => ({ id: p.id, url: URL.createObjectURL(new Blob([p.bytes], { type: p.type })) }));
      if (live) setUrls(made);
      else made.forEach((m) => URL.revokeObjectURL(m.url));
    })();
    return () => {
      live = false;
      made.forEach((m) => URL.revokeObjectURL(m.url));
    };
  }, [key]);
  return urls;
}

export interface PhotosSectionProps {
  userId: string;
  ownerKey: string;
  photoIds: string[];
  /** the photo is already on the device; the draft only has to name it */
  onAdded: (photoId: string) => void;
  onRemove: (photoId: string) => void;
}

/** Photos from the camera or the gallery, made small on the device (lib/resize-photo.ts) and kept there until sent. */
export function PhotosSection({ userId, ownerKey, photoIds, onAdded, onRemove }: PhotosSectionProps) {
  const { t } = useI18n();
  const urls = usePhotoUrls(photoIds);
  const [busy, setBusy] = useState(0);
  const [failed, setFailed] = useState<string[]>([]);

  const take = async (files: File[]) => {
    setFailed([]);
    setBusy((n) => n + files.length);
    const db = await fieldDb();
    for (const file of files) {
      try {
        const resized = await resizePhoto(file);
        const photo: FieldPhoto = {
          id: newId(),
          userId,
          ownerKey,
          fileName: `${(file.name || 'photo').replace(/\.[a-z0-9]+$/i, '')}.jpg`,
          type: resized.type,
          bytes: resized.bytes,
          width: resized.width,
          height: resized.height,
          takenAt: new Date(file.lastModified || Date.now()).toISOString(),
        };
        await db.put('photos', photo);
        onAdded(photo.id);
      } catch {
        setFailed((f) => [...f, file.name]);
      } finally {
        setBusy((n) => n - 1);
      }
    }
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Title order={2} fz="md">
          {t('field.record.photos', { count: photoIds.length })}
        </Title>
        <Text size="xs" c="dimmed">
          {t('field.record.photoHint')}
        </Text>
        <Group gap="xs" grow>
          <FileButton onChange={(f) => void take(f)} accept="image/*" capture="environment" multiple inputProps={{ 'aria-label': t('field.record.camera'), 'data-testid': 'photo-camera' } as object}>
            {(props) => (
              <Button {...props} leftSection={<CameraIcon size={16} />} variant="light">
                {t('field.record.camera')}
              </Button>
            )}
          </FileButton>
          <FileButton onChange={(f) => void take(f)} accept="image/jpeg,image/png,image/webp,image/heic,image/*" multiple inputProps={{ 'aria-label': t('field.record.gallery'), 'data-testid': 'photo-input' } as object}>
            {(props) => (
              <Button {...props} variant="default">
                {t('field.record.gallery')}
              </Button>
            )}
          </FileButton>
        </Group>
        {busy > 0 ? (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t('field.record.photoProcessing')}</Text>
          </Group>
        ) : null}
        {failed.map((name) => (
          <Alert key={name} color="red" variant="light" p="xs">
            {t('field.record.photoFailed', { name })}
          </Alert>
        ))}
        {urls.length ? (
          <SimpleGrid cols={3} spacing="xs" data-testid="draft-photos">
            {urls.map((p, i) => (
              <div key={p.id} style={{ position: 'relative' }}>
                <Image src={p.url} alt={t('field.record.photoAlt', { n: i + 1 })} radius="sm" h={96} fit="cover" data-testid="draft-photo" />
                <ActionIcon size="sm" color="red" variant="filled" radius="xl" style={{ position: 'absolute', top: 4, insetInlineEnd: 4 }} aria-label={t('field.record.removePhoto')} onClick={() => onRemove(p.id)}>
                  ×
                </ActionIcon>
              </div>
            ))}
          </SimpleGrid>
        ) : null}
      </Stack>
    </Paper>
  );
}
