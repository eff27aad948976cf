import { Button, Group, type MantineColor } from '@mantine/core';
import { FormHint } from './form-hint.js';

export interface FormActionsProps {
  submitLabel: string;
  onSubmit: () => void;
  pending: boolean;
  /** the fields still empty that the form requires (their labels): the submit button waits, and says so */
  missing: readonly string[];
  /** the fields that hold what is not right (a date that is no date) */
  invalid: readonly string[];
  /** another reason for the submit button to wait (files still uploading) */
  busy?: boolean;
  submitColor?: MantineColor | undefined;
  submitTestId: string;
  cancelLabel: string;
  onCancel: () => void;
}

/** A form's last row: the submit button, waiting while a field is missing or wrong; cancel; and which fields those are. */
export function FormActions({ submitLabel, onSubmit, pending, missing, invalid, busy = false, submitColor, submitTestId, cancelLabel, onCancel }: FormActionsProps) {
  return (
    <Group>
      <Button onClick={onSubmit} loading={pending} disabled={missing.length > 0 || invalid.length > 0 || busy} color={submitColor} data-testid={submitTestId}>
        {submitLabel}
      </Button>
      <Button variant="subtle" color="gray" onClick={onCancel}>
        {cancelLabel}
      </Button>
      <FormHint missing={missing} invalid={invalid} />
    </Group>
  );
}
