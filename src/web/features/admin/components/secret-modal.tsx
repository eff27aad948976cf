import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { SecretValue } from '../../../components/secret-value.js';
import { useI18n } from '../../../lib/i18n.js';

/** A secret shown once (an integration token, a temporary password): copied from here, never shown again. */
export function SecretModal({
  secret,
  title,
  intro,
  warning,
  note,
  testId,
  size,
  onClose,
}: {
  secret: string | null;
  title: string;
  intro: ReactNode;
  warning: string;
  note?: ReactNode;
  testId: string;
  size?: 'lg';
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal opened={secret !== null} onClose={onClose} title={title} centered size={size}>
      {secret !== null ? (
        <Stack>
          <Text size="sm">{intro}</Text>
          <SecretValue value={secret} warning={warning} copyLabel={t('admin.copy')} copiedLabel={t('admin.copied')} testId={testId} />
          {note}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-testid={`${testId}-close`}>
              {t('admin.close')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
