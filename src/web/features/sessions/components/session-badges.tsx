import { Badge } from '@mantine/core';
import type { ResolutionStatus } from '../../../../shared/machines.js';
import type { SessionStatus } from '../api/sessions-api.js';
import { useI18n } from '../../../lib/i18n.js';

const RESOLUTION_COLOR: Record<ResolutionStatus, string> = { open: 'blue', objected: 'grape', in_progress: 'cyan', done: 'green', not_done: 'red', cancelled: 'gray' };

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const { t } = useI18n();
  return (
    <Badge variant="light" color={status === 'held' ? 'green' : 'blue'} radius="sm" fw={500} data-testid="session-status" data-status={status}>
      {t(status === 'held' ? 'sessions.status.held' : 'sessions.status.planned')}
    </Badge>
  );
}

export function ResolutionBadge({ status }: { status: ResolutionStatus }) {
  const i18n = useI18n();
  return (
    <Badge variant="light" color={RESOLUTION_COLOR[status]} radius="sm" fw={500} data-status={status} style={{ overflow: 'visible' }}>
      {i18n.status('resolution', status)}
    </Badge>
  );
}
