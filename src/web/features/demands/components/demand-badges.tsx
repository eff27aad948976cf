import { Badge, Text } from '@mantine/core';
import type { DemandPriority, DemandStatus } from '../api/demands-api.js';
import { useI18n } from '../../../lib/i18n.js';
import { StatusBadge, WHOLE_LABEL } from '../../../components/status-badge.js';


const PRIORITY_COLOR: Record<DemandPriority, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };

export function DemandStatusBadge({ status }: { status: DemandStatus }) {
  return <StatusBadge kind="demand" status={status} testId="demand-status" />;
}

export function PriorityBadge({ priority }: { priority: DemandPriority }) {
  const { t } = useI18n();
  return (
    <Badge variant="dot" color={PRIORITY_COLOR[priority]} radius="sm" fw={500} styles={WHOLE_LABEL}>
      {t(`demands.priority.${priority}`)}
    </Badge>
  );
}

/** "۳ روز مانده", "امروز", "۵ روز گذشته" — red once past due; nothing for a closed demand. */
export function DaysLeft({ daysLeft }: { daysLeft: number | null }) {
  const { t } = useI18n();
  if (daysLeft === null) return <Text span size="sm" c="dimmed">—</Text>;
  if (daysLeft < 0)
    return (
      <Text span size="sm" c="red.8" fw={600} data-testid="overdue">
        {t('demands.daysOverdue', { days: -daysLeft })}
      </Text>
    );
  return (
    <Text span size="sm" c={daysLeft <= 3 ? 'orange.8' : 'dark.5'}>
      {daysLeft === 0 ? t('demands.dueToday') : t('demands.daysLeft', { days: daysLeft })}
    </Text>
  );
}
