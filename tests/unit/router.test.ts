/**
 * The router: the search-param schemas of the detail screens, the plain `?id=12&tab=x` URLs (no JSON quoting), and
 * the real route tree over the app's hash history on a small stand-in for the window — a link round-trips to the
 * same hash, a hand-typed URL gives the screen typed params, and a path the roles may not use (or no screen at all)
 * ends on home.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppRouter, hashHistory, type AppRouter, type HashWindow } from '../../renderer/src/app/appRouter';
import { routes } from '../../renderer/src/app/routes';
import type { Role } from '../../shared/roles';
import { registry } from '../../electron/core/api';
import { capabilitiesOf } from '../../electron/core/capabilities/handlers';
import { oneOf, parseSearch, PLAN_TABS, searchSchemas, stringifySearch } from '../../renderer/src/app/search';

const PLAN_ID = '0b5c7a52-6f0e-4c1e-9b7e-2f1d8a3c4e55';

describe('search params in the URL', () => {
  it('parses and writes plain params, every value a string, nothing JSON-quoted', () => {
    expect(parseSearch('?id=12&tab=x')).toEqual({ id: '12', tab: 'x' });
    expect(parseSearch('id=12')).toEqual({ id: '12' });
    expect(parseSearch('')).toEqual({});
    expect(stringifySearch({ id: '12', tab: 'x' })).toBe('?id=12&tab=x');
    expect(stringifySearch({ year: 2026, tab: undefined, id: '' })).toBe('?year=2026');
    expect(stringifySearch({})).toBe('');
    // Cyrillic and reserved characters survive the trip
    const odd = { id: 'Қорған & co?=/' };
    expect(parseSearch(stringifySearch(odd))).toEqual(odd);
    expect(() => stringifySearch({ id: { nested: 1 } })).toThrow(/only strings/);
  });

  it('round-trips each schema through the URL', () => {
    const cases: [keyof typeof searchSchemas, Record<string, unknown>][] = [
      ['plan', { id: PLAN_ID, tab: 'reports', quarter: 3 }],
      ['council', { year: 2026, tab: 'members' }],
      ['case', { id: '12' }],
      ['register', { pupil: 'p-1' }],
    ];
    for (const [name, value] of cases) {
      const url = stringifySearch(value);
      expect(searchSchemas[name].parse(parseSearch(url)), name).toEqual(value);
    }
  });

  it('never throws on a foreign or missing value: ids read as empty, optional params are dropped', () => {
    expect(searchSchemas.case.parse({})).toEqual({ id: '' });
    expect(searchSchemas.pupil.parse({ id: 'abc' })).toEqual({ id: 'abc' });
    expect(searchSchemas.plan.parse({ id: PLAN_ID, tab: 'nope', quarter: '9' })).toEqual({ id: PLAN_ID });
    expect(searchSchemas.plan.parse({ id: PLAN_ID, quarter: 'x' })).toEqual({ id: PLAN_ID });
    expect(searchSchemas.council.parse({ year: 'soon', tab: 'x' })).toEqual({});
    expect(searchSchemas.inbox.parse({ id: '' })).toEqual({});
    expect(searchSchemas.frameworks.parse({})).toEqual({});
  });

  it('narrows a tab value to the known ones', () => {
    expect(oneOf(PLAN_TABS, 'approval')).toBe('approval');
    expect(oneOf(PLAN_TABS, 'other')).toBeUndefined();
    expect(oneOf(PLAN_TABS, null)).toBeUndefined();
  });
});

/** the page's place: its URL and history entries */
interface Nav {
  url: URL;
  entries: { url: string; state: unknown }[];
  index: number;
}

function fakeLocation(nav: Nav): Location {
  return {
    get hash() {
      return nav.url.hash;
    },
    get pathname() {
      return nav.url.pathname;
    },
    get search() {
      return nav.url.search;
    },
    get href() {
      return nav.url.href;
    },
  } as Location;
}

function fakeHistory(nav: Nav): History {
  const go = (to: string, state: unknown, push: boolean) => {
    nav.url = new URL(to, nav.url);
    if (push) {
      nav.entries.splice(nav.index + 1);
      nav.entries.push({ url: nav.url.href, state });
      nav.index++;
    } else nav.entries[nav.index] = { url: nav.url.href, state };
  };
  return {
    get state() {
      return nav.entries[nav.index]?.state ?? null;
    },
    get length() {
      return nav.entries.length;
    },
    pushState: (state: unknown, _t: string, url?: string | URL | null) => go(String(url ?? nav.url.href), state, true),
    replaceState: (state: unknown, _t: string, url?: string | URL | null) => go(String(url ?? nav.url.href), state, false),
    back: () => undefined,
    forward: () => undefined,
    go: () => undefined,
    scrollRestoration: 'manual',
  };
}

/** just enough of a window for the hash history: a URL, history entries, popstate listeners */
class FakeWindow implements HashWindow {
  readonly origin = 'app://qorgan';
  readonly nav: Nav;
  readonly location: Location;
  readonly history: History;
  private readonly listeners = new Map<string, Set<EventListenerOrEventListenerObject>>();

  constructor(hash: string) {
    const url = new URL('app://qorgan/index.html');
    url.hash = hash;
    this.nav = { url, entries: [{ url: url.href, state: null }], index: 0 };
    this.location = fakeLocation(this.nav);
    this.history = fakeHistory(this.nav);
  }

  addEventListener(type: string, cb: EventListenerOrEventListenerObject): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)?.add(cb);
  }

  removeEventListener(type: string, cb: EventListenerOrEventListenerObject): void {
    this.listeners.get(type)?.delete(cb);
  }

  /** what a plain `<a href="#/…">` does: a new entry without router state, then popstate */
  clickHash(hash: string): void {
    this.nav.url.hash = hash;
    this.nav.entries.splice(this.nav.index + 1);
    this.nav.entries.push({ url: this.nav.url.href, state: null });
    this.nav.index++;
    for (const cb of this.listeners.get('popstate') ?? []) {
      if (typeof cb === 'function') cb(new Event('popstate'));
      else cb.handleEvent(new Event('popstate'));
    }
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the route tree over the hash history', () => {
  const made: AppRouter[] = [];
  const stops: (() => void)[] = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    vi.unstubAllGlobals();
    for (const r of made.splice(0)) r.history.destroy();
  });

  function start(hash: string, roles: readonly Role[] = ['psychologist', 'director', 'administrator']) {
    const win = new FakeWindow(hash);
    vi.stubGlobal('window', win);
    const router = createAppRouter(hashHistory(win));
    // as in the window (node has no document): a client router, following its history as <RouterProvider> does
    router.update({ ...router.options, isServer: false, context: { can: capabilitiesOf(registry, { session: { accountId: 'a', login: 'x', displayName: 'x', roles: [...roles], language: 'kk' }, isUnlocked: true, isSetUp: true }), mode: 'school' } });
    const unsubscribe = router.history.subscribe(() => void router.load());
    made.push(router);
    stops.push(unsubscribe);
    return { win, router };
  }

  it('builds every screen of routes.tsx into the tree', () => {
    const { router } = start('#/');
    const paths = new Set(Object.keys(router.routesByPath));
    for (const r of routes) expect(paths.has(r.path), r.path).toBe(true);
  });

  it('reads a hand-typed URL into typed search params and writes links back as the same plain URL', async () => {
    const { win, router: r } = start(`#/plan?id=${PLAN_ID}&tab=reports&quarter=2`);
    await r.load();
    const match = r.state.matches.at(-1);
    expect(match?.routeId).toBe('/plan');
    expect(match?.search).toEqual({ id: PLAN_ID, tab: 'reports', quarter: 2 });

    // a typed link's href: relative to the page, plain params
    const loc = r.buildLocation({ to: '/case', search: { id: '12' } });
    expect(r.history.createHref(loc.href)).toBe('#/case?id=12');

    await r.navigate({ to: '/council', search: { year: 2026, tab: 'members' } });
    await tick();
    expect(win.location.hash).toBe('#/council?year=2026&tab=members');
    expect(win.location.pathname).toBe('/index.html');
    expect(r.state.matches.at(-1)?.search).toEqual({ year: 2026, tab: 'members' });
  });

  it('follows a plain #/ link (a work-list item from the core) like its own', async () => {
    const { win, router: r } = start('#/');
    await r.load();
    win.clickHash('#/case?id=77');
    await expect.poll(() => r.state.location.pathname).toBe('/case');
    await expect.poll(() => r.state.matches.at(-1)?.search).toEqual({ id: '77' });
  });

  it('sends a path the roles may not use, and an unknown one, home', async () => {
    const { win, router: r } = start('#/accounts', ['class_teacher']);
    await r.load();
    await tick();
    expect(r.state.location.pathname).toBe('/');
    expect(win.location.hash).toBe('#/');

    // the same path is open to an administrator
    const admin = start('#/accounts', ['administrator']);
    await admin.router.load();
    expect(admin.router.state.location.pathname).toBe('/accounts');

    const lost = start('#/no-such-screen');
    await lost.router.load();
    // no such screen: only the root (the layout) matches, and the layout, finding no screen for it, goes home
    expect(lost.router.state.matches.map((m) => m.routeId)).toEqual(['__root__']);
  });
});
