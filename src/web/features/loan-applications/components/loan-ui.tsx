import { Stack, Text, TextInput } from '@mantine/core';
import { STATUS_COLORS, StatusBadge } from '../../../components/status-badge.js';
import { formatBillionRials, formatRials } from '../../../../shared/money.js';
import type { LoanApplicationStatus } from '../../../../shared/machines.js';
import { toAsciiDigits } from '../../../../shared/text.js';
import type { FacilityType } from '../../../../shared/contracts/referrals.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';

export const LOAN_STATUS_COLOR = STATUS_COLORS.loan_application;

export const facilityKey = (f: FacilityType) => `loans.facility.${f}` as MessageKey;

export function LoanStatusBadge({ status, size = 'md' }: { status: LoanApplicationStatus; size?: 'sm' | 'md' | 'lg' }) {
  return <StatusBadge kind="loan_application" status={status} size={size} testId="loan-status" />;
}

/** An amount in rials (grouped, in the language's digits) and in billion rials beneath it. */
export function Rials({ value }: { value: string | null }) {
  const { t, language } = useI18n();
  if (value === null) return <Text span c="dimmed">—</Text>;
  const v = BigInt(value);
  return (
    <Stack gap={0} component="span">
      <Text span size="sm" className="tabular">
        {t('loans.rials', { amount: formatRials(v, language) })}
      </Text>
      <Text span size="xs" c="dimmed" className="tabular">
        {t('loans.billions', { amount: formatBillionRials(v, language) })}
      </Text>
    </Stack>
  );
}

/** The digits of an amount as typed: Persian or Latin digits, separators dropped. */
export function amountDigits(text: string): string {
  return toAsciiDigits(text).replace(/\D/g, '').replace(/^0+(?=\d)/, '');
}

/**
 * An amount in rials, typed with Persian or Latin digits and shown grouped as it is typed (۸٬۵۰۰٬۰۰۰٬۰۰۰); the value
 * handed over is its digits. The billions are read back beneath it.
 */
export function AmountInput({ label, value, onChange, error, testId }: { label: string; value: string; onChange: (digits: string) => void; error?: string | undefined; testId?: string }) {
  const { t, language } = useI18n();
  const shown = value ? formatRials(BigInt(value), language) : '';
  const hint = value && BigInt(value) > 0n ? t('loans.amount.read', { rials: formatRials(BigInt(value), language), billions: formatBillionRials(BigInt(value), language) }) : t('loans.amount.hint');
  return (
    <TextInput
      label={label}
      value={shown}
      onChange={(e) => onChange(amountDigits(e.currentTarget.value).slice(0, 18))}
      description={hint}
      error={error}
      required
      inputMode="numeric"
      dir="ltr"
      data-testid={testId}
    />
  );
}
