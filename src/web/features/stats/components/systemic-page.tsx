import { Alert, Badge, Button, Group, Modal, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { FormHint } from '../../../components/form-hint.js';
import { useState } from 'react';
import { AnchorLink, ButtonLink } from '../../../components/router-links.js';
import { formatDateLong } from '../../../lib/dates.js';
import { isApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import type { SystemicObstacle } from '../api/stats-api.js';
import { usePlannedSessions, useProposeAgendaItem, useSystemic } from '../hooks/use-stats.js';
import { toFilters, type StatsSearch } from './stats-search.js';
import { useStatsFormat, type StatsViewer } from './stats-format.js';
import { can } from '../../../lib/authorization.js';
import { StatsPage } from './stats-page.js';

/**
 * Systemic obstacles: the same kind of demand raised by many units — removed once at its cause rather than
 * unit by unit — and offered to the working group as an agenda item of its next planned session.
 */
export function SystemicPage({ search, onSearchChange, viewer }: { search: StatsSearch; onSearchChange: (next: StatsSearch) => void; viewer: StatsViewer }) {
  const { t, n } = useI18n();
  const f = useStatsFormat();
  const filters = toFilters(search);
  const list = useSystemic(filters);
  const canPropose = can(viewer.role, 'POST /api/v1/sessions/:id/agenda');
  const [proposing, setProposing] = useState<SystemicObstacle | null>(null);
  const data = list.data;
  return (
    <StatsPage title={t('stats.systemic.title')} subtitle="stats.systemic.subtitle" search={search} onSearchChange={onSearchChange} asOf={data?.asOf} query={list}>
      {data ? (
        <Text size="sm" c="dimmed" mb="md" data-testid="systemic-rule">
          {t('stats.systemic.rule', { minUnits: data.minUnits, threshold: f.rate(data.threshold, 0), count: data.items.length })}
        </Text>
      ) : null}
      <Stack gap="md" data-testid="systemic-list">
        {!data
          ? Array.from({ length: 3 }, (_, i) => <Skeleton key={i} h={150} radius="md" />)
          : data.items.map((item, index) => (
              <Paper key={item.key} withBorder radius="md" p="lg" shadow="xs" data-testid="systemic-item">
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
                  <Stack gap={6} style={{ flex: 1 }}>
                    <Group gap="xs">
                      <Badge variant="light" color="gray" radius="sm" className="tabular">
                        {n(index + 1)}
                      </Badge>
                      <Badge variant="light" color="indigo" radius="sm" styles={{ root: { maxWidth: 'none' } }}>
                        {item.categoryName}
                      </Badge>
                    </Group>
                    <Text fw={700} fz="lg" dir="auto">
                      {item.title}
                    </Text>
                  </Stack>
                  <Group gap="lg" wrap="nowrap">
                    <Figure value={n(item.unitCount)} label={t('stats.systemic.units')} color="brand.8" />
                    <Figure value={n(item.demandCount)} label={t('stats.systemic.demands')} />
                    <Figure value={n(item.openCount)} label={t('stats.systemic.open')} color={item.openCount ? 'orange.8' : 'dimmed'} />
                  </Group>
                </Group>
                <SimpleGrid cols={{ base: 1, md: 3 }} mt="md" spacing="md">
                  <Stack gap={4}>
                    <Text size="xs" fw={600} c="dimmed">
                      {t('stats.systemic.unitsList')}
                    </Text>
                    {item.units.map((u) =>
                      viewer.canOpenUnits ? (
                        <AnchorLink key={u.id} to="/units/$unitId" params={{ unitId: u.id }} size="sm" dir="auto">
                          {u.name}
                        </AnchorLink>
                      ) : (
                        <Text key={u.id} size="sm" dir="auto">
                          {u.name}
                        </Text>
                      ),
                    )}
                  </Stack>
                  <Stack gap={4}>
                    <Text size="xs" fw={600} c="dimmed">
                      {t('stats.systemic.agencies')}
                    </Text>
                    {item.agencies.length ? (
                      item.agencies.map((a) => (
                        <Text key={a.id} size="sm" dir="auto">
                          {a.name}
                        </Text>
                      ))
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('stats.systemic.noAgency')}
                      </Text>
                    )}
                  </Stack>
                  <Stack gap={4}>
                    <Text size="xs" fw={600} c="dimmed">
                      {t('stats.systemic.counties')}
                    </Text>
                    <Group gap={6}>
                      {item.counties.map((c) => (
                        <Badge key={c.id} variant="outline" color="gray" radius="sm" fw={500}>
                          {c.name}
                        </Badge>
                      ))}
                    </Group>
                    {canPropose ? (
                      <Button mt="sm" size="xs" variant="light" onClick={() => setProposing(item)} style={{ alignSelf: 'flex-start' }} data-testid="systemic-propose">
                        {t('stats.systemic.propose')}
                      </Button>
                    ) : null}
                  </Stack>
                </SimpleGrid>
              </Paper>
            ))}
        {data && data.items.length === 0 ? (
          <Paper withBorder radius="md" p="xl">
            <Text c="dimmed" ta="center">
              {t('stats.systemic.empty')}
            </Text>
          </Paper>
        ) : null}
      </Stack>
      {canPropose ? <ProposeModal item={proposing} onClose={() => setProposing(null)} /> : null}
    </StatsPage>
  );
}

function Figure({ value, label, color }: { value: string; label: string; color?: string }) {
  return (
    <Stack gap={0} align="center" miw={64}>
      <Text fz={24} fw={700} c={color ?? 'dark.7'} className="tabular" lh={1.2}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

/** Puts the obstacle on the agenda of a planned session of the working group (the sessions module's API). */
function ProposeModal({ item, onClose }: { item: SystemicObstacle | null; onClose: () => void }) {
  const { t, digits, language } = useI18n();
  const sessions = usePlannedSessions(item !== null);
  const propose = useProposeAgendaItem();
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [subject, setSubject] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const planned = sessions.data?.items ?? [];
  const chosen = sessionId ?? planned[0]?.id ?? null;
  const defaultSubject = item
    ? t('stats.systemic.subject', { title: item.title, category: item.categoryName, units: item.unitCount, counties: item.counties.map((c) => c.name).join('، ') })
    : '';
  const text = subject ?? defaultSubject;
  const close = () => {
    setSessionId(null);
    setSubject(null);
    setDone(false);
    propose.reset();
    onClose();
  };
  return (
    <Modal opened={item !== null} onClose={close} title={t('stats.systemic.proposeTitle')} size="lg" centered>
      {done ? (
        <Stack>
          <Alert color="brand" variant="light" data-testid="propose-done">
            {t('stats.systemic.proposed')}
          </Alert>
          <Group justify="flex-end">
            {chosen ? (
              <ButtonLink to="/sessions/$sessionId" params={{ sessionId: chosen }} variant="light">
                {t('stats.systemic.openSession')}
              </ButtonLink>
            ) : null}
            <Button onClick={close}>{t('stats.close')}</Button>
          </Group>
        </Stack>
      ) : sessions.data && planned.length === 0 ? (
        <Stack>
          <Text size="sm">{t('stats.systemic.noPlanned')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('stats.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen && text.trim()) propose.mutate({ sessionId: chosen, subject: text.trim() }, { onSuccess: () => setDone(true) });
          }}
        >
          <Stack>
            <Select
              label={t('stats.systemic.session')}
              data={planned.map((s) => ({ value: s.id, label: t('stats.systemic.sessionOption', { number: s.number, year: digits(s.fiscalYear), date: formatDateLong(s.heldOn, language) }) }))}
              value={chosen}
              onChange={setSessionId}
              allowDeselect={false}
              disabled={!sessions.data}
              data-testid="propose-session"
            />
            <Textarea label={t('stats.systemic.subjectLabel')} value={text} onChange={(e) => setSubject(e.currentTarget.value)} autosize minRows={3} data-testid="propose-subject" />
            {propose.isError ? (
              <Alert color="red" variant="light">
                {isApiError(propose.error) ? propose.error.title : t('common.errorTitle')}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <FormHint missing={[...(!chosen ? [t('stats.systemic.session')] : []), ...(!text.trim() ? [t('stats.systemic.subjectLabel')] : [])]} />
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={propose.isPending} disabled={!chosen || !text.trim()} data-testid="propose-save">
                {t('stats.systemic.proposeSave')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
