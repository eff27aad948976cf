import { Alert, Anchor, Badge, Button, FileInput, Grid, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { FormHint } from '../../../components/form-hint.js';
import { useState } from 'react';
import { FACILITY_TYPES, type FacilityType } from '../../../../shared/contracts/referrals.js';
import { formatJalaliDateTime } from '../../../../shared/jalali.js';
import { loanApplicationMachine, type LoanApplicationStatus } from '../../../../shared/machines.js';
import type { Role } from '../../../../shared/roles.js';
import { requiredFields } from '../../../../shared/state-machine.js';
import { Field } from '../../../components/detail-field.js';
import { ErrorAlert } from '../../../components/error-alert.js';
import { HistoryTimeline } from '../../../components/history-timeline.js';
import { PrinterIcon } from '../../../components/icons.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { AnchorLink, ButtonLink } from '../../../components/router-links.js';
import { TransitionCard } from '../../../components/transition-card.js';
import { isApiError } from '../../../lib/api.js';
import { can, scopeOf } from '../../../lib/authorization.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import { referenceName, useReferenceList } from '../../../lib/reference.js';
import { loanAttachmentUrl, type LoanApplicationDetail } from '../api/loan-applications-api.js';
import { useLoanApplication, usePatchLoanApplication, useTransitionLoanApplication, useUploadLoanDocument } from '../hooks/use-loan-applications.js';
import classes from './loan-application.module.css';
import { AmountInput, LOAN_STATUS_COLOR, LoanStatusBadge, Rials, facilityKey } from './loan-ui.js';

const actionKey = (to: LoanApplicationStatus) => `loans.action.${to}` as MessageKey;
const OPEN_FOR_DOCUMENTS: readonly LoanApplicationStatus[] = ['submitted', 'under_review', 'returned', 'approved'];

/** What the producer must read first: what is missing, why it was refused, or what comes next. */
function Verdict({ a }: { a: LoanApplicationDetail }) {
  const { t } = useI18n();
  if (a.status === 'returned' && a.returnNote)
    return (
      <Alert color="orange" variant="light" title={t('loans.returned.title')} data-testid="loan-return-note">
        <Text size="sm" fw={600} style={{ whiteSpace: 'pre-line' }} dir="auto">
          {a.returnNote}
        </Text>
        {a.canEdit ? (
          <Text size="xs" mt={4}>
            {t('loans.returned.hint')}
          </Text>
        ) : null}
      </Alert>
    );
  if (a.status === 'rejected' && a.reason)
    return (
      <Alert color="red" variant="light" title={t('loans.rejected.title')} data-testid="loan-rejection">
        <Text size="sm" fw={600} dir="auto">
          {a.reason.name ?? a.reason.code}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-line' }} dir="auto">
          {a.reason.text}
        </Text>
      </Alert>
    );
  if (a.status === 'approved')
    return (
      <Alert color="teal" variant="light" title={t('loans.approved.title')} data-testid="loan-approved">
        <Text size="sm">{t('loans.approved.hint')}</Text>
      </Alert>
    );
  return null;
}

/** The referral made from the application, through to payment. */
function ReferralCard({ a }: { a: LoanApplicationDetail }) {
  const { t, digits, language, status } = useI18n();
  const r = a.referral;
  if (!r) return null;
  return (
    <Paper withBorder radius="md" p="md" className={classes.card} data-testid="loan-referral">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="md">
          {t('loans.referral.title')}
        </Title>
        <Badge variant="filled" color={r.status === 'paid' ? 'green' : r.status === 'rejected' ? 'red' : 'brand'} data-testid="loan-referral-status" data-status={r.status}>
          {status('referral', r.status)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
        <Field label={t('loans.referral.code')}>
          <AnchorLink to="/referrals/$referralId" params={{ referralId: r.id }} size="sm" className="tabular" data-testid="loan-referral-link">
            <bdi>{digits(r.code)}</bdi>
          </AnchorLink>
        </Field>
        <Field label={t('loans.referral.bank')}>{r.bankName}</Field>
        <Field label={t('loans.col.date')}>{formatDate(r.referralDate, language)}</Field>
        <Field label={t('loans.col.amount')}>
          <Rials value={r.requestedAmount} />
        </Field>
        <Field label={t('loans.referral.approved')}>
          <Rials value={r.approvedAmount} />
        </Field>
        <Field label={t('loans.referral.paid')}>
          <Rials value={r.paidAmount} />
          {r.paidDate ? <Text size="xs" c="dimmed">{formatDate(r.paidDate, language)}</Text> : null}
        </Field>
      </SimpleGrid>
      {r.reasonText ? (
        <Text size="sm" c="red.8" mt="sm" dir="auto">
          {r.reasonText}
        </Text>
      ) : null}
    </Paper>
  );
}

/** Completing a returned application: its fields, saved with its version; then it is sent again. */
function EditCard({ a }: { a: LoanApplicationDetail }) {
  const { t, language } = useI18n();
  const programs = useReferenceList('programs');
  const patch = usePatchLoanApplication(a.id);
  const [programCode, setProgramCode] = useState<string | null>(a.programCode);
  const [facilityType, setFacilityType] = useState<FacilityType | null>(a.facilityType);
  const [amount, setAmount] = useState(a.requestedAmount);
  const [purpose, setPurpose] = useState(a.purpose);
  const err = (path: string) => (isApiError(patch.error) ? patch.error.fieldError(path) : undefined);
  const changed = programCode !== a.programCode || facilityType !== a.facilityType || amount !== a.requestedAmount || purpose !== a.purpose;
  return (
    <Paper withBorder radius="md" p="md" className={classes.noPrint} data-testid="loan-edit">
      <Title order={3} fz="md" mb="sm">
        {t('loans.edit.title')}
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('loans.field.program')} data={(programs.data ?? []).map((p) => ({ value: p.code, label: referenceName(p, language) }))} value={programCode} onChange={setProgramCode} error={err('programCode')} />
          <Select label={t('loans.field.facilityType')} data={FACILITY_TYPES.map((f) => ({ value: f, label: t(facilityKey(f)) }))} value={facilityType} onChange={(v) => setFacilityType(v as FacilityType | null)} error={err('facilityType')} />
        </SimpleGrid>
        <AmountInput label={t('loans.field.amount')} value={amount} onChange={setAmount} error={err('requestedAmount')} testId="loan-edit-amount" />
        <Textarea label={t('loans.field.purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} autosize minRows={2} maxLength={2000} error={err('purpose')} data-testid="loan-edit-purpose" />
        <ErrorAlert error={patch.error} />
        <Group>
          <Button
            variant="light"
            disabled={!changed || !amount}
            loading={patch.isPending}
            onClick={() =>
              patch.mutate({
                version: a.version,
                ...(programCode && programCode !== a.programCode ? { programCode } : {}),
                ...(facilityType && facilityType !== a.facilityType ? { facilityType } : {}),
                ...(amount !== a.requestedAmount ? { requestedAmount: amount } : {}),
                ...(purpose !== a.purpose ? { purpose } : {}),
              })
            }
            data-testid="loan-edit-save"
          >
            {t('loans.edit.save')}
          </Button>
          {!amount ? <FormHint missing={[t('loans.field.amountName')]} /> : null}
          {patch.isSuccess && !changed ? (
            <Text size="sm" c="teal.8">
              {t('loans.edit.saved')}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

function Documents({ a, canAdd }: { a: LoanApplicationDetail; canAdd: boolean }) {
  const { t } = useI18n();
  const add = useUploadLoanDocument(a.id);
  const [file, setFile] = useState<File | null>(null);
  return (
    <Paper withBorder radius="md" p="md" className={classes.card} data-testid="loan-attachments">
      <Title order={3} fz="md" mb="sm">
        {t('loans.attachments')}
      </Title>
      <Stack gap={4}>
        {a.attachments.length ? (
          a.attachments.map((d) => (
            <Group key={d.id} gap="xs">
              <Anchor href={loanAttachmentUrl(a.id, d.id)} size="sm" dir="auto" data-testid="loan-attachment-link">
                {d.fileName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('loans.attachments.meta', { kb: Math.max(1, Math.round(d.size / 1024)), who: d.uploadedByLabel })}
              </Text>
            </Group>
          ))
        ) : (
          <Text size="sm" c="dimmed">
            {t('loans.attachments.none')}
          </Text>
        )}
      </Stack>
      {canAdd ? (
        <Group mt="sm" align="end" className={classes.noPrint}>
          <FileInput
            label={t('loans.attachments.add')}
            value={file}
            onChange={setFile}
            accept="application/pdf,image/png,image/jpeg"
            clearable
            w={280}
            error={isApiError(add.error) ? add.error.title : undefined}
            data-testid="loan-attachment-file"
          />
          <Button variant="light" disabled={!file} loading={add.isPending} onClick={() => file && add.mutate(file, { onSuccess: () => setFile(null) })} data-testid="loan-attachment-upload">
            {t('loans.attachments.add')}
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}

/** The committee's and the applicant's moves, as the server allows them; each asks for what its step must carry. */
function Actions({ a }: { a: LoanApplicationDetail }) {
  const { t, language } = useI18n();
  const reasons = useReferenceList('rejection-reasons');
  const move = useTransitionLoanApplication(a.id);
  const [to, setTo] = useState<LoanApplicationStatus | null>(null);
  const [note, setNote] = useState('');
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [reasonText, setReasonText] = useState('');
  const requires = to ? requiredFields(loanApplicationMachine, a.status, to) : [];
  const needs = (f: string) => requires.includes(f);
  const err = (path: string) => (isApiError(move.error) ? move.error.fieldError(path) : undefined);
  return (
    <div className={classes.noPrint}>
      <TransitionCard
        title={t('loans.actions')}
        testId="loan-actions"
        allowed={a.allowedTransitions}
        selected={to}
        onSelect={(target) => {
          setTo(target);
          move.reset();
        }}
        label={(target) => t(target === 'submitted' ? 'loans.resubmit' : actionKey(target))}
        color={(target) => (target === 'rejected' ? 'red' : target === 'withdrawn' ? 'gray' : target === 'returned' ? 'orange' : target === 'approved' ? 'green' : 'brand')}
        confirmLabel={(target) => t('loans.confirm', { action: t(actionKey(target)) })}
        confirmColor={(target) => (target === 'rejected' ? 'red' : undefined)}
        cancelLabel={t('common.cancel')}
        onConfirm={() =>
          to &&
          move.mutate(
            {
              to,
              version: a.version,
              ...(note.trim() ? { note } : {}),
              ...(needs('reason.code') ? { reason: { ...(reasonCode ? { code: reasonCode } : {}), text: reasonText } } : {}),
            },
            { onSuccess: () => setTo(null) },
          )
        }
        pending={move.isPending}
        error={move.error}
        formTestId={(target) => `loan-form-${target}`}
      >
        {needs('reason.code') ? (
          <>
            <Select
              label={t('loans.reason.code')}
              data={(reasons.data ?? []).map((x) => ({ value: x.code, label: referenceName(x, language) }))}
              value={reasonCode}
              onChange={setReasonCode}
              required
              error={err('reason.code')}
              data-testid="loan-reason-code"
            />
            <Textarea label={t('loans.reason.text')} value={reasonText} onChange={(e) => setReasonText(e.currentTarget.value)} required autosize minRows={3} maxLength={4000} error={err('reason.text')} data-testid="loan-reason-text" />
          </>
        ) : null}
        <Textarea
          label={t(needs('note') ? 'loans.note.returned' : 'loans.note.optional')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          required={needs('note')}
          autosize
          minRows={2}
          maxLength={2000}
          error={err('note')}
          data-testid="loan-action-note"
        />
      </TransitionCard>
    </div>
  );
}

function History({ a }: { a: LoanApplicationDetail }) {
  const { t, status, digits } = useI18n();
  const changedField = (k: string) => t((k === 'requestedAmount' ? 'loans.field.amount' : k === 'programCode' ? 'loans.field.program' : k === 'facilityType' ? 'loans.field.facilityType' : 'loans.field.purpose') as MessageKey);
  return (
    <HistoryTimeline
      title={t('loans.history')}
      createdTitle={() => t('loans.event.created')}
      statusLabel={(s) => status('loan_application', s)}
      entries={a.events.map((e) => ({
        id: e.id,
        from: e.from,
        to: e.to,
        at: e.at,
        actor: e.actorName,
        actorRole: e.actorRole,
        note: e.note,
        color: LOAN_STATUS_COLOR[e.to],
        ...(e.from !== null && e.from === e.to ? { title: t('loans.event.edited') } : {}),
        extra: (
          <>
            {e.onBehalf ? (
              <Badge size="xs" variant="outline" color="grape" mt={2}>
                {t('loans.event.onBehalf')}
              </Badge>
            ) : null}
            {e.reason ? (
              <Text size="xs" dir="auto">
                {e.reason.name ?? e.reason.code} — {e.reason.text}
              </Text>
            ) : null}
            {e.changes ? (
              <Text size="xs" c="dimmed" dir="auto">
                {Object.keys(e.changes).map(changedField).join('، ')}
              </Text>
            ) : null}
            {e.referralId && a.referral ? (
              <Text size="xs">
                {t('loans.event.referral')}: <bdi className="tabular">{digits(a.referral.code)}</bdi>
              </Text>
            ) : null}
          </>
        ),
      }))}
    />
  );
}

/** An application's page: where it stands, what the producer must do, its documents, its referral to payment; printable. */
export function LoanApplicationPage({ id, role }: { id: string; role: Role }) {
  const { t, digits, language } = useI18n();
  const query = useLoanApplication(id);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const a = query.data;
  if (!a) return <Skeleton height={320} radius="md" />;
  const canOpenUnit = can(role, 'GET /api/v1/units/:id') && scopeOf(role) !== 'unitId';
  const canAddDocuments = OPEN_FOR_DOCUMENTS.includes(a.status) && can(role, 'POST /api/v1/loan-applications/:id/attachments');
  return (
    <>
      <div className={classes.printHeader}>
        <Text fw={700}>{t('loans.printTitle')}</Text>
        <Text size="xs">{t('loans.printedAt', { at: formatJalaliDateTime(new Date(), language === 'fa' ? 'fa' : 'latn') })}</Text>
      </div>
      <PageHeader
        title={a.unitName}
        subtitle={
          <Group gap="xs" component="span">
            <Text span className="tabular" data-testid="loan-code">
              <bdi>{digits(a.code)}</bdi>
            </Text>
            <span>·</span>
            <span>{a.programName}</span>
          </Group>
        }
        actions={
          <Group gap="xs">
            <LoanStatusBadge status={a.status} size="lg" />
            <Button variant="subtle" size="xs" leftSection={<PrinterIcon size={14} />} onClick={() => window.print()} className={classes.noPrint} data-testid="loan-print">
              {t('loans.print')}
            </Button>
          </Group>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Verdict a={a} />
            {a.canRefer ? (
              <Group className={classes.noPrint}>
                <ButtonLink
                  to="/referrals/new"
                  search={{ unitId: a.unitId, unitName: a.unitName, loanApplicationId: a.id, programCode: a.programCode, facilityType: a.facilityType, requestedAmount: a.requestedAmount, ...(a.programAgencyId ? { agencyId: a.programAgencyId } : {}) }}
                  color="green"
                  data-testid="loan-refer"
                >
                  {t('loans.refer')}
                </ButtonLink>
              </Group>
            ) : null}
            <ReferralCard a={a} />
            <Paper withBorder radius="md" p="md" className={classes.card}>
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
                <Field label={t('loans.field.unit')}>
                  {canOpenUnit ? (
                    <AnchorLink to="/units/$unitId" params={{ unitId: a.unitId }} size="sm">
                      {a.unitName}
                    </AnchorLink>
                  ) : (
                    a.unitName
                  )}
                </Field>
                <Field label={t('loans.field.county')}>{a.countyName}</Field>
                <Field label={t('loans.field.program')}>{a.programName}</Field>
                <Field label={t('loans.field.facilityType')}>{t(facilityKey(a.facilityType))}</Field>
                <Field label={t('loans.field.amount')} testId="loan-amount-shown">
                  <Rials value={a.requestedAmount} />
                </Field>
                <Field label={t('loans.field.createdBy')}>{a.createdByName}</Field>
                <Field label={t('loans.col.date')}>{formatJalaliDateTime(new Date(a.createdAt), language === 'fa' ? 'fa' : 'latn')}</Field>
                <Field label={t('loans.field.submittedAt')}>{formatJalaliDateTime(new Date(a.submittedAt), language === 'fa' ? 'fa' : 'latn')}</Field>
              </SimpleGrid>
              <Text size="sm" mt="md" fw={600}>
                {t('loans.field.purpose')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-line' }} dir="auto" data-testid="loan-purpose-shown">
                {a.purpose}
              </Text>
            </Paper>
            {a.canEdit ? <EditCard a={a} key={`edit:${a.version}`} /> : null}
            <Documents a={a} canAdd={canAddDocuments} />
            <Actions a={a} key={`${a.id}:${a.version}`} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <History a={a} />
        </Grid.Col>
      </Grid>
    </>
  );
}
