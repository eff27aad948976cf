import { scopeOf } from '../../../lib/authorization.js';
import { Alert, Button, FileInput, Group, Paper, Select, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FACILITY_TYPES, type FacilityType } from '../../../../shared/contracts/referrals.js';
import type { Role } from '../../../../shared/roles.js';
import { ErrorAlert } from '../../../components/error-alert.js';
import { FormHint } from '../../../components/form-hint.js';
import { PageHeader } from '../../../components/page-header.js';
import { UnitPicker } from '../../../components/unit-picker.js';
import { isApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { referenceName, useReferenceList } from '../../../lib/reference.js';
import { useCreateLoanApplication, useUploadLoanDocuments } from '../hooks/use-loan-applications.js';
import { AmountInput, facilityKey } from './loan-ui.js';

const ACCEPT = 'application/pdf,image/png,image/jpeg';

/**
 * «درخواست جدید»: program, facility type, amount (typed in Persian digits, grouped), purpose and documents. A producer
 * applies for their own unit; the secretariat or an agency chooses the unit it files for.
 */
export function LoanApplicationForm({ role, ownUnitId, onCreated, onCancel }: { role: Role; ownUnitId: string | null; onCreated: (id: string) => void; onCancel: () => void }) {
  const { t, language } = useI18n();
  const programs = useReferenceList('programs');
  const create = useCreateLoanApplication();
  const uploads = useUploadLoanDocuments();
  const producer = scopeOf(role) === 'unitId';
  const [unitId, setUnitId] = useState<string | null>(producer ? ownUnitId : null);
  const [programCode, setProgramCode] = useState<string | null>(null);
  const [facilityType, setFacilityType] = useState<FacilityType | null>('working_capital');
  const [amount, setAmount] = useState('');
  const [purpose, setPurpose] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const err = (path: string) => (isApiError(create.error) ? create.error.fieldError(path) : undefined);
  const missing = [
    ...(!unitId ? [t('loans.field.unit')] : []),
    ...(!programCode ? [t('loans.field.program')] : []),
    ...(!facilityType ? [t('loans.field.facilityType')] : []),
    ...(!amount || BigInt(amount) <= 0n ? [t('loans.field.amountName')] : []),
    ...(!purpose.trim() ? [t('loans.field.purpose')] : []),
  ];
  const ready = missing.length === 0;

  if (producer && !ownUnitId)
    return (
      <>
        <PageHeader title={t('loans.form.title')} />
        <Alert color="orange" variant="light" data-testid="loan-no-unit">
          {t('loans.form.noUnit')}
        </Alert>
      </>
    );

  const submit = () => {
    if (!ready) return;
    create.mutate(
      { unitId: unitId!, programCode: programCode!, facilityType: facilityType!, requestedAmount: amount, purpose },
      {
        onSuccess: (a) => {
          if (!files.length) return onCreated(a.id);
          // the application exists: its documents follow it; a refused file is shown on its page
          uploads.mutate({ id: a.id, files }, { onSettled: () => onCreated(a.id) });
        },
      },
    );
  };

  return (
    <>
      <PageHeader title={t('loans.form.title')} subtitle={t('loans.form.subtitle')} />
      <Paper withBorder radius="md" p="lg" maw={900}>
        <Stack gap="md">
          {producer ? null : <UnitPicker label={t('loans.field.unit')} value={unitId} onChange={setUnitId} error={err('unitId')} required testId="loan-unit" />}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label={t('loans.field.program')}
              data={(programs.data ?? []).map((p) => ({ value: p.code, label: referenceName(p, language) }))}
              value={programCode}
              onChange={setProgramCode}
              required
              error={err('programCode')}
              data-testid="loan-program"
            />
            <Select
              label={t('loans.field.facilityType')}
              data={FACILITY_TYPES.map((f) => ({ value: f, label: t(facilityKey(f)) }))}
              value={facilityType}
              onChange={(v) => setFacilityType(v as FacilityType | null)}
              required
              error={err('facilityType')}
              data-testid="loan-facility"
            />
          </SimpleGrid>
          <AmountInput label={t('loans.field.amount')} value={amount} onChange={setAmount} error={err('requestedAmount')} testId="loan-amount" />
          <Textarea
            label={t('loans.field.purpose')}
            description={t('loans.field.purposeHint')}
            value={purpose}
            onChange={(e) => setPurpose(e.currentTarget.value)}
            required
            autosize
            minRows={3}
            maxLength={2000}
            error={err('purpose')}
            data-testid="loan-purpose"
          />
          <FileInput
            label={t('loans.field.documents')}
            description={t('loans.field.documentsHint')}
            value={files}
            onChange={setFiles}
            multiple
            clearable
            accept={ACCEPT}
            data-testid="loan-files"
          />
          <ErrorAlert error={create.error} testId="form-error" />
          <Group>
            <Button onClick={submit} loading={create.isPending || uploads.isPending} disabled={!ready} data-testid="loan-submit">
              {uploads.isPending ? t('loans.form.uploading') : t('loans.form.submit')}
            </Button>
            <Button variant="subtle" color="gray" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <FormHint missing={missing} />
          </Group>
        </Stack>
      </Paper>
    </>
  );
}
