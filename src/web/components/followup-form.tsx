import { Button, Group, Stack, Textarea } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../lib/api.js';

/** A follow-up note (پیگیری) on a record: one text area, one button; the server's error shown on the field. */
export function FollowupForm({ add, label, submitLabel }: { add: UseMutationResult<unknown, unknown, string>; label: string; submitLabel: string }) {
  const [note, setNote] = useState('');
  return (
    <Stack gap="xs" mt="sm">
      <Textarea
        label={label}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={2000}
        error={isApiError(add.error) ? (add.error.fieldError('note') ?? add.error.title) : undefined}
        data-testid="followup-note"
      />
      <Group>
        <Button onClick={() => add.mutate(note, { onSuccess: () => setNote('') })} loading={add.isPending} disabled={!note.trim()} data-testid="followup-submit">
          {submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}
