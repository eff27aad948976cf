/** A record's status as a coloured badge, the same colour for a status wherever it shows (lists, pages, the bank portal). */
import { Badge } from '@mantine/core';
import type { DemandStatus, LoanApplicationStatus, ReferralStatus } from '../../shared/machines.js';
import { useI18n } from '../lib/i18n.js';

/** Badges in table cells keep their whole label: a cell must not squeeze them into an ellipsis. */
export const WHOLE_LABEL = { root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } } as const;

export const STATUS_COLORS: {
  demand: Record<DemandStatus, string>;
  referral: Record<ReferralStatus, string>;
  loan_application: Record<LoanApplicationStatus, string>;
} = {
  demand: { registered: 'gray', assigned: 'blue', in_progress: 'cyan', escalated: 'grape', resolved: 'green', unresolvable: 'red' },
  referral: { referred: 'gray', received: 'blue', under_review: 'cyan', approved: 'teal', paid: 'green', rejected: 'red', withdrawn: 'dark' },
  loan_application: { submitted: 'blue', under_review: 'cyan', returned: 'orange', approved: 'teal', rejected: 'red', referred: 'green', withdrawn: 'gray' },
};

type Colored = keyof typeof STATUS_COLORS;

/** `testId` also marks the badge with its status (`data-status`), which the journeys read. */
export function StatusBadge<K extends Colored>({ kind, status, size, testId }: { kind: K; status: keyof (typeof STATUS_COLORS)[K] & string; size?: 'sm' | 'md' | 'lg'; testId?: string }) {
  const i18n = useI18n();
  const colors: Record<string, string> = STATUS_COLORS[kind];
  return (
    <Badge variant="light" color={colors[status]} radius="sm" fw={500} size={size} styles={WHOLE_LABEL} {...(testId ? { 'data-testid': testId, 'data-status': status } : {})}>
      {i18n.status(kind, status)}
    </Badge>
  );
}
