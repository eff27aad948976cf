import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { PinIcon } from '../../../components/icons.js';
import { useI18n } from '../../../lib/i18n.js';
import { mapLinks } from '../../../lib/map-links.js';
import { currentPosition, isPositionFailure, type PositionFailure } from '../lib/position.js';
import type { DraftLocation } from '../types.js';

/** The device's position for the visit (optional): taken on the person's press, never in the background. */
export function LocationSection({ value, onChange }: { value: DraftLocation | null; onChange: (v: DraftLocation | null) => void }) {
  const { t, digits } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<PositionFailure | null>(null);
  const locate = async () => {
    setBusy(true);
    setFailure(null);
    try {
      onChange(await currentPosition());
    } catch (e) {
      setFailure(isPositionFailure(e) ? e : 'unavailable');
    } finally {
      setBusy(false);
    }
  };
  const links = value ? mapLinks(value.lat, value.lng) : null;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Title order={2} fz="md">
          {t('field.record.location')}
        </Title>
        {value && links ? (
          <Stack gap={4} data-testid="draft-location">
            <Group gap={6} wrap="nowrap">
              <PinIcon size={18} />
              <Text size="sm" dir="ltr" className="tabular" data-testid="draft-coordinates">
                {digits(value.lat.toFixed(6))}, {digits(value.lng.toFixed(6))}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {t('field.record.accuracy', { meters: Math.round(value.accuracyM) })}
            </Text>
            <Group gap="md">
              <Anchor href={links.geo} size="sm">
                {t('visits.openInMaps')}
              </Anchor>
              <Anchor href={links.osm} size="sm" target="_blank" rel="noopener noreferrer">
                {t('visits.openOsm')}
              </Anchor>
            </Group>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('field.record.noLocation')}
          </Text>
        )}
        {failure ? (
          <Alert color="orange" variant="light" p="xs" data-testid="location-failure">
            <Text size="sm">{t(`field.location.${failure}`)}</Text>
          </Alert>
        ) : null}
        <Group gap="xs">
          <Button variant="light" leftSection={<PinIcon size={16} />} onClick={() => void locate()} loading={busy} data-testid="locate">
            {value ? t('field.record.relocate') : t('field.record.locate')}
          </Button>
          {value ? (
            <Button variant="subtle" color="gray" onClick={() => onChange(null)}>
              {t('field.record.clearLocation')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}
