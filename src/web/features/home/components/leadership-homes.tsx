/** The homes of those who read the figures: the governor's office (executive) and the national HQ. */
import { Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ExecutiveHome, NationalHome, NextSession } from '../../../../shared/contracts/home.js';
import { formatBillionRials } from '../../../../shared/money.js';
import { AnchorLink } from '../../../components/router-links.js';
import { TrackingCode } from '../../../components/tracking-code.js';
import { formatDate, formatDateLong } from '../../../lib/dates.js';
import { formatNumber, useI18n, type Language } from '../../../lib/i18n.js';
import { HomeItem, HomeSection } from './home-sections.js';
import { TableHead, figureColumn } from '../../../components/record-table.js';

/** A rate (0..1) as ۶۶٫۸٪ or 66.8%; a dash when there is no divisor. */
export function formatRate(rate: number | null, language: Language): string {
  if (rate === null) return '—';
  const text = formatNumber(rate * 100, language, 1);
  return language === 'fa' ? `${text}٪` : `${text}%`;
}

function billions(rials: string, language: Language): string {
  return formatBillionRials(BigInt(rials), language, 1);
}

export function ExecutiveHomeView({ home }: { home: ExecutiveHome }) {
  const { t, digits, language } = useI18n();
  const { pace, implementation } = home;
  const year = digits(home.fiscalYear);
  const yearGone = pace.daysInYear ? pace.daysElapsed / pace.daysInYear : null;
  const days = (d: number) => formatNumber(d, language, 1);
  return (
    <Stack gap="md" data-testid="home-executive">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder radius="md" p="md" shadow="xs" component="section" aria-label={t('home.exec.pace', { year })} data-testid="home-pace">
          <Group justify="space-between" mb="xs" wrap="nowrap">
            <Title order={2} fz="md" fw={600}>
              {t('home.exec.pace', { year })}
            </Title>
            <AnchorLink to="/stats/overview" size="sm">
              {t('home.exec.openDashboard')}
            </AnchorLink>
          </Group>
          <Text fz={34} fw={700} lh={1.1} c="brand.8" className="tabular" data-testid="home-pace-rate">
            {formatRate(pace.absorbedRate, language)}
          </Text>
          <Progress.Root size={10} radius="xl" my="sm" aria-hidden="true">
            <Progress.Section value={Math.min(100, (pace.absorbedRate ?? 0) * 100)} color="brand.6" />
          </Progress.Root>
          <Text size="sm" c="dark.6">
            {t('home.exec.paidOfQuota', { paid: billions(pace.paidAmount, language), quota: billions(pace.quotaAmount, language) })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('home.exec.forecast', { rate: formatRate(pace.forecastRate, language) })} · {t('home.exec.yearGone', { rate: formatRate(yearGone, language) })}
          </Text>
        </Paper>
        <Paper withBorder radius="md" p="md" shadow="xs" component="section" aria-label={t('home.exec.implementation')} data-testid="home-implementation">
          <Group justify="space-between" mb="xs" wrap="nowrap">
            <Title order={2} fz="md" fw={600}>
              {t('home.exec.implementation')}
            </Title>
            <AnchorLink to="/resolutions" size="sm">
              {t('home.seeAll', { count: implementation.due })}
            </AnchorLink>
          </Group>
          <Text fz={34} fw={700} lh={1.1} c="brand.8" className="tabular" data-testid="home-implementation-rate">
            {formatRate(implementation.rate, language)}
          </Text>
          <Text size="sm" c="dark.6" mt="sm">
            {t('home.exec.implementationOf', { done: implementation.done, due: implementation.due })}
          </Text>
          {implementation.overdue > 0 ? (
            <Text size="sm" c="red.8" fw={600}>
              {t('home.exec.implementationOverdue', { count: implementation.overdue })}
            </Text>
          ) : null}
        </Paper>
        <HomeSection
          title={t('home.exec.slowestBanks')}
          testId="home-slowest-banks"
          empty={t('home.exec.noFigures')}
          more={<AnchorLink to="/stats/banks" size="sm">{t('home.bank.openStats')}</AnchorLink>}
        >
          {home.slowestBanks.map((b) => (
            <HomeItem
              key={b.bankId}
              testId="home-slow-bank"
              link={
                <AnchorLink to="/stats/banks" size="sm" fw={500} dir="auto">
                  {b.bankName}
                </AnchorLink>
              }
              meta={`${t('home.exec.medianDays', { days: days(b.medianDaysToDecision) })} · ${t('home.exec.overdueCount', { count: b.overdue })}`}
            />
          ))}
        </HomeSection>
        <HomeSection
          title={t('home.exec.slowestAgencies')}
          testId="home-slowest-agencies"
          empty={t('home.exec.noFigures')}
          more={<AnchorLink to="/stats/agencies" size="sm">{t('home.exec.openAgencies')}</AnchorLink>}
        >
          {home.slowestAgencies.map((a) => (
            <HomeItem
              key={a.agencyId}
              testId="home-slow-agency"
              link={
                <AnchorLink to="/stats/agencies" size="sm" fw={500} dir="auto">
                  {a.agencyName}
                </AnchorLink>
              }
              meta={`${t('home.exec.medianDays', { days: days(a.medianDaysToResolve) })} · ${t('home.exec.overdueCount', { count: a.demandsOverdue })}`}
            />
          ))}
        </HomeSection>
      </SimpleGrid>
      <NextSessionCard session={home.nextSession} />
    </Stack>
  );
}

/** The next session of the working group and what it will discuss. */
export function NextSessionCard({ session }: { session: NextSession | null }) {
  const { t, language } = useI18n();
  return (
    <HomeSection
      title={t('home.nextSession')}
      total={session ? session.agenda.length : 0}
      testId="home-next-session"
      empty={session ? t('home.nextSession.noAgenda') : t('home.nextSession.none')}
      more={
        session ? (
          <AnchorLink to="/sessions/$sessionId" params={{ sessionId: session.id }} size="sm" data-testid="open-next-session">
            {t('home.nextSession.when', { number: session.number, date: formatDateLong(session.heldOn, language) })}
          </AnchorLink>
        ) : undefined
      }
    >
      {session?.agenda.map((a) => (
        <HomeItem
          key={a.id}
          testId="home-agenda-item"
          link={
            <Text size="sm" fw={500} dir="auto">
              {a.subject}
            </Text>
          }
          meta={
            <>
              {a.unitId && a.unitName ? (
                <AnchorLink to="/units/$unitId" params={{ unitId: a.unitId }} size="xs" dir="auto">
                  {a.unitName}
                </AnchorLink>
              ) : null}
              {a.demandId && a.demandCode ? (
                <>
                  {' · '}
                  <AnchorLink to="/demands/$demandId" params={{ demandId: a.demandId }} size="xs">
                    <TrackingCode code={a.demandCode} />
                  </AnchorLink>
                </>
              ) : null}
              {a.referralId && a.referralCode ? (
                <>
                  {' · '}
                  <AnchorLink to="/referrals/$referralId" params={{ referralId: a.referralId }} size="xs">
                    <TrackingCode code={a.referralCode} />
                  </AnchorLink>
                </>
              ) : null}
            </>
          }
        />
      ))}
    </HomeSection>
  );
}

export function NationalHomeView({ home }: { home: NationalHome }) {
  const { t, n, digits, language } = useI18n();
  const year = digits(home.fiscalYear);
  return (
    <Paper withBorder radius="md" p="md" shadow="xs" component="section" aria-label={t('home.national.provinces', { year })} data-testid="home-national">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} fz="md" fw={600}>
          {t('home.national.provinces', { year })}
        </Title>
        <AnchorLink to="/stats/provinces" size="sm">
          {t('home.national.open')}
        </AnchorLink>
      </Group>
      <Table.ScrollContainer minWidth={520}>
        <Table striped highlightOnHover verticalSpacing={6} fz="sm" data-testid="home-provinces">
          <TableHead
            columns={[
              t('home.national.province'),
              figureColumn(t('home.national.units')),
              figureColumn(t('home.national.referred')),
              figureColumn(t('home.national.paid')),
              figureColumn(t('home.national.paidAmount')),
              figureColumn(t('home.national.quotaUsed')),
            ]}
          />
          <Table.Tbody>
            {home.provinces.filter((p) => p.units > 0 || p.referred > 0).map((p) => (
              <Table.Tr key={p.provinceId} data-province={p.provinceId}>
                <Table.Td>
                  <AnchorLink to="/stats/provinces" size="sm" dir="auto">
                    {p.provinceName}
                  </AnchorLink>
                </Table.Td>
                <Table.Td ta="end" className="tabular">{n(p.units)}</Table.Td>
                <Table.Td ta="end" className="tabular">{n(p.referred)}</Table.Td>
                <Table.Td ta="end" className="tabular">{n(p.paid)}</Table.Td>
                <Table.Td ta="end" className="tabular">{billions(p.paidAmount, language)}</Table.Td>
                <Table.Td ta="end" className="tabular">{formatRate(p.quotaUsedRate, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt="xs">
        {formatDate(home.today, language)}
      </Text>
    </Paper>
  );
}
