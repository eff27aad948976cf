import { Paper, Stack, Text, Title } from '@mantine/core';
import type { z } from 'zod';
import type { relatedResolutionSchema } from '../../shared/contracts/common.js';
import { AnchorLink } from './router-links.js';
import { formatDate } from '../lib/dates.js';
import { useI18n } from '../lib/i18n.js';

type RelatedResolution = z.infer<typeof relatedResolutionSchema>;

/** The working group's resolutions about a record (a demand, a referral), linked to their pages. */
export function RelatedResolutions({ items }: { items: RelatedResolution[] | undefined }) {
  const { t, language, status } = useI18n();
  if (!items?.length) return null;
  return (
    <Paper withBorder radius="md" p="md" mt="md" data-testid="related-resolutions">
      <Title order={3} fz="md" mb="sm">
        {t('resolutions.related')}
      </Title>
      <Stack gap="sm">
        {items.map((r) => (
          <Stack key={r.id} gap={2}>
            <AnchorLink to="/resolutions/$resolutionId" params={{ resolutionId: r.id }} size="sm" fw={600}>
              {r.code} — {status('resolution', r.status)}
            </AnchorLink>
            <Text size="sm" dir="auto" lineClamp={3}>
              {r.text}
            </Text>
            <Text size="xs" c="dimmed" className="tabular">
              {t('resolutions.relatedDue', { date: formatDate(r.dueDate, language) })}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
