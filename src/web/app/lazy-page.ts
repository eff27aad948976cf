/**
 * Pages fetched with their routes (issue 15, a lighter first load). The main bundle holds the frame — router,
 * layout, navigation, API client — and each page arrives as its own chunk, with its features' messages, when its
 * route is about to show: the router waits for both before it swaps the page (the old one stays meanwhile), and
 * fetches them already on hover or focus of a link (`defaultPreload: 'intent'`).
 */
import { lazyRouteComponent, type AsyncRouteComponent } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { loadMessages, type MessageBundle } from '../lib/i18n.js';

/**
 * A page component from its own chunk, rendered like the component itself.
 * `messages`: every feature whose keys the page (and what it imports) shows — lib/message-bundles.test.ts checks.
 * Written on one line per call, `lazyPage(() => import('…'), 'Export', [...])`, so that test can read it.
 */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(
  load: () => Promise<M>,
  exportName: K,
  messages: readonly MessageBundle[],
) {
  return lazyRouteComponent<M, K>(() => Promise.all([load(), loadMessages(messages)]).then(([module]) => module), exportName);
}

/**
 * A route's own component that draws lazy pages (it reads the route's params and search and passes them on):
 * the router fetches those pages before it shows the route, as it does for a lazy component given directly.
 */
export function withPages<P extends object>(component: ComponentType<P>, ...pages: { preload?: (() => Promise<void> | undefined) | undefined }[]): AsyncRouteComponent<P> {
  return Object.assign(component, {
    preload: async () => {
      await Promise.all(pages.map((page) => page.preload?.()));
    },
  }) as AsyncRouteComponent<P>;
}
