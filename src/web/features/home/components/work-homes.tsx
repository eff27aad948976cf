/** The homes of those who act on records: an agency, a bank, the secretariat and a producer. */
import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { AgencyHome, BankHome, ProducerHome, SecretariatHome } from '../../../../shared/contracts/home.js';
import { AnchorLink, ButtonLink } from '../../../components/router-links.js';
import { TextWithCodes } from '../../../components/tracking-code.js';
import { formatDate } from '../../../lib/dates.js';
import { formatNumber, useI18n } from '../../../lib/i18n.js';
import { formatJalaliDateTime } from '../../../../shared/jalali.js';
import { DemandItem, HomeItem, HomeSection, ReferralItem, ResolutionItem } from './home-sections.js';
import { NextSessionCard } from './leadership-homes.js';

const GRID = { base: 1, md: 2 } as const;

export function AgencyHomeView({ home }: { home: AgencyHome }) {
  const { t, language } = useI18n();
  const until = formatDate(home.dueSoonUntil, language);
  return (
    <SimpleGrid cols={GRID} spacing="md" data-testid="home-agency">
      <HomeSection
        title={t('home.agency.demandsOverdue')}
        total={home.demandsOverdue.total}
        tone="alert"
        testId="home-demands-overdue"
        more={<AnchorLink to="/demands" search={{ overdue: true }} size="sm">{t('home.seeAll', { count: home.demandsOverdue.total })}</AnchorLink>}
      >
        {home.demandsOverdue.items.map((d) => <DemandItem key={d.id} d={d} />)}
      </HomeSection>
      <HomeSection
        title={t('home.agency.demandsDueSoon', { date: until })}
        total={home.demandsDueSoon.total}
        testId="home-demands-due-soon"
        more={<AnchorLink to="/inbox" size="sm">{t('home.seeAll', { count: home.demandsDueSoon.total })}</AnchorLink>}
      >
        {home.demandsDueSoon.items.map((d) => <DemandItem key={d.id} d={d} />)}
      </HomeSection>
      <HomeSection
        title={t('home.agency.resolutionsOverdue')}
        total={home.resolutionsOverdue.total}
        tone="alert"
        testId="home-resolutions-overdue"
        more={<AnchorLink to="/resolutions" size="sm">{t('home.seeAll', { count: home.resolutionsOverdue.total })}</AnchorLink>}
      >
        {home.resolutionsOverdue.items.map((r) => <ResolutionItem key={r.id} r={r} />)}
      </HomeSection>
      <HomeSection
        title={t('home.agency.resolutionsDueSoon', { date: until })}
        total={home.resolutionsDueSoon.total}
        testId="home-resolutions-due-soon"
        more={<AnchorLink to="/resolutions" size="sm">{t('home.seeAll', { count: home.resolutionsDueSoon.total })}</AnchorLink>}
      >
        {home.resolutionsDueSoon.items.map((r) => <ResolutionItem key={r.id} r={r} />)}
      </HomeSection>
      <HomeSection
        title={t('home.agency.referralsOverdue')}
        total={home.referralsOverdue.total}
        tone="alert"
        testId="home-referrals-overdue"
        more={<AnchorLink to="/referrals" search={{ overdue: true }} size="sm">{t('home.seeAll', { count: home.referralsOverdue.total })}</AnchorLink>}
      >
        {home.referralsOverdue.items.map((r) => <ReferralItem key={r.id} r={r} show="bank" />)}
      </HomeSection>
      <HomeSection
        title={t('home.agency.notifications')}
        total={home.notifications.total}
        testId="home-notifications"
        more={<AnchorLink to="/notifications" size="sm">{t('home.seeAll', { count: home.notifications.total })}</AnchorLink>}
      >
        {home.notifications.items.map((item) => (
          <HomeItem
            key={item.id}
            testId="home-notification"
            link={
              item.refType === 'demand' && item.refId ? (
                <AnchorLink to="/demands/$demandId" params={{ demandId: item.refId }} size="sm" fw={500} dir="auto">
                  <TextWithCodes text={item.title} />
                </AnchorLink>
              ) : item.refType === 'referral' && item.refId ? (
                <AnchorLink to="/referrals/$referralId" params={{ referralId: item.refId }} size="sm" fw={500} dir="auto">
                  <TextWithCodes text={item.title} />
                </AnchorLink>
              ) : item.refType === 'resolution' && item.refId ? (
                <AnchorLink to="/resolutions/$resolutionId" params={{ resolutionId: item.refId }} size="sm" fw={500} dir="auto">
                  <TextWithCodes text={item.title} />
                </AnchorLink>
              ) : (
                <AnchorLink to="/notifications" size="sm" fw={500} dir="auto">
                  <TextWithCodes text={item.title} />
                </AnchorLink>
              )
            }
            meta={formatJalaliDateTime(new Date(item.createdAt), language === 'fa' ? 'fa' : 'latn')}
          />
        ))}
      </HomeSection>
    </SimpleGrid>
  );
}

export function BankHomeView({ home }: { home: BankHome }) {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={GRID} spacing="md" data-testid="home-bank">
      <HomeSection
        title={t('home.bank.toReceive')}
        total={home.toReceive.total}
        testId="home-to-receive"
        more={<AnchorLink to="/bank" size="sm">{t('home.seeAll', { count: home.toReceive.total })}</AnchorLink>}
      >
        {home.toReceive.items.map((r) => <ReferralItem key={r.id} r={r} show="agency" />)}
      </HomeSection>
      <HomeSection
        title={t('home.bank.toDecide')}
        total={home.toDecide.total}
        testId="home-to-decide"
        more={<AnchorLink to="/bank" size="sm">{t('home.seeAll', { count: home.toDecide.total })}</AnchorLink>}
      >
        {home.toDecide.items.map((r) => <ReferralItem key={r.id} r={r} show="agency" />)}
      </HomeSection>
      <BankFigures home={home} />
    </SimpleGrid>
  );
}

function BankFigures({ home }: { home: BankHome }) {
  const { t, n, language } = useI18n();
  const rate = (r: number | null) => (r === null ? '—' : `${formatNumber(r * 100, language, 1)}${language === 'fa' ? '٪' : '%'}`);
  // medians may be halves: «۱۲٫۵»
  const days = (d: number | null) => (d === null ? '—' : formatNumber(d, language, 1));
  const rows = [
    { key: 'own', label: t('home.bank.own'), f: home.own },
    { key: 'province', label: t('home.bank.province'), f: home.province },
  ];
  return (
    <HomeSection title={t('home.bank.figures')} testId="home-bank-figures" more={<AnchorLink to="/stats/banks" size="sm">{t('home.bank.openStats')}</AnchorLink>}>
      {rows.map(({ key, label, f }) => (
        <HomeItem
          key={key}
          testId={`home-bank-${key}`}
          link={
            <Text size="sm" fw={600}>
              {label}
            </Text>
          }
          meta={
            <Group gap="lg" wrap="wrap">
              <span>
                {t('home.bank.approvalRate')}: <Text span fw={700} c="dark.7" size="sm" className="tabular" data-testid="approval-rate">{rate(f.approvalRate)}</Text>
              </span>
              <span>
                {t('home.bank.medianDays')}: <Text span fw={700} c="dark.7" size="sm" className="tabular" data-testid="median-days">{days(f.medianDaysToDecision)}</Text>
              </span>
              <span>
                {t('home.bank.decided')}: <Text span fw={700} c="dark.7" size="sm" className="tabular">{n(f.decided)}</Text>
              </span>
            </Group>
          }
        />
      ))}
    </HomeSection>
  );
}

/** The secretariat's desk. Loan applications waiting for the committee get their card here when that module lands. */
export function SecretariatHomeView({ home }: { home: SecretariatHome }) {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={GRID} spacing="md" data-testid="home-secretariat">
      <HomeSection
        title={t('home.sec.unassigned')}
        total={home.unassignedDemands.total}
        testId="home-unassigned"
        more={<AnchorLink to="/demands" search={{ status: 'registered' }} size="sm">{t('home.seeAll', { count: home.unassignedDemands.total })}</AnchorLink>}
      >
        {home.unassignedDemands.items.map((d) => <DemandItem key={d.id} d={d} />)}
      </HomeSection>
      <HomeSection
        title={t('home.sec.escalated')}
        total={home.escalatedDemands.total}
        tone="alert"
        testId="home-escalated"
        more={<AnchorLink to="/demands" search={{ status: 'escalated' }} size="sm">{t('home.seeAll', { count: home.escalatedDemands.total })}</AnchorLink>}
      >
        {home.escalatedDemands.items.map((d) => <DemandItem key={d.id} d={d} showAgency />)}
      </HomeSection>
      <HomeSection
        title={t('home.sec.claims')}
        total={home.claimsWaiting.total}
        testId="home-claims"
        more={<AnchorLink to="/unit-claims" size="sm">{t('home.seeAll', { count: home.claimsWaiting.total })}</AnchorLink>}
      >
        {home.claimsWaiting.items.map((c) => (
          <HomeItem
            key={c.id}
            testId="home-claim"
            link={
              <AnchorLink to="/unit-claims" size="sm" fw={500} dir="auto">
                {t('home.sec.claimFrom', { name: c.userFullName, unit: c.unitName ?? '—' })}
              </AnchorLink>
            }
          />
        ))}
      </HomeSection>
      <HomeSection
        title={t('home.sec.referralsOverdue')}
        total={home.referralsOverdue.total}
        tone="alert"
        testId="home-referrals-overdue"
        more={<AnchorLink to="/referrals" search={{ overdue: true }} size="sm">{t('home.seeAll', { count: home.referralsOverdue.total })}</AnchorLink>}
      >
        {home.referralsOverdue.items.map((r) => <ReferralItem key={r.id} r={r} show="both" />)}
      </HomeSection>
      <NextSessionCard session={home.nextSession} />
    </SimpleGrid>
  );
}

/** A producer's own page of the HQ. Their loan applications get their card here when that module lands. */
export function ProducerHomeView({ home, canFileDemand }: { home: ProducerHome; canFileDemand: boolean }) {
  const { t, digits, status } = useI18n();
  const unit = home.units[0];
  return (
    <SimpleGrid cols={GRID} spacing="md" data-testid="home-producer">
      <HomeSection title={t('home.producer.units')} testId="home-units" total={home.units.length} empty={t('home.producer.noUnit')}>
        {home.units.map((u) => (
          <HomeItem
            key={u.id}
            testId="home-unit"
            link={
              <AnchorLink to="/units/$unitId" params={{ unitId: u.id }} size="sm" fw={600} dir="auto" data-id={u.id}>
                {u.name}
              </AnchorLink>
            }
            meta={
              <>
                <bdi dir="ltr">{digits(u.nationalId)}</bdi>
                {' · '}
                <span dir="auto">{u.countyName}</span>
                {' · '}
                {status('unit', u.status)}
              </>
            }
            badge={
              <ButtonLink to="/units/$unitId" params={{ unitId: u.id }} size="compact-sm" variant="light" data-testid="open-unit">
                {t('home.producer.openUnit')}
              </ButtonLink>
            }
          />
        ))}
      </HomeSection>
      {home.claimsPending.length ? (
        <Stack gap="xs" data-testid="home-claims-pending">
          {home.claimsPending.map((c) => (
            <Text key={c.id} size="sm" c="dark.6" dir="auto">
              {t('home.producer.claimPending', { unit: c.unitName ?? '—' })}
            </Text>
          ))}
        </Stack>
      ) : null}
      <HomeSection
        title={t('home.producer.openDemands')}
        total={home.openDemands.total}
        testId="home-open-demands"
        more={
          <Group gap="sm" wrap="nowrap">
            {canFileDemand && unit ? (
              <AnchorLink to="/demands/new" search={{ unitId: unit.id }} size="sm">
                {t('home.producer.newDemand')}
              </AnchorLink>
            ) : null}
            <AnchorLink to="/demands" size="sm">
              {t('home.seeAll', { count: home.openDemands.total })}
            </AnchorLink>
          </Group>
        }
      >
        {home.openDemands.items.map((d) => <DemandItem key={d.id} d={d} showAgency />)}
      </HomeSection>
      <HomeSection
        title={t('home.producer.referrals')}
        total={home.referrals.total}
        testId="home-referrals"
        more={<AnchorLink to="/referrals" size="sm">{t('home.seeAll', { count: home.referrals.total })}</AnchorLink>}
      >
        {home.referrals.items.map((r) => <ReferralItem key={r.id} r={r} show="bank" />)}
      </HomeSection>
    </SimpleGrid>
  );
}
