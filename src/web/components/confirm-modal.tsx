import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n.js';
import { ErrorAlert } from './error-alert.js';

/** Asks before an action that cannot be taken back; shows the server's refusal in place. */
export function ConfirmModal(props: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  busy: boolean;
  error?: unknown;
  /** Red for what removes or ends something. */
  danger?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack>
        <Text size="sm">{props.message}</Text>
        <ErrorAlert error={props.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={props.danger ? 'red' : undefined} loading={props.busy} onClick={props.onConfirm} data-testid="confirm-action">
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
