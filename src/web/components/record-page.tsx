import type { ReactNode } from 'react';
import { Grid, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useI18n } from '../lib/i18n.js';
import { PageHeader } from './page-header.js';
import { QueryError } from './query-error.js';

/**
 * The pieces every record's page (a demand, a referral, a resolution, a loan application…) is built from:
 * what shows while the record loads or fails, the header with its tracking code and state badges, and the two columns.
 */

/** What a record's page shows until its record is there: a skeleton, or the error with a retry. */
export function RecordPending({ query }: { query: Pick<UseQueryResult<unknown>, 'isError' | 'error' | 'refetch'> }) {
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <Skeleton height={320} radius="md" />;
}

/** The record's title, its tracking code (isolated, Persian digits) with what it belongs to, and its state badges. */
export function RecordHeader({
  title,
  code,
  codeTestId,
  context,
  badges,
}: {
  title: string;
  code: string;
  codeTestId?: string;
  /** what stands after the code: the unit, the bank, the session… */
  context?: ReactNode;
  badges?: ReactNode;
}) {
  const { digits } = useI18n();
  return (
    <PageHeader
      title={title}
      subtitle={
        <Group gap="xs" component="span">
          <Text span className="tabular" data-testid={codeTestId}>
            <bdi>{digits(code)}</bdi>
          </Text>
          {context ? (
            <>
              <span>·</span>
              {context}
            </>
          ) : null}
        </Group>
      }
      actions={badges ? <Group gap="xs">{badges}</Group> : undefined}
    />
  );
}

/** The record's body (fields, actions, follow-ups) beside its side column (history, related records); one column on a phone. */
export function RecordColumns({ main, side }: { main: ReactNode; side: ReactNode }) {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="lg">{main}</Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="lg">{side}</Stack>
      </Grid.Col>
    </Grid>
  );
}
