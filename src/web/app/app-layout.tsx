import { AppShell, Box, Burger, Button, Divider, Group, Menu, NavLink, ScrollArea, Stack, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { BrandMark } from '../components/brand-mark.js';
import { AgencyIcon, BankIcon, BellIcon, CalendarIcon, ClipboardIcon, FactoryIcon, HomeIcon, InboxIcon, ListCheckIcon, LogoutIcon, PrinterIcon, UserIcon, UsersIcon, ChartBarIcon, ScaleIcon, AwardIcon, NetworkIcon, MapIcon, PinIcon } from '../components/icons.js';
import { LanguageSwitch } from '../components/language-switch.js';
import { useLogout, useMe } from '../features/auth/hooks/use-session.js';
import { FieldSyncAgent } from '../features/field/components/sync-agent.js';
import { UnreadBadge } from '../features/notifications/components/unread-badge.js';
import { formatDateWithWeekday, todayInTehran } from '../lib/dates.js';
import { AuthorizationProvider, can } from '../lib/authorization.js';
import { useI18n } from '../lib/i18n.js';
import { navItemsFor, type AppPath } from './navigation.js';
import classes from './app-layout.module.css';

const NAV_ICONS: Record<AppPath, ReactNode> = {
  '/': <HomeIcon size={18} />,
  '/units': <FactoryIcon size={18} />,
  '/users': <UsersIcon size={18} />,
  '/visits': <ClipboardIcon size={18} />,
  '/field': <PinIcon size={18} />,
  '/demands': <ListCheckIcon size={18} />,
  '/inbox': <InboxIcon size={18} />,
  '/notifications': <BellIcon size={18} />,
  '/sessions': <CalendarIcon size={18} />,
  '/resolutions': <AgencyIcon size={18} />,
  '/referrals': <BankIcon size={18} />,
  '/bank': <InboxIcon size={18} />,
  '/monitor': <ListCheckIcon size={18} />,
  '/quotas': <ClipboardIcon size={18} />,
  '/bank-reports': <PrinterIcon size={18} />,
  '/stats/overview': <ChartBarIcon size={18} />,
  '/stats/banks': <ScaleIcon size={18} />,
  '/stats/agencies': <AwardIcon size={18} />,
  '/stats/systemic-obstacles': <NetworkIcon size={18} />,
  '/stats/provinces': <MapIcon size={18} />,
  '/stats/counties': <MapIcon size={18} />,
  '/sms': <InboxIcon size={18} />,
  '/tokens': <NetworkIcon size={18} />,
  '/audit': <ListCheckIcon size={18} />,
  '/unit-claims': <UserIcon size={18} />,
  '/loan-applications': <BankIcon size={18} />,
};

function isActive(pathname: string, to: AppPath | '/account'): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/** The signed-in frame: header, role-based navigation, and the page. */
export function AppLayout() {
  const { t, dir, language, roleLabel } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const logoutMutation = useLogout(() => void navigate({ to: '/login', search: {} }));

  if (!me) return null;
  const today = formatDateWithWeekday(todayInTehran(), language);

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', md: 'xl' }}
      // A language switch flips the whole frame; animating that looks broken.
      transitionDuration={0}
      className={classes.shell}
    >
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" color="white" aria-label={t('nav.toggle')} />
            <BrandMark size={36} />
            <Stack gap={0} visibleFrom="xs">
              <Text fw={700} c="white" size="md" lh={1.3}>
                {t('app.name')}
              </Text>
              <Text c="brand.1" size="xs" lh={1.3}>
                {t('app.org')}
              </Text>
            </Stack>
          </Group>

          <Group gap="md" wrap="nowrap">
            <Group gap={6} wrap="nowrap" visibleFrom="md" className={classes.today} data-testid="today">
              <CalendarIcon size={16} />
              <Text size="sm">{today}</Text>
            </Group>
            <Divider orientation="vertical" color="brand.6" visibleFrom="md" />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                {/* named by what it shows (the person and their role) and then what it opens */}
                <UnstyledButton visibleFrom="sm" data-testid="current-user">
                  <Group gap={8} wrap="nowrap">
                    <Box className={classes.avatar}>
                      <UserIcon size={18} />
                    </Box>
                    <Stack gap={0}>
                      <Text size="sm" fw={600} c="white" lh={1.3} dir="auto" data-testid="current-user-name">
                        {me.fullName}
                      </Text>
                      <Text size="xs" c="brand.1" lh={1.3} data-testid="current-role">
                        {roleLabel(me.role)}
                      </Text>
                      <VisuallyHidden>{t('account.menu.open')}</VisuallyHidden>
                    </Stack>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/account" leftSection={<UserIcon size={16} />} data-testid="menu-account">
                  {t('account.title')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <UnreadBadge />
            <LanguageSwitch />
            <Tooltip label={t('header.logout')}>
              <Button
                variant="subtle"
                color="gray.0"
                size="compact-sm"
                onClick={() => logoutMutation.mutate()}
                loading={logoutMutation.isPending}
                aria-label={t('header.logout')}
                leftSection={<LogoutIcon size={18} style={dir === 'rtl' ? { transform: 'scaleX(-1)' } : undefined} />}
                className={classes.logout}
                data-testid="logout"
              >
                <Text span size="sm" visibleFrom="lg">
                  {t('header.logout')}
                </Text>
              </Button>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" className={classes.navbar} aria-label={t('nav.main')}>
        {/* An admin's list is longer than a laptop screen: it scrolls on its own. */}
        <AppShell.Section grow component={ScrollArea} type="auto">
          <Stack gap={4} component="nav">
            {navItemsFor(me.role).map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.label)}
                leftSection={NAV_ICONS[item.to]}
                active={isActive(pathname, item.to)}
                onClick={close}
                variant="light"
                className={classes.navLink}
                data-testid={`nav-${item.to === '/' ? 'home' : item.to.slice(1)}`}
              />
            ))}
          </Stack>
        </AppShell.Section>
        {/* On narrow screens the header has no room for these. */}
        <AppShell.Section hiddenFrom="md">
          <Divider my="sm" />
          <Stack gap={2} px="sm" pb="xs">
            <Text size="sm" fw={600} hiddenFrom="sm" dir="auto">
              {me.fullName}
            </Text>
            <Text size="xs" c="dimmed" hiddenFrom="sm">
              {roleLabel(me.role)}
            </Text>
            <Text size="xs" c="dimmed">
              {today}
            </Text>
          </Stack>
          <NavLink component={Link} to="/account" label={t('account.title')} leftSection={<UserIcon size={18} />} active={isActive(pathname, '/account')} onClick={close} variant="light" className={classes.navLink} data-testid="nav-account" />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main className={classes.main}>
        <Box maw={1280} mx="auto">
          <AuthorizationProvider role={me.role}>
            <Outlet />
          </AuthorizationProvider>
          {/* field records waiting on this device are sent whenever the network allows, whatever page is open */}
          {can(me.role, 'POST /api/v1/visits') ? <FieldSyncAgent userId={me.id} /> : null}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
