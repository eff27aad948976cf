/** The root, the sign-in page, the signed-in frame and its home page; helpers every feature's routes use. */
import { Button, Center, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import { Link, Outlet, createRootRouteWithContext, createRoute, redirect, useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { accountRedirect } from '../../features/account/account-gate.js';
import { meQueryOptions } from '../../features/auth/hooks/use-session.js';
import type { Role } from '../../../shared/roles.js';
import { QueryError } from '../../components/query-error.js';
import { useI18n } from '../../lib/i18n.js';
import { can, type Action } from '../../lib/authorization.js';
import { lazyPage, withPages } from '../lazy-page.js';
import { canOpen, type AppPath } from '../navigation.js';


const LoginPage = lazyPage(() => import('../../features/auth/components/login-page.js'), 'LoginPage', ['auth', 'producers', 'account']);
// The signed-in frame too: the sign-in page does without its menus, tooltips and icons.
const AppLayout = lazyPage(() => import('../app-layout.js'), 'AppLayout', ['account']);
const HomePage = lazyPage(() => import('../../features/home/components/home-page.js'), 'HomePage', ['home']);


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

/** Shown when a page's code or data takes longer than a moment (the router's pendingMs) to arrive. */
export function PagePending() {
  return (
    <Stack gap="md" p="md" aria-busy="true">
      <Skeleton h={36} w={320} maw="100%" radius="sm" />
      <Skeleton h={64} radius="md" />
      <Skeleton h={260} radius="md" />
    </Stack>
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

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});

/** A same-site path to return to after signing in; anything else is dropped. */
function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined;
}

export const loginRoute = createRoute({
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
  component: withPages(function LoginRoute() {
    const search = loginRoute.useSearch();
    const router = useRouter();
    return <LoginPage onLoggedIn={() => void router.history.push(search.redirect ?? '/')} />;
  }, LoginPage),
});

/** Every page below needs a session; the layout draws the frame around them. */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQueryOptions);
    if (!me) {
      const target = location.href === '/' ? undefined : location.href;
      throw redirect({ to: '/login', search: target ? { redirect: target } : {} });
    }
    // A temporary password or a missing second factor comes first; the server refuses the rest meanwhile.
    const required = accountRedirect(me, location.pathname);
    if (required) throw redirect({ href: required });
    return { me };
  },
  component: AppLayout,
});

/** The admin and account route modules hang their pages under this one. */
export type AppLayoutRoute = typeof appRoute;

export const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: withPages(function HomeRoute() {
    const { me } = appRoute.useRouteContext();
    return <HomePage fullName={me.fullName} role={me.role} />;
  }, HomePage),
});

/** A page that exists to call `action`: only those who may call it open it. */
export function allow(action: Action) {
  return ({ context }: { context: { me: { role: Role } } }) => {
    if (!can(context.me.role, action)) throw redirect({ to: '/' });
  };
}

/** A page the navigation lists: only the roles it shows the page to open it (navigation.ts says who). */
export function openable(path: AppPath) {
  return ({ context }: { context: { me: { role: Role } } }) => {
    if (!canOpen(context.me.role, path)) throw redirect({ to: '/' });
  };
}
