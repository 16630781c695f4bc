import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { parseTimestamp } from '@payload-tracker/status-lifecycle';
import { API_ERROR_CODES, ApiError } from '../common/api-error';
import type { EnvironmentVariables } from '../config/environment-variables';
import { PayloadsRepository } from '../payloads/payloads.repository';
import { buildKibanaUrl } from './kibana-url';
import { requireUuidRequestId } from './request-id';
import { StorageBrokerClient } from './storage-broker.client';

/** Links to a request's logs (Kibana) and uploaded archive (storage broker). */
@Injectable()
export class LinksService {
  constructor(
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly payloads: PayloadsRepository,
    private readonly storageBroker: StorageBrokerClient,
  ) {}

  /** @throws ApiError `invalid_parameter`, `not_configured` */
  async kibanaLink(requestId: string, service: string | undefined): Promise<string> {
    requireUuidRequestId(requestId);
    const baseUrl = this.config.get('KIBANA_URL', { infer: true });
    const index = this.config.get('KIBANA_INDEX', { infer: true });
    if (baseUrl === undefined || index === undefined) {
      throw new ApiError(
        API_ERROR_CODES.notConfigured,
        'Kibana links are not configured (KIBANA_URL, KIBANA_INDEX)',
      );
    }
    const span = await this.payloads.timeSpanOf(requestId);
    const first = span?.first_date == null ? null : parseTimestamp(span.first_date);
    const last = span?.last_date == null ? null : parseTimestamp(span.last_date);
    return buildKibanaUrl({
      baseUrl,
      index,
      serviceField: this.config.get('KIBANA_SERVICE_FIELD', { infer: true }),
      requestId,
      service,
      span: first !== null && last !== null ? { first, last } : null,
    });
  }

  /** @throws ApiError `invalid_parameter`, `archive_not_found`, `storage_broker_failed`, `not_configured` */
  async archiveLink(requestId: string): Promise<string> {
    requireUuidRequestId(requestId);
    const url = await this.storageBroker.archiveUrl(requestId);
    if (url === null) {
      throw new ApiError(API_ERROR_CODES.archiveNotFound, `No archive for request_id ${requestId}`);
    }
    return url;
  }
}
