import { ListBody, ListTotal } from '../../../components/list-page.js';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { FormHint } from '../../../components/form-hint.js';
import { JalaliDateInput } from '../../../components/jalali-date-input.js';
import { type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { AnchorLink } from '../../../components/router-links.js';
import { fiscalYearOf } from '../../../../shared/jalali.js';
import type { Role } from '../../../../shared/roles.js';
import { isApiError } from '../../../lib/api.js';
import { formatDate, formatDateWithWeekday, todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import type { Session } from '../api/sessions-api.js';
import { useCreateSession, useSessions } from '../hooks/use-sessions.js';
import { SessionStatusBadge } from './session-badges.js';
import { can } from '../../../lib/authorization.js';

const PAGE_SIZE = 20;

export interface SessionsSearch {
  year?: number | undefined;
  page: number;
}

function CreateSessionForm({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [heldOn, setHeldOn] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [chair, setChair] = useState('');
  const [location, setLocation] = useState('');
  const [dateValid, setDateValid] = useState(true);
  const create = useCreateSession();
  const err = isApiError(create.error) ? create.error : null;
  return (
    <Stack gap="sm">
      <JalaliDateInput label={t('sessions.field.heldOn')} value={heldOn} onChange={setHeldOn} onValidityChange={setDateValid} required error={err?.fieldError('heldOn')} testId="session-held-on" />
      <TextInput label={t('sessions.field.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-testid="session-title" />
      <TextInput label={t('sessions.field.chair')} value={chair} onChange={(e) => setChair(e.currentTarget.value)} data-testid="session-chair" />
      <TextInput label={t('sessions.field.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} data-testid="session-location" />
      <Text size="xs" c="dimmed">
        {t('sessions.numberHint')}
      </Text>
      {err ? (
        <Alert color="red" variant="light" title={err.title}>
          {err.fieldErrors.map((f) => f.message).join(' — ')}
        </Alert>
      ) : null}
      <FormHint missing={!heldOn && dateValid ? [t('sessions.field.heldOn')] : []} invalid={dateValid ? [] : [t('sessions.field.heldOn')]} />
      <Group justify="flex-end">
        <Button variant="subtle" color="gray" onClick={onClose}>
          {t('sessions.cancel')}
        </Button>
        <Button
          disabled={!heldOn || !dateValid}
          loading={create.isPending}
          data-testid="session-create-submit"
          onClick={() =>
            heldOn &&
            create.mutate(
              { heldOn, title: title || null, chair: chair || null, location: location || null },
              { onSuccess: (s) => void navigate({ to: '/sessions/$sessionId', params: { sessionId: s.id } }) },
            )
          }
        >
          {t('sessions.create')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The working group's sessions, a fiscal year at a time; the secretariat creates the next one here. */
export function SessionsPage({ role, search, onSearchChange }: { role: Role; search: SessionsSearch; onSearchChange: (next: SessionsSearch) => void }) {
  const { t, n, digits, language } = useI18n();
  const [creating, setCreating] = useState(false);
  const thisYear = fiscalYearOf(todayInTehran());
  const year = search.year ?? thisYear;
  const sessions = useSessions({ fiscalYear: year, page: search.page, pageSize: PAGE_SIZE });
  const canWrite = can(role, 'POST /api/v1/sessions');
  const columns: Column<Session>[] = [
    {
      key: 'number',
      header: t('sessions.col.number'),
      width: 150,
      render: (s) => (
        <AnchorLink style={{ whiteSpace: 'nowrap' }} to="/sessions/$sessionId" params={{ sessionId: s.id }} fw={600} data-testid="session-link">
          {t('sessions.numberOfYear', { number: s.number, year: digits(s.fiscalYear) })}
        </AnchorLink>
      ),
    },
    { key: 'heldOn', header: t('sessions.col.heldOn'), render: (s) => <span className="tabular">{formatDateWithWeekday(s.heldOn, language)}</span> },
    { key: 'title', header: t('sessions.col.title'), render: (s) => <Text size="sm" dir="auto">{s.title ?? '—'}</Text> },
    { key: 'status', header: t('sessions.col.status'), render: (s) => <SessionStatusBadge status={s.status} /> },
    { key: 'agenda', header: t('sessions.col.agenda'), align: 'end', render: (s) => <span className="tabular">{n(s.agendaCount)}</span> },
    { key: 'resolutions', header: t('sessions.col.resolutions'), align: 'end', render: (s) => <span className="tabular">{n(s.resolutionCount)}</span> },
    {
      key: 'attendance',
      header: t('sessions.col.attendance'),
      align: 'end',
      render: (s) => (s.status === 'held' && s.attendeeCount ? <span className="tabular">{t('sessions.presentOf', { present: s.presentCount, total: s.attendeeCount })}</span> : '—'),
    },
  ];
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear - i));
  return (
    <>
      <PageHeader
        title={t('sessions.title')}
        subtitle={t('sessions.subtitle')}
        actions={
          <>
            <Select
              aria-label={t('sessions.fiscalYear')}
              data={years.map((y) => ({ value: y, label: t('sessions.yearLabel', { year: digits(y) }) }))}
              value={String(year)}
              onChange={(v) => onSearchChange({ page: 1, year: v && Number(v) !== thisYear ? Number(v) : undefined })}
              w={150}
              allowDeselect={false}
            />
            <ListTotal total={sessions.data?.total} text={(total) => t('sessions.total', { total })} />
            {canWrite ? (
              <Button onClick={() => setCreating(true)} data-testid="session-new">
                {t('sessions.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <ListBody query={sessions} testId="sessions-table" caption={t('sessions.title')} columns={columns} rowKey={(s) => s.id} emptyText={t('sessions.empty')} page={search.page} pageSize={PAGE_SIZE} onPageChange={(page) => onSearchChange({ ...search, page })} />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('sessions.new')} centered>
        <CreateSessionForm onClose={() => setCreating(false)} />
      </Modal>
      <Text size="xs" c="dimmed" mt="md">
        {t('sessions.today', { date: formatDate(todayInTehran(), language) })}
      </Text>
    </>
  );
}
