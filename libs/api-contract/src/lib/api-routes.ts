/** Where every route of the API lives. */
export const API_PREFIX = '/api/v1';

/** The same routes again, under the prefix the frontend's proxy uses. */
export const ALIAS_API_PREFIX = '/app/payload-tracker/api/v1';

/**
 * The routes under {@link API_PREFIX}, keyed by their OpenAPI operation id. Path parameters are
 * written in braces, as OpenAPI writes them.
 */
export const API_ROUTES = {
  listPayloads: '/payloads',
  getPayloadStatuses: '/payloads/{request_id}',
  streamPayloadEvents: '/payloads/{request_id}/events',
  listStatuses: '/statuses',
  getKibanaLink: '/payloads/{request_id}/kibanaLink',
  getArchiveLink: '/payloads/{request_id}/archiveLink',
  checkArchiveLinkRole: '/roles/archiveLink',
  getServiceStats: '/stats/services',
  openApiDocument: '/openapi.json',
} as const;

/** A route of {@link API_ROUTES}. */
export type ApiRoute = (typeof API_ROUTES)[keyof typeof API_ROUTES];

/** The names of a route's path parameters (`'request_id'` for `/payloads/{request_id}`). */
export type RouteParameterName<Route extends string> =
  Route extends `${string}{${infer Name}}${infer Rest}` ? Name | RouteParameterName<Rest> : never;

/** The values of a route's path parameters: nothing for a route without any. */
export type RouteParameters<Route extends string> = [RouteParameterName<Route>] extends [never]
  ? []
  : [parameters: Readonly<Record<RouteParameterName<Route>, string>>];

const PATH_PARAMETER = /\{(\w+)\}/g;

/**
 * The path of a route under {@link API_PREFIX}, its parameters filled in and URL-encoded:
 * `apiPath(API_ROUTES.getPayloadStatuses, { request_id: id })` is `/api/v1/payloads/<id>`.
 */
export function apiPath<Route extends ApiRoute>(
  route: Route,
  ...[parameters]: RouteParameters<Route>
): string {
  const values: Readonly<Record<string, string>> = parameters ?? {};
  return `${API_PREFIX}${route.replace(PATH_PARAMETER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`No value for path parameter ${name} of ${route}`);
    }
    return encodeURIComponent(value);
  })}`;
}
