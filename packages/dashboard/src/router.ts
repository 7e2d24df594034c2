// Client-side routes under /dashboard/ (the server answers index.html for any of them).
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/dashboard';

export type Route =
  | { page: 'overview' }
  | { page: 'transactions' }
  | { page: 'transaction'; id: string }
  | { page: 'connections' }
  | { page: 'webhooks' }
  | { page: 'api-keys' }
  | { page: 'team' }
  | { page: 'audit' }
  | { page: 'reconciliation' }
  | { page: 'reconciliation-run'; id: string };

export function parse(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = rest.split('/').filter(Boolean);
  if (parts[0] === 'transactions' && parts[1]) return { page: 'transaction', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'connections') return { page: 'connections' };
  if (parts[0] === 'webhooks') return { page: 'webhooks' };
  if (parts[0] === 'api-keys') return { page: 'api-keys' };
  if (parts[0] === 'team' || parts[0] === 'audit') return { page: parts[0] };
  if (parts[0] === 'transactions') return { page: 'transactions' };
  if (parts[0] === 'reconciliation' && parts[1])
    return { page: 'reconciliation-run', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'reconciliation') return { page: 'reconciliation' };
  // The landing page after sign-in.
  return { page: 'overview' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'transaction':
      return `${BASE}/transactions/${encodeURIComponent(route.id)}`;
    case 'transactions':
      return `${BASE}/transactions`;
    case 'overview':
      return `${BASE}/`;
    case 'reconciliation-run':
      return `${BASE}/reconciliation/${encodeURIComponent(route.id)}`;
    default:
      return `${BASE}/${route.page}`;
  }
}

export function navigate(to: string): void {
  history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parse(location.pathname));
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return route;
}

/** Links that stay in the app: a plain click navigates without a reload; modified clicks open normally. */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.target as Element).closest('a');
  if (!anchor || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || anchor.target) return;
  const url = new URL(anchor.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(`${BASE}/`)) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}

/** The current URL's query string (`?status=…`), kept in step with navigation and back/forward. */
export function useSearch(): string {
  const [search, setSearch] = useState(() => location.search);
  useEffect(() => {
    const update = () => setSearch(location.search);
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return search;
}
