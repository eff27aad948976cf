import { Badge, Tooltip } from '@mantine/core';

/**
 * «به‌روز تا …»: figures older than a few seconds (read on a replica running behind the primary, or kept in a
 * snapshot) say since when; the caller gives the words, in its own feature's messages.
 */
export function AsOfBadge({ label, hint, testId }: { label: string; hint: string; testId: string }) {
  return (
    <Tooltip label={hint} multiline w={280} withArrow>
      <Badge color="yellow" variant="light" size="lg" radius="sm" mb="sm" data-testid={testId}>
        {label}
      </Badge>
    </Tooltip>
  );
}
