import { Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { STATUS_COLORS, StatusBadge } from '../../../components/status-badge.js';
import { formatBillionRials, formatRials, tryParseRials } from '../../../../shared/money.js';
import type { ReferralStatus } from '../../../../shared/machines.js';
import { useI18n } from '../../../lib/i18n.js';

export const REFERRAL_STATUS_COLOR = STATUS_COLORS.referral;

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  return <StatusBadge kind="referral" status={status} testId="referral-status" />;
}

/** Days in the current stage, red when past its deadline; a dash once decided or closed. */
export function Waiting({ daysWaiting, overdue }: { daysWaiting: number | null; overdue: boolean }) {
  const { t } = useI18n();
  if (daysWaiting === null) return <Text span size="sm" c="dimmed">—</Text>;
  return overdue ? (
    <Text span size="sm" c="red.8" fw={600} data-testid="overdue">
      {t('referrals.waitingOverdue', { days: daysWaiting })}
    </Text>
  ) : (
    <Text span size="sm" c="dark.5">
      {t('referrals.waiting', { days: daysWaiting })}
    </Text>
  );
}

/** An amount in billion rials, the exact rials on hover. */
export function Money({ value, exact = false }: { value: string | null; exact?: boolean }) {
  const { t, language } = useI18n();
  if (value === null) return <Text span c="dimmed">—</Text>;
  const v = BigInt(value);
  const billions = t('referrals.billionRials', { amount: formatBillionRials(v, language) });
  const rials = t('referrals.rials', { amount: formatRials(v, language) });
  if (exact)
    return (
      <Stack gap={0} component="span">
        <Text span size="sm" className="tabular">
          {rials}
        </Text>
        <Text span size="xs" c="dimmed" className="tabular">
          {billions}
        </Text>
      </Stack>
    );
  return (
    <Tooltip label={rials} withArrow>
      <Text span size="sm" className="tabular">
        {billions}
      </Text>
    </Tooltip>
  );
}

/**
 * An amount in rials typed as people type it — Persian or Latin digits, with or without separators —
 * shown back in rials and billion rials as it is typed. The value handed over is the text itself; the
 * server parses it the same way (`parseRials`).
 */
export function MoneyInput({
  label,
  value,
  onChange,
  error,
  required,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  required?: boolean;
  testId?: string;
}) {
  const { t, language } = useI18n();
  const parsed = value.trim() ? tryParseRials(value) : null;
  const hint =
    parsed !== null
      ? `${t('referrals.rials', { amount: formatRials(parsed, language) })} = ${t('referrals.billionRials', { amount: formatBillionRials(parsed, language) })}`
      : value.trim()
        ? t('referrals.moneyInvalid')
        : t('referrals.moneyHint');
  return (
    <TextInput
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      description={hint}
      error={error ?? (value.trim() && parsed === null ? t('referrals.moneyInvalid') : undefined)}
      required={required}
      inputMode="numeric"
      dir="ltr"
      data-testid={testId}
    />
  );
}

