import { Button, Group, Modal, Stack, Text, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n.js';

/** A dialog holding one form: a hint, the fields, then Cancel and Save; Enter submits. */
export function FormModal(props: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  hint?: ReactNode;
  size?: ModalProps['size'];
  onSubmit: () => void;
  saving: boolean;
  saveLabel: string;
  saveTestId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <Stack>
          {props.hint ? (
            <Text size="sm" c="dimmed">
              {props.hint}
            </Text>
          ) : null}
          {props.children}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.saving} data-testid={props.saveTestId}>
              {props.saveLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
