import { Alert, Badge, Button, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { isApiError } from '../../../lib/api.js';
import { formatDate, todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { decideClaim, fetchClaims, type ClaimStatus, type UnitClaim } from '../api.js';

const STATUS_COLOR: Record<ClaimStatus, string> = { pending: 'yellow', approved: 'green', rejected: 'red' };

/** The secretariat reviews producers' claims on units: approve, or reject with a note the producer is texted. */
export function ClaimsPage() {
  const { t, digits, language } = useI18n();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ClaimStatus>('pending');
  const [rejecting, setRejecting] = useState<UnitClaim | null>(null);
  const [note, setNote] = useState('');
  const claims = useQuery({ queryKey: ['unit-claims', status], queryFn: ({ signal }) => fetchClaims(status, signal) });
  const decide = useMutation({
    mutationFn: (v: { claim: UnitClaim; to: 'approved' | 'rejected'; note?: string }) => decideClaim(v.claim.id, { to: v.to, version: v.claim.version, ...(v.note ? { note: v.note } : {}) }),
    onSuccess: () => {
      setRejecting(null);
      setNote('');
      void queryClient.invalidateQueries({ queryKey: ['unit-claims'] });
    },
  });

  return (
    <Stack>
      <PageHeader title={t('producers.claimsTitle')} subtitle={t('producers.claimsSubtitle')} />
      <SegmentedControl
        value={status}
        onChange={(v) => setStatus(v as ClaimStatus)}
        data={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`producers.status.${s}`) }))}
        w="fit-content"
      />
      {decide.error && !rejecting ? (
        <Alert color="red" variant="light">
          {isApiError(decide.error) ? (decide.error.detail ?? decide.error.title) : t('error.network')}
        </Alert>
      ) : null}
      {claims.isError ? <QueryError error={claims.error} onRetry={() => void claims.refetch()} /> : null}
      {claims.data && claims.data.items.length === 0 ? <Text c="dimmed">{t('producers.empty')}</Text> : null}
      {claims.data && claims.data.items.length > 0 ? (
        <Table striped withTableBorder data-testid="claims-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('producers.col.person')}</Table.Th>
              <Table.Th>{t('producers.col.unit')}</Table.Th>
              <Table.Th>{t('producers.col.kind')}</Table.Th>
              <Table.Th>{t('producers.col.date')}</Table.Th>
              <Table.Th>{t('producers.col.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {claims.data.items.map((c) => (
              <Table.Tr key={c.id} data-mobile={c.userMobile ?? ''}>
                <NameAndNumberCell name={c.userFullName} number={digits(c.userMobile ?? '')} />
                <NameAndNumberCell name={c.unitName} number={digits(c.unitNationalId ?? '')} />
                <Table.Td>{c.proposedUnit ? t('producers.kind.proposed') : t('producers.kind.registry')}</Table.Td>
                <Table.Td>{formatDate(todayInTehran(new Date(c.createdAt)), language)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[c.status]} variant="light">
                    {t(`producers.status.${c.status}`)}
                  </Badge>
                  {c.note ? (
                    <Text size="xs" c="dimmed">
                      {c.note}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {c.status === 'pending' ? (
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" color="green" loading={decide.isPending} onClick={() => decide.mutate({ claim: c, to: 'approved' })}>
                        {t('producers.approve')}
                      </Button>
                      <Button size="xs" color="red" variant="light" onClick={() => setRejecting(c)}>
                        {t('producers.reject')}
                      </Button>
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <Modal opened={rejecting !== null} onClose={() => setRejecting(null)} title={t('producers.reject')}>
        <Stack>
          <Textarea
            label={t('producers.rejectNote')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={3}
            error={isApiError(decide.error) ? (decide.error.fieldError('note') ?? decide.error.detail ?? decide.error.title) : undefined}
          />
          <Button color="red" loading={decide.isPending} onClick={() => rejecting && decide.mutate({ claim: rejecting, to: 'rejected', note })}>
            {t('producers.confirmReject')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** A name with its number (mobile, national id) beneath it, read left to right. */
function NameAndNumberCell({ name, number }: { name: string | null; number: string }) {
  return (
    <Table.Td>
      <Text size="sm">{name}</Text>
      <Text size="xs" c="dimmed" dir="ltr">
        {number}
      </Text>
    </Table.Td>
  );
}
