import { HistoryTimeline } from '../../../components/history-timeline.js';
import { RecordColumns, RecordHeader, RecordPending } from '../../../components/record-page.js';
import { Divider, Group, Paper, Select, SimpleGrid, Text } from '@mantine/core';
import { FollowupForm as SharedFollowupForm, FollowupTrail } from '../../../components/followup-form.js';
import { AnchorLink } from '../../../components/router-links.js';
import { useState } from 'react';
import { RelatedResolutions } from '../../../components/related-resolutions.js';
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
import { TransitionCard, TransitionNote } from '../../../components/transition-card.js';
import { can } from '../../../lib/authorization.js';
import { AttachmentsCard } from './demand-attachments.js';
import { FeedbackCard } from './demand-feedback.js';

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
      missing={[...(needsAgency && !agencyId ? [t('demands.field.agency')] : []), ...(needsNote && !note.trim() ? [t('demands.field.reasonName')] : [])]}
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
      <TransitionNote
        label={needsNote ? t('demands.field.reason') : t('demands.field.note')}
        value={note}
        onChange={setNote}
        required={needsNote}
        error={isApiError(move.error) ? move.error.fieldError('note') : undefined}
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
  const { t, language, status } = useI18n();
  const query = useDemand(id);
  const d = query.data;
  if (!d) return <RecordPending query={query} />;
  const when = (iso: string) => formatJalaliDateTime(new Date(iso), language === 'fa' ? 'fa' : 'latn');
  const canFollowUp = can(role, 'POST /api/v1/demands/:id/followups');
  return (
    <>
      <RecordHeader
        title={d.title}
        code={d.code}
        codeTestId="demand-code"
        context={<span>{d.unitName}</span>}
        badges={
          <>
            <DemandStatusBadge status={d.status} />
            <PriorityBadge priority={d.priority} />
          </>
        }
      />
      <RecordColumns
        main={
          <>
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

          <FeedbackCard demand={d} role={role} />

          <AttachmentsCard demandId={d.id} attachments={d.attachments} canAttach={can(role, 'POST /api/v1/demands/:id/attachments')} />

          <Actions demand={d} key={`${d.id}:${d.version}`} />

          <FollowupTrail
            title={t('demands.followups')}
            emptyText={t('demands.followup.none')}
            items={d.followups.map((f) => ({ id: f.id, author: f.authorName, detail: f.agencyName, at: f.at, note: f.note }))}
            form={canFollowUp ? <FollowupForm demand={d} /> : null}
          />
          </>
        }
        side={
          <>
        <HistoryTimeline
          title={t('demands.history')}
          createdTitle={(to) => `${t('demands.event.registered')} — ${status('demand', to)}`}
          statusLabel={(s) => status('demand', s as DemandStatus)}
          entries={d.history.map((e) => ({
            ...e,
            actor: e.actorName,
            title: e.from !== null && e.from === e.to ? t('demands.event.reassigned', { agency: e.agencyName ?? '' }) : undefined,
            extra: e.agencyName && e.from !== e.to ? <Text size="xs">{t('demands.event.agency', { agency: e.agencyName })}</Text> : null,
          }))}
        />
        <RelatedResolutions items={d.resolutions} />
          </>
        }
      />
    </>
  );
}
