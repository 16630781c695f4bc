import { TextFilter } from '../../common/query-decorators';

/** Query parameters of `GET /payloads/{request_id}/kibanaLink`. */
export class KibanaLinkQueryDto {
  @TextFilter('Narrow the log search to this service (KIBANA_SERVICE_FIELD)')
  service?: string;
}
