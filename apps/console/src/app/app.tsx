import type { JSX, TargetedMouseEvent } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

import { SearchBox } from '../components/search-box';
import { NotFoundPage } from '../pages/not-found-page';
import { SearchPage } from '../pages/search-page';
import { ServicesPage } from '../pages/services-page';
import { UploadPage } from '../pages/upload-page';
import { UploadsPage } from '../pages/uploads-page';
import { Link, RouterProvider, useRouter } from './router';

/** The console: header (brand, navigation, search) on every page, then the page. */
export function App(): JSX.Element {
  return (
    <RouterProvider>
      <Layout />
    </RouterProvider>
  );
}

function Layout(): JSX.Element {
  const { route, paths, pathname } = useRouter();
  const main = useRef<HTMLElement>(null);
  const isFirstPage = useRef(true);

  // A new page moves focus to its heading, as a full page load would start from the top.
  useEffect(() => {
    if (isFirstPage.current) {
      isFirstPage.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    heading?.focus();
  }, [pathname]);

  useEffect(() => {
    if (route.page === 'uploads') document.title = 'Uploads · Payload Tracker';
    if (route.page === 'not_found') document.title = 'Not found · Payload Tracker';
  }, [route.page]);

  const skip = (event: TargetedMouseEvent<HTMLAnchorElement>): void => {
    // With a <base href>, `#main` would be a link to the console's root: focus in place instead.
    event.preventDefault();
    main.current?.focus();
  };
  const section =
    route.page === 'services' ? 'services' : route.page === 'not_found' ? undefined : 'uploads';

  return (
    <>
      <a class="skip-link" href="#main" onClick={skip}>
        Skip to content
      </a>
      <header class="site-header">
        <Link href={`${paths.basePath}uploads`} class="brand">
          Payload Tracker
        </Link>
        <nav aria-label="Main" class="site-nav">
          <Link
            href={`${paths.basePath}uploads`}
            aria-current={section === 'uploads' ? 'page' : undefined}
          >
            Uploads
          </Link>
          <Link
            href={`${paths.basePath}services`}
            aria-current={section === 'services' ? 'page' : undefined}
          >
            Services
          </Link>
        </nav>
        <SearchBox />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Page />
      </main>
    </>
  );
}

function Page(): JSX.Element {
  const { route } = useRouter();
  switch (route.page) {
    case 'uploads':
      return <UploadsPage />;
    case 'upload':
      return <UploadPage key={route.requestId} requestId={route.requestId} />;
    case 'services':
      return <ServicesPage />;
    case 'search':
      return <SearchPage />;
    case 'not_found':
      return <NotFoundPage />;
  }
}
