import type { PayloadStateFilterValue } from '@payload-tracker/api-contract';
import type { JSX } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';

import { Link, useRouter } from '../app/router';
import { useApi } from '../app/use-api';
import { Duration } from '../components/duration';
import { Empty, Failure, Loading, SampleTrafficHint } from '../components/page-state';
import { SortHeader } from '../components/sort-header';
import { STATE_LABELS, STATE_ORDER } from '../components/state-chip';
import { TableScroll } from '../components/table-scroll';
import { Timestamp } from '../components/timestamp';
import type { ServiceStatsRow } from '../lib/api-types';
import { routePath } from '../lib/console-paths';
import {
  formatSuccessRate,
  parseServicesView,
  serviceLabel,
  serviceSortValue,
  servicesViewQuery,
  sortServicesBy,
} from '../lib/services-view';
import type { ServiceSortColumn, ServicesView } from '../lib/services-view';
import { sortRows } from '../lib/sort-rows';
import { TIME_WINDOWS, TIME_WINDOW_NAMES, windowStart } from '../lib/time-window';
import { DEFAULT_UPLOADS_VIEW, uploadsViewQuery } from '../lib/uploads-view';
import type { UploadsView } from '../lib/uploads-view';

const COLUMNS: readonly { column: ServiceSortColumn; label: string; numeric: boolean }[] = [
  { column: 'service', label: 'Service', numeric: false },
  { column: 'payloads', label: 'Uploads', numeric: true },
  { column: 'success_rate', label: 'Success rate', numeric: true },
  { column: 'failed', label: 'Failed', numeric: true },
  { column: 'stalled', label: 'Stalled', numeric: true },
  { column: 'in_progress', label: 'In progress', numeric: true },
  { column: 'duration_p50', label: 'p50', numeric: true },
  { column: 'duration_p95', label: 'p95', numeric: true },
  { column: 'duration_p99', label: 'p99', numeric: true },
];

/** Service health for a window: `GET /stats/services` as a sortable table. */
export function ServicesPage(): JSX.Element {
  const { api, paths, search, navigate } = useRouter();
  const view = useMemo(() => parseServicesView(search), [search]);
  const [state, reload] = useApi(`stats:${view.window}`, (signal) =>
    api.serviceStats(windowStart(view.window, Date.now()), signal),
  );
  useEffect(() => {
    document.title = 'Services · Payload Tracker';
  }, []);
  const hrefOf = (next: ServicesView): string =>
    routePath(paths.basePath, { page: 'services' }, servicesViewQuery(next));
  const uploadsHref = (next: Partial<UploadsView>): string =>
    routePath(
      paths.basePath,
      { page: 'uploads' },
      uploadsViewQuery({ ...DEFAULT_UPLOADS_VIEW, window: view.window, ...next }),
    );
  const stats =
    state.status === 'ok' ? state.value : state.status === 'loading' ? state.previous : undefined;
  const rows = useMemo(
    () =>
      stats === undefined
        ? []
        : view.sort === undefined
          ? stats.services
          : sortRows(
              stats.services,
              (row) => serviceSortValue(row, view.sort ?? 'service'),
              view.dir,
            ),
    [stats, view.sort, view.dir],
  );

  return (
    <>
      <h1 tabIndex={-1}>Services</h1>
      <nav aria-label="Time window: the last" class="segmented">
        <span class="segmented-label" aria-hidden="true">
          The last
        </span>
        {TIME_WINDOW_NAMES.map((window) => (
          <Link
            key={window}
            href={hrefOf({ ...view, window })}
            aria-current={window === view.window ? 'page' : undefined}
            class="segment"
          >
            {TIME_WINDOWS[window].label}
          </Link>
        ))}
      </nav>
      {stats !== undefined && (
        <section class="state-chips" aria-label="Uploads per state in the window">
          {STATE_ORDER.map((chipState: PayloadStateFilterValue) => (
            <Link
              key={chipState}
              href={uploadsHref({ states: [chipState] })}
              class={`state-filter chip-${chipState}`}
            >
              <span class="state-filter-label">{STATE_LABELS[chipState]}</span>
              <span class="state-filter-count">{stats.totals[chipState].toLocaleString('en')}</span>
            </Link>
          ))}
        </section>
      )}
      <div aria-busy={state.status === 'loading'} class="results">
        {state.status === 'error' && (
          <Failure failure={state.failure} what="the service stats" onRetry={reload} />
        )}
        {state.status === 'loading' && stats === undefined && <Loading what="service stats" />}
        {stats !== undefined && rows.length === 0 && (
          <Empty title={`No service reported in the last ${TIME_WINDOWS[view.window].label}`}>
            <p>
              Try a <Link href={hrefOf({ ...view, window: '7d' })}>longer window</Link>.
            </p>
            <SampleTrafficHint />
          </Empty>
        )}
        {stats !== undefined && rows.length > 0 && (
          <>
            <p class="muted">
              From <Timestamp value={stats.since} /> to <Timestamp value={stats.until} />. Durations
              are of groups that closed in the window, read from pre-aggregated buckets.
            </p>
            <TableScroll label="Services table">
              <table class="data-table services-table">
                <thead>
                  <tr>
                    {COLUMNS.map(({ column, label, numeric }) => (
                      <SortHeader
                        key={column}
                        label={label}
                        numeric={numeric}
                        active={view.sort === column}
                        direction={view.dir}
                        onSort={() => navigate(hrefOf(sortServicesBy(view, column)))}
                      />
                    ))}
                    <th scope="col">Last failure</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <ServiceRowView key={serviceLabel(row)} row={row} uploadsHref={uploadsHref} />
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
      </div>
    </>
  );
}

function ServiceRowView({
  row,
  uploadsHref,
}: {
  row: ServiceStatsRow;
  uploadsHref: (view: Partial<UploadsView>) => string;
}): JSX.Element {
  const { paths } = useRouter();
  const name = serviceLabel(row);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td class="numeric">{row.payloads.toLocaleString('en')}</td>
      <td class="numeric">{formatSuccessRate(row.success_rate)}</td>
      <td class="numeric">
        {row.failed > 0 ? (
          <Link
            href={uploadsHref({ states: ['failed'], filters: { failed_service: row.service } })}
            aria-label={`${row.failed.toString()} failed uploads in ${row.service}`}
          >
            {row.failed.toLocaleString('en')}
          </Link>
        ) : (
          '0'
        )}
      </td>
      <td class="numeric">
        {row.stalled > 0 ? (
          <Link
            href={uploadsHref({ states: ['stalled'] })}
            aria-label={`${row.stalled.toString()} stalled in ${name}: all stalled uploads`}
            title="The API filters stalled uploads by state only: this lists every stalled upload, with its last service"
          >
            {row.stalled.toLocaleString('en')}
          </Link>
        ) : (
          '0'
        )}
      </td>
      <td class="numeric">{row.in_progress.toLocaleString('en')}</td>
      <td class="numeric">
        <Duration exact={row.duration_p50} />
      </td>
      <td class="numeric">
        <Duration exact={row.duration_p95} />
      </td>
      <td class="numeric">
        <Duration exact={row.duration_p99} />
      </td>
      <td class="message-cell">
        {row.last_failure === undefined ? (
          <span class="muted">—</span>
        ) : (
          <>
            <Link
              href={routePath(paths.basePath, {
                page: 'upload',
                requestId: row.last_failure.request_id,
              })}
            >
              {row.last_failure.status}
            </Link>
            {row.last_failure.status_msg === undefined ? '' : `: ${row.last_failure.status_msg}`}
          </>
        )}
      </td>
    </tr>
  );
}
