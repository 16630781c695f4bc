import { isFailureStatus } from '@payload-tracker/status-lifecycle';
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

import { Link, useRouter } from '../app/router';
import { useApi } from '../app/use-api';
import { CopyButton } from '../components/copy-button';
import { Duration } from '../components/duration';
import { Empty, Failure, Loading } from '../components/page-state';
import { SortHeader } from '../components/sort-header';
import { StateChip } from '../components/state-chip';
import { TableScroll } from '../components/table-scroll';
import { TimelineChart } from '../components/timeline-chart';
import { Timestamp } from '../components/timestamp';
import type { ApiClient, ApiResult } from '../lib/api-client';
import type { PayloadStatuses, StatusRow } from '../lib/api-types';
import { routePath } from '../lib/console-paths';
import { formatHumanDuration, parseApiDuration } from '../lib/human-duration';
import { followStatuses } from '../lib/live-statuses';
import type { LiveState } from '../lib/live-statuses';
import { isUuid, requestIdForms } from '../lib/search-query';
import { sortRows } from '../lib/sort-rows';
import type { SortValue } from '../lib/sort-rows';
import { applyStatusEvent, lastStatusId, mergeStatuses } from '../lib/status-merge';
import { buildTimeline } from '../lib/timeline';
import { uploadsViewQuery, DEFAULT_UPLOADS_VIEW } from '../lib/uploads-view';

interface Found {
  /** The spelling the API knows the request id by. */
  readonly requestId: string;
  readonly payload: PayloadStatuses;
}

/** Loads the payload under each spelling of its request id until one is found. */
async function findPayload(
  api: ApiClient,
  requestId: string,
  signal: AbortSignal,
): Promise<ApiResult<Found>> {
  let last: ApiResult<PayloadStatuses> | undefined;
  for (const form of requestIdForms(requestId)) {
    last = await api.payloadStatuses(form, signal);
    if (last.ok) {
      return { ok: true, value: { requestId: form, payload: last.value } };
    }
    if (last.failure.kind !== 'not_found') {
      return { ok: false, failure: last.failure };
    }
  }
  return {
    ok: false,
    failure:
      last === undefined || last.ok
        ? { kind: 'not_found', message: 'No such upload' }
        : last.failure,
  };
}

/** The upload (track) page: header, failure, timeline, every status; updated live. */
export function UploadPage({ requestId }: { requestId: string }): JSX.Element {
  const { api } = useRouter();
  const [state, reload] = useApi(requestId, (signal) => findPayload(api, requestId, signal));
  useEffect(() => {
    document.title = `Upload ${requestId} · Payload Tracker`;
  }, [requestId]);

  if (state.status === 'loading') {
    return (
      <>
        <h1 tabIndex={-1}>Upload</h1>
        <Loading what={`upload ${requestId}`} />
      </>
    );
  }
  if (state.status === 'error') {
    return (
      <>
        <h1 tabIndex={-1}>Upload</h1>
        {state.failure.kind === 'not_found' ? (
          <UnknownUpload requestId={requestId} />
        ) : (
          <Failure failure={state.failure} what="this upload" onRetry={reload} />
        )}
      </>
    );
  }
  return <FoundUpload key={state.value.requestId} found={state.value} />;
}

function UnknownUpload({ requestId }: { requestId: string }): JSX.Element {
  const { api, paths } = useRouter();
  // A UUID that is no request id may be a host's inventory or system id.
  const [others] = useApi(`others:${requestId}`, async (signal) => {
    if (!isUuid(requestId)) {
      return { ok: true, value: [] };
    }
    const filters = ['inventory_id', 'system_id'] as const;
    const counts = await Promise.all(
      filters.map((filter) =>
        api.listPayloads(
          `?${new URLSearchParams({ [filter]: requestId, page_size: '1' }).toString()}`,
          signal,
        ),
      ),
    );
    return {
      ok: true,
      value: filters.flatMap((filter, index) => {
        const count = counts[index];
        return count?.ok === true && count.value.count > 0
          ? [{ filter, count: count.value.count }]
          : [];
      }),
    };
  });
  return (
    <Empty title="No upload with this request id">
      <p>
        The API has no status for request id <code class="mono">{requestId}</code>. It may not have
        reached the ingester yet, or it is older than the retention.
      </p>
      {others.status === 'ok' &&
        others.value.map(({ filter, count }) => (
          <p key={filter}>
            It is the {filter === 'inventory_id' ? 'inventory id' : 'system id'} of{' '}
            <Link
              href={routePath(
                paths.basePath,
                { page: 'uploads' },
                uploadsViewQuery({
                  ...DEFAULT_UPLOADS_VIEW,
                  window: 'all',
                  filters: { [filter]: requestId },
                }),
              )}
            >
              {count.toLocaleString('en')} upload{count === 1 ? '' : 's'}
            </Link>
            .
          </p>
        ))}
    </Empty>
  );
}

function firstDefined(
  rows: readonly StatusRow[],
  field: 'account' | 'org_id' | 'inventory_id' | 'system_id',
): string | undefined {
  return rows.find((row) => row[field] !== undefined)?.[field];
}

function FoundUpload({ found }: { found: Found }): JSX.Element {
  const { api } = useRouter();
  const { requestId } = found;
  const [payload, setPayload] = useState(found.payload);
  const [live, setLive] = useState<LiveState>('connecting');
  const payloadRef = useRef(payload);
  payloadRef.current = payload;

  useEffect(() => {
    let hasOpened = false;
    const controller = new AbortController();
    const stop = followStatuses(api.eventsUrl(requestId, lastStatusId(found.payload.data)), {
      onStatus: (event) => setPayload((current) => applyStatusEvent(current, event)),
      onState: (next) => {
        setLive(next);
        if (next === 'live' && !hasOpened) {
          hasOpened = true;
          // Statuses stored between the first load and the stream's start: load once more.
          void api.payloadStatuses(requestId, controller.signal).then(
            (fresh) => {
              if (fresh.ok) setPayload((current) => mergeStatuses(current, fresh.value));
            },
            () => undefined,
          );
        }
      },
    });
    return () => {
      controller.abort();
      stop();
    };
  }, [api, requestId, found.payload.data]);

  const summary = payload.summary;
  const timeline = useMemo(
    () => buildTimeline(summary?.groups ?? [], payload.data),
    [summary, payload.data],
  );
  const account = firstDefined(payload.data, 'account');
  const orgId = firstDefined(payload.data, 'org_id');
  const inventoryId = firstDefined(payload.data, 'inventory_id');
  const systemId = firstDefined(payload.data, 'system_id');
  const totalTime = payload.duration['total_time'];

  return (
    <>
      <h1 tabIndex={-1} class="upload-title">
        Upload <code class="mono request-id">{requestId}</code>{' '}
        <CopyButton text={requestId} label="Copy request id" />
      </h1>
      <dl class="facts">
        <Fact label="State">
          <StateChip state={summary?.state} />
        </Fact>
        <Fact label="Account">
          <IdLink filter="account" value={account} />
        </Fact>
        <Fact label="Org id">
          <IdLink filter="org_id" value={orgId} />
        </Fact>
        <Fact label="Inventory id">
          <IdLink filter="inventory_id" value={inventoryId} />
        </Fact>
        <Fact label="System id">
          <IdLink filter="system_id" value={systemId} />
        </Fact>
        <Fact label="Total time">
          <TotalTime exact={totalTime} />
        </Fact>
        <Fact label="Statuses">{payload.data.length.toLocaleString('en')}</Fact>
        <Fact label="Last status">
          {summary?.last_status_at === undefined ? (
            <span class="muted">—</span>
          ) : (
            <>
              {summary.last_service} {summary.last_status}{' '}
              <Timestamp value={summary.last_status_at} />
            </>
          )}
        </Fact>
      </dl>
      <LiveIndicator state={live} />
      {summary?.state === 'failed' && summary.failed_service !== undefined && (
        <section class="failure" aria-labelledby="failure-heading">
          <h2 id="failure-heading">
            Failed in <span class="failure-service">{summary.failed_service}</span>
            {summary.failed_source === undefined ? '' : `:${summary.failed_source}`}
          </h2>
          <p class="failure-message">
            {summary.failed_status_msg ?? 'The failing status carried no message.'}
          </p>
          <p class="muted">
            Status <strong>{summary.failed_status}</strong> at{' '}
            <Timestamp value={summary.failed_at} />
          </p>
        </section>
      )}
      {summary?.state === 'stalled' && (
        <section class="stalled" aria-label="Stalled">
          <p>
            No status for a while: stalled after <strong>{summary.last_service}</strong>{' '}
            {summary.last_status}.
          </p>
        </section>
      )}
      <ExternalLinks requestId={requestId} />
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        {timeline.rows.length === 0 ? (
          <p class="muted">No timed statuses to draw.</p>
        ) : (
          <TimelineChart timeline={timeline} />
        )}
      </section>
      <StatusTable rows={payload.data} />
    </>
  );
}

function Fact({
  label,
  children,
}: {
  label: string;
  children: JSX.Element | string | (JSX.Element | string)[];
}): JSX.Element {
  return (
    <div class="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function IdLink({
  filter,
  value,
}: {
  filter: 'account' | 'org_id' | 'inventory_id' | 'system_id';
  value: string | undefined;
}): JSX.Element {
  const { paths } = useRouter();
  if (value === undefined) {
    return <span class="muted">—</span>;
  }
  const href = routePath(
    paths.basePath,
    { page: 'uploads' },
    uploadsViewQuery({ ...DEFAULT_UPLOADS_VIEW, window: 'all', filters: { [filter]: value } }),
  );
  return (
    <Link href={href} class="mono" title={`Every upload with this ${filter.replace('_', ' ')}`}>
      {value}
    </Link>
  );
}

function TotalTime({ exact }: { exact: string | undefined }): JSX.Element {
  const micros = exact === undefined ? null : parseApiDuration(exact);
  if (exact === undefined || micros === null) {
    return <Duration exact={exact} />;
  }
  return (
    <span class="duration" title={exact}>
      {formatHumanDuration(micros)}
    </span>
  );
}

function LiveIndicator({ state }: { state: LiveState }): JSX.Element {
  const text =
    state === 'live'
      ? 'Live: new statuses appear as they are stored'
      : state === 'connecting'
        ? 'Connecting to live updates…'
        : 'Live updates are not available: reload for new statuses';
  return (
    <p class={`live live-${state}`} role="status">
      <span class="live-dot" aria-hidden="true" /> {text}
    </p>
  );
}

/** Where the archive download stands. */
type ArchiveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string };

function ExternalLinks({ requestId }: { requestId: string }): JSX.Element | null {
  const { api } = useRouter();
  const [kibana] = useApi(`kibana:${requestId}`, (signal) => api.kibanaLink(requestId, signal));
  const [role] = useApi('archive-role', (signal) => api.archiveRole(signal));
  const [archive, setArchive] = useState<ArchiveState>({ kind: 'idle' });
  const download = (): void => {
    setArchive({ kind: 'loading' });
    void api.archiveLink(requestId).then((result) => {
      if (result.ok) {
        setArchive({ kind: 'idle' });
        location.assign(result.value.url);
      } else {
        setArchive({ kind: 'failed', message: result.failure.message });
      }
    });
  };
  const hasKibana = kibana.status === 'ok';
  const mayDownload = role.status === 'ok' && role.value.allowed;
  if (!hasKibana && !mayDownload) {
    return null;
  }
  return (
    <nav class="external-links" aria-label="Elsewhere">
      {hasKibana && (
        <a href={kibana.value.url} target="_blank" rel="noopener noreferrer" class="button">
          Logs in Kibana
        </a>
      )}
      {mayDownload && (
        <button
          type="button"
          class="button"
          onClick={download}
          disabled={archive.kind === 'loading'}
        >
          {archive.kind === 'loading' ? 'Getting the archive link…' : 'Download archive'}
        </button>
      )}
      {archive.kind === 'failed' && (
        <span class="notice-inline" role="alert">
          {archive.message}
        </span>
      )}
    </nav>
  );
}

type StatusColumn = 'date' | 'service' | 'source' | 'status' | 'status_msg' | 'created_at';

const STATUS_COLUMNS: readonly { column: StatusColumn; label: string }[] = [
  { column: 'date', label: 'Date' },
  { column: 'service', label: 'Service' },
  { column: 'source', label: 'Source' },
  { column: 'status', label: 'Status' },
  { column: 'status_msg', label: 'Message' },
  { column: 'created_at', label: 'Stored' },
];

function StatusTable({ rows }: { rows: readonly StatusRow[] }): JSX.Element {
  const [sort, setSort] = useState<{ column: StatusColumn; dir: 'asc' | 'desc' }>({
    column: 'date',
    dir: 'desc',
  });
  // Equal dates keep the id order, so the table reads like the API's own default sort.
  const byId = useMemo(() => sortRows(rows, (row) => row.id, 'desc'), [rows]);
  const sorted = useMemo(
    () => sortRows(byId, (row): SortValue => row[sort.column], sort.dir),
    [byId, sort],
  );
  const onSort = (column: StatusColumn): void =>
    setSort((current) =>
      current.column === column
        ? { column, dir: current.dir === 'asc' ? 'desc' : 'asc' }
        : { column, dir: column === 'date' || column === 'created_at' ? 'desc' : 'asc' },
    );
  return (
    <section aria-labelledby="statuses-heading">
      <h2 id="statuses-heading">Statuses</h2>
      <TableScroll label="Statuses table">
        <table class="data-table statuses-table">
          <thead>
            <tr>
              {STATUS_COLUMNS.map(({ column, label }) => (
                <SortHeader
                  key={column}
                  label={label}
                  active={sort.column === column}
                  direction={sort.dir}
                  onSort={() => onSort(column)}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.id} class={isFailureStatus(row.status) ? 'row-failed' : undefined}>
                <td>
                  <Timestamp value={row.date} />
                </td>
                <td>{row.service}</td>
                <td>{row.source ?? <span class="muted">—</span>}</td>
                <td>{row.status}</td>
                <td class="message-cell">{row.status_msg ?? <span class="muted">—</span>}</td>
                <td>
                  <Timestamp value={row.created_at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
