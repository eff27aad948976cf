/** Loan applications (درخواست تسهیلات, issue 11): the list, a new application, an application's page. */
import { LOAN_APPLICATION_STATUSES } from '../../../shared/machines.js';
import { allow, appRoute, openable } from './root.js';
import { appPage, listRoute, recordRoute } from './page-routes.js';
import { laterPage, oneOfParam, text } from './search-params.js';
import { lazyPage, withPages } from '../lazy-page.js';

const LoanApplicationsPage = lazyPage(() => import('../../features/loan-applications/components/loan-applications-page.js'), 'LoanApplicationsPage', ['loan-applications']);
const LoanApplicationForm = lazyPage(() => import('../../features/loan-applications/components/loan-application-form.js'), 'LoanApplicationForm', ['loan-applications', 'units']);
const LoanApplicationPage = lazyPage(() => import('../../features/loan-applications/components/loan-application-page.js'), 'LoanApplicationPage', ['loan-applications']);

export const loanApplicationsRoute = listRoute('loan-applications', LoanApplicationsPage, {
  defaults: { page: 1 },
  params: { status: oneOfParam(LOAN_APPLICATION_STATUSES), programCode: text, page: laterPage },
});

export const newLoanApplicationRoute = appPage(
  'loan-applications/new',
  allow('POST /api/v1/loan-applications'),
  withPages(function NewLoanApplicationRoute() {
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
);

export const loanApplicationRoute = recordRoute('loan-applications/$loanApplicationId', openable('/loan-applications'), LoanApplicationPage);

export const loanApplicationsRoutes = [loanApplicationsRoute, newLoanApplicationRoute, loanApplicationRoute];
