import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Grid, Group, MultiSelect, Paper, ScrollArea, Select, Skeleton, Stack, Table, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { FormHint } from '../../../components/form-hint.js';
import { JalaliDateInput } from '../../../components/jalali-date-input.js';
import { PageHeader } from '../../../components/page-header.js';
import { AnchorLink } from '../../../components/router-links.js';
import { QueryError } from '../../../components/query-error.js';
import { UnitPicker } from '../../../components/unit-picker.js';
import { PrinterIcon } from '../../../components/icons.js';
import type { Role } from '../../../../shared/roles.js';
import { isApiError } from '../../../lib/api.js';
import { formatDate, formatDateWithWeekday, todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { referenceName, useReferenceList, useAgencyOptions } from '../../../lib/reference.js';
import { minutesUrl, type AttendeeBody, type SessionDetail } from '../api/sessions-api.js';
import { useAddAgendaItem, useAgendaCandidates, useCarryOver, useCreateResolution, useMoveAgendaItem, usePatchSession, useSession } from '../hooks/use-sessions.js';
import { ResolutionBadge, SessionStatusBadge } from './session-badges.js';
import { can } from '../../../lib/authorization.js';
import { TrackingCode } from '../../../components/tracking-code.js';
import { TableHead } from '../../../components/record-table.js';

function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  if (!isApiError(error)) return <Alert color="red">{String(error)}</Alert>;
  return (
    <Alert color="red" variant="light" title={error.title} role="alert" data-testid="form-error">
      {[error.detail, ...error.fieldErrors.map((f) => f.message)].filter(Boolean).join(' — ')}
    </Alert>
  );
}

/** Who was invited and who came; the list is saved whole (the server keeps the version). */
function Attendance({ s, canWrite }: { s: SessionDetail; canWrite: boolean }) {
  const { t, language } = useI18n();
  const agencies = useReferenceList('agencies');
  const agencyOptions = useAgencyOptions();
  const patch = usePatchSession(s.id);
  const initial = (): AttendeeBody[] => s.attendees.map((a) => ({ agencyId: a.agencyId, name: a.name, title: a.title, present: a.present }));
  const [rows, setRows] = useState<AttendeeBody[]>(initial);
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [agencyId, setAgencyId] = useState<string | null>(null);
  // the server's list replaces the form's after each save (a new version)
  const [version, setVersion] = useState(s.version);
  if (version !== s.version) {
    setVersion(s.version);
    setRows(initial());
  }
  const dirty = JSON.stringify(rows) !== JSON.stringify(initial());
  const agencyName = (id: string | null | undefined) => {
    const a = agencies.data?.find((x) => x.code === id || x.id === id);
    return a ? referenceName(a, language) : '';
  };
  return (
    <Card withBorder radius="md" data-testid="attendance">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="md">
          {t('sessions.attendance')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('sessions.presentOf', { present: rows.filter((r) => r.present).length, total: rows.length })}
        </Text>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sessions.noAttendees')}
        </Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sessions.attendee.name')}</Table.Th>
              <Table.Th>{t('sessions.attendee.title')}</Table.Th>
              <Table.Th>{t('sessions.attendee.agency')}</Table.Th>
              <Table.Th ta="center">{t('sessions.attendee.present')}</Table.Th>
              {canWrite ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i} data-testid="attendee-row">
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>{r.title ?? ''}</Table.Td>
                <Table.Td>{agencyName(r.agencyId)}</Table.Td>
                <Table.Td ta="center">
                  <Checkbox
                    checked={r.present}
                    disabled={!canWrite}
                    onChange={(e) => {
                      const present = e.currentTarget.checked;
                      setRows((all) => all.map((x, j) => (j === i ? { ...x, present } : x)));
                    }}
                    aria-label={t('sessions.attendee.present')}
                    data-testid="attendee-present"
                    styles={{ body: { justifyContent: 'center' } }}
                  />
                </Table.Td>
                {canWrite ? (
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" onClick={() => setRows((all) => all.filter((_, j) => j !== i))} aria-label={t('sessions.remove')}>
                      ×
                    </ActionIcon>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canWrite ? (
        <Stack gap="xs" mt="sm">
          <Group gap="xs" align="flex-end" grow>
            <TextInput label={t('sessions.attendee.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="attendee-name" />
            <TextInput label={t('sessions.attendee.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-testid="attendee-title" />
            <Select
              label={t('sessions.attendee.agency')}
              data={agencyOptions.data} filter={agencyOptions.filter}
              value={agencyId}
              onChange={setAgencyId}
              searchable
              clearable
              data-testid="attendee-agency"
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
          <Group>
            <Button
              variant="light"
              disabled={!name.trim()}
              onClick={() => {
                setRows((all) => [...all, { name: name.trim(), title: title.trim() || null, agencyId, present: true }]);
                setName('');
                setTitle('');
                setAgencyId(null);
              }}
              data-testid="attendee-add"
            >
              {t('sessions.attendee.add')}
            </Button>
            <Button disabled={!dirty} loading={patch.isPending} onClick={() => patch.mutate({ version: s.version, attendees: rows })} data-testid="attendance-save">
              {t('sessions.attendance.save')}
            </Button>
          </Group>
          <ProblemAlert error={patch.error} />
        </Stack>
      ) : null}
    </Card>
  );
}

function Agenda({ s, canWrite }: { s: SessionDetail; canWrite: boolean }) {
  const { t, digits } = useI18n();
  const move = useMoveAgendaItem(s.id);
  const carry = useCarryOver(s.id);
  const add = useAddAgendaItem(s.id);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  return (
    <Card withBorder radius="md" data-testid="agenda">
      <Title order={3} fz="md" mb="sm">
        {t('sessions.agenda')}
      </Title>
      {s.agenda.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sessions.noAgenda')}
        </Text>
      ) : (
        <Stack gap={6}>
          {s.agenda.map((item, i) => (
            <Paper key={item.id} p="xs" radius="sm" bg="gray.0" data-testid="agenda-item">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Group gap="xs" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
                  <Text fw={700} c="brand.8" className="tabular" w={22} ta="center">
                    {digits(item.position)}
                  </Text>
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} dir="auto" data-testid="agenda-subject">
                      {item.subject}
                    </Text>
                    <Text size="xs" c="dimmed" data-testid="agenda-refs">
                      {[
                        item.unitName ? <span key="unit" dir="auto">{item.unitName}</span> : null,
                        item.demandCode ? (
                          <span key="demand">
                            {t('sessions.demand')} <TrackingCode code={item.demandCode} />
                          </span>
                        ) : null,
                        item.referralCode ? (
                          <span key="referral">
                            {t('sessions.referral')} <TrackingCode code={item.referralCode} />
                          </span>
                        ) : null,
                      ]
                        .filter(Boolean)
                        .flatMap((part, i) => (i === 0 ? [part] : [' — ', part]))}
                    </Text>
                    <Group gap={4}>
                      {item.status === 'carried_over' ? <Badge size="xs" color="orange" variant="light">{t('sessions.item.carriedOver')}</Badge> : null}
                      {item.status === 'discussed' ? <Badge size="xs" color="green" variant="light">{t('sessions.item.discussed')}</Badge> : null}
                      {item.carriedFromItemId ? <Badge size="xs" color="gray" variant="outline">{t('sessions.item.fromEarlier')}</Badge> : null}
                    </Group>
                  </Stack>
                </Group>
                {canWrite ? (
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon variant="subtle" disabled={i === 0 || move.isPending} onClick={() => move.mutate({ itemId: item.id, version: item.version, position: i })} aria-label={t('sessions.moveUp')} data-testid="agenda-up">
                      ↑
                    </ActionIcon>
                    <ActionIcon variant="subtle" disabled={i === s.agenda.length - 1 || move.isPending} onClick={() => move.mutate({ itemId: item.id, version: item.version, position: i + 2 })} aria-label={t('sessions.moveDown')} data-testid="agenda-down">
                      ↓
                    </ActionIcon>
                    {item.status !== 'carried_over' ? (
                      <Button size="compact-xs" variant="light" color="orange" loading={carry.isPending && carry.variables?.itemId === item.id} onClick={() => carry.mutate({ itemId: item.id, version: item.version })} data-testid="agenda-carry">
                        {t('sessions.carryOver')}
                      </Button>
                    ) : null}
                  </Group>
                ) : null}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <ProblemAlert error={move.error ?? carry.error} />
      {canWrite ? (
        <Stack gap="xs" mt="md">
          <UnitPicker label={t('sessions.item.unit')} value={unitId} onChange={setUnitId} testId="agenda-unit" />
          <Textarea label={t('sessions.item.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} autosize minRows={1} data-testid="agenda-subject-input" />
          <Group>
            <Button
              variant="light"
              disabled={!subject.trim()}
              loading={add.isPending}
              onClick={() => add.mutate({ unitId, subject }, { onSuccess: () => (setSubject(''), setUnitId(null)) })}
              data-testid="agenda-add"
            >
              {t('sessions.item.add')}
            </Button>
          </Group>
          <ProblemAlert error={add.error} />
        </Stack>
      ) : null}
    </Card>
  );
}

/** Escalated demands and overdue referrals the working group could take up. */
function Candidates({ s }: { s: SessionDetail }) {
  const { t, language } = useI18n();
  const candidates = useAgendaCandidates(s.id, true);
  const add = useAddAgendaItem(s.id);
  // not yet on the agenda first, demands before referrals (the server's order within each)
  const items = [...(candidates.data?.items ?? [])].sort((a, b) => Number(a.onAgenda) - Number(b.onAgenda) || (a.kind === b.kind ? 0 : a.kind === 'demand' ? -1 : 1));
  return (
    <Card withBorder radius="md" data-testid="candidates">
      <Title order={3} fz="md" mb="xs">
        {t('sessions.candidates')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('sessions.candidatesHint')}
      </Text>
      {candidates.isError ? <QueryError error={candidates.error} onRetry={() => void candidates.refetch()} /> : null}
      {!candidates.data ? (
        <Skeleton height={80} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sessions.noCandidates')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={560} type="auto" offsetScrollbars>
        <Stack gap={6}>
          {items.map((c) => (
            <Paper key={`${c.kind}:${c.refId}`} p="xs" radius="sm" withBorder data-testid="candidate" data-ref={c.refId}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Badge size="xs" color={c.kind === 'demand' ? 'grape' : 'orange'} variant="light">
                      {t(c.kind === 'demand' ? 'sessions.demand' : 'sessions.referral')}
                    </Badge>
                    <Text size="xs" fw={600}>
                      {c.code ? <TrackingCode code={c.code} /> : null}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {c.reason}
                    </Text>
                  </Group>
                  <Text size="sm" dir="auto">
                    {c.subject}
                  </Text>
                  {c.dueDate ? (
                    <Text size="xs" c="dimmed">
                      {t('sessions.candidateDue', { date: formatDate(c.dueDate, language) })}
                    </Text>
                  ) : null}
                </Stack>
                <Button
                  size="compact-sm"
                  variant="light"
                  style={{ flexShrink: 0 }}
                  disabled={c.onAgenda}
                  loading={add.isPending && add.variables?.subject === c.subject}
                  onClick={() => add.mutate({ unitId: c.unitId, ...(c.kind === 'demand' ? { demandId: c.refId } : { referralId: c.refId }), subject: c.subject })}
                  data-testid="candidate-add"
                >
                  {c.onAgenda ? t('sessions.onAgenda') : t('sessions.addToAgenda')}
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
        </ScrollArea.Autosize>
      )}
      <ProblemAlert error={add.error} />
    </Card>
  );
}

function Resolutions({ s, canWrite }: { s: SessionDetail; canWrite: boolean }) {
  const { t, digits, language } = useI18n();
  const agencyOptions = useAgencyOptions();
  const create = useCreateResolution(s.id);
  const [agendaItemId, setAgendaItemId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [agencyIds, setAgencyIds] = useState<string[]>([]);
  const [dueDate, setDueDate] = useState<string | null>(null);
  const [dueValid, setDueValid] = useState(true);
  const missing = [...(!text.trim() ? [t('sessions.res.text')] : []), ...(agencyIds.length === 0 ? [t('sessions.res.agencies')] : []), ...(!dueDate && dueValid ? [t('sessions.res.dueDate')] : [])];
  const err = isApiError(create.error) ? create.error : null;
  return (
    <Card withBorder radius="md" data-testid="resolutions">
      <Title order={3} fz="md" mb="sm">
        {t('sessions.resolutions')}
      </Title>
      {s.resolutions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sessions.noResolutions')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <TableHead columns={[t('sessions.res.code'), t('sessions.res.text'), t('sessions.res.agencies'), t('sessions.res.dueDate'), t('sessions.res.status')]} />
            <Table.Tbody>
              {s.resolutions.map((r) => (
                <Table.Tr key={r.id} data-testid="resolution-row">
                  <Table.Td>
                    <AnchorLink to="/resolutions/$resolutionId" params={{ resolutionId: r.id }} size="sm" fw={600} data-testid="resolution-link">
                      <TrackingCode code={r.code} />
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={3} dir="auto">
                      {r.text}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{r.agencies.map((a) => (language === 'en' ? a.nameEn : a.name)).join('، ')}</Text>
                  </Table.Td>
                  <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(r.dueDate, language)}
                  </Table.Td>
                  <Table.Td w={120} style={{ whiteSpace: 'nowrap' }}>
                    <ResolutionBadge status={r.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canWrite ? (
        <Stack gap="xs" mt="md" data-testid="resolution-form">
          <Select
            label={t('sessions.res.agendaItem')}
            data={s.agenda.filter((i) => i.status !== 'carried_over').map((i) => ({ value: i.id, label: `${digits(i.position)}. ${i.subject}` }))}
            value={agendaItemId}
            onChange={setAgendaItemId}
            clearable
            data-testid="resolution-agenda-item"
            comboboxProps={{ withinPortal: true }}
          />
          <Textarea label={t('sessions.res.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} required error={err?.fieldError('text')} data-testid="resolution-text" />
          <MultiSelect
            label={t('sessions.res.agencies')}
            data={agencyOptions.data} filter={agencyOptions.filter}
            value={agencyIds}
            onChange={setAgencyIds}
            searchable
            required
            error={err?.fieldError('agencyIds')}
            data-testid="resolution-agencies"
            comboboxProps={{ withinPortal: true }}
          />
          <JalaliDateInput
            label={t('sessions.res.dueDate')}
            value={dueDate}
            onChange={setDueDate}
            onValidityChange={setDueValid}
            min={s.heldOn}
            required
            error={err?.fieldError('dueDate')}
            description={t('sessions.res.dueHint', { date: formatDate(s.heldOn, language) })}
            testId="resolution-due"
          />
          <Group>
            <Button
              disabled={missing.length > 0 || !dueValid}
              loading={create.isPending}
              onClick={() =>
                dueDate &&
                create.mutate(
                  { agendaItemId, text, agencyIds, dueDate },
                  {
                    onSuccess: () => {
                      setText('');
                      setAgencyIds([]);
                      setAgendaItemId(null);
                    },
                  },
                )
              }
              data-testid="resolution-submit"
            >
              {t('sessions.res.submit')}
            </Button>
            <FormHint missing={missing} invalid={dueValid ? [] : [t('sessions.res.dueDate')]} />
          </Group>
          {err && !err.fieldErrors.length ? <ProblemAlert error={create.error} /> : null}
        </Stack>
      ) : null}
    </Card>
  );
}

export function SessionPage({ id, role }: { id: string; role: Role }) {
  const { t, digits, language } = useI18n();
  const query = useSession(id);
  const patch = usePatchSession(id);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const s = query.data;
  if (!s) return <Skeleton height={320} radius="md" />;
  const canWrite = can(role, 'PATCH /api/v1/sessions/:id');
  return (
    <>
      <PageHeader
        title={t('sessions.heading', { number: s.number, year: digits(s.fiscalYear) })}
        subtitle={[formatDateWithWeekday(s.heldOn, language), s.location, s.chair ? t('sessions.chairedBy', { chair: s.chair }) : null].filter(Boolean).join(' · ')}
        actions={
          <Group gap="xs">
            <SessionStatusBadge status={s.status} />
            {canWrite && s.status === 'planned' ? (
              // a session whose day has not come cannot have been held (the server refuses it too)
              <Tooltip label={t('sessions.markHeldFuture')} disabled={s.heldOn <= todayInTehran()}>
                <span>
                  <Button
                    variant="light"
                    color="green"
                    loading={patch.isPending}
                    disabled={s.heldOn > todayInTehran()}
                    onClick={() => patch.mutate({ version: s.version, status: 'held' })}
                    data-testid="session-mark-held"
                  >
                    {t('sessions.markHeld')}
                  </Button>
                </span>
              </Tooltip>
            ) : null}
            <Button component="a" href={minutesUrl(s.id)} target="_blank" rel="noopener" leftSection={<PrinterIcon size={16} />} data-testid="minutes-open">
              {t('sessions.minutes')}
            </Button>
            <Button component="a" href={minutesUrl(s.id, 'pdf')} variant="subtle" data-testid="minutes-pdf">
              {t('sessions.minutesPdf')}
            </Button>
          </Group>
        }
      />
      <ProblemAlert error={patch.error} />
      {s.title ? (
        <Text mb="md" fw={500}>
          {s.title}
        </Text>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Agenda s={s} canWrite={canWrite} />
            <Resolutions s={s} canWrite={canWrite} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <Attendance s={s} canWrite={canWrite} key={s.id} />
            {canWrite ? <Candidates s={s} /> : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
