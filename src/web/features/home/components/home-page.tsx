import { Grid, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { AsOfBadge } from '../../../components/as-of-badge.js';
import { PageHeader } from '../../../components/page-header.js';
import { formatInstant } from '../../../lib/date-time.js';
import { QueryError } from '../../../components/query-error.js';
import { StatCard } from '../../../components/stat-card.js';
import { AgencyIcon, BankIcon, CalendarIcon, FactoryIcon, UsersIcon } from '../../../components/icons.js';
import { fiscalYearElapsed, formatDateLong } from '../../../lib/dates.js';
import { UNIT_STATUSES, type UnitStatus } from '../../../../shared/machines.js';
import { useI18n } from '../../../lib/i18n.js';
import type { Role } from '../../../../shared/roles.js';
import { useAuthorization } from '../../../lib/authorization.js';
import type { HomeStats, RoleHome } from '../api/home-api.js';
import { useHomeStats, useRoleHome } from '../hooks/use-home-stats.js';
import { ExecutiveHomeView, NationalHomeView } from './leadership-homes.js';
import { AgencyHomeView, BankHomeView, ProducerHomeView, SecretariatHomeView } from './work-homes.js';

const STATUS_ORDER = UNIT_STATUSES;

const STATUS_COLOR: Record<UnitStatus, string> = {
  active: 'brand.6',
  semi_active: 'yellow.6',
  idle: 'orange.7',
  closed: 'red.8',
};

/**
 * The home page: each role lands on its own work for today (GET /home); the administrator on the installation's
 * counts. The cards are the same few pieces (home-sections.tsx), one column on a phone.
 */
export function HomePage({ fullName, role }: { fullName: string; role: Role }) {
  const { t, language } = useI18n();
  const isAdmin = role === 'admin';
  const home = useRoleHome(!isAdmin);
  if (isAdmin) return <CountsHome fullName={fullName} />;
  const data = home.data;
  return (
    <>
      <PageHeader title={t('home.title')} subtitle={t('home.greeting', { name: fullName })} />
      {home.isError ? <QueryError error={home.error} onRetry={() => void home.refetch()} /> : null}
      {!data ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Skeleton height={180} radius="md" />
          <Skeleton height={180} radius="md" />
        </SimpleGrid>
      ) : (
        <>
          {'asOf' in data && data.asOf ? (
            <AsOfBadge label={t('home.asOf', { time: formatInstant(data.asOf, language) })} hint={t('home.asOf.hint')} testId="home-as-of" />
          ) : null}
          <RoleHomeView home={data} />
        </>
      )}
    </>
  );
}

function RoleHomeView({ home }: { home: RoleHome }) {
  const { can } = useAuthorization();
  switch (home.role) {
    case 'agency':
      return <AgencyHomeView home={home} />;
    case 'bank':
      return <BankHomeView home={home} />;
    case 'executive':
      return <ExecutiveHomeView home={home} />;
    case 'national':
      return <NationalHomeView home={home} />;
    case 'secretariat':
      return <SecretariatHomeView home={home} />;
    case 'producer':
      return <ProducerHomeView home={home} canFileDemand={can('POST /api/v1/demands')} />;
    case 'admin':
      return null;
  }
}

/** The installation's counts: units by status, users, agencies, banks and the fiscal year (the administrator's home). */
function CountsHome({ fullName }: { fullName: string }) {
  const { t, n } = useI18n();
  const stats = useHomeStats();
  const data = stats.data;
  const value = (count: number | undefined) => (count === undefined ? null : n(count));

  return (
    <>
      <PageHeader title={t('home.title')} subtitle={t('home.greeting', { name: fullName })} />

      {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}

      <SimpleGrid cols={{ base: 1, xs: 2, lg: data?.users === null ? 3 : 4 }} spacing="md" mb="md">
        <StatCard
          testId="stat-units"
          label={t('home.units')}
          hint={t('home.unitsHint')}
          value={value(data?.units)}
          icon={<FactoryIcon size={24} />}
        />
        {data?.users === null ? null : (
          <StatCard
            testId="stat-users"
            label={t('home.users')}
            hint={t('home.usersHint')}
            value={value(data?.users)}
            icon={<UsersIcon size={24} />}
            color="indigo"
          />
        )}
        <StatCard
          testId="stat-agencies"
          label={t('home.agencies')}
          hint={t('home.agenciesHint')}
          value={value(data?.agencies)}
          icon={<AgencyIcon size={24} />}
          color="cyan"
        />
        <StatCard
          testId="stat-banks"
          label={t('home.banks')}
          hint={t('home.banksHint')}
          value={value(data?.banks)}
          icon={<BankIcon size={24} />}
          color="gold"
        />
      </SimpleGrid>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <UnitsByStatus stats={data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <FiscalYearCard stats={data} />
        </Grid.Col>
      </Grid>
    </>
  );
}

function UnitsByStatus({ stats }: { stats: HomeStats | undefined }) {
  const { t, n, status } = useI18n();
  const total = stats ? STATUS_ORDER.reduce((sum, code) => sum + stats.unitsByStatus[code], 0) : 0;
  const percent = (count: number) => (total === 0 ? 0 : Math.round((count / total) * 100));

  return (
    <Paper withBorder radius="md" p="lg" shadow="xs" h="100%" data-testid="units-by-status">
      <Title order={2} fz="md" fw={600} mb="md">
        {t('home.unitsByStatus')}
      </Title>
      {!stats ? (
        <Stack gap="sm">
          <Skeleton height={14} radius="xl" />
          <Skeleton height={60} />
        </Stack>
      ) : total === 0 ? (
        <Text c="dimmed" size="sm">
          {t('home.unitsByStatusEmpty')}
        </Text>
      ) : (
        <>
          <Progress.Root size={14} radius="xl" mb="lg">
            {STATUS_ORDER.map((code) => {
              const count = stats.unitsByStatus[code];
              if (count === 0) return null;
              return (
                <Tooltip key={code} label={`${status('unit', code)}: ${n(count)}`}>
                  <Progress.Section value={(count / total) * 100} color={STATUS_COLOR[code]} aria-label={`${status('unit', code)}: ${n(count)}`} />
                </Tooltip>
              );
            })}
          </Progress.Root>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            {STATUS_ORDER.map((code) => (
              <Stack key={code} gap={2} data-testid={`units-status-${code}`}>
                <Group gap={6} wrap="nowrap">
                  <span
                    aria-hidden="true"
                    style={{
                      width: 10,
                      height: 10,
                      borderRadius: 3,
                      background: `var(--mantine-color-${STATUS_COLOR[code].replace('.', '-')})`,
                    }}
                  />
                  <Text size="sm" c="dimmed">
                    {status('unit', code)}
                  </Text>
                </Group>
                <Group gap={6} align="baseline">
                  <Text fz={22} fw={700} c="dark.7">
                    {n(stats.unitsByStatus[code])}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('home.share', { percent: percent(stats.unitsByStatus[code]) })}
                  </Text>
                </Group>
              </Stack>
            ))}
          </SimpleGrid>
        </>
      )}
    </Paper>
  );
}

function FiscalYearCard({ stats }: { stats: HomeStats | undefined }) {
  const { t, n, digits, language } = useI18n();
  const elapsed = stats ? fiscalYearElapsed(stats.fiscalYear, stats.today) : 0;
  return (
    <Paper withBorder radius="md" p="lg" shadow="xs" h="100%" data-testid="fiscal-year">
      <Group gap="xs" mb="md" c="brand.8">
        <CalendarIcon size={20} />
        <Title order={2} fz="md" fw={600} c="dark.7">
          {stats ? t('home.fiscalYear', { year: digits(stats.fiscalYear) }) : <Skeleton height={18} width={120} />}
        </Title>
      </Group>
      {stats ? (
        <Stack gap={4}>
          <Text fz={40} fw={700} lh={1} c="brand.8">
            {n(stats.daysLeftInFiscalYear)}
          </Text>
          <Text size="sm" c="dark.5">
            {t('home.daysLeft')}
          </Text>
          <Progress value={elapsed * 100} color="gold.6" size="sm" radius="xl" mt="md" aria-label={t('home.yearElapsed', { percent: Math.round(elapsed * 100) })} />
          <Group justify="space-between" mt={4}>
            <Text size="xs" c="dimmed">
              {t('home.yearElapsed', { percent: Math.round(elapsed * 100) })}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateLong(stats.today, language)}
            </Text>
          </Group>
        </Stack>
      ) : (
        <Skeleton height={60} />
      )}
    </Paper>
  );
}
