import { RecordColumns, RecordPending } from '../../../components/record-page.js';
import { HistoryTimeline } from '../../../components/history-timeline.js';
import { Anchor, Badge, Divider, Group, Paper, Select, SimpleGrid, Text } from '@mantine/core';
import { FollowupForm as SharedFollowupForm, FollowupTrail } from '../../../components/followup-form.js';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { AnchorLink } from '../../../components/router-links.js';
import { formatJalaliDateTime } from '../../../../shared/jalali.js';
import { NOT_DONE_CAUSES, resolutionMachine } from '../../../../shared/machines.js';
import type { Role } from '../../../../shared/roles.js';
import { requiredFields } from '../../../../shared/state-machine.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import type { NotDoneCause, ResolutionDetail, ResolutionStatus } from '../api/resolutions-api.js';
import { useAddResolutionFollowup, useResolution, useTransitionResolution } from '../hooks/use-resolutions.js';
import { DueIn, ResolutionStatusBadge } from './resolution-badges.js';
import { Field } from '../../../components/detail-field.js';
import { TransitionCard, TransitionNote } from '../../../components/transition-card.js';
import { can } from '../../../lib/authorization.js';

/** The words on a transition's button: "back to open" reads as upholding the resolution. */
function actionKey(to: ResolutionStatus): MessageKey {
  return `resolutions.action.${to}` as MessageKey;
}

/** The moves the server says this caller may make now (the machine for the role, less a closed objection window). */
function Actions({ r }: { r: ResolutionDetail }) {
  const { t } = useI18n();
  const [to, setTo] = useState<ResolutionStatus | null>(null);
  const [note, setNote] = useState('');
  const [cause, setCause] = useState<NotDoneCause | null>(null);
  const move = useTransitionResolution(r.id);
  const requires = to ? requiredFields(resolutionMachine, r.status, to) : [];
  const needsNote = requires.includes('note');
  const needsCause = requires.includes('cause');
  const submit = () => {
    if (!to) return;
    move.mutate(
      { to, version: r.version, ...(note.trim() ? { note } : {}), ...(needsCause && cause ? { cause } : {}) },
      { onSuccess: () => (setTo(null), setNote(''), setCause(null)) },
    );
  };
  return (
    <TransitionCard
      title={t('resolutions.actions')}
      testId="resolution-actions"
      allowed={r.allowedTransitions}
      selected={to}
      onSelect={(target) => {
        setTo(target);
        move.reset();
      }}
      label={(target) => t(actionKey(target))}
      color={(target) => (target === 'not_done' || target === 'cancelled' ? 'red' : target === 'objected' ? 'grape' : target === 'done' ? 'green' : 'brand')}
      confirmLabel={(target) => t('resolutions.action.confirm', { action: t(actionKey(target)) })}
      cancelLabel={t('resolutions.cancel')}
      onConfirm={submit}
      pending={move.isPending}
      missing={[...(needsCause && !cause ? [t('resolutions.field.cause')] : []), ...(needsNote && !note.trim() ? [t('resolutions.field.objectionReason')] : [])]}
      error={move.error}
    >
      {needsCause ? (
        <Select
          label={t('resolutions.field.cause')}
          data={NOT_DONE_CAUSES.map((c) => ({ value: c, label: t(`resolutions.cause.${c}` as MessageKey) }))}
          value={cause}
          onChange={(v) => setCause(v as NotDoneCause | null)}
          required
          data-testid="action-cause"
          comboboxProps={{ withinPortal: true }}
        />
      ) : null}
      <TransitionNote label={needsNote ? t('resolutions.field.objectionReason') : t('resolutions.field.note')} value={note} onChange={setNote} required={needsNote} />
    </TransitionCard>
  );
}

function FollowupForm({ r }: { r: ResolutionDetail }) {
  const { t } = useI18n();
  const add = useAddResolutionFollowup(r.id);
  return <SharedFollowupForm add={add} label={t('resolutions.followup.new')} submitLabel={t('resolutions.followup.submit')} />;
}

export function ResolutionPage({ id, role }: { id: string; role: Role }) {
  const { t, digits, language, status } = useI18n();
  const query = useResolution(id);
  const r = query.data;
  if (!r) return <RecordPending query={query} />;
  const when = (iso: string) => formatJalaliDateTime(new Date(iso), language === 'fa' ? 'fa' : 'latn');
  const staff = can(role, 'GET /api/v1/sessions/:id');
  return (
    <>
      <PageHeader
        title={t('resolutions.heading', { code: r.code })}
        subtitle={
          <Group gap="xs" component="span">
            {staff ? (
              <AnchorLink to="/sessions/$sessionId" params={{ sessionId: r.sessionId }} size="sm">
                {t('resolutions.ofSession', { number: r.sessionNumber, year: digits(r.fiscalYear) })}
              </AnchorLink>
            ) : (
              <span>{t('resolutions.ofSession', { number: r.sessionNumber, year: digits(r.fiscalYear) })}</span>
            )}
            <span>·</span>
            <span className="tabular">{formatDate(r.sessionHeldOn, language)}</span>
          </Group>
        }
        actions={
          <Group gap="xs">
            <ResolutionStatusBadge status={r.status} />
            {r.overdue ? (
              <Badge color="red" variant="filled" radius="sm">
                {t('resolutions.overdue')}
              </Badge>
            ) : null}
          </Group>
        }
      />
      <RecordColumns
        main={
          <>
            <Paper withBorder radius="md" p="md">
              <Text size="md" fw={500} style={{ whiteSpace: 'pre-line' }} dir="auto" data-testid="resolution-text">
                {r.text}
              </Text>
              <Divider my="md" />
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
                <Field label={t('resolutions.col.agencies')}>{r.agencies.map((a) => (language === 'en' ? a.nameEn : a.name)).join('، ')}</Field>
                <Field label={t('resolutions.col.dueDate')}>
                  <Group gap={6}>
                    <span className="tabular">{formatDate(r.dueDate, language)}</span>
                    <DueIn daysLeft={r.daysLeft} />
                  </Group>
                </Field>
                <Field label={t('resolutions.field.notifiedAt')}>{r.notifiedAt ? <span className="tabular">{when(r.notifiedAt)}</span> : '—'}</Field>
                <Field label={t('resolutions.field.objectionDeadline')}>
                  {r.objectionDeadline ? (
                    <Group gap={6}>
                      <span className="tabular">{formatDate(r.objectionDeadline, language)}</span>
                      <Text span size="xs" c={r.objectionOpen ? 'grape.7' : 'dimmed'} data-testid="objection-window">
                        {r.objectionOpen ? t('resolutions.windowOpen') : t('resolutions.windowClosed')}
                      </Text>
                    </Group>
                  ) : (
                    '—'
                  )}
                </Field>
                {r.unitName ? <Field label={t('resolutions.col.unit')}>{r.unitName}</Field> : null}
                {r.agendaSubject ? <Field label={t('resolutions.field.agenda')}>{r.agendaSubject}</Field> : null}
                {r.objectionReason ? <Field label={t('resolutions.field.objectionReason')}>{r.objectionReason}</Field> : null}
                {r.notDoneCause ? <Field label={t('resolutions.field.cause')}>{t(`resolutions.cause.${r.notDoneCause}` as MessageKey)}</Field> : null}
                {r.demandId && staff ? (
                  <Field label={t('resolutions.field.demand')}>
                    <Anchor href={`/demands/${r.demandId}`} size="sm">
                      {t('resolutions.openDemand')}
                    </Anchor>
                  </Field>
                ) : null}
              </SimpleGrid>
            </Paper>

            <Actions r={r} key={`${r.id}:${r.version}`} />

            <FollowupTrail
              title={t('resolutions.followups')}
              emptyText={t('resolutions.followup.none')}
              items={r.followups.map((f) => ({ id: f.id, author: f.authorName, detail: f.agencyName, at: f.at, note: f.note }))}
              form={r.canFollowUp ? <FollowupForm r={r} /> : null}
            />
          </>
          }
          side={
          <>
          <HistoryTimeline
            title={t('resolutions.history')}
            createdTitle={() => t('resolutions.event.notified')}
            statusLabel={(s) => status('resolution', s as ResolutionStatus)}
            entries={r.history.map((e) => ({
              ...e,
              actor: e.onBehalf ? `${e.actorName} · ${t('resolutions.onBehalf')}` : e.actorName,
              extra: e.cause ? <Text size="xs">{t(`resolutions.cause.${e.cause}` as MessageKey)}</Text> : null,
            }))}
          />
          </>
        }
      />
    </>
  );
}
