import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { AlertIcon } from './icons.js';

/**
 * A secret the server shows once (a temporary password, a token, recovery codes): left-to-right,
 * monospaced, with a copy button and a warning that it will not be shown again. Words come from the caller.
 */
export function SecretValue(props: {
  value: string;
  warning: string;
  copyLabel: string;
  copiedLabel: string;
  testId: string;
  /** Several lines (recovery codes) are shown as a block. */
  block?: boolean;
}) {
  return (
    <Stack gap="sm">
      <Alert color="yellow" variant="light" icon={<AlertIcon />}>
        <Text size="sm">{props.warning}</Text>
      </Alert>
      <Code block={props.block ?? false} dir="ltr" fz="md" p="sm" data-testid={props.testId} style={{ wordBreak: 'break-all', userSelect: 'all' }}>
        {props.value}
      </Code>
      <Group justify="flex-end">
        <CopyButton value={props.value}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'light' : 'default'} color={copied ? 'teal' : undefined} onClick={copy} data-testid={`${props.testId}-copy`}>
              {copied ? props.copiedLabel : props.copyLabel}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
