import type { JSX } from 'preact';

import { Link, useRouter } from '../app/router';
import { Empty } from '../components/page-state';

/** A console path that names no page. */
export function NotFoundPage(): JSX.Element {
  const { paths, pathname } = useRouter();
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <Empty title="The console has no page here">
        <p>
          <code>{pathname}</code> is not a page of the console. Go to the{' '}
          <Link href={`${paths.basePath}uploads`}>uploads</Link> or the{' '}
          <Link href={`${paths.basePath}services`}>services</Link>.
        </p>
      </Empty>
    </>
  );
}
