export type { ApiRoute, RouteParameterName, RouteParameters } from './lib/api-routes';
export { ALIAS_API_PREFIX, API_PREFIX, API_ROUTES, apiPath } from './lib/api-routes';
export { ALIAS_CONSOLE_PREFIX, CONSOLE_PREFIX } from './lib/console-routes';
export type { ErrorBody } from './lib/error-body';
export type {
  KibanaLinkFilter,
  PayloadExactFilter,
  PayloadOutcomeFilter,
  PayloadOutcomeTimestampRange,
  PayloadStateFilterValue,
  PayloadTimestampRange,
  StatusExactFilter,
  StatusLowerCasedFilter,
  StatusTimestampRange,
  TimestampBoundParameter,
  TimestampBoundSuffix,
} from './lib/filters';
export {
  KIBANA_LINK_FILTERS,
  PAYLOAD_EXACT_FILTERS,
  PAYLOAD_OUTCOME_FILTERS,
  PAYLOAD_OUTCOME_TIMESTAMP_RANGES,
  PAYLOAD_STATE_FILTER_VALUES,
  PAYLOAD_STATE_SEPARATOR,
  PAYLOAD_TIMESTAMP_RANGES,
  STATUS_EXACT_FILTERS,
  STATUS_LOWER_CASED_FILTERS,
  STATUS_TIMESTAMP_RANGES,
  TIMESTAMP_BOUND_SUFFIXES,
  timestampBoundParameter,
  timestampBoundParameters,
} from './lib/filters';
export {
  COUNT_LIMIT,
  DEFAULT_PAGE_SIZE,
  FIRST_PAGE,
  MAX_PAGE,
  MAX_PAGE_SIZE,
  MIN_PAGE_SIZE,
} from './lib/paging';
export type {
  PayloadSortField,
  PayloadStatusSortField,
  SortDirection,
  StatusSortField,
} from './lib/sorting';
export {
  DEFAULT_PAYLOAD_SORT_FIELD,
  DEFAULT_PAYLOAD_STATUS_SORT_FIELD,
  DEFAULT_SORT_DIRECTION,
  DEFAULT_STATUS_SORT_FIELD,
  PAYLOAD_SORT_FIELDS,
  PAYLOAD_STATUS_SORT_FIELDS,
  SORT_DIRECTIONS,
  STATUS_SORT_FIELDS,
} from './lib/sorting';
export type { PayloadStatusField, Verbosity } from './lib/verbosity';
export {
  DEFAULT_VERBOSITY,
  PAYLOAD_STATUS_FIELDS,
  VERBOSITY_FIELDS,
  VERBOSITY_LEVELS,
} from './lib/verbosity';
