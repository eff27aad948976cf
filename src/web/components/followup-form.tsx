import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { formatJalaliDateTime } from '../../shared/jalali.js';
import { useI18n } from '../lib/i18n.js';
import { isApiError } from '../lib/api.js';
import { FormHint } from './form-hint.js';

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
        {!note.trim() ? <FormHint missing={[label]} testId="followup-hint" /> : null}
      </Group>
    </Stack>
  );
}

export interface FollowupItem {
  id: string;
  author: string;
  /** the author's agency or role, shown dimmed beside the name */
  detail?: string | null;
  /** ISO instant */
  at: string;
  note: string;
}

/** A record's follow-up trail, oldest first, with the form beneath for those who may add to it. */
export function FollowupTrail({ title, emptyText, items, form }: { title: string; emptyText: string; items: FollowupItem[]; form?: ReactNode }) {
  const { language } = useI18n();
  return (
    <Paper withBorder radius="md" p="md" data-testid="followups">
      <Title order={3} fz="md" mb="sm">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      ) : (
        <Stack gap="sm">
          {items.map((f) => (
            <Paper key={f.id} bg="gray.0" p="sm" radius="sm" data-testid="followup">
              <Group justify="space-between" gap="xs" mb={4}>
                <Text size="sm" fw={600} dir="auto">
                  {f.author}
                  {f.detail ? <Text span c="dimmed" size="xs">{` — ${f.detail}`}</Text> : null}
                </Text>
                <Text size="xs" c="dimmed" className="tabular">
                  {formatJalaliDateTime(new Date(f.at), language === 'fa' ? 'fa' : 'latn')}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-line' }} dir="auto">
                {f.note}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      {form}
    </Paper>
  );
}
