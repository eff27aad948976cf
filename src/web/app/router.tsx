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
import { UsersPage } from '../features/users/components/users-page.js';
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
  validateSearch: (search: Record<string, unknown>): { q?: string; page?: number } => {
    const q = typeof search['q'] === 'string' && search['q'].trim() ? search['q'] : undefined;
    const page = positiveInt(search['page']);
    return { ...(q ? { q } : {}), ...(page && page > 1 ? { page } : {}) };
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/units')) throw redirect({ to: '/' });
  },
  component: function UnitsRoute() {
    const search = unitsRoute.useSearch();
    const navigate = unitsRoute.useNavigate();
    return (
      <UnitsPage
        search={{ q: search.q ?? '', page: search.page ?? 1 }}
        onSearchChange={(next) =>
          void navigate({
            search: { ...(next.q ? { q: next.q } : {}), ...(next.page > 1 ? { page: next.page } : {}) },
            replace: next.page === 1,
          })
        }
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

const routeTree = rootRoute.addChildren([loginRoute, appRoute.addChildren([homeRoute, unitsRoute, usersRoute])]);

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
