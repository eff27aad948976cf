/** Bank referrals, the bank portal, quotas and bank reports (issue 5). */
import { createRoute } from '@tanstack/react-router';
import { EMPTY_REFERRALS_SEARCH } from '../../features/referrals/components/referrals-search.js';
import type { ReferralPrefill } from '../../features/referrals/components/referral-form.js';
import { FACILITY_TYPES } from '../../../shared/facility-types.js';
import { REFERRAL_STATUSES } from '../../../shared/machines.js';
import { allow, appRoute, openable } from './root.js';
import { appPage, listRoute, recordRoute, rolePageRoute } from './page-routes.js';
import { flag, laterPage, oneOfParam, text } from './search-params.js';
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
export const referralsRoute = listRoute('referrals', ReferralsPage, {
  defaults: EMPTY_REFERRALS_SEARCH,
  params: { q: text, status: oneOfParam(REFERRAL_STATUSES), bankId: text, agencyId: text, programCode: text, overdue: flag, page: laterPage },
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

export const referralImportRoute = appPage('referrals/import', allow('POST /api/v1/referrals/import'), StatusSheetPage);

export const referralRoute = recordRoute('referrals/$referralId', openable('/referrals'), ReferralPage);

export const bankInboxRoute = rolePageRoute('bank', BankInbox);

export const monitorRoute = rolePageRoute('monitor', AgencyMonitor);

export const quotasRoute = rolePageRoute('quotas', QuotasPage);

export const bankReportsRoute = rolePageRoute('bank-reports', BankReportsPage);

export const referralsRoutes = [referralsRoute, newReferralRoute, referralImportRoute, referralRoute, bankInboxRoute, monitorRoute, quotasRoute, bankReportsRoute];

