import { Alert, Badge, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { formatDate, todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { fetchMyClaims, type ClaimStatus } from '../api.js';

const STATUS_COLOR: Record<ClaimStatus, string> = { pending: 'yellow', approved: 'green', rejected: 'red' };

/**
 * A producer's own claims on units: pending (the secretariat is reviewing it), approved (they speak for the unit), or
 * rejected with the secretariat's note — the same news their SMS brought, kept where they can find it again.
 */
export function MyClaimsPage() {
  const { t, digits, language } = useI18n();
  const claims = useQuery({ queryKey: ['unit-claims', 'mine'], queryFn: ({ signal }) => fetchMyClaims(signal) });
  const date = (iso: string) => formatDate(todayInTehran(new Date(iso)), language);
  return (
    <Stack>
      <PageHeader title={t('producers.myClaimsTitle')} subtitle={t('producers.myClaimsSubtitle')} />
      {claims.isError ? <QueryError error={claims.error} onRetry={() => void claims.refetch()} /> : null}
      {claims.isPending ? <Skeleton h={120} radius="md" /> : null}
      {claims.data && claims.data.items.length === 0 ? <Text c="dimmed">{t('producers.myClaimsEmpty')}</Text> : null}
      {claims.data?.items.map((c) => (
        <Paper key={c.id} withBorder radius="md" p="md" maw={720} data-testid="my-claim" data-status={c.status}>
          <Group justify="space-between" align="flex-start" gap="xs">
            <div>
              <Text fw={600} dir="auto">
                {c.unitName}
              </Text>
              {c.unitNationalId ? (
                <Text size="xs" c="dimmed">
                  {t('producers.claim.nationalId', { id: digits(c.unitNationalId) })}
                </Text>
              ) : null}
            </div>
            <Badge color={STATUS_COLOR[c.status]} variant="light" size="lg">
              {t(`producers.status.${c.status}`)}
            </Badge>
          </Group>
          <Group gap="lg" mt="xs">
            <Text size="xs" c="dimmed">
              {t('producers.claim.sentOn', { date: date(c.createdAt) })}
            </Text>
            {c.decidedAt ? (
              <Text size="xs" c="dimmed">
                {t('producers.claim.decidedOn', { date: date(c.decidedAt) })}
              </Text>
            ) : null}
          </Group>
          {c.status === 'pending' ? (
            <Text size="sm" mt="sm">
              {t('producers.claim.pendingHint')}
            </Text>
          ) : null}
          {c.status === 'approved' ? (
            <Text size="sm" mt="sm">
              {t('producers.claim.approvedHint')}
            </Text>
          ) : null}
          {c.status === 'rejected' && c.note ? (
            <Alert color="red" variant="light" mt="sm" data-testid="my-claim-note">
              <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-line' }}>
                {t('producers.claim.note', { note: c.note })}
              </Text>
            </Alert>
          ) : null}
        </Paper>
      ))}
    </Stack>
  );
}
