import { Button, Card, CloseButton, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { JalaliDateInput } from '../../../components/jalali-date-input.js';
import { addDays } from '../../../../shared/jalali.js';
import { todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { referenceName } from '../../../lib/reference.js';
import { newId } from '../lib/ids.js';
import type { DraftDemand, FieldReference } from '../types.js';

export interface DemandsSectionProps {
  demands: DraftDemand[];
  reference: FieldReference;
  onChange: (demands: DraftDemand[]) => void;
  errorOf: (path: string) => string | undefined;
}

/**
 * The demands heard on the visit, each with its category, responsible agency and due date (Jalali). The category
 * suggests the agency and the deadline, as on the desk form; the lists come from the download, so this works offline.
 * Native selects: on a phone they open the system's own picker.
 */
export function DemandsSection({ demands, reference, onChange, errorOf }: DemandsSectionProps) {
  const { t, language } = useI18n();
  const set = (i: number, change: Partial<DraftDemand>) => onChange(demands.map((d, j) => (j === i ? { ...d, ...change } : d)));
  const chooseCategory = (i: number, code: string) => {
    const category = reference.categories.find((c) => c.code === code);
    const d = demands[i]!;
    set(i, {
      categoryCode: code,
      ...(category?.defaultAgencyId && !d.agencyId ? { agencyId: category.defaultAgencyId } : {}),
      ...(category && !d.dueDate ? { dueDate: addDays(todayInTehran(), category.deadlineDays) } : {}),
    });
  };
  const categories = [{ value: '', label: t('field.record.choose') }, ...reference.categories.map((c) => ({ value: c.code, label: referenceName(c, language) }))];
  const agencies = [{ value: '', label: t('field.record.choose') }, ...reference.agencies.map((a) => ({ value: a.code, label: referenceName(a, language) }))];

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} fz="md">
          {t('field.record.demands', { count: demands.length })}
        </Title>
        {demands.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('field.record.noDemands')}
          </Text>
        ) : null}
        {demands.map((d, i) => (
          <Card key={d.key} withBorder radius="sm" padding="sm" data-testid="draft-demand">
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600} size="sm">
                  {t('field.record.demand', { n: i + 1 })}
                </Text>
                <CloseButton aria-label={t('field.record.removeDemand')} onClick={() => onChange(demands.filter((_, j) => j !== i))} />
              </Group>
              <TextInput label={t('field.record.demandTitle')} value={d.title} onChange={(e) => set(i, { title: e.currentTarget.value })} required maxLength={200} error={errorOf(`demands.${i}.title`)} data-testid={`demand-${i}-title`} />
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
                <NativeSelect label={t('field.record.category')} data={categories} value={d.categoryCode} onChange={(e) => chooseCategory(i, e.currentTarget.value)} required error={errorOf(`demands.${i}.categoryCode`)} data-testid={`demand-${i}-category`} />
                <NativeSelect label={t('field.record.agency')} data={agencies} value={d.agencyId} onChange={(e) => set(i, { agencyId: e.currentTarget.value })} error={errorOf(`demands.${i}.agencyId`)} data-testid={`demand-${i}-agency`} />
              </SimpleGrid>
              <JalaliDateInput label={t('field.record.dueDate')} value={d.dueDate} onChange={(v) => set(i, { dueDate: v })} required error={errorOf(`demands.${i}.dueDate`)} testId={`demand-${i}-due`} />
              <Textarea label={t('field.record.demandDescription')} value={d.description} onChange={(e) => set(i, { description: e.currentTarget.value })} autosize minRows={2} maxLength={4000} data-testid={`demand-${i}-description`} />
            </Stack>
          </Card>
        ))}
        <Button variant="light" onClick={() => onChange([...demands, { key: newId(), title: '', description: '', categoryCode: '', agencyId: '', dueDate: null }])} data-testid="add-demand">
          {t('field.record.addDemand')}
        </Button>
      </Stack>
    </Paper>
  );
}
