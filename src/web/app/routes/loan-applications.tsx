/** Loan applications (درخواست تسهیلات, issue 11): the list, a new application, an application's page. */
import { createRoute } from '@tanstack/react-router';
import { LOAN_APPLICATION_STATUSES, type LoanApplicationStatus } from '../../../shared/machines.js';
import { allow, appRoute, openable, positiveInt, recordPage } from './root.js';
import { lazyPage, withPages } from '../lazy-page.js';

const LoanApplicationsPage = lazyPage(() => import('../../features/loan-applications/components/loan-applications-page.js'), 'LoanApplicationsPage', ['loan-applications']);
const LoanApplicationForm = lazyPage(() => import('../../features/loan-applications/components/loan-application-form.js'), 'LoanApplicationForm', ['loan-applications', 'units']);
const LoanApplicationPage = lazyPage(() => import('../../features/loan-applications/components/loan-application-page.js'), 'LoanApplicationPage', ['loan-applications']);

export const loanApplicationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'loan-applications',
  validateSearch: (search: Record<string, unknown>): { status?: LoanApplicationStatus; programCode?: string; page?: number } => {
    const status = (LOAN_APPLICATION_STATUSES as readonly unknown[]).includes(search['status']) ? (search['status'] as LoanApplicationStatus) : undefined;
    const programCode = typeof search['programCode'] === 'string' && search['programCode'].trim() ? search['programCode'] : undefined;
    const page = positiveInt(search['page']);
    return { ...(status ? { status } : {}), ...(programCode ? { programCode } : {}), ...(page && page > 1 ? { page } : {}) };
  },
  beforeLoad: openable('/loan-applications'),
  component: withPages(function LoanApplicationsRoute() {
    const search = loanApplicationsRoute.useSearch();
    const navigate = loanApplicationsRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return (
      <LoanApplicationsPage
        role={me.role}
        search={{ ...search, page: search.page ?? 1 }}
        onSearchChange={(next) =>
          void navigate({ search: { ...(next.status ? { status: next.status } : {}), ...(next.programCode ? { programCode: next.programCode } : {}), ...(next.page > 1 ? { page: next.page } : {}) } })
        }
      />
    );
  }, LoanApplicationsPage),
});

export const newLoanApplicationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'loan-applications/new',
  beforeLoad: allow('POST /api/v1/loan-applications'),
  component: withPages(function NewLoanApplicationRoute() {
    const navigate = newLoanApplicationRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return (
      <LoanApplicationForm
        role={me.role}
        ownUnitId={me.unitId ?? null}
        onCreated={(id) => void navigate({ to: '/loan-applications/$loanApplicationId', params: { loanApplicationId: id } })}
        onCancel={() => void navigate({ to: '/loan-applications' })}
      />
    );
  }, LoanApplicationForm),
});

export const loanApplicationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'loan-applications/$loanApplicationId',
  beforeLoad: openable('/loan-applications'),
  component: recordPage(LoanApplicationPage, (): string => loanApplicationRoute.useParams().loanApplicationId),
});

export const loanApplicationsRoutes = [loanApplicationsRoute, newLoanApplicationRoute, loanApplicationRoute];
