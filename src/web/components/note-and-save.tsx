import { Button, Group, TextInput } from '@mantine/core';
import { ErrorAlert } from './error-alert.js';
import { FormHint } from './form-hint.js';
import { useI18n } from '../lib/i18n.js';

/**
 * The end of a figure's entry form (a quota, a bank's monthly report): its note, the server's refusal if any, and the
 * save button, waiting while a required field is empty and naming it.
 */
export function NoteAndSave({
  note,
  onNoteChange,
  mutation,
  testId,
  missing,
  onSave,
}: {
  note: string;
  onNoteChange: (note: string) => void;
  /** the save's mutation: its refusal is shown, the button spins while it runs */
  mutation: { error: unknown; isPending: boolean };
  /** the form's test id: `<testId>-error` and `<testId>-save` */
  testId: string;
  missing: readonly string[];
  onSave: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextInput label={t('common.note')} value={note} onChange={(e) => onNoteChange(e.currentTarget.value)} mt="sm" maxLength={1000} />
      <ErrorAlert error={mutation.error} testId={`${testId}-error`} />
      <Group mt="sm">
        <Button loading={mutation.isPending} disabled={missing.length > 0} data-testid={`${testId}-save`} onClick={onSave}>
          {t('common.save')}
        </Button>
        <FormHint missing={missing} />
      </Group>
    </>
  );
}
