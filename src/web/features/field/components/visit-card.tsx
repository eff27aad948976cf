import { Anchor, Badge, Card, Divider, Group, List, Stack, Text } from '@mantine/core';
import { ButtonLink } from '../../../components/router-links.js';
import { daysBetween } from '../../../../shared/jalali.js';
import { formatDate, formatDateWithWeekday, todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import type { FieldKitRecord } from '../types.js';

/** One planned visit as the team reads it before going in: a card that fits a 390 px phone, no table. */
export function VisitCard({ kit, hasDraft, recorded }: { kit: FieldKitRecord; hasDraft: boolean; recorded: 'queued' | 'sent' | null }) {
  const { t, digits, language } = useI18n();
  const { visit, field } = kit;
  const unit = field.unit;
  const days = daysBetween(todayInTehran(), visit.visitDate);
  return (
    <Card withBorder radius="md" padding="md" data-testid="field-visit-card" data-visit-id={visit.id}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text fw={700} size="md" lh={1.4} dir="auto">
            {unit.name}
          </Text>
          <Group gap={4} wrap="nowrap">
            {recorded ? (
              <Badge color={recorded === 'sent' ? 'green' : 'blue'} variant="light" data-testid="card-recorded">
                {t(recorded === 'sent' ? 'field.card.sent' : 'field.card.queued')}
              </Badge>
            ) : hasDraft ? (
              <Badge color="gold" variant="light" data-testid="card-draft">
                {t('field.card.draft')}
              </Badge>
            ) : null}
            {days === 0 ? <Badge variant="filled">{t('field.card.today')}</Badge> : days < 0 ? <Badge color="orange" variant="light">{t('field.card.overduePlan')}</Badge> : null}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {formatDateWithWeekday(visit.visitDate, language)} · {t('field.card.team')}: {visit.team}
        </Text>
        <Divider />
        <Text size="sm">
          <Text span fw={600}>
            {t('field.card.address')}:{' '}
          </Text>
          {unit.address ?? '—'}
        </Text>
        <Group gap="lg">
          <Text size="sm">
            <Text span fw={600}>
              {t('field.card.phone')}:{' '}
            </Text>
            {unit.phone ? (
              <Anchor href={`tel:${unit.phone}`} dir="ltr">
                {digits(unit.phone)}
              </Anchor>
            ) : (
              '—'
            )}
          </Text>
          <Text size="sm">
            <Text span fw={600}>
              {t('field.card.manager')}:{' '}
            </Text>
            {unit.managerName ?? '—'}
          </Text>
        </Group>
        {field.lastVisit ? (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t('field.card.lastVisit', { date: formatDate(field.lastVisit.visitDate, language) })}
            </Text>
            <Text size="sm" c="dark.4" lineClamp={4} style={{ whiteSpace: 'pre-line' }} dir="auto" data-testid="card-last-findings">
              {field.lastVisit.findings ?? '—'}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('field.card.noLastVisit')}
          </Text>
        )}
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t('field.card.openDemands', { count: field.openDemands.length })}
          </Text>
          {field.openDemands.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('field.card.noOpenDemands')}
            </Text>
          ) : (
            <List size="sm" spacing={2} data-testid="card-open-demands">
              {field.openDemands.map((d) => (
                <List.Item key={d.id}>
                  <Text span size="sm" dir="auto">
                    {d.title}
                  </Text>{' '}
                  <Text span size="xs" c="dimmed">
                    ({d.agencyName ?? d.categoryName} — {t('field.card.due', { date: formatDate(d.dueDate, language) })})
                  </Text>{' '}
                  {d.overdue ? (
                    <Badge size="xs" color="red" variant="light">
                      {t('field.card.overdue')}
                    </Badge>
                  ) : null}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
        {recorded ? null : (
          <ButtonLink to="/field/visits/$visitId" params={{ visitId: visit.id }} fullWidth mt="xs" data-testid={`record-${visit.id}`}>
            {hasDraft ? t('field.card.continue') : t('field.card.record')}
          </ButtonLink>
        )}
      </Stack>
    </Card>
  );
}
