import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';

import { Link, useRouter } from '../app/router';
import { useApi } from '../app/use-api';
import { Empty, Failure, Loading } from '../components/page-state';
import type { ApiResult } from '../lib/api-client';
import { routePath } from '../lib/console-paths';
import { classifySearch, resolveSearch } from '../lib/search-query';
import type { FilterMatch, SearchResolution } from '../lib/search-query';
import { DEFAULT_UPLOADS_VIEW, uploadsViewQuery } from '../lib/uploads-view';

const FILTER_NAMES: Readonly<Record<FilterMatch['filter'], string>> = {
  account: 'account',
  org_id: 'org id',
  inventory_id: 'inventory id',
  system_id: 'system id',
  request_id: 'request id',
};

/**
 * Where a search that is not a UUID lands: each filter it may be is counted (any time); one
 * match goes straight to its list (or upload), several are offered, none is said.
 */
export function SearchPage(): JSX.Element {
  const { api, paths, search, navigate } = useRouter();
  const query = new URLSearchParams(search).get('q') ?? '';
  const target = classifySearch(query);
  const [state, reload] = useApi(
    `search:${query}`,
    async (signal): Promise<ApiResult<SearchResolution>> => {
      if (target.kind !== 'filters') {
        return { ok: true, value: { kind: 'none' } };
      }
      const results = await Promise.all(
        target.filters.map((filter) =>
          api.listPayloads(
            `?${new URLSearchParams({ [filter]: target.value, page_size: '1' }).toString()}`,
            signal,
          ),
        ),
      );
      const counts: FilterMatch[] = [];
      for (const [index, filter] of target.filters.entries()) {
        const result = results[index];
        if (result === undefined) continue;
        if (!result.ok) return result;
        counts.push({ filter, count: result.value.count });
      }
      return { ok: true, value: resolveSearch(counts) };
    },
  );

  const hrefOf = (filter: FilterMatch['filter'], value: string): string =>
    filter === 'request_id'
      ? routePath(paths.basePath, { page: 'upload', requestId: value })
      : routePath(
          paths.basePath,
          { page: 'uploads' },
          uploadsViewQuery({
            ...DEFAULT_UPLOADS_VIEW,
            window: 'all',
            filters: { [filter]: value },
          }),
        );

  useEffect(() => {
    document.title = `Search ${query} · Payload Tracker`;
    if (target.kind === 'request_id') {
      navigate(routePath(paths.basePath, { page: 'upload', requestId: target.requestId }), {
        replace: true,
      });
    } else if (target.kind === 'filters' && state.status === 'ok' && state.value.kind === 'go') {
      navigate(hrefOf(state.value.filter, target.value), { replace: true });
    }
  });

  return (
    <>
      <h1 tabIndex={-1}>Search</h1>
      {target.kind === 'empty' && (
        <Empty title="Nothing to search for">
          <p>
            Type a request id, an account, an org id, an inventory id or a system id in the search
            box.
          </p>
        </Empty>
      )}
      {target.kind === 'filters' && state.status === 'loading' && (
        <Loading what={`uploads matching “${target.value}”`} />
      )}
      {target.kind === 'filters' && state.status === 'error' && (
        <Failure failure={state.failure} what="the search" onRetry={reload} />
      )}
      {target.kind === 'filters' && state.status === 'ok' && state.value.kind === 'none' && (
        <Empty title={`Nothing matches “${target.value}”`}>
          <p>
            No upload has it as its{' '}
            {target.filters.map((filter) => FILTER_NAMES[filter]).join(', ')}. Ids match exactly:
            check for typos.
          </p>
        </Empty>
      )}
      {target.kind === 'filters' && state.status === 'ok' && state.value.kind === 'choose' && (
        <>
          <p>“{target.value}” matches more than one kind of id:</p>
          <ul class="choices">
            {state.value.matches.map(({ filter, count }) => (
              <li key={filter}>
                <Link href={hrefOf(filter, target.value)}>
                  as {FILTER_NAMES[filter]}: {count.toLocaleString('en')} upload
                  {count === 1 ? '' : 's'}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
