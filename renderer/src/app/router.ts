/**
 * A small hash router: the location is `#/path?query`. No history API and no server routes, so it works from
 * file:// in Electron and from the harness alike.
 */
import { useSyncExternalStore } from 'react';

export interface Location {
  path: string;
  query: URLSearchParams;
}

function read(): string {
  const h = window.location.hash.replace(/^#/, '');
  return h.startsWith('/') ? h : '/';
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useLocation(): Location {
  const raw = useSyncExternalStore(subscribe, read, () => '/');
  const [path = '/', qs = ''] = raw.split('?');
  return { path, query: new URLSearchParams(qs) };
}

export function navigate(path: string): void {
  const target = `#${path.startsWith('/') ? path : `/${path}`}`;
  if (window.location.hash !== target) window.location.hash = target;
}

export function href(path: string): string {
  return `#${path}`;
}
