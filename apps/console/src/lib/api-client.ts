import { API_ROUTES } from '@payload-tracker/api-contract';
import type { ErrorBody } from '@payload-tracker/api-contract';

import type { Link, PayloadList, PayloadStatuses, ServiceStats } from './api-types';

/** Why a request gave no value. */
export type ApiFailureKind =
  /** 404: the thing asked for does not exist. */
  | 'not_found'
  /** No answer, or the API (or its database) is down: 502, 503, 504. */
  | 'unavailable'
  /** 400: the API names the parameter it refused. */
  | 'bad_request'
  /** Any other error status (401, 403, 429, 500 ...). */
  | 'failed';

/** A request that gave no value, with what the API said about it. */
export interface ApiFailure {
  readonly kind: ApiFailureKind;
  readonly status?: number;
  readonly message: string;
}

/** The value of a request, or why there is none. */
export type ApiResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: ApiFailure };

function kindOf(status: number): ApiFailureKind {
  if (status === 404) return 'not_found';
  if (status === 400) return 'bad_request';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'failed';
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<ErrorBody>).message === 'string'
  );
}

function fill(route: string, requestId: string): string {
  return route.replace('{request_id}', encodeURIComponent(requestId));
}

/** The public REST API, as the console reads it: every call answers an {@link ApiResult}. */
export class ApiClient {
  constructor(
    private readonly apiBase: string,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** `GET /payloads` with a query string from `uploadsApiQuery` (`?...`). */
  listPayloads(query: string, signal?: AbortSignal): Promise<ApiResult<PayloadList>> {
    return this.get(`${API_ROUTES.listPayloads}${query}`, signal);
  }

  /** `GET /payloads/{request_id}`: every status, newest first, and the summary. */
  payloadStatuses(requestId: string, signal?: AbortSignal): Promise<ApiResult<PayloadStatuses>> {
    return this.get(fill(API_ROUTES.getPayloadStatuses, requestId), signal);
  }

  /** `GET /payloads/{request_id}/kibanaLink`. */
  kibanaLink(requestId: string, signal?: AbortSignal): Promise<ApiResult<Link>> {
    return this.get(fill(API_ROUTES.getKibanaLink, requestId), signal);
  }

  /** `GET /roles/archiveLink`: whether this visitor may download archives. */
  archiveRole(signal?: AbortSignal): Promise<ApiResult<{ allowed: boolean }>> {
    return this.get(API_ROUTES.checkArchiveLinkRole, signal);
  }

  /** `GET /payloads/{request_id}/archiveLink`. */
  archiveLink(requestId: string, signal?: AbortSignal): Promise<ApiResult<Link>> {
    return this.get(fill(API_ROUTES.getArchiveLink, requestId), signal);
  }

  /** `GET /stats/services?since=`. */
  serviceStats(since: string, signal?: AbortSignal): Promise<ApiResult<ServiceStats>> {
    return this.get(
      `${API_ROUTES.getServiceStats}?${new URLSearchParams({ since }).toString()}`,
      signal,
    );
  }

  /** The URL of one payload's event stream. */
  eventsUrl(requestId: string, lastEventId: number | undefined): string {
    const query =
      lastEventId === undefined
        ? ''
        : `?${new URLSearchParams({ last_event_id: lastEventId.toString() }).toString()}`;
    return `${this.apiBase}${fill(API_ROUTES.streamPayloadEvents, requestId)}${query}`;
  }

  private async get<T>(path: string, signal?: AbortSignal): Promise<ApiResult<T>> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.apiBase}${path}`, {
        headers: { accept: 'application/json' },
        signal,
      });
    } catch (error: unknown) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        throw error;
      }
      return {
        ok: false,
        failure: { kind: 'unavailable', message: 'The API did not answer: is it running?' },
      };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (response.ok && body !== undefined) {
      return { ok: true, value: body as T };
    }
    const status = response.status;
    return {
      ok: false,
      failure: {
        kind: response.ok ? 'failed' : kindOf(status),
        status,
        message: isErrorBody(body)
          ? body.message
          : `The API answered ${status.toString()} ${response.statusText}`.trim(),
      },
    };
  }
}
