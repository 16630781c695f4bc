import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  API_PREFIX,
  API_ROUTES,
  DEFAULT_PAGE_SIZE,
  DEFAULT_PAYLOAD_SORT_FIELD,
  DEFAULT_PAYLOAD_STATUS_SORT_FIELD,
  DEFAULT_SORT_DIRECTION,
  DEFAULT_STATUS_SORT_FIELD,
  DEFAULT_VERBOSITY,
  FIRST_PAGE,
  KIBANA_LINK_FILTERS,
  MAX_PAGE_SIZE,
  MIN_PAGE_SIZE,
  PAYLOAD_EXACT_FILTERS,
  PAYLOAD_OUTCOME_FILTERS,
  PAYLOAD_OUTCOME_TIMESTAMP_RANGES,
  PAYLOAD_SORT_FIELDS,
  PAYLOAD_STATUS_SORT_FIELDS,
  PAYLOAD_TIMESTAMP_RANGES,
  SORT_DIRECTIONS,
  STATUS_EXACT_FILTERS,
  STATUS_SORT_FIELDS,
  STATUS_TIMESTAMP_RANGES,
  VERBOSITY_LEVELS,
  timestampBoundParameters,
} from '@payload-tracker/api-contract';
import type { ApiRoute } from '@payload-tracker/api-contract';

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly schema: {
    readonly enum?: readonly unknown[];
    readonly default?: unknown;
    readonly minimum?: number;
    readonly maximum?: number;
  };
}

interface Document {
  readonly paths: Record<string, Record<string, { operationId: string; parameters?: Parameter[] }>>;
}

/**
 * The committed document is what the code generates (openapi-document.spec.ts), so checking it
 * checks the controllers and DTOs against the contract library.
 */
const document = JSON.parse(
  readFileSync(resolve(__dirname, '../../openapi.json'), 'utf8'),
) as Document;

/** A route as the document writes it: under the prefix, path parameters in braces. */
function documentPath(route: ApiRoute): string {
  return `${API_PREFIX}${route}`;
}

function operation(route: ApiRoute): { operationId: string; parameters: Parameter[] } {
  const found = document.paths[documentPath(route)]?.['get'];
  if (found === undefined) {
    throw new Error(`no GET ${route} in the OpenAPI document`);
  }
  return { operationId: found.operationId, parameters: found.parameters ?? [] };
}

function queryParameters(route: ApiRoute): Map<string, Parameter> {
  return new Map(
    operation(route)
      .parameters.filter((parameter) => parameter.in === 'query')
      .map((parameter) => [parameter.name, parameter]),
  );
}

describe('the OpenAPI document follows the API contract library', () => {
  it('has the contract routes under the contract prefix, named by their operation ids', () => {
    const documented = Object.entries(document.paths).map(([path, methods]) => [
      path,
      methods['get']?.operationId,
    ]);
    const expected = Object.entries(API_ROUTES)
      .filter(([name]) => name !== 'openApiDocument')
      .map(([name, route]) => [documentPath(route), name]);
    expect(documented.sort()).toEqual(expected.sort());
  });

  it.each([
    [
      API_ROUTES.listPayloads,
      [
        'page',
        'page_size',
        'sort_dir',
        'sort_by',
        ...PAYLOAD_EXACT_FILTERS,
        ...PAYLOAD_TIMESTAMP_RANGES.flatMap(timestampBoundParameters),
        ...PAYLOAD_OUTCOME_FILTERS,
        ...PAYLOAD_OUTCOME_TIMESTAMP_RANGES.flatMap(timestampBoundParameters),
      ],
    ],
    [
      API_ROUTES.listStatuses,
      [
        'page',
        'page_size',
        'sort_dir',
        'sort_by',
        ...STATUS_EXACT_FILTERS,
        ...STATUS_TIMESTAMP_RANGES.flatMap(timestampBoundParameters),
      ],
    ],
    [API_ROUTES.getPayloadStatuses, ['sort_by', 'sort_dir', 'verbosity']],
    [API_ROUTES.getKibanaLink, [...KIBANA_LINK_FILTERS]],
    [API_ROUTES.getServiceStats, ['since', 'until']],
  ])('takes on %s the query parameters %j', (route, expected) => {
    expect([...queryParameters(route).keys()]).toEqual(expected);
  });

  it.each([
    [API_ROUTES.listPayloads, PAYLOAD_SORT_FIELDS, DEFAULT_PAYLOAD_SORT_FIELD],
    [API_ROUTES.listStatuses, STATUS_SORT_FIELDS, DEFAULT_STATUS_SORT_FIELD],
    [API_ROUTES.getPayloadStatuses, PAYLOAD_STATUS_SORT_FIELDS, DEFAULT_PAYLOAD_STATUS_SORT_FIELD],
  ])('sorts %s by the allow-list and defaults of the contract', (route, fields, defaultField) => {
    const parameters = queryParameters(route);
    expect(parameters.get('sort_by')?.schema).toMatchObject({
      enum: fields,
      default: defaultField,
    });
    expect(parameters.get('sort_dir')?.schema).toMatchObject({
      enum: SORT_DIRECTIONS,
      default: DEFAULT_SORT_DIRECTION,
    });
  });

  it.each([API_ROUTES.listPayloads, API_ROUTES.listStatuses])(
    'pages %s within the contract limits',
    (route) => {
      const parameters = queryParameters(route);
      expect(parameters.get('page')?.schema).toMatchObject({
        minimum: FIRST_PAGE,
        default: FIRST_PAGE,
      });
      expect(parameters.get('page_size')?.schema).toMatchObject({
        minimum: MIN_PAGE_SIZE,
        maximum: MAX_PAGE_SIZE,
        default: DEFAULT_PAGE_SIZE,
      });
    },
  );

  it('offers the contract verbosity levels', () => {
    expect(queryParameters(API_ROUTES.getPayloadStatuses).get('verbosity')?.schema).toMatchObject({
      enum: VERBOSITY_LEVELS,
      default: DEFAULT_VERBOSITY,
    });
  });
});
