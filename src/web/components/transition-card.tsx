import { Button, Card, Group, Stack, Textarea, Title, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './error-alert.js';
import { FormActions } from './form-actions.js';

export interface TransitionCardProps<S extends string> {
  title: string;
  /** the card's test id (`demand-actions`, …) */
  testId: string;
  /** a line under the title (e.g. that the step is taken on someone's behalf) */
  hint?: ReactNode;
  /** the moves the server says the caller may make now, in the machine's order */
  allowed: readonly S[];
  selected: S | null;
  onSelect: (to: S | null) => void;
  label: (to: S) => string;
  color: (to: S) => MantineColor;
  confirmLabel: (to: S) => string;
  confirmColor?: (to: S) => MantineColor | undefined;
  cancelLabel: string;
  onConfirm: () => void;
  pending: boolean;
  /** the chosen step's required fields still empty (their labels): the confirm button waits, and says so */
  missing?: readonly string[];
  /** the chosen step's fields that hold what is not right (a date that is no date) */
  invalid?: readonly string[];
  error: unknown;
  /** the chosen step's fields: what its transition requires, and a note */
  children?: ReactNode;
  formTestId?: (to: S) => string;
}

/**
 * The actions of a record's page: one button for each move allowed from its state; choosing one opens the fields
 * that step needs and a confirm button. The pages pass what their machine says; the server checks the same table.
 */
export function TransitionCard<S extends string>(props: TransitionCardProps<S>) {
  const { allowed, selected, onSelect, missing = [], invalid = [] } = props;
  if (!allowed.length) return null;
  return (
    <Card withBorder radius="md" data-testid={props.testId}>
      <Title order={3} fz="md" mb="sm">
        {props.title}
      </Title>
      {props.hint}
      <Group gap="xs">
        {allowed.map((target) => (
          <Button
            key={target}
            variant={selected === target ? 'filled' : 'light'}
            color={props.color(target)}
            onClick={() => onSelect(target)}
            data-testid={`action-${target}`}
          >
            {props.label(target)}
          </Button>
        ))}
      </Group>
      {selected ? (
        <Stack mt="md" gap="sm" data-testid={props.formTestId?.(selected)}>
          {props.children}
          <ErrorAlert error={props.error} />
          <FormActions
            submitLabel={props.confirmLabel(selected)}
            onSubmit={props.onConfirm}
            pending={props.pending}
            missing={missing}
            invalid={invalid}
            submitColor={props.confirmColor?.(selected)}
            submitTestId="action-confirm"
            cancelLabel={props.cancelLabel}
            onCancel={() => onSelect(null)}
          />
        </Stack>
      ) : null}
    </Card>
  );
}

/** The note of a step (a reason where the step requires one), as every record's actions card asks for it. */
export function TransitionNote({ label, value, onChange, required, error }: { label: string; value: string; onChange: (note: string) => void; required?: boolean; error?: ReactNode }) {
  return (
    <Textarea
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      required={required}
      autosize
      minRows={2}
      maxLength={2000}
      error={error}
      data-testid="action-note"
    />
  );
}
