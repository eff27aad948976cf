import { Skeleton, Stack } from '@mantine/core';
import { lazy, Suspense, type ComponentProps } from 'react';
import type { AgenciesPage } from './agencies-page.js';
import type { BanksPage } from './banks-page.js';
import type { CountiesPage } from './counties-page.js';
import type { DashboardPage } from './dashboard-page.js';
import type { ProvincesPage } from './provinces-page.js';
import type { SystemicPage } from './systemic-page.js';

/**
 * The statistics pages as the router mounts them: each page is its own chunk, fetched when first opened, so the
 * statistics (and the chart code behind them) add nothing to the app's main bundle.
 */
const Dashboard = lazy(() => import('./dashboard-page.js').then((m) => ({ default: m.DashboardPage })));
const Banks = lazy(() => import('./banks-page.js').then((m) => ({ default: m.BanksPage })));
const Counties = lazy(() => import('./counties-page.js').then((m) => ({ default: m.CountiesPage })));
const Agencies = lazy(() => import('./agencies-page.js').then((m) => ({ default: m.AgenciesPage })));
const Systemic = lazy(() => import('./systemic-page.js').then((m) => ({ default: m.SystemicPage })));
const Provinces = lazy(() => import('./provinces-page.js').then((m) => ({ default: m.ProvincesPage })));

function Loading() {
  return (
    <Stack gap="md" aria-busy="true">
      <Skeleton h={36} w={320} radius="sm" />
      <Skeleton h={64} radius="md" />
      <Skeleton h={260} radius="md" />
    </Stack>
  );
}

export const DashboardPageLazy = (props: ComponentProps<typeof DashboardPage>) => (
  <Suspense fallback={<Loading />}>
    <Dashboard {...props} />
  </Suspense>
);

export const BanksPageLazy = (props: ComponentProps<typeof BanksPage>) => (
  <Suspense fallback={<Loading />}>
    <Banks {...props} />
  </Suspense>
);

export const AgenciesPageLazy = (props: ComponentProps<typeof AgenciesPage>) => (
  <Suspense fallback={<Loading />}>
    <Agencies {...props} />
  </Suspense>
);

export const SystemicPageLazy = (props: ComponentProps<typeof SystemicPage>) => (
  <Suspense fallback={<Loading />}>
    <Systemic {...props} />
  </Suspense>
);

export const ProvincesPageLazy = (props: ComponentProps<typeof ProvincesPage>) => (
  <Suspense fallback={<Loading />}>
    <Provinces {...props} />
  </Suspense>
);

export const CountiesPageLazy = (props: ComponentProps<typeof CountiesPage>) => (
  <Suspense fallback={<Loading />}>
    <Counties {...props} />
  </Suspense>
);
