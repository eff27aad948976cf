import type { ReactNode } from 'react';
import { Paper, Text, Timeline, Title } from '@mantine/core';
import type { Role } from '../../shared/roles.js';
import { formatJalaliDateTime } from '../../shared/jalali.js';
import { useI18n } from '../lib/i18n.js';

/** One state change of a record as its page shows it. */
export interface HistoryEntry {
  id: string | number;
  /** null for the record's creation */
  from: string | null;
  to: string;
  at: string;
  /** who acted: a full name (or, where the trail kept no name, the account) and their role */
  actor: string;
  actorRole: string;
  /** what the step carried besides the note: amounts, causes, badges */
  extra?: ReactNode;
  note?: string | null;
  color?: string;
  /** replaces "from ← to" (a reassignment, say) */
  title?: string;
}

/**
 * The history card of a record's page (demands, referrals, resolutions, loan applications): every step with its
 * Jalali time, who took it and in which role, and its note.
 */
export function HistoryTimeline({
  title,
  entries,
  createdTitle,
  statusLabel,
}: {
  title: string;
  entries: HistoryEntry[];
  /** the title of the first entry, whose `from` is null */
  createdTitle: (to: string) => string;
  statusLabel: (status: string) => string;
}) {
  const { language, roleLabel } = useI18n();
  const arrow = language === 'fa' ? '←' : '→';
  return (
    <Paper withBorder radius="md" p="md" data-testid="history">
      <Title order={3} fz="md" mb="md">
        {title}
      </Title>
      <Timeline active={entries.length - 1} bulletSize={14} lineWidth={2} color="brand">
        {entries.map((e) => (
          <Timeline.Item
            key={e.id}
            color={e.color}
            title={e.title ?? (e.from === null ? createdTitle(e.to) : `${statusLabel(e.from)} ${arrow} ${statusLabel(e.to)}`)}
          >
            <Text size="xs" c="dimmed" className="tabular">
              {formatJalaliDateTime(new Date(e.at), language === 'fa' ? 'fa' : 'latn')} — <bdi>{e.actor}</bdi> ({roleLabel(e.actorRole as Role)})
            </Text>
            {e.extra}
            {e.note ? (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-line' }} dir="auto">
                {e.note}
              </Text>
            ) : null}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
