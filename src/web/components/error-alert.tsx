import { Alert, Stack, Text } from '@mantine/core';
import { isApiError } from '../lib/api.js';

/** A refusal from the server, in the user's language, with every field message. */
export function ErrorAlert({ error, testId = 'action-error' }: { error: unknown; testId?: string }) {
  if (!error) return null;
  const title = isApiError(error) ? error.title : String(error);
  const details = isApiError(error) ? [error.detail, ...error.fieldErrors.map((f) => f.message)].filter(Boolean) : [];
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid={testId}>
      {details.length ? (
        <Stack gap={2}>
          {details.map((d, i) => (
            <Text size="sm" key={i}>
              {d}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Alert>
  );
}
