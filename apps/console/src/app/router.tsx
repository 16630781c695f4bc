import { createContext } from 'preact';
import type { AnchorHTMLAttributes, ComponentChildren, JSX, TargetedMouseEvent } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';

import { ApiClient } from '../lib/api-client';
import { consolePaths, parseRoute } from '../lib/console-paths';
import type { ConsolePaths, ConsoleRoute } from '../lib/console-paths';

/** Where the console is, what it shows, and how to go elsewhere. */
export interface Router {
  readonly paths: ConsolePaths;
  readonly api: ApiClient;
  readonly route: ConsoleRoute;
  readonly pathname: string;
  readonly search: string;
  /** Goes to `href` (a path under the console) without reloading; `replace` keeps history short. */
  readonly navigate: (href: string, options?: { replace?: boolean }) => void;
}

const RouterContext = createContext<Router | undefined>(undefined);

/** The console's router; only inside {@link RouterProvider}. */
export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (router === undefined) {
    throw new Error('useRouter outside RouterProvider');
  }
  return router;
}

interface Place {
  readonly pathname: string;
  readonly search: string;
}

const here = (): Place => ({ pathname: location.pathname, search: location.search });

/** History API routing under the console's base path (the api serves index.html for each). */
export function RouterProvider({ children }: { children: ComponentChildren }): JSX.Element {
  const paths = useMemo(() => consolePaths(new URL(document.baseURI).pathname), []);
  const api = useMemo(() => new ApiClient(paths.apiBase), [paths]);
  const [place, setPlace] = useState<Place>(here);

  useEffect(() => {
    const onPop = (): void => setPlace(here());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((href: string, options: { replace?: boolean } = {}) => {
    const target = new URL(href, location.href);
    if (target.pathname + target.search === location.pathname + location.search) {
      return;
    }
    const changesPage = target.pathname !== location.pathname;
    if (options.replace === true) {
      history.replaceState(null, '', target.pathname + target.search);
    } else {
      history.pushState(null, '', target.pathname + target.search);
    }
    setPlace(here());
    if (changesPage) {
      scrollTo(0, 0);
    }
  }, []);

  const router = useMemo<Router>(
    () => ({
      paths,
      api,
      route: parseRoute(place.pathname, paths.basePath),
      pathname: place.pathname,
      search: place.search,
      navigate,
    }),
    [paths, api, place, navigate],
  );
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** A real link that the router follows in place; modified clicks open new tabs as usual. */
export function Link({ href, onClick, ...rest }: AnchorProps): JSX.Element {
  const { navigate } = useRouter();
  const follow = (event: TargetedMouseEvent<HTMLAnchorElement>): void => {
    if (typeof onClick === 'function') {
      onClick(event);
    }
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...rest} />;
}
