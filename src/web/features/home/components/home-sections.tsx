import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Children, type ReactNode } from 'react';
import type { HomeDemand, HomeReferral, HomeResolution } from '../../../../shared/contracts/home.js';
import type { StatusKind } from '../../../../shared/labels.js';
import { AnchorLink } from '../../../components/router-links.js';
import { TrackingCode } from '../../../components/tracking-code.js';
import { formatDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';

/**
 * One card of a home page: a title, how many there are in all, a few items, and the way to the whole list.
 * Cards stack in one column on a phone (390 px) and sit two abreast from a tablet up.
 */
export function HomeSection({
  title,
  total,
  testId,
  more,
  empty,
  children,
  tone = 'default',
}: {
  title: string;
  total?: number;
  testId: string;
  /** The link to the whole list (shown when there are more than the card shows, or always if given). */
  more?: ReactNode;
  empty?: string;
  children?: ReactNode;
  /** `alert`: late items — the count is red. */
  tone?: 'default' | 'alert';
}) {
  const { n, t } = useI18n();
  // a section without a total is empty when it has no items
  const isEmpty = total === 0 || (total === undefined && Children.count(children) === 0);
  return (
    <Paper withBorder radius="md" p="md" shadow="xs" component="section" aria-label={title} data-testid={testId} data-total={total}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mb="sm">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={2} fz="md" fw={600} c="dark.7">
            {title}
          </Title>
          {total !== undefined ? (
            <Badge variant={isEmpty ? 'light' : 'filled'} color={isEmpty ? 'gray' : tone === 'alert' ? 'red.8' : 'brand'} radius="sm" className="tabular" data-testid={`${testId}-count`}>
              {n(total)}
            </Badge>
          ) : null}
        </Group>
        {more ? <div style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>{more}</div> : null}
      </Group>
      {isEmpty ? (
        <Text size="sm" c="dimmed">
          {empty ?? t('home.empty')}
        </Text>
      ) : (
        <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {children}
        </Stack>
      )}
    </Paper>
  );
}

/** One line of a card: the record's link on top, what matters about it below. */
export function HomeItem({ link, meta, badge, testId }: { link: ReactNode; meta?: ReactNode; badge?: ReactNode; testId?: string }) {
  return (
    <Group component="li" justify="space-between" align="flex-start" wrap="nowrap" gap="xs" py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid={testId}>
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        {link}
        {meta ? (
          <Text size="xs" c="dimmed" component="div">
            {meta}
          </Text>
        ) : null}
      </Stack>
      {badge ?? null}
    </Group>
  );
}

export function StatusBadge({ kind, status }: { kind: StatusKind; status: string }) {
  const i18n = useI18n();
  return (
    <Badge variant="light" color="gray" radius="sm" fw={500} style={{ flexShrink: 0 }} data-status={status}>
      {i18n.status(kind, status)}
    </Badge>
  );
}

/** "۳ روز مانده", "مهلت: امروز", "۵ روز از مهلت گذشته" — red once past due. */
export function DueText({ daysLeft, dueDate }: { daysLeft: number | null; dueDate: string }) {
  const { t, language } = useI18n();
  if (daysLeft === null) return <span>{t('home.due.on', { date: formatDate(dueDate, language) })}</span>;
  if (daysLeft < 0)
    return (
      <Text span size="xs" c="red.8" fw={600}>
        {t('home.due.overdue', { days: -daysLeft })}
      </Text>
    );
  if (daysLeft === 0)
    return (
      <Text span size="xs" c="orange.9" fw={600}>
        {t('home.due.today')}
      </Text>
    );
  return <span>{`${t('home.due.left', { days: daysLeft })} · ${t('home.due.on', { date: formatDate(dueDate, language) })}`}</span>;
}

/** A record's link: its tracking code (isolated), then what it is about. */
function CodeAndTitle({ code, title }: { code: string; title: string }) {
  return (
    <>
      <TrackingCode code={code} /> — <span dir="auto">{title}</span>
    </>
  );
}

export function DemandItem({ d, showAgency = false }: { d: HomeDemand; showAgency?: boolean }) {
  return (
    <HomeItem
      testId="home-demand"
      link={
        <AnchorLink to="/demands/$demandId" params={{ demandId: d.id }} size="sm" fw={500} lineClamp={2} data-id={d.id}>
          <CodeAndTitle code={d.code} title={d.title} />
        </AnchorLink>
      }
      meta={
        <>
          <span dir="auto">{d.unitName}</span>
          {showAgency && d.agencyName ? (
            <>
              {' · '}
              <span dir="auto">{d.agencyName}</span>
            </>
          ) : null}
          {' · '}
          <DueText daysLeft={d.daysLeft} dueDate={d.dueDate} />
        </>
      }
      badge={<StatusBadge kind="demand" status={d.status} />}
    />
  );
}

export function ResolutionItem({ r }: { r: HomeResolution }) {
  const { t } = useI18n();
  return (
    <HomeItem
      testId="home-resolution"
      link={
        <AnchorLink to="/resolutions/$resolutionId" params={{ resolutionId: r.id }} size="sm" fw={500} lineClamp={2} data-id={r.id}>
          <CodeAndTitle code={r.code} title={r.text} />
        </AnchorLink>
      }
      meta={
        <>
          {t('home.session', { number: r.sessionNumber })}
          {' · '}
          <DueText daysLeft={r.daysLeft} dueDate={r.dueDate} />
        </>
      }
      badge={<StatusBadge kind="resolution" status={r.status} />}
    />
  );
}

/** A referral with its clock: days waiting in its stage and the stage's deadline (or its date, once closed). */
export function ReferralItem({ r, show }: { r: HomeReferral; show: 'bank' | 'agency' | 'both' | 'none' }) {
  const { t, language } = useI18n();
  const who = show === 'bank' ? [r.bankName] : show === 'agency' ? [r.agencyName] : show === 'both' ? [r.agencyName, r.bankName] : [];
  const clock =
    r.daysWaiting !== null ? (
      <Text span size="xs" c={r.overdue ? 'red.8' : undefined} fw={r.overdue ? 600 : undefined} data-testid="referral-clock">
        {[t('home.clock.waiting', { days: r.daysWaiting }), r.dueDate ? t('home.due.on', { date: formatDate(r.dueDate, language) }) : null, r.overdue ? t('home.clock.late') : null].filter(Boolean).join(' · ')}
      </Text>
    ) : (
      <span>{formatDate(r.referralDate, language)}</span>
    );
  return (
    <HomeItem
      testId="home-referral"
      link={
        <AnchorLink to="/referrals/$referralId" params={{ referralId: r.id }} size="sm" fw={500} lineClamp={2} data-id={r.id}>
          <CodeAndTitle code={r.code} title={r.unitName} />
        </AnchorLink>
      }
      meta={
        <>
          {who.map((name) => (
            <span key={name}>
              <span dir="auto">{name}</span>
              {' · '}
            </span>
          ))}
          {clock}
        </>
      }
      badge={<StatusBadge kind="referral" status={r.status} />}
    />
  );
}
