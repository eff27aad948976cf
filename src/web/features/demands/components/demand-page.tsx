import { Divider, Grid, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { FollowupForm as SharedFollowupForm, FollowupTrail } from '../../../components/followup-form.js';
import { AnchorLink } from '../../../components/router-links.js';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { RelatedResolutions } from '../../../components/related-resolutions.js';
import { QueryError } from '../../../components/query-error.js';
import { formatJalaliDateTime } from '../../../../shared/jalali.js';
import { demandMachine } from '../../../../shared/machines.js';
import type { Role } from '../../../../shared/roles.js';
import { requiredFields } from '../../../../shared/state-machine.js';
import { isApiError } from '../../../lib/api.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import { useAgencyOptions } from '../../../lib/reference.js';
import type { DemandDetail, DemandStatus } from '../api/demands-api.js';
import { useAddFollowup, useDemand, useTransitionDemand } from '../hooks/use-demands.js';
import { DaysLeft, DemandStatusBadge, PriorityBadge } from './demand-badges.js';
import { Field } from '../../../components/detail-field.js';
import { TransitionCard } from '../../../components/transition-card.js';
import { can } from '../../../lib/authorization.js';
import { TrackingCode } from '../../../components/tracking-code.js';

/** The words on a transition's button: the same target reads differently from different states. */
function actionKey(from: DemandStatus, to: DemandStatus): MessageKey {
  if (to === 'in_progress') return from === 'assigned' ? 'demands.action.start' : from === 'escalated' ? 'demands.action.return' : 'demands.action.reopen';
  return `demands.action.${to}` as MessageKey;
}

/** The moves the server says this caller may make; each step's fields are what the shared machine requires of it. */
function Actions({ demand }: { demand: DemandDetail }) {
  const { t } = useI18n();
  const [to, setTo] = useState<DemandStatus | null>(null);
  const [note, setNote] = useState('');
  const [agencyId, setAgencyId] = useState<string | null>(demand.agencyId);
  const agencyOptions = useAgencyOptions();
  const move = useTransitionDemand(demand.id);
  const requires = to ? requiredFields(demandMachine, demand.status, to) : [];
  const needsNote = requires.includes('note');
  const needsAgency = requires.includes('agencyId');
  const submit = () => {
    if (!to) return;
    move.mutate(
      { to, version: demand.version, ...(note.trim() ? { note } : {}), ...(needsAgency && agencyId ? { agencyId } : {}) },
      {
        onSuccess: () => {
          setTo(null);
          setNote('');
        },
      },
    );
  };
  return (
    <TransitionCard
      title={t('demands.actions')}
      testId="demand-actions"
      allowed={demand.allowedTransitions ?? []}
      selected={to}
      onSelect={(target) => {
        setTo(target);
        move.reset();
      }}
      label={(target) => t(actionKey(demand.status, target))}
      color={(target) => (target === 'unresolvable' ? 'red' : target === 'escalated' ? 'grape' : target === 'resolved' ? 'green' : 'brand')}
      confirmLabel={(target) => t('demands.action.confirm', { action: t(actionKey(demand.status, target)) })}
      cancelLabel={t('common.cancel')}
      onConfirm={submit}
      pending={move.isPending}
      disabled={(needsNote && !note.trim()) || (needsAgency && !agencyId)}
      error={move.error}
    >
      {needsAgency ? (
        <Select
          label={t('demands.field.agency')}
          data={agencyOptions.data} filter={agencyOptions.filter}
          value={agencyId}
          onChange={setAgencyId}
          searchable
          required
          data-testid="action-agency"
        />
      ) : null}
      <Textarea
        label={needsNote ? t('demands.field.reason') : t('demands.field.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        required={needsNote}
        autosize
        minRows={2}
        maxLength={2000}
        error={isApiError(move.error) ? move.error.fieldError('note') : undefined}
        data-testid="action-note"
      />
    </TransitionCard>
  );
}

function FollowupForm({ demand }: { demand: DemandDetail }) {
  const { t } = useI18n();
  const add = useAddFollowup(demand.id);
  return <SharedFollowupForm add={add} label={t('demands.followup.new')} submitLabel={t('demands.followup.submit')} />;
}

export function DemandPage({ id, role }: { id: string; role: Role }) {
  const { t, language, roleLabel, status } = useI18n();
  const query = useDemand(id);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  if (!d) return <Skeleton height={320} radius="md" />;
  const when = (iso: string) => formatJalaliDateTime(new Date(iso), language === 'fa' ? 'fa' : 'latn');
  const canFollowUp = can(role, 'POST /api/v1/demands/:id/followups');
  return (
    <>
      <PageHeader
        title={d.title}
        subtitle={
          <Group gap="xs" component="span">
            <Text span className="tabular" data-testid="demand-code">
              <TrackingCode code={d.code} />
            </Text>
            <span>·</span>
            <span>{d.unitName}</span>
          </Group>
        }
        actions={
          <Group gap="xs">
            <DemandStatusBadge status={d.status} />
            <PriorityBadge priority={d.priority} />
          </Group>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="lg">
          <Paper withBorder radius="md" p="md">
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
              <Field label={t('demands.col.unit')}>{d.unitName}</Field>
              <Field label={t('demands.filter.county')}>{d.countyName}</Field>
              <Field label={t('demands.col.category')}>{d.categoryName}</Field>
              <Field label={t('demands.col.agency')}>{d.agencyName ?? t('demands.noAgency')}</Field>
              <Field label={t('demands.col.dueDate')}>
                <Group gap={6}>
                  <span className="tabular">{formatDate(d.dueDate, language)}</span>
                  <DaysLeft daysLeft={d.daysLeft} />
                </Group>
              </Field>
              <Field label={t('demands.field.registeredAt')}>
                <span className="tabular">{when(d.createdAt)}</span>
              </Field>
              <Field label={t('demands.field.age')}>{t('demands.ageDays', { days: d.ageDays })}</Field>
              {d.visitId ? (
                <Field label={t('demands.field.visit')}>
                  <AnchorLink to="/visits/$visitId" params={{ visitId: d.visitId }} size="sm">
                    {t('demands.openVisit')}
                  </AnchorLink>
                </Field>
              ) : null}
              {d.resolvedAt ? (
                <Field label={t('demands.field.closedAt')}>
                  <span className="tabular">{when(d.resolvedAt)}</span>
                </Field>
              ) : null}
            </SimpleGrid>
            <Divider my="md" />
            <Text size="sm" style={{ whiteSpace: 'pre-line' }} dir="auto">
              {d.description}
            </Text>
          </Paper>

          <Actions demand={d} key={`${d.id}:${d.version}`} />

          <FollowupTrail
            title={t('demands.followups')}
            emptyText={t('demands.followup.none')}
            items={d.followups.map((f) => ({ id: f.id, author: f.authorName, detail: f.agencyName, at: f.at, note: f.note }))}
            form={canFollowUp ? <FollowupForm demand={d} /> : null}
          />
        </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder radius="md" p="md" data-testid="history">
          <Title order={3} fz="md" mb="md">
            {t('demands.history')}
          </Title>
          <Timeline active={d.history.length - 1} bulletSize={14} lineWidth={2} color="brand">
            {d.history.map((e) => (
              <Timeline.Item
                key={e.id}
                title={
                  e.from === null
                    ? `${t('demands.event.registered')} — ${status('demand', e.to)}`
                    : e.from === e.to
                      ? t('demands.event.reassigned', { agency: e.agencyName ?? '' })
                      : `${status('demand', e.from)} ${language === 'fa' ? '←' : '→'} ${status('demand', e.to)}`
                }
              >
                <Text size="xs" c="dimmed" className="tabular">
                  {when(e.at)} — {e.actorName} ({roleLabel(e.actorRole as Role)})
                </Text>
                {e.agencyName && e.from !== e.to ? (
                  <Text size="xs">{t('demands.event.agency', { agency: e.agencyName })}</Text>
                ) : null}
                {e.note ? (
                  <Text size="sm" mt={4} style={{ whiteSpace: 'pre-line' }} dir="auto">
                    {e.note}
                  </Text>
                ) : null}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
        <RelatedResolutions items={d.resolutions} />
        </Grid.Col>
      </Grid>
    </>
  );
}
