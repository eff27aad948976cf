import { Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { JalaliDateInput } from '../../../components/jalali-date-input.js';
import { PageHeader } from '../../../components/page-header.js';
import { UnitPicker } from '../../../components/unit-picker.js';
import type { IsoDate } from '../../../../shared/jalali.js';
import type { Role } from '../../../../shared/roles.js';
import { FACILITY_TYPES, type FacilityType } from '../../../../shared/contracts/referrals.js';
import { formatRials } from '../../../../shared/money.js';
import { isApiError } from '../../../lib/api.js';
import { todayInTehran } from '../../../lib/dates.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import { referenceName, useReferenceList, useAgencyOptions } from '../../../lib/reference.js';
import { useCreateReferral } from '../hooks/use-referrals.js';
import { MoneyInput } from './referral-ui.js';
import { ErrorAlert } from '../../../components/error-alert.js';
import { scopeOf } from '../../../lib/authorization.js';
import { FormActions } from '../../../components/form-actions.js';

export const facilityKey = (f: FacilityType) => `referrals.facility.${f}` as MessageKey;

/**
 * Referring a unit to a bank. An agency refers on its own behalf; the secretariat names the referring agency.
 * The amount is typed as people type it (Persian digits, separators) and read back in rials and billions.
 */
/** What a loan application's page fills in (issue 11): the referral is made from it, and it becomes `referred`. */
export interface ReferralPrefill {
  loanApplicationId?: string;
  /** the unit's name, shown in the unit box before its list is read */
  unitName?: string;
  programCode?: string;
  facilityType?: FacilityType;
  requestedAmount?: string;
  agencyId?: string;
}

export function ReferralForm({ role, unitId: fixedUnit, prefill = {}, onCreated, onCancel }: { role: Role; unitId?: string | undefined; prefill?: ReferralPrefill; onCreated: (id: string) => void; onCancel: () => void }) {
  const { t, language } = useI18n();
  const banks = useReferenceList('banks');
  const agencyOptions = useAgencyOptions();
  const programs = useReferenceList('programs');
  const create = useCreateReferral();
  const [unitId, setUnitId] = useState<string | null>(fixedUnit ?? null);
  const [agencyId, setAgencyId] = useState<string | null>(prefill.agencyId ?? null);
  const [bankId, setBankId] = useState<string | null>(null);
  const [branchName, setBranchName] = useState('');
  const [programCode, setProgramCode] = useState<string | null>(prefill.programCode ?? null);
  const [facilityType, setFacilityType] = useState<FacilityType | null>(prefill.facilityType ?? 'working_capital');
  const [amount, setAmount] = useState(prefill.requestedAmount ? formatRials(BigInt(prefill.requestedAmount), language) : '');
  const [referralDate, setReferralDate] = useState<IsoDate | null>(todayInTehran());
  const [letterNo, setLetterNo] = useState('');
  const err = (path: string) => (isApiError(create.error) ? create.error.fieldError(path) : undefined);
  const options = (items: { code: string; name: string; nameEn: string }[] | undefined) => (items ?? []).map((x) => ({ value: x.code, label: referenceName(x, language) }));
  const agencyRole = scopeOf(role) === 'agencyId';
  const [dateValid, setDateValid] = useState(true);
  const missing = [
    ...(!unitId ? [t('referrals.col.unit')] : []),
    ...(!agencyRole && !agencyId ? [t('referrals.col.agency')] : []),
    ...(!bankId ? [t('referrals.col.bank')] : []),
    ...(!programCode ? [t('referrals.col.program')] : []),
    ...(!facilityType ? [t('referrals.field.facilityType')] : []),
    ...(!amount.trim() ? [t('referrals.field.requestedAmount')] : []),
    ...(!referralDate && dateValid ? [t('referrals.field.referralDate')] : []),
  ];
  const invalid = dateValid ? [] : [t('referrals.field.referralDate')];
  const ready = missing.length === 0 && invalid.length === 0;

  const submit = () => {
    if (!ready) return;
    create.mutate(
      {
        unitId: unitId!,
        ...(agencyRole ? {} : { agencyId: agencyId! }),
        bankId: bankId!,
        ...(branchName.trim() ? { branchName } : {}),
        programCode: programCode!,
        facilityType: facilityType!,
        requestedAmount: amount,
        referralDate: referralDate!,
        ...(letterNo.trim() ? { letterNo } : {}),
        ...(prefill.loanApplicationId ? { loanApplicationId: prefill.loanApplicationId } : {}),
      },
      { onSuccess: (r) => onCreated(r.id) },
    );
  };

  return (
    <>
      <PageHeader title={t('referrals.form.title')} subtitle={t('referrals.form.subtitle')} />
      <Paper withBorder radius="md" p="lg" maw={900}>
        <Stack gap="md">
          <UnitPicker label={t('referrals.col.unit')} value={unitId} onChange={setUnitId} initialName={prefill.unitName} error={err('unitId')} required testId="referral-unit" />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {agencyRole ? null : (
              <Select label={t('referrals.col.agency')} data={agencyOptions.data} filter={agencyOptions.filter} value={agencyId} onChange={setAgencyId} searchable required error={err('agencyId')} data-testid="referral-agency" />
            )}
            <Select label={t('referrals.col.bank')} data={options(banks.data)} value={bankId} onChange={setBankId} searchable required error={err('bankId')} data-testid="referral-bank" />
            <TextInput label={t('referrals.field.branch')} value={branchName} onChange={(e) => setBranchName(e.currentTarget.value)} error={err('branchName')} maxLength={200} />
            <Select label={t('referrals.col.program')} data={options(programs.data)} value={programCode} onChange={setProgramCode} required error={err('programCode')} data-testid="referral-program" />
            <Select
              label={t('referrals.field.facilityType')}
              data={FACILITY_TYPES.map((f) => ({ value: f, label: t(facilityKey(f)) }))}
              value={facilityType}
              onChange={(v) => setFacilityType(v as FacilityType | null)}
              required
              error={err('facilityType')}
              data-testid="referral-facility"
            />
            <MoneyInput label={t('referrals.field.requestedAmount')} value={amount} onChange={setAmount} required error={err('requestedAmount')} testId="referral-amount" />
            <JalaliDateInput label={t('referrals.field.referralDate')} value={referralDate} onChange={setReferralDate} onValidityChange={setDateValid} max={todayInTehran()} required error={err('referralDate')} testId="referral-date" />
            <TextInput label={t('referrals.field.letterNo')} value={letterNo} onChange={(e) => setLetterNo(e.currentTarget.value)} error={err('letterNo')} maxLength={100} data-testid="referral-letter" />
          </SimpleGrid>
          <ErrorAlert error={create.error} testId="form-error" />
          <FormActions
            submitLabel={t('referrals.form.submit')}
            onSubmit={submit}
            pending={create.isPending}
            missing={missing}
            invalid={invalid}
            submitTestId="referral-submit"
            cancelLabel={t('common.cancel')}
            onCancel={onCancel}
          />
        </Stack>
      </Paper>
    </>
  );
}
