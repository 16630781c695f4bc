import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { API_ERROR_CODES, ApiError } from '../common/api-error';
import type { EnvironmentVariables } from '../config/environment-variables';

function brokerFailure(message: string, cause?: unknown): ApiError {
  return new ApiError(API_ERROR_CODES.storageBrokerFailed, `Storage broker: ${message}`, { cause });
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
   * when the broker is unreachable, too slow, fails or answers something else than `{"url"}`.
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
      text = await response.text();
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
    return archiveUrl === '' ? null : archiveUrl;
  }
}
