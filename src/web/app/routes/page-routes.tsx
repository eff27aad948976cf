/** Routes of the common kinds of page under the signed-in frame: lists, paged lists, records, pages for a role. */
import { createRoute, useNavigate, type AsyncRouteComponent, type RouteComponent } from '@tanstack/react-router';
import type { Role } from '../../../shared/roles.js';
import { withPages } from '../lazy-page.js';
import { appRoute, openable, type allow } from './root.js';
import { compact, pageSearch, searchOf, type ParamReader } from './search-params.js';

type ListPath = 'visits' | 'demands' | 'inbox' | 'referrals' | 'units' | 'loan-applications' | 'sessions' | 'resolutions';

type ListPageProps<S> = { role: Role; search: S; onSearchChange: (next: S) => void };

/**
 * A filtered list's route, open to those the navigation shows it to. The page gets its search whole — `defaults`
 * for what the address leaves out — and its next search goes back to the address compact (empty filters and page 1
 * left out). `replace`: whether that change replaces the history entry instead of adding one.
 */
export function listRoute<P extends ListPath, S extends object>(
  path: P,
  Page: AsyncRouteComponent<ListPageProps<S>>,
  { defaults, params, replace }: { defaults: S; params: { [K in keyof S]?: ParamReader<S[K]> }; replace?: (next: S) => boolean },
) {
  const route = createRoute({
    getParentRoute: () => appRoute,
    path,
    validateSearch: searchOf(params as Record<string, ParamReader<unknown>>) as (search: Record<string, unknown>) => Partial<S>,
    beforeLoad: openable(`/${path}`),
    component: withPages(function ListRoute() {
      // the path is generic here, which hides the search's type from TypeScript
      const search = route.useSearch() as Partial<S>;
      const navigate = useNavigate();
      const { me } = appRoute.useRouteContext();
      return <Page role={me.role} search={{ ...defaults, ...search }} onSearchChange={(next) => void navigate({ to: `/${path}`, search: compact(next), replace: replace?.(next) })} />;
    }, Page),
  });
  return route;
}

type PagedPath = 'notifications' | 'users' | 'sms';

/** A paged list without filters: only its page number is in the address. */
export function pagedRoute<P extends PagedPath>(path: P, Page: AsyncRouteComponent<{ page: number; onPageChange: (page: number) => void }>, beforeLoad?: ReturnType<typeof openable>) {
  const route = createRoute({
    getParentRoute: () => appRoute,
    path,
    validateSearch: pageSearch,
    ...(beforeLoad ? { beforeLoad } : {}),
    component: withPages(function PagedRoute() {
      const { page } = route.useSearch() as { page?: number };
      const navigate = useNavigate();
      return <Page page={page ?? 1} onPageChange={(next) => void navigate({ to: `/${path}`, search: next > 1 ? { page: next } : {} })} />;
    }, Page),
  });
  return route;
}

type Guard = ReturnType<typeof allow>;

/** A signed-in page at `path`, opened by those `beforeLoad` lets through. */
export function appPage<P extends string>(path: P, beforeLoad: Guard, component: RouteComponent) {
  return createRoute({ getParentRoute: () => appRoute, path, beforeLoad, component });
}

/** A page drawn for the caller's role alone, open to those the navigation shows it to. */
export function rolePageRoute<P extends 'bank' | 'monitor' | 'quotas' | 'bank-reports'>(path: P, Page: AsyncRouteComponent<{ role: Role }>) {
  return appPage(
    path,
    openable(`/${path}`),
    withPages(function RolePageRoute() {
      const { me } = appRoute.useRouteContext();
      return <Page role={me.role} />;
    }, Page),
  );
}

/**
 * A record's page: the id from its path (`…/$visitId`) and the caller's role; another id mounts a fresh page, so
 * nothing of the previous record stays in its state.
 */
export function recordRoute<P extends `${string}/$${string}`>(path: P, beforeLoad: Guard, Page: AsyncRouteComponent<{ id: string; role: Role }>) {
  const param = path.slice(path.lastIndexOf('$') + 1);
  const route = appPage(
    path,
    beforeLoad,
    withPages(function RecordPageRoute() {
      // the path is generic here, which hides its parameter's name from TypeScript
      const id = (route.useParams() as Record<string, string>)[param]!;
      const { me } = appRoute.useRouteContext();
      return <Page id={id} role={me.role} key={id} />;
    }, Page),
  );
  return route;
}
