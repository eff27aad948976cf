import { Text, TextInput } from '@mantine/core';
import { STATUS_COLORS, StatusBadge } from '../../../components/status-badge.js';
import { formatBillionRials, formatRials, tryParseRials } from '../../../../shared/money.js';
import type { ReferralStatus } from '../../../../shared/machines.js';
import { useI18n } from '../../../lib/i18n.js';

/** The bank portal's own small pieces (features do not import each other). */
export const STAGE_COLOR = STATUS_COLORS.referral;

export function StageBadge({ status }: { status: ReferralStatus }) {
  return <StatusBadge kind="referral" status={status} />;
}

export function Billions({ value }: { value: string | null }) {
  const { t, language } = useI18n();
  if (value === null) return <Text span c="dimmed">—</Text>;
  return (
    <Text span size="sm" className="tabular" title={t('referrals.rials', { amount: formatRials(BigInt(value), language) })}>
      {t('referrals.billionRials', { amount: formatBillionRials(BigInt(value), language) })}
    </Text>
  );
}

export function AmountInput({ label, value, onChange, error }: { label: string; value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const { t, language } = useI18n();
  const parsed = value.trim() ? tryParseRials(value) : null;
  return (
    <TextInput
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      dir="ltr"
      inputMode="numeric"
      required
      description={parsed !== null ? t('referrals.billionRials', { amount: formatBillionRials(parsed, language) }) : t('referrals.moneyHint')}
      error={error ?? (value.trim() && parsed === null ? t('referrals.moneyInvalid') : undefined)}
    />
  );
}
