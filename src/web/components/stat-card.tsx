import { Group, Paper, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';

export interface StatCardProps {
  label: string;
  /** Already formatted in the current digits; null while loading. */
  value: string | null;
  hint?: string;
  icon: ReactNode;
  color?: string;
  testId?: string;
}

/** One headline figure on the dashboard. */
export function StatCard({ label, value, hint, icon, color = 'brand', testId }: StatCardProps) {
  return (
    <Paper withBorder radius="md" p="lg" shadow="xs" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={6}>
          <Text size="sm" fw={500} c="dimmed">
            {label}
          </Text>
          {value === null ? (
            <Skeleton height={34} width={90} radius="sm" />
          ) : (
            <Text fz={32} fw={700} lh={1.1} c="dark.7" data-testid={testId ? `${testId}-value` : undefined}>
              {value}
            </Text>
          )}
          {hint ? (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          ) : null}
        </Stack>
        <ThemeIcon size={44} radius="md" variant="light" color={color}>
          {icon}
        </ThemeIcon>
      </Group>
    </Paper>
  );
}
