import { Group, Paper, Skeleton, Stack, Table, Text, ThemeIcon, Title, Tooltip, type MantineRadius } from '@mantine/core';
import type { ReactNode } from 'react';
import { AsOfBadge } from '../../../components/as-of-badge.js';
import { formatInstant } from '../../../lib/date-time.js';
import { useI18n } from '../../../lib/i18n.js';
import { useStatsFormat } from './stats-format.js';
import classes from './stats.module.css';

/** A titled card: every block of the statistics pages sits in one. */
export function Section({ title, subtitle, actions, children, testId, h }: { title: string; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string; h?: string | number }) {
  return (
    <Paper withBorder radius="md" p="lg" shadow="xs" data-testid={testId} h={h}>
      <Group justify="space-between" align="flex-start" mb="md" gap="sm" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} className={classes.sectionTitle}>
            {title}
          </Title>
          {subtitle ? (
            <Text size="xs" c="dimmed">
              {subtitle}
            </Text>
          ) : null}
        </Stack>
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </Group>
      {children}
    </Paper>
  );
}

/** A headline figure with its icon; `children` carry the breakdown under it. */
export function KpiCard({ label, icon, color = 'brand', value, unit, children, testId }: { label: string; icon: ReactNode; color?: string; value: ReactNode; unit?: string; children?: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="md" shadow="xs" h="100%" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm" mb={6}>
        <Text size="sm" fw={600} c="dark.5">
          {label}
        </Text>
        <ThemeIcon size={34} radius="md" variant="light" color={color}>
          {icon}
        </ThemeIcon>
      </Group>
      <Group gap={6} align="baseline" wrap="nowrap">
        <span className={classes.kpiValue} data-testid={testId ? `${testId}-value` : undefined}>
          {value}
        </span>
        {unit ? <span className={classes.kpiUnit}>{unit}</span> : null}
      </Group>
      {children ? <Stack gap={6} mt="sm">{children}</Stack> : null}
    </Paper>
  );
}

/** An amount in billion rials with the exact rials on hover. */
export function Amount({ rials, fractionDigits = 1, testId }: { rials: string; fractionDigits?: number; testId?: string }) {
  const f = useStatsFormat();
  return (
    <Tooltip label={f.exact(rials)} withArrow openDelay={150}>
      <span className="tabular" data-testid={testId} data-rials={rials}>
        {f.amount(rials, fractionDigits)}
      </span>
    </Tooltip>
  );
}

/** A small «label … value» line under a headline figure. */
export function FigureLine({ label, children, color }: { label: ReactNode; children: ReactNode; color?: string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} c={color ?? 'dark.6'} className="tabular">
        {children}
      </Text>
    </Group>
  );
}

/**
 * «به‌روز تا …»: the figures were read on a replica running behind the primary (the answer's `asOf`); nothing when
 * they are current.
 */
export function AsOfNote({ asOf }: { asOf: string | undefined }) {
  const { t, language } = useI18n();
  if (!asOf) return null;
  return <AsOfBadge label={t('stats.asOf', { time: formatInstant(asOf, language) })} hint={t('stats.asOf.hint')} testId="stats-as-of" />;
}

/** The grey lines a statistics table shows while its rows load: `count` rows, each one cell across the table. */
export function LoadingRows({ count, colSpan, height = 14, radius }: { count: number; colSpan: number; height?: number; radius?: MantineRadius }) {
  return Array.from({ length: count }, (_, i) => (
    <Table.Tr key={i}>
      <Table.Td colSpan={colSpan}>
        <Skeleton h={height} radius={radius} />
      </Table.Td>
    </Table.Tr>
  ));
}
