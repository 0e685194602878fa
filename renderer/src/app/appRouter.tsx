/**
 * The router (TanStack Router, code-based routes from `routes.tsx`) over a hash history: the location is
 * `#/path?query`, with no history API paths and no server routes, so it works from the app:// protocol in
 * Electron and from the harness alike. Links are relative (`href="#/plans"`), search params plain
 * (`?id=12&tab=x`, see search.ts).
 */
import { Navigate, RouterProvider, createBrowserHistory, createRouter, type HistoryLocation, type RouterHistory } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import type { Capabilities } from '../../../shared/capabilities';
import type { InstallMode } from '../../../shared/install-mode';
import { Layout } from './Layout';
import { rootRoute, routeTree } from './routes';
import { parseSearch, stringifySearch } from './search';

/** Any unknown path goes home (the layout's frame stays; nothing else to show). */
function NotFound() {
  return <Navigate to="/" replace />;
}

rootRoute.update({ component: Layout, notFoundComponent: NotFound });

/** What the hash history uses of the window (a test passes its own). */
export type HashWindow = Pick<Window, 'location' | 'history' | 'addEventListener' | 'removeEventListener'>;

/** The hash of the window as the router's location: `#/case?id=12` → `/case?id=12`; no hash → `/`. */
export function hashHistory(win: HashWindow): RouterHistory {
  return createBrowserHistory({
    window: win,
    parseLocation: () => {
      const hash = win.location.hash.replace(/^#/, '');
      const href = hash.startsWith('/') ? hash : '/';
      return { ...parseHref(href), state: historyState(win.history.state) };
    },
    // relative hrefs: the page's own URL (app://qorgan/index.html, the harness's) stays as it is
    createHref: (href) => `#${href}`,
  });
}

type EntryState = HistoryLocation['state'];

/** the entry's state as the router keeps it; a plain `href="#/…"` link leaves none: a fresh one, as the history's own */
function historyState(state: unknown): EntryState {
  if (isParsedState(state)) return state;
  const key = Math.random().toString(36).slice(2, 10);
  return { __TSR_index: 0, key, __TSR_key: key };
}

function isParsedState(state: unknown): state is EntryState {
  return typeof state === 'object' && state !== null && typeof (state as { __TSR_index?: unknown }).__TSR_index === 'number';
}

function parseHref(href: string): { href: string; pathname: string; search: string; hash: string } {
  const q = href.indexOf('?');
  const pathname = q < 0 ? href : href.slice(0, q);
  return { href, pathname, search: q < 0 ? '' : href.slice(q), hash: '' };
}

export function createAppRouter(history: RouterHistory = hashHistory(window)) {
  return createRouter({
    routeTree,
    history,
    context: { can: null, mode: 'school' },
    parseSearch,
    stringifySearch,
    // a screen's queries load themselves (TanStack Query); the router only decides which screen
    defaultPreload: false,
    scrollRestoration: false,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}

/** One router (and one history listening to the window) for the life of the page; made on first unlock. */

/**
 * The screens of an unlocked session. Locking unmounts it and leaves the hash as it was, so logging in again
 * returns to the same screen (if the new session may use it: else `beforeLoad` sends it home).
 */
export function AppRoutes({ can, mode }: { can: Capabilities; mode: InstallMode }) {
  // one router per session: a new account must not inherit the last one's matched screen (its guards run afresh)
  const [r] = useState(() => createAppRouter());
  const canKey = JSON.stringify(can);
  const first = useRef(true);
  useEffect(() => {
    // what a session may do can change while it is open (an administrator edits their own roles): check the screen again
    if (first.current) {
      first.current = false;
      return;
    }
    void r.invalidate();
  }, [r, canKey, mode]);
  return <RouterProvider router={r} context={{ can, mode }} />;
}
