/** Bank referrals, the bank portal, quotas and bank reports (issue 5). */
import { createRoute } from '@tanstack/react-router';
import { EMPTY_REFERRALS_SEARCH } from '../../features/referrals/components/referrals-search.js';
import type { ReferralPrefill } from '../../features/referrals/components/referral-form.js';
import { FACILITY_TYPES } from '../../../shared/facility-types.js';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../../shared/machines.js';
import { allow, appRoute, openable, positiveInt, recordPage, rolePage } from './root.js';
import { lazyPage, withPages } from '../lazy-page.js';

const ReferralsPage = lazyPage(() => import('../../features/referrals/components/referrals-page.js'), 'ReferralsPage', ['referrals']);
const ReferralForm = lazyPage(() => import('../../features/referrals/components/referral-form.js'), 'ReferralForm', ['referrals', 'units']);
const ReferralPage = lazyPage(() => import('../../features/referrals/components/referral-page.js'), 'ReferralPage', ['referrals', 'units', 'resolutions']);
const StatusSheetPage = lazyPage(() => import('../../features/referrals/components/status-sheet-page.js'), 'StatusSheetPage', ['referrals']);
const AgencyMonitor = lazyPage(() => import('../../features/referrals/components/agency-monitor.js'), 'AgencyMonitor', ['referrals']);
const QuotasPage = lazyPage(() => import('../../features/referrals/components/quotas-page.js'), 'QuotasPage', ['referrals']);
const BankInbox = lazyPage(() => import('../../features/bank/components/bank-inbox.js'), 'BankInbox', ['bank', 'referrals']);
const BankReportsPage = lazyPage(() => import('../../features/bank/components/bank-reports-page.js'), 'BankReportsPage', ['bank', 'referrals']);

/** A referral made from a committee-approved loan application (issue 11): the application's page sends its fields. */
function prefillOf(search: Record<string, unknown>): ReferralPrefill {
  const text = (k: string, re: RegExp) => (typeof search[k] === 'string' && re.test(search[k] as string) ? (search[k] as string) : undefined);
  const loanApplicationId = text('loanApplicationId', /^[0-9a-f-]{36}$/i);
  const programCode = text('programCode', /^[\w-]{1,64}$/);
  const agencyId = text('agencyId', /^[\w-]{1,64}$/);
  const unitName = typeof search['unitName'] === 'string' ? search['unitName'].slice(0, 300) : undefined;
  const requestedAmount = typeof search['requestedAmount'] === 'number' ? String(search['requestedAmount']) : text('requestedAmount', /^\d{1,20}$/);
  const facilityType = (FACILITY_TYPES as readonly unknown[]).includes(search['facilityType']) ? (search['facilityType'] as ReferralPrefill['facilityType']) : undefined;
  return {
    ...(loanApplicationId ? { loanApplicationId } : {}),
    ...(unitName ? { unitName } : {}),
    ...(programCode ? { programCode } : {}),
    ...(agencyId ? { agencyId } : {}),
    ...(requestedAmount ? { requestedAmount } : {}),
    ...(facilityType ? { facilityType } : {}),
  };
}

// ── Bank referrals, the bank portal, quotas and bank reports (issue 5) ──
export const referralsRoute = createRoute({
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
  beforeLoad: openable('/referrals'),
  component: withPages(function ReferralsRoute() {
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
  }, ReferralsPage),
});

export const newReferralRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'referrals/new',
  validateSearch: (search: Record<string, unknown>): { unitId?: string } & ReferralPrefill => {
    const unitId = typeof search['unitId'] === 'string' && /^[0-9a-f-]{36}$/i.test(search['unitId']) ? search['unitId'] : undefined;
    return { ...(unitId ? { unitId } : {}), ...prefillOf(search) };
  },
  beforeLoad: allow('POST /api/v1/referrals'),
  component: withPages(function NewReferralRoute() {
    const navigate = newReferralRoute.useNavigate();
    const search = newReferralRoute.useSearch();
    const { me } = appRoute.useRouteContext();
    return (
      <ReferralForm
        role={me.role}
        unitId={search.unitId}
        prefill={prefillOf(search)}
        onCreated={(id) => void navigate({ to: '/referrals/$referralId', params: { referralId: id } })}
        onCancel={() => void navigate({ to: '/referrals' })}
      />
    );
  }, ReferralForm),
});

export const referralImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'referrals/import',
  beforeLoad: allow('POST /api/v1/referrals/import'),
  component: StatusSheetPage,
});

export const referralRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'referrals/$referralId',
  beforeLoad: openable('/referrals'),
  component: recordPage(ReferralPage, (): string => referralRoute.useParams().referralId),
});

export const bankInboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'bank',
  beforeLoad: openable('/bank'),
  component: rolePage(BankInbox),
});

export const monitorRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitor',
  beforeLoad: openable('/monitor'),
  component: rolePage(AgencyMonitor),
});

export const quotasRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'quotas',
  beforeLoad: openable('/quotas'),
  component: rolePage(QuotasPage),
});

export const bankReportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'bank-reports',
  beforeLoad: openable('/bank-reports'),
  component: rolePage(BankReportsPage),
});

export const referralsRoutes = [referralsRoute, newReferralRoute, referralImportRoute, referralRoute, bankInboxRoute, monitorRoute, quotasRoute, bankReportsRoute];

