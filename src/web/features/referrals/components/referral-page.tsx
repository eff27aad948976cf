import { RecordColumns, RecordHeader, RecordPending } from '../../../components/record-page.js';
import { HistoryTimeline } from '../../../components/history-timeline.js';
import { Alert, Anchor, Badge, FileInput, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { FollowupForm, FollowupTrail } from '../../../components/followup-form.js';
import { RelatedResolutions } from '../../../components/related-resolutions.js';
import { useState } from 'react';
import { JalaliDateInput } from '../../../components/jalali-date-input.js';
import { AnchorLink } from '../../../components/router-links.js';
import { formatJalaliDateTime, type IsoDate } from '../../../../shared/jalali.js';
import { formatRials } from '../../../../shared/money.js';
import { normalizePersian } from '../../../../shared/text.js';
import type { Role } from '../../../../shared/roles.js';
import { isApiError } from '../../../lib/api.js';
import { formatDate, todayInTehran } from '../../../lib/dates.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import { referenceName, useReferenceList } from '../../../lib/reference.js';
import { attachmentUrl, type ReferralDetail, type ReferralStatus } from '../api/referrals-api.js';
import { useReferral, useReferralFollowup, useTransitionReferral, useUploadAttachment } from '../hooks/use-referrals.js';
import { facilityKey } from './referral-form.js';
import { Money, MoneyInput, REFERRAL_STATUS_COLOR, ReferralStatusBadge, Waiting } from './referral-ui.js';
import { Field } from '../../../components/detail-field.js';
import { TransitionCard, TransitionNote } from '../../../components/transition-card.js';
import { referralMachine } from '../../../../shared/machines.js';
import { requiredFields } from '../../../../shared/state-machine.js';
import { actsOnBehalf, can } from '../../../lib/authorization.js';

/** As the server counts a written reason's substance (letters and digits). */
const MIN_REASON_LETTERS = 10;

const actionKey = (to: ReferralStatus) => `referrals.action.${to}` as MessageKey;

/** The moves the server says this caller may make; each asks for what its step must carry. */
function Actions({ r, role }: { r: ReferralDetail; role: Role }) {
  const { t, language } = useI18n();
  const reasons = useReferenceList('rejection-reasons');
  const move = useTransitionReferral(r.id);
  const upload = useUploadAttachment(r.id);
  const [to, setTo] = useState<ReferralStatus | null>(null);
  const [note, setNote] = useState('');
  const [approvedAmount, setApprovedAmount] = useState(formatRials(BigInt(r.requestedAmount), language));
  const [paidAmount, setPaidAmount] = useState(r.approvedAmount ? formatRials(BigInt(r.approvedAmount), language) : '');
  const [paidDate, setPaidDate] = useState<IsoDate | null>(todayInTehran());
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [reasonText, setReasonText] = useState('');
  const [letterNo, setLetterNo] = useState('');
  const [letterDate, setLetterDate] = useState<IsoDate | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [uploadedFile, setUploadedFile] = useState<File | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [datesValid, setDatesValid] = useState({ paidDate: true, letterDate: true });
  const requires = to ? requiredFields(referralMachine, r.status, to) : [];
  const needs = (field: string) => requires.includes(field);
  const err = (path: string) => localErrors[path] ?? (isApiError(move.error) ? move.error.fieldError(path) : undefined);
  const onBehalf = actsOnBehalf(role);

  /** Everything the step still lacks, all at once (the server says the same, but only after the letter is sent). */
  const checkAll = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (needs('reason.code')) {
      if (!reasonCode) out['reason.code'] = t('referrals.reject.codeRequired');
      if ((normalizePersian(reasonText, { keepNewlines: true }).match(/[\p{L}\p{N}]/gu) ?? []).length < MIN_REASON_LETTERS)
        out['reason.text'] = t('referrals.reject.textRequired', { min: MIN_REASON_LETTERS });
      if (!letterNo.trim()) out['reason.letterNo'] = t('referrals.reject.letterNoRequired');
      if (!letterDate && datesValid.letterDate) out['reason.letterDate'] = t('referrals.reject.letterDateRequired');
      if (!file) out['file'] = t('referrals.reject.fileRequired');
    }
    if (needs('paidAmount') && !paidAmount.trim()) out['paidAmount'] = t('referrals.paidAmountRequired');
    if (needs('paidDate') && !paidDate && datesValid.paidDate) out['paidDate'] = t('referrals.paidDateRequired');
    return out;
  };
  const datesBad = (needs('paidDate') && !datesValid.paidDate) || (needs('reason.letterDate') && !datesValid.letterDate);

  const submit = async () => {
    if (!to) return;
    const problems = checkAll();
    setLocalErrors(problems);
    if (Object.keys(problems).length || datesBad) return;
    if (needs('reason.code') && file) {
      // the bank's letter goes with its written reason: attached first, kept if the reason is then refused
      if (uploadedFile !== file) {
        try {
          await upload.mutateAsync(file);
          setUploadedFile(file);
        } catch {
          return;
        }
      }
    }
    move.mutate(
      {
        to,
        version: r.version,
        ...(note.trim() ? { note } : {}),
        ...(needs('approvedAmount') ? { approvedAmount } : {}),
        ...(needs('paidAmount') ? { paidAmount, ...(paidDate ? { paidDate } : {}) } : {}),
        ...(needs('reason.code')
          ? { reason: { ...(reasonCode ? { code: reasonCode } : {}), text: reasonText, letterNo, ...(letterDate ? { letterDate } : {}) } }
          : {}),
      },
      { onSuccess: () => setTo(null) },
    );
  };

  return (
    <TransitionCard
      title={t('referrals.actions')}
      testId="referral-actions"
      hint={
        onBehalf ? (
          <Text size="xs" c="dimmed" mb="xs">
            {t('referrals.onBehalfHint')}
          </Text>
        ) : null
      }
      allowed={r.allowedTransitions}
      selected={to}
      onSelect={(target) => {
        setTo(target);
        setLocalErrors({});
        move.reset();
      }}
      label={(target) => t(actionKey(target))}
      color={(target) => (target === 'rejected' ? 'red' : target === 'withdrawn' ? 'gray' : target === 'paid' || target === 'approved' ? 'green' : 'brand')}
      confirmLabel={(target) => t('referrals.confirm', { action: t(actionKey(target)) })}
      confirmColor={(target) => (target === 'rejected' ? 'red' : undefined)}
      cancelLabel={t('common.cancel')}
      onConfirm={() => void submit()}
      pending={move.isPending || upload.isPending}
      invalid={[
        ...(needs('paidDate') && !datesValid.paidDate ? [t('referrals.field.paidDate')] : []),
        ...(needs('reason.letterDate') && !datesValid.letterDate ? [t('referrals.reason.letterDate')] : []),
      ]}
      error={move.error}
      formTestId={(target) => `form-${target}`}
    >
      {needs('approvedAmount') ? <MoneyInput label={t('referrals.field.approvedAmount')} value={approvedAmount} onChange={setApprovedAmount} required error={err('approvedAmount')} testId="approved-amount" /> : null}
      {needs('paidAmount') ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MoneyInput label={t('referrals.field.paidAmount')} value={paidAmount} onChange={setPaidAmount} required error={err('paidAmount')} testId="paid-amount" />
          <JalaliDateInput label={t('referrals.field.paidDate')} value={paidDate} onChange={setPaidDate} onValidityChange={(ok) => setDatesValid((v) => ({ ...v, paidDate: ok }))} max={todayInTehran()} required={needs('paidDate')} error={err('paidDate')} testId="paid-date" />
        </SimpleGrid>
      ) : null}
      {needs('reason.code') ? (
        <>
          <Alert variant="light" color="orange">
            {t('referrals.reject.hint')}
          </Alert>
          <Select
            label={t('referrals.reason.code')}
            data={(reasons.data ?? []).map((x) => ({ value: x.code, label: referenceName(x, language) }))}
            value={reasonCode}
            onChange={setReasonCode}
            required
            error={err('reason.code')}
            data-testid="reason-code"
          />
          <Textarea label={t('referrals.reason.text')} value={reasonText} onChange={(e) => setReasonText(e.currentTarget.value)} required autosize minRows={3} maxLength={4000} error={err('reason.text')} data-testid="reason-text" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('referrals.reason.letterNo')} value={letterNo} onChange={(e) => setLetterNo(e.currentTarget.value)} required error={err('reason.letterNo')} data-testid="reason-letter-no" />
            <JalaliDateInput label={t('referrals.reason.letterDate')} value={letterDate} onChange={setLetterDate} onValidityChange={(ok) => setDatesValid((v) => ({ ...v, letterDate: ok }))} max={todayInTehran()} required error={err('reason.letterDate')} testId="reason-letter-date" />
          </SimpleGrid>
          <FileInput
            label={t('referrals.reject.file')}
            description={uploadedFile && uploadedFile === file ? t('referrals.reject.fileUploaded') : t('referrals.reject.fileHint')}
            value={file}
            onChange={setFile}
            accept="application/pdf,image/png,image/jpeg"
            required
            clearable
            error={localErrors['file'] ?? (isApiError(upload.error) ? upload.error.title : undefined)}
            data-testid="reason-file"
          />
        </>
      ) : null}
      <TransitionNote label={t('referrals.field.note')} value={note} onChange={setNote} />
    </TransitionCard>
  );
}

function Followups({ r, canWrite }: { r: ReferralDetail; canWrite: boolean }) {
  const { t, roleLabel } = useI18n();
  const add = useReferralFollowup(r.id);
  return (
    <FollowupTrail
      title={t('referrals.followups')}
      emptyText={t('referrals.followup.none')}
      items={r.followups.map((f) => ({ id: f.id, author: f.actorName, detail: roleLabel(f.actorRole as Role), at: f.createdAt, note: f.note }))}
      form={canWrite ? <FollowupForm add={add} label={t('referrals.followup.new')} submitLabel={t('referrals.followup.submit')} /> : null}
    />
  );
}

function History({ r }: { r: ReferralDetail }) {
  const { t, language, status } = useI18n();
  return (
    <HistoryTimeline
      title={t('referrals.history')}
      createdTitle={() => t('referrals.event.created')}
      statusLabel={(s) => status('referral', s as ReferralStatus)}
      entries={r.events.map((e) => ({
        ...e,
        actor: e.actorName,
        color: REFERRAL_STATUS_COLOR[e.to],
        extra: (
          <>
            {e.onBehalf ? (
              <Badge size="xs" variant="outline" color="grape" mt={2}>
                {t('referrals.event.onBehalf')}
              </Badge>
            ) : null}
            {e.source === 'import' ? (
              <Badge size="xs" variant="outline" color="gray" mt={2}>
                {t('referrals.event.fromSheet')}
              </Badge>
            ) : null}
            {e.approvedAmount ? (
              <Text size="xs">
                {t('referrals.field.approvedAmount')}: <Money value={e.approvedAmount} />
              </Text>
            ) : null}
            {e.paidAmount ? (
              <Text size="xs">
                {t('referrals.field.paidAmount')}: <Money value={e.paidAmount} /> — {e.paidDate ? formatDate(e.paidDate, language) : ''}
              </Text>
            ) : null}
            {e.reason ? (
              <Text size="xs" dir="auto">
                {e.reason.name ?? e.reason.code} — {t('referrals.reason.letter', { no: e.reason.letterNo, date: formatDate(e.reason.letterDate, language) })}
              </Text>
            ) : null}
          </>
        ),
      }))}
    />
  );
}

export function ReferralPage({ id, role }: { id: string; role: Role }) {
  const { t, digits, language } = useI18n();
  const query = useReferral(id);
  const r = query.data;
  if (!r) return <RecordPending query={query} />;
  const canFollowUp = can(role, 'POST /api/v1/referrals/:id/followups');
  const canOpenUnit = can(role, 'GET /api/v1/units/:id');
  const when = (iso: string | null) => (iso ? formatJalaliDateTime(new Date(iso), language === 'fa' ? 'fa' : 'latn') : '—');
  return (
    <>
      <RecordHeader
        title={r.unitName}
        code={r.code}
        codeTestId="referral-code"
        context={<span>{r.bankName}</span>}
        badges={
          <>
            <ReferralStatusBadge status={r.status} />
            {r.overdue ? (
              <Badge color="red" variant="filled" radius="sm" data-testid="overdue-badge">
                {t('referrals.overdue')}
              </Badge>
            ) : null}
          </>
        }
      />
      <RecordColumns
        main={
          <>
            <Paper withBorder radius="md" p="md">
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
                <Field label={t('referrals.col.unit')}>
                  {canOpenUnit ? (
                    <AnchorLink to="/units/$unitId" params={{ unitId: r.unitId }} size="sm">
                      {r.unitName}
                    </AnchorLink>
                  ) : (
                    r.unitName
                  )}
                </Field>
                <Field label={t('referrals.field.nationalId')}>
                  <span className="tabular">{digits(r.unitNationalId)}</span>
                </Field>
                <Field label={t('referrals.col.agency')}>{r.agencyName}</Field>
                <Field label={t('referrals.col.bank')}>
                  {r.bankName}
                  {r.branchName ? <Text span c="dimmed" size="xs">{` — ${r.branchName}`}</Text> : null}
                </Field>
                <Field label={t('referrals.col.program')}>{r.programName}</Field>
                <Field label={t('referrals.field.facilityType')}>{t(facilityKey(r.facilityType))}</Field>
                <Field label={t('referrals.field.requestedAmount')} testId="requested-amount">
                  <Money value={r.requestedAmount} exact />
                </Field>
                <Field label={t('referrals.field.approvedAmount')}>
                  <Money value={r.approvedAmount} exact />
                </Field>
                <Field label={t('referrals.field.paidAmount')}>
                  <Money value={r.paidAmount} exact />
                  {r.paidDate ? <Text size="xs" c="dimmed">{formatDate(r.paidDate, language)}</Text> : null}
                </Field>
                <Field label={t('referrals.field.referralDate')}>
                  <span className="tabular">{formatDate(r.referralDate, language)}</span>
                </Field>
                <Field label={t('referrals.field.letterNo')}>{r.letterNo ? <bdi>{r.letterNo}</bdi> : '—'}</Field>
                {r.behinyabId ? <Field label={t('referrals.field.behinyab')}>{digits(r.behinyabId)}</Field> : null}
                {r.loanApplicationId && can(role, 'GET /api/v1/loan-applications/:id') ? (
                  <Field label={t('referrals.field.loanApplication')}>
                    <AnchorLink to="/loan-applications/$loanApplicationId" params={{ loanApplicationId: r.loanApplicationId }} size="sm" data-testid="referral-loan-application">
                      {t('referrals.field.loanApplication')}
                    </AnchorLink>
                  </Field>
                ) : null}
                <Field label={t('referrals.col.waiting')}>
                  <Waiting daysWaiting={r.daysWaiting} overdue={r.overdue} />
                  {r.dueDate ? <Text size="xs" c="dimmed">{t('referrals.dueDate', { date: formatDate(r.dueDate, language) })}</Text> : null}
                </Field>
                <Field label={t('referrals.field.receivedAt')}>{when(r.receivedAt)}</Field>
                <Field label={t('referrals.field.decidedAt')}>
                  {when(r.decidedAt)}
                  {r.daysToDecision !== null ? <Text size="xs" c="dimmed">{t('referrals.daysToDecision', { days: r.daysToDecision })}</Text> : null}
                </Field>
                {r.daysToPayment !== null ? <Field label={t('referrals.field.daysToPayment')}>{t('referrals.days', { days: r.daysToPayment })}</Field> : null}
              </SimpleGrid>
            </Paper>

            {r.reason ? (
              <Paper withBorder radius="md" p="md" bg="red.0" data-testid="rejection-reason">
                <Title order={3} fz="md" mb="sm" c="red.9">
                  {t('referrals.reason.title')}
                </Title>
                <Stack gap={6}>
                  <Text fw={600} dir="auto" data-testid="reason-name">
                    {r.reason.name ?? r.reason.code}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }} dir="auto" data-testid="reason-text-shown">
                    {r.reason.text}
                  </Text>
                  <Text size="sm" c="dimmed" data-testid="reason-letter">
                    {t('referrals.reason.letter', { no: r.reason.letterNo, date: formatDate(r.reason.letterDate, language) })}
                  </Text>
                </Stack>
              </Paper>
            ) : null}

            {r.attachments.length ? (
              <Paper withBorder radius="md" p="md" data-testid="attachments">
                <Title order={3} fz="md" mb="sm">
                  {t('referrals.attachments')}
                </Title>
                <Stack gap={4}>
                  {r.attachments.map((a) => (
                    <Group key={a.id} gap="xs">
                      <Anchor href={attachmentUrl(r.id, a.id)} size="sm" dir="auto" data-testid="attachment-link">
                        {a.fileName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {t('referrals.attachmentMeta', { kb: Math.max(1, Math.round(a.size / 1024)), who: a.uploadedByLabel })}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              </Paper>
            ) : null}

            <Actions r={r} role={role} key={`${r.id}:${r.version}`} />
            <Followups r={r} canWrite={canFollowUp} />
          </>
          }
          side={
          <>
          <History r={r} />
          <RelatedResolutions items={r.resolutions} />
          </>
        }
      />
    </>
  );
}
