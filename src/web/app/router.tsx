import { Button, Center, Stack, Text, Title } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import {
  Link,
  Outlet,
  createRootRouteWithContext,
  createRoute,
  createRouter,
  redirect,
  useRouter,
  type ErrorComponentProps,
} from '@tanstack/react-router';
import { LoginPage } from '../features/auth/components/login-page.js';
import { meQueryOptions } from '../features/auth/hooks/use-session.js';
import { HomePage } from '../features/home/components/home-page.js';
import { UnitsPage } from '../features/units/components/units-page.js';
import { UnitForm } from '../features/units/components/unit-form.js';
import { UnitImportPage } from '../features/units/components/unit-import-page.js';
import { UnitPage } from '../features/units/components/unit-page.js';
import { useUnit } from '../features/units/hooks/use-units.js';
import { PageHeader } from '../components/page-header.js';
import { UsersPage } from '../features/users/components/users-page.js';
import { SmsOutboxPage } from '../features/sms/components/sms-outbox-page.js';
import { producersAppRoutes, producersPublicRoutes } from '../features/producers/routes.js';
import { VisitsPage } from '../features/visits/components/visits-page.js';
import { NewVisitPage } from '../features/visits/components/new-visit-page.js';
import { VisitPage } from '../features/visits/components/visit-page.js';
import { DemandsPage } from '../features/demands/components/demands-page.js';
import { DemandPage } from '../features/demands/components/demand-page.js';
import { DemandForm } from '../features/demands/components/demand-form.js';
import { AgencyInbox } from '../features/demands/components/agency-inbox.js';
import { NotificationsPage } from '../features/notifications/components/notifications-page.js';
import { SessionsPage } from '../features/sessions/components/sessions-page.js';
import { SessionPage } from '../features/sessions/components/session-page.js';
import { BoardPage } from '../features/resolutions/components/board-page.js';
import { ResolutionPage } from '../features/resolutions/components/resolution-page.js';
import { ReferralsPage, EMPTY_REFERRALS_SEARCH } from '../features/referrals/components/referrals-page.js';
import { ReferralForm } from '../features/referrals/components/referral-form.js';
import { ReferralPage } from '../features/referrals/components/referral-page.js';
import { StatusSheetPage } from '../features/referrals/components/status-sheet-page.js';
import { AgencyMonitor } from '../features/referrals/components/agency-monitor.js';
import { QuotasPage } from '../features/referrals/components/quotas-page.js';
import { BankInbox } from '../features/bank/components/bank-inbox.js';
import { BankReportsPage } from '../features/bank/components/bank-reports-page.js';
import { AgenciesPageLazy, BanksPageLazy, DashboardPageLazy, ProvincesPageLazy, SystemicPageLazy } from '../features/stats/components/stats-pages.js';
import { validateStatsSearch } from '../features/stats/components/stats-search.js';
import type { StatsViewer } from '../features/stats/components/stats-format.js';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../shared/machines.js';
import { DEMAND_STATUSES, UNIT_STATUSES, VISIT_STATUSES, type DemandStatus, type UnitStatus, type VisitStatus } from '../../shared/machines.js';
import type { Role } from '../../shared/roles.js';
import { QueryError } from '../components/query-error.js';
import { useI18n } from '../lib/i18n.js';
import { AppLayout } from './app-layout.js';
import { canOpen } from './navigation.js';

export interface RouterContext {
  queryClient: QueryClient;
}

function NotFound() {
  const { t, digits } = useI18n();
  return (
    <Center mih="60vh">
      <Stack align="center" gap="md">
        <Title order={1} fz={48} c="brand.8">
          {digits(404)}
        </Title>
        <Text c="dimmed">{t('common.notFound')}</Text>
        <Button component={Link} to="/" variant="light">
          {t('common.backHome')}
        </Button>
      </Stack>
    </Center>
  );
}

function RouteError({ error }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <Center mih="60vh" p="md">
      <Stack maw={520} w="100%">
        <QueryError error={error} onRetry={() => void router.invalidate()} />
      </Stack>
    </Center>
  );
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});

/** A same-site path to return to after signing in; anything else is dropped. */
function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined;
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => {
    const target = safeRedirect(search['redirect']);
    return target ? { redirect: target } : {};
  },
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQueryOptions);
    if (me) throw redirect({ href: search.redirect ?? '/' });
  },
  component: function LoginRoute() {
    const search = loginRoute.useSearch();
    const router = useRouter();
    return <LoginPage onLoggedIn={() => void router.history.push(search.redirect ?? '/')} />;
  },
});

/** Every page below needs a session; the layout draws the frame around them. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQueryOptions);
    if (!me) {
      const target = location.href === '/' ? undefined : location.href;
      throw redirect({ to: '/login', search: target ? { redirect: target } : {} });
    }
    return { me };
  },
  component: AppLayout,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: function HomeRoute() {
    const { me } = appRoute.useRouteContext();
    return <HomePage fullName={me.fullName} />;
  },
});

function positiveInt(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(number) && number >= 1 ? number : undefined;
}

const unitsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'units',
  validateSearch: (search: Record<string, unknown>): { q?: string; countyId?: string; estateId?: string; sectorCode?: string; status?: UnitStatus; page?: number } => {
    const out: { q?: string; countyId?: string; estateId?: string; sectorCode?: string; status?: UnitStatus; page?: number } = {};
    for (const key of ['q', 'countyId', 'estateId', 'sectorCode'] as const) {
      const value = search[key];
      if (typeof value === 'string' && value.trim()) out[key] = value;
      else if (typeof value === 'number') out[key] = String(value);
    }
    const status = oneOf(UNIT_STATUSES, search['status']);
    if (status) out.status = status;
    const page = positiveInt(search['page']);
    if (page && page > 1) out.page = page;
    return out;
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/units')) throw redirect({ to: '/' });
  },
  component: function UnitsRoute() {
    const search = unitsRoute.useSearch();
    const navigate = unitsRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return (
      <UnitsPage
        role={me.role}
        search={{ q: search.q ?? '', countyId: search.countyId ?? '', estateId: search.estateId ?? '', sectorCode: search.sectorCode ?? '', status: search.status ?? '', page: search.page ?? 1 }}
        onSearchChange={(next) => void navigate({ search: compact(next), replace: next.page === 1 })}
      />
    );
  },
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'users',
  validateSearch: (search: Record<string, unknown>): { page?: number } => {
    const page = positiveInt(search['page']);
    return page && page > 1 ? { page } : {};
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/users')) throw redirect({ to: '/' });
  },
  component: function UsersRoute() {
    const search = usersRoute.useSearch();
    const navigate = usersRoute.useNavigate();
    return (
      <UsersPage
        page={search.page ?? 1}
        onPageChange={(page) => void navigate({ search: page > 1 ? { page } : {} })}
      />
    );
  },
});

// The SMS outbox (issue 11): administrators; in demo mode one-time codes are read here
const smsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'sms',
  validateSearch: (search: Record<string, unknown>): { page?: number } => {
    const page = positiveInt(search['page']);
    return page && page > 1 ? { page } : {};
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/sms')) throw redirect({ to: '/' });
  },
  component: function SmsRoute() {
    const search = smsRoute.useSearch();
    const navigate = smsRoute.useNavigate();
    return <SmsOutboxPage page={search.page ?? 1} onPageChange={(page) => void navigate({ search: page > 1 ? { page } : {} })} />;
  },
});

// ── Visits, demands, the agency inbox and notifications (issue 4) ──
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);
const uuid = (value: unknown): string | undefined => (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : undefined);
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined => (values as readonly unknown[]).includes(value) ? (value as T) : undefined;
/** Drops empty values so the address bar stays clean. */
function compact<T extends object>(search: T): { [K in keyof T]?: Exclude<T[K], ''> } {
  return Object.fromEntries(Object.entries(search).filter(([k, v]) => v !== '' && v !== false && v !== undefined && !(k === 'page' && v === 1))) as { [K in keyof T]?: Exclude<T[K], ''> };
}
function allow(roles: readonly Role[]) {
  return ({ context }: { context: { me: { role: Role } } }) => {
    if (!roles.includes(context.me.role)) throw redirect({ to: '/' });
  };
}

const visitsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'visits',
  validateSearch: (search: Record<string, unknown>): { status?: VisitStatus; q?: string; page?: number } => {
    const status = oneOf(VISIT_STATUSES, search['status']);
    const q = text(search['q']);
    const page = positiveInt(search['page']);
    return { ...(status ? { status } : {}), ...(q ? { q } : {}), ...(page && page > 1 ? { page } : {}) };
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/visits')) throw redirect({ to: '/' });
  },
  component: function VisitsRoute() {
    const search = visitsRoute.useSearch();
    const navigate = visitsRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return (
      <VisitsPage
        role={me.role}
        search={{ status: search.status ?? '', q: search.q ?? '', page: search.page ?? 1 }}
        onSearchChange={(next) => void navigate({ search: compact(next), replace: true })}
      />
    );
  },
});

const newVisitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'visits/new',
  validateSearch: (search: Record<string, unknown>): { unitId?: string } => {
    const unitId = uuid(search['unitId']);
    return unitId ? { unitId } : {};
  },
  beforeLoad: allow(['admin', 'secretariat']),
  component: function NewVisitRoute() {
    const search = newVisitRoute.useSearch();
    const navigate = newVisitRoute.useNavigate();
    return (
      <NewVisitPage
        unitId={search.unitId}
        onSaved={(v) => void navigate({ to: '/visits/$visitId', params: { visitId: v.id } })}
        onCancel={() => void navigate({ to: '/visits' })}
      />
    );
  },
});

const visitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'visits/$visitId',
  beforeLoad: allow(['admin', 'secretariat', 'executive', 'agency', 'producer']),
  component: function VisitRoute() {
    const { visitId } = visitRoute.useParams();
    const { me } = appRoute.useRouteContext();
    return <VisitPage id={visitId} role={me.role} key={visitId} />;
  },
});

const demandsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'demands',
  validateSearch: (search: Record<string, unknown>): { q?: string; status?: DemandStatus; categoryCode?: string; agencyId?: string; countyId?: string; overdue?: boolean; page?: number } => {
    const status = oneOf(DEMAND_STATUSES, search['status']);
    const page = positiveInt(search['page']);
    const out: Record<string, unknown> = {};
    for (const key of ['q', 'categoryCode', 'agencyId', 'countyId'] as const) {
      const value = text(search[key]);
      if (value) out[key] = value;
    }
    if (status) out['status'] = status;
    if (search['overdue'] === true || search['overdue'] === 'true') out['overdue'] = true;
    if (page && page > 1) out['page'] = page;
    return out;
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/demands')) throw redirect({ to: '/' });
  },
  component: function DemandsRoute() {
    const search = demandsRoute.useSearch();
    const navigate = demandsRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return (
      <DemandsPage
        role={me.role}
        search={{
          q: search.q ?? '',
          status: search.status ?? '',
          categoryCode: search.categoryCode ?? '',
          agencyId: search.agencyId ?? '',
          countyId: search.countyId ?? '',
          overdue: search.overdue ?? false,
          page: search.page ?? 1,
        }}
        onSearchChange={(next) => void navigate({ search: compact(next), replace: next.page === 1 })}
      />
    );
  },
});

const newDemandRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'demands/new',
  validateSearch: (search: Record<string, unknown>): { unitId?: string; visitId?: string } => {
    const unitId = uuid(search['unitId']);
    const visitId = uuid(search['visitId']);
    return { ...(unitId ? { unitId } : {}), ...(visitId ? { visitId } : {}) };
  },
  beforeLoad: allow(['admin', 'secretariat', 'producer']),
  component: function NewDemandRoute() {
    const search = newDemandRoute.useSearch();
    const navigate = newDemandRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    const unitId = me.role === 'producer' ? (me.unitId ?? undefined) : search.unitId;
    return (
      <DemandForm
        role={me.role}
        unitId={unitId}
        visitId={search.visitId}
        onCreated={(id) => void navigate({ to: '/demands/$demandId', params: { demandId: id } })}
        onCancel={() => void (search.visitId ? navigate({ to: '/visits/$visitId', params: { visitId: search.visitId } }) : navigate({ to: '/demands' }))}
      />
    );
  },
});

const demandRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'demands/$demandId',
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/demands')) throw redirect({ to: '/' });
  },
  component: function DemandRoute() {
    const { demandId } = demandRoute.useParams();
    const { me } = appRoute.useRouteContext();
    return <DemandPage id={demandId} role={me.role} key={demandId} />;
  },
});

const inboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'inbox',
  validateSearch: (search: Record<string, unknown>): { page?: number; overdue?: boolean } => {
    const page = positiveInt(search['page']);
    return { ...(page && page > 1 ? { page } : {}), ...(search['overdue'] === true || search['overdue'] === 'true' ? { overdue: true } : {}) };
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/inbox')) throw redirect({ to: '/' });
  },
  component: function InboxRoute() {
    const search = inboxRoute.useSearch();
    const navigate = inboxRoute.useNavigate();
    return (
      <AgencyInbox
        page={search.page ?? 1}
        overdueOnly={search.overdue ?? false}
        onChange={(next) => void navigate({ search: compact({ page: next.page, overdue: next.overdueOnly }) })}
      />
    );
  },
});

const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'notifications',
  validateSearch: (search: Record<string, unknown>): { page?: number } => {
    const page = positiveInt(search['page']);
    return page && page > 1 ? { page } : {};
  },
  component: function NotificationsRoute() {
    const search = notificationsRoute.useSearch();
    const navigate = notificationsRoute.useNavigate();
    return <NotificationsPage page={search.page ?? 1} onPageChange={(page) => void navigate({ search: page > 1 ? { page } : {} })} />;
  },
});

const issue4Routes = [visitsRoute, newVisitRoute, visitRoute, demandsRoute, newDemandRoute, demandRoute, inboxRoute, notificationsRoute];

// ── Working-group sessions and resolutions (issue 6) ──
function fiscalYearParam(value: unknown): number | undefined {
  const year = positiveInt(value);
  return year && year >= 1300 && year <= 1600 ? year : undefined;
}

const sessionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'sessions',
  validateSearch: (search: Record<string, unknown>): { year?: number; page?: number } => {
    const year = fiscalYearParam(search['year']);
    const page = positiveInt(search['page']);
    return { ...(year ? { year } : {}), ...(page && page > 1 ? { page } : {}) };
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/sessions')) throw redirect({ to: '/' });
  },
  component: function SessionsRoute() {
    const search = sessionsRoute.useSearch();
    const navigate = sessionsRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return (
      <SessionsPage
        role={me.role}
        search={{ year: search.year, page: search.page ?? 1 }}
        onSearchChange={(next) => void navigate({ search: { ...(next.year ? { year: next.year } : {}), ...(next.page > 1 ? { page: next.page } : {}) } })}
      />
    );
  },
});

const sessionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'sessions/$sessionId',
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/sessions')) throw redirect({ to: '/' });
  },
  component: function SessionRoute() {
    const { sessionId } = sessionRoute.useParams();
    const { me } = appRoute.useRouteContext();
    return <SessionPage id={sessionId} role={me.role} key={sessionId} />;
  },
});

const resolutionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'resolutions',
  validateSearch: (search: Record<string, unknown>): { year?: number; closed?: boolean } => {
    const year = fiscalYearParam(search['year']);
    const closed = search['closed'] === true || search['closed'] === 'true';
    return { ...(year ? { year } : {}), ...(closed ? { closed } : {}) };
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/resolutions')) throw redirect({ to: '/' });
  },
  component: function ResolutionsRoute() {
    const search = resolutionsRoute.useSearch();
    const navigate = resolutionsRoute.useNavigate();
    return <BoardPage search={search} onSearchChange={(next) => void navigate({ search: { ...(next.year ? { year: next.year } : {}), ...(next.closed ? { closed: true } : {}) } })} />;
  },
});

const resolutionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'resolutions/$resolutionId',
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/resolutions')) throw redirect({ to: '/' });
  },
  component: function ResolutionRoute() {
    const { resolutionId } = resolutionRoute.useParams();
    const { me } = appRoute.useRouteContext();
    return <ResolutionPage id={resolutionId} role={me.role} key={resolutionId} />;
  },
});

const issue6Routes = [sessionsRoute, sessionRoute, resolutionsRoute, resolutionRoute];

// issue 3: a unit's page, its forms and the import
const newUnitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'units/new',
  beforeLoad: allow(['admin', 'secretariat']),
  component: function NewUnitRoute() {
    const navigate = newUnitRoute.useNavigate();
    const { t } = useI18n();
    return (
      <>
        <PageHeader title={t('units.form.newTitle')} />
        <UnitForm onSaved={(u) => void navigate({ to: '/units/$unitId', params: { unitId: u.id } })} onCancel={() => void navigate({ to: '/units' })} />
      </>
    );
  },
});

const unitImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'units/import',
  beforeLoad: allow(['admin', 'secretariat']),
  component: UnitImportPage,
});

const unitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'units/$unitId',
  beforeLoad: allow(['admin', 'secretariat', 'executive', 'agency', 'producer']),
  component: function UnitRoute() {
    const { unitId } = unitRoute.useParams();
    const { me } = appRoute.useRouteContext();
    return <UnitPage id={unitId} role={me.role} key={unitId} />;
  },
});

const editUnitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'units/$unitId/edit',
  beforeLoad: allow(['admin', 'secretariat']),
  component: function EditUnitRoute() {
    const { unitId } = editUnitRoute.useParams();
    const navigate = editUnitRoute.useNavigate();
    const { t } = useI18n();
    const unit = useUnit(unitId);
    if (unit.isError) return <QueryError error={unit.error} onRetry={() => void unit.refetch()} />;
    if (!unit.data) return null;
    const back = () => void navigate({ to: '/units/$unitId', params: { unitId } });
    return (
      <>
        <PageHeader title={t('units.form.editTitle')} subtitle={unit.data.name} />
        <UnitForm unit={unit.data} onSaved={back} onCancel={back} key={unit.data.id} />
      </>
    );
  },
});

const issue3Routes = [newUnitRoute, unitImportRoute, unitRoute, editUnitRoute];

// ── Bank referrals, the bank portal, quotas and bank reports (issue 5) ──
const referralsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'referrals',
  validateSearch: (search: Record<string, unknown>): { q?: string; status?: ReferralStatus; bankId?: string; agencyId?: string; programCode?: string; overdue?: boolean; page?: number } => {
    const q = typeof search['q'] === 'string' && search['q'].trim() ? search['q'] : undefined;
    const status = (REFERRAL_STATUSES as readonly unknown[]).includes(search['status']) ? (search['status'] as ReferralStatus) : undefined;
    const pick = (k: string) => (typeof search[k] === 'string' && (search[k] as string).trim() ? (search[k] as string) : undefined);
    const overdue = search['overdue'] === true || search['overdue'] === 'true';
    const page = positiveInt(search['page']);
    return {
      ...(q ? { q } : {}),
      ...(status ? { status } : {}),
      ...(pick('bankId') ? { bankId: pick('bankId') } : {}),
      ...(pick('agencyId') ? { agencyId: pick('agencyId') } : {}),
      ...(pick('programCode') ? { programCode: pick('programCode') } : {}),
      ...(overdue ? { overdue } : {}),
      ...(page && page > 1 ? { page } : {}),
    };
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/referrals')) throw redirect({ to: '/' });
  },
  component: function ReferralsRoute() {
    const search = referralsRoute.useSearch();
    const navigate = referralsRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return (
      <ReferralsPage
        role={me.role}
        search={{ ...EMPTY_REFERRALS_SEARCH, ...search, page: search.page ?? 1 }}
        onSearchChange={(next) =>
          void navigate({
            search: {
              ...(next.q ? { q: next.q } : {}),
              ...(next.status ? { status: next.status } : {}),
              ...(next.bankId ? { bankId: next.bankId } : {}),
              ...(next.agencyId ? { agencyId: next.agencyId } : {}),
              ...(next.programCode ? { programCode: next.programCode } : {}),
              ...(next.overdue ? { overdue: true } : {}),
              ...(next.page > 1 ? { page: next.page } : {}),
            },
          })
        }
      />
    );
  },
});

const newReferralRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'referrals/new',
  validateSearch: (search: Record<string, unknown>): { unitId?: string } => {
    const unitId = typeof search['unitId'] === 'string' && /^[0-9a-f-]{36}$/i.test(search['unitId']) ? search['unitId'] : undefined;
    return unitId ? { unitId } : {};
  },
  beforeLoad: ({ context }) => {
    if (!['agency', 'secretariat', 'admin'].includes(context.me.role)) throw redirect({ to: '/' });
  },
  component: function NewReferralRoute() {
    const navigate = newReferralRoute.useNavigate();
    const search = newReferralRoute.useSearch();
    const { me } = appRoute.useRouteContext();
    return (
      <ReferralForm
        role={me.role}
        unitId={search.unitId}
        onCreated={(id) => void navigate({ to: '/referrals/$referralId', params: { referralId: id } })}
        onCancel={() => void navigate({ to: '/referrals' })}
      />
    );
  },
});

const referralImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'referrals/import',
  beforeLoad: ({ context }) => {
    if (!['bank', 'secretariat', 'admin'].includes(context.me.role)) throw redirect({ to: '/' });
  },
  component: StatusSheetPage,
});

const referralRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'referrals/$referralId',
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/referrals')) throw redirect({ to: '/' });
  },
  component: function ReferralRoute() {
    const { referralId } = referralRoute.useParams();
    const { me } = appRoute.useRouteContext();
    return <ReferralPage id={referralId} role={me.role} key={referralId} />;
  },
});

const bankInboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'bank',
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/bank')) throw redirect({ to: '/' });
  },
  component: function BankInboxRoute() {
    const { me } = appRoute.useRouteContext();
    return <BankInbox role={me.role} />;
  },
});

const monitorRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitor',
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/monitor')) throw redirect({ to: '/' });
  },
  component: function MonitorRoute() {
    const { me } = appRoute.useRouteContext();
    return <AgencyMonitor role={me.role} />;
  },
});

const quotasRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'quotas',
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/quotas')) throw redirect({ to: '/' });
  },
  component: function QuotasRoute() {
    const { me } = appRoute.useRouteContext();
    return <QuotasPage role={me.role} />;
  },
});

const bankReportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'bank-reports',
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/bank-reports')) throw redirect({ to: '/' });
  },
  component: function BankReportsRoute() {
    const { me } = appRoute.useRouteContext();
    return <BankReportsPage role={me.role} />;
  },
});

const issue5Routes = [referralsRoute, newReferralRoute, referralImportRoute, referralRoute, bankInboxRoute, monitorRoute, quotasRoute, bankReportsRoute];

// ── Statistics and evaluation (issue 7): the filters (period, program, county) live in the address bar ──
function statsViewer(me: { role: Role; bankId: string | null; agencyId: string | null }): StatsViewer {
  return {
    role: me.role,
    bankId: me.bankId,
    agencyId: me.agencyId,
    canOpenUnits: canOpen(me.role, '/units'),
    canOpenDemands: canOpen(me.role, '/demands'),
    canOpenResolutions: canOpen(me.role, '/resolutions'),
    canOpenReferrals: canOpen(me.role, '/referrals'),
  };
}

const statsIndexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats',
  beforeLoad: ({ context }) => {
    const role = context.me.role;
    if (canOpen(role, '/stats/overview')) throw redirect({ to: '/stats/overview' });
    if (canOpen(role, '/stats/banks')) throw redirect({ to: '/stats/banks' });
    if (canOpen(role, '/stats/provinces')) throw redirect({ to: '/stats/provinces' });
    throw redirect({ to: '/' });
  },
});

const statsOverviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/overview',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/overview')) throw redirect({ to: '/' });
  },
  component: function StatsOverviewRoute() {
    const search = statsOverviewRoute.useSearch();
    const navigate = statsOverviewRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <DashboardPageLazy search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  },
});

const statsBanksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/banks',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/banks')) throw redirect({ to: '/' });
  },
  component: function StatsBanksRoute() {
    const search = statsBanksRoute.useSearch();
    const navigate = statsBanksRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <BanksPageLazy search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  },
});

const statsAgenciesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/agencies',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/agencies')) throw redirect({ to: '/' });
  },
  component: function StatsAgenciesRoute() {
    const search = statsAgenciesRoute.useSearch();
    const navigate = statsAgenciesRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <AgenciesPageLazy search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  },
});

const statsSystemicRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/systemic-obstacles',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/systemic-obstacles')) throw redirect({ to: '/' });
  },
  component: function StatsSystemicRoute() {
    const search = statsSystemicRoute.useSearch();
    const navigate = statsSystemicRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <SystemicPageLazy search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  },
});

const statsProvincesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/provinces',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/provinces')) throw redirect({ to: '/' });
  },
  component: function StatsProvincesRoute() {
    const search = statsProvincesRoute.useSearch();
    const navigate = statsProvincesRoute.useNavigate();
    return <ProvincesPageLazy search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} />;
  },
});

const issue7Routes = [statsIndexRoute, statsOverviewRoute, statsBanksRoute, statsAgenciesRoute, statsSystemicRoute, statsProvincesRoute];

const routeTree = rootRoute.addChildren([loginRoute, ...producersPublicRoutes(rootRoute), appRoute.addChildren([homeRoute, unitsRoute, ...issue3Routes, usersRoute, smsRoute, ...issue4Routes, ...issue6Routes, ...issue5Routes, ...issue7Routes, ...producersAppRoutes(appRoute)])]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    scrollRestoration: true,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
