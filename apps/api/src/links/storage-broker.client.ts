import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { API_ERROR_CODES, ApiError } from '../common/api-error';
import type { EnvironmentVariables } from '../config/environment-variables';

function brokerFailure(message: string, cause?: unknown): ApiError {
  return new ApiError(API_ERROR_CODES.storageBrokerFailed, `Storage broker: ${message}`, { cause });
}

/** The most of a broker answer read: a `{"url"}` body is a few hundred bytes. */
export const MAX_BROKER_BODY_BYTES = 64 * 1024;

/** The schemes an archive link may have: anything else (`javascript:`) is not relayed. */
const LINK_PROTOCOLS = new Set(['http:', 'https:']);

/** The body as text, or `null` once it grows past {@link MAX_BROKER_BODY_BYTES}. */
async function boundedText(response: Response): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > MAX_BROKER_BODY_BYTES) {
    await response.body?.cancel();
    return null;
  }
  if (response.body === null) {
    return '';
  }
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > MAX_BROKER_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isHttpUrl(text: string): boolean {
  try {
    return LINK_PROTOCOLS.has(new URL(text).protocol);
  } catch {
    return false;
  }
}

function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

/** Asks the storage broker for an archive's download URL. Sends nothing but the request id. */
@Injectable()
export class StorageBrokerClient {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  /**
   * The download URL, or `null` when the broker has none (404 or an empty url).
   *
   * @throws ApiError `not_configured` without `STORAGE_BROKER_URL`; `storage_broker_failed`
   * when the broker is unreachable, too slow, fails, answers something else than `{"url"}`
   * with an http(s) URL, or more than {@link MAX_BROKER_BODY_BYTES}.
   */
  async archiveUrl(requestId: string): Promise<string | null> {
    const baseUrl = this.config.get('STORAGE_BROKER_URL', { infer: true });
    if (baseUrl === undefined) {
      throw new ApiError(
        API_ERROR_CODES.notConfigured,
        'Archive links are not configured (STORAGE_BROKER_URL)',
      );
    }
    const timeoutMs = this.config.get('STORAGE_BROKER_TIMEOUT_MS', { infer: true });
    const url = new URL(baseUrl);
    url.searchParams.set('request_id', requestId);
    let text: string;
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw brokerFailure(`answered HTTP ${response.status.toString()}`);
      }
      const bounded = await boundedText(response);
      if (bounded === null) {
        throw brokerFailure(`answered more than ${(MAX_BROKER_BODY_BYTES / 1024).toString()} KB`);
      }
      text = bounded;
    } catch (error: unknown) {
      if (error instanceof ApiError) {
        throw error;
      }
      // By name, not instanceof: the abort reason is a DOMException from another realm in tests.
      if (isNamed(error, 'TimeoutError')) {
        throw brokerFailure(`no answer within ${timeoutMs.toString()} ms`, error);
      }
      throw brokerFailure('unreachable', error);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error: unknown) {
      throw brokerFailure('answered something that is not JSON', error);
    }
    const archiveUrl =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as { url?: unknown }).url
        : undefined;
    if (typeof archiveUrl !== 'string') {
      throw brokerFailure('answered without a url');
    }
    if (archiveUrl === '') {
      return null;
    }
    if (!isHttpUrl(archiveUrl)) {
      throw brokerFailure('answered a url that is not http(s)');
    }
    return archiveUrl;
  }
}
