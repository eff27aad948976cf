import { Badge, Text } from '@mantine/core';
import type { Fraction, ResolutionStatus } from '../api/resolutions-api.js';
import { formatNumber, useI18n } from '../../../lib/i18n.js';

export const RESOLUTION_STATUS_COLOR: Record<ResolutionStatus, string> = {
  open: 'blue',
  objected: 'grape',
  in_progress: 'cyan',
  done: 'green',
  not_done: 'red',
  cancelled: 'gray',
};

export function ResolutionStatusBadge({ status }: { status: ResolutionStatus }) {
  const i18n = useI18n();
  return (
    <Badge variant="light" color={RESOLUTION_STATUS_COLOR[status]} radius="sm" fw={500} data-testid="resolution-status" data-status={status}>
      {i18n.status('resolution', status)}
    </Badge>
  );
}

/** "۳ روز مانده", "امروز", "۵ روز گذشته" — red once past due; a dash once closed. */
export function DueIn({ daysLeft }: { daysLeft: number | null }) {
  const { t } = useI18n();
  if (daysLeft === null) return <Text span size="sm" c="dimmed">—</Text>;
  if (daysLeft < 0)
    return (
      <Text span size="sm" c="red.8" fw={600} data-testid="overdue">
        {t('resolutions.daysOverdue', { days: -daysLeft })}
      </Text>
    );
  return (
    <Text span size="sm" c={daysLeft <= 3 ? 'orange.8' : 'dark.5'}>
      {daysLeft === 0 ? t('resolutions.dueToday') : t('resolutions.daysLeft', { days: daysLeft })}
    </Text>
  );
}

/** A rate as people read it (۸۸٫۵٪), rounded for display only; the exact fraction stays in the API. */
export function useRate() {
  const { language } = useI18n();
  return (f: Fraction) => (f.rate === null ? '—' : `${formatNumber(Math.round(f.rate * 1000) / 10, language, 1)}${language === 'fa' ? '٪' : '%'}`);
}
