/** The lookup names the seed creates (15 services, 3 sources plus "none", 8 statuses). */
export const SEED_SERVICES = [
  'ingress',
  'puptoo',
  'yuptoo',
  'inventory',
  'storage-broker',
  'advisor',
  'compliance',
  'vulnerability',
  'patch',
  'ros',
  'malware-detection',
  'drift',
  'remediations',
  'ccx-data-pipeline',
  'insights-results-db-writer',
] as const;

export const SEED_SOURCES = ['insights-client', 'inventory', 'satellite'] as const;

export const SEED_STATUSES = [
  'received',
  'processing',
  'success',
  'error',
  'validated',
  'announced',
  'processing_success',
  'failed',
] as const;

type ServiceName = (typeof SEED_SERVICES)[number];
type SourceName = (typeof SEED_SOURCES)[number];
type StatusName = (typeof SEED_STATUSES)[number];

/** One status of a lifecycle template. */
export interface TemplateStep {
  readonly service: ServiceName;
  readonly status: StatusName;
  readonly source: SourceName | null;
}

/** Every long template has this many steps; its last {@link ENGINE_STEPS} are analysis engines. */
export const LONG_TEMPLATE_LENGTH = 21;
/** Payloads with more statuses than a long template repeat its engine part (re-analysis). */
export const ENGINE_STEPS = 11;
/** Short (rules-only) templates, used for payloads with at most this many statuses. */
export const SHORT_TEMPLATE_LENGTH = 7;

function block(
  service: ServiceName,
  source: SourceName | null,
  ...statuses: StatusName[]
): TemplateStep[] {
  return statuses.map((status) => ({ service, status, source }));
}

/**
 * Full host uploads: ingress, an archive processor, inventory (host ids known from here), the
 * archive store, then four analysis engines acting on behalf of inventory. Each run of one
 * `service:source` is a group that ends with `success`; `planLifecycles` fits a template to
 * any number of statuses without leaving a group open (see there).
 */
export const LONG_TEMPLATES: readonly (readonly TemplateStep[])[] = [
  [
    ...block('ingress', null, 'received', 'success'),
    ...block('puptoo', null, 'received', 'processing', 'success'),
    ...block('inventory', 'insights-client', 'received', 'processing', 'success'),
    ...block('storage-broker', null, 'received', 'success'),
    ...block('advisor', 'inventory', 'received', 'processing', 'success'),
    ...block('compliance', 'inventory', 'received', 'processing', 'success'),
    ...block('vulnerability', 'inventory', 'received', 'processing', 'success'),
    ...block('patch', 'inventory', 'received', 'success'),
  ],
  [
    ...block('ingress', null, 'received', 'success'),
    ...block('yuptoo', null, 'received', 'validated', 'success'),
    ...block('inventory', 'satellite', 'received', 'processing', 'success'),
    ...block('storage-broker', null, 'announced', 'success'),
    ...block('advisor', 'inventory', 'received', 'processing', 'success'),
    ...block('ros', 'inventory', 'received', 'processing', 'success'),
    ...block('malware-detection', 'inventory', 'received', 'processing', 'success'),
    ...block('drift', null, 'received', 'success'),
  ],
  [
    ...block('ingress', null, 'received', 'success'),
    ...block('puptoo', null, 'received', 'validated', 'success'),
    ...block('inventory', 'insights-client', 'received', 'processing', 'success'),
    ...block('storage-broker', null, 'received', 'success'),
    ...block('vulnerability', 'inventory', 'received', 'processing', 'success'),
    ...block('patch', 'inventory', 'received', 'processing', 'success'),
    ...block('remediations', null, 'received', 'processing', 'success'),
    ...block('compliance', 'inventory', 'received', 'success'),
  ],
  [
    ...block('ingress', null, 'received', 'success'),
    ...block('puptoo', null, 'received', 'processing', 'success'),
    ...block('inventory', null, 'received', 'processing', 'success'),
    ...block('storage-broker', null, 'received', 'success'),
    ...block('compliance', 'inventory', 'received', 'processing_success', 'success'),
    ...block('advisor', 'inventory', 'received', 'processing', 'success'),
    ...block('ros', 'inventory', 'received', 'processing', 'success'),
    ...block('vulnerability', 'inventory', 'received', 'success'),
  ],
];

/** Rules-only pipelines: no inventory, so the payload gets no host ids. */
export const SHORT_TEMPLATES: readonly (readonly TemplateStep[])[] = [
  [
    ...block('ingress', null, 'received', 'success'),
    ...block('advisor', null, 'received', 'processing', 'success'),
    ...block('insights-results-db-writer', null, 'received', 'success'),
  ],
  [
    ...block('ingress', null, 'received', 'success'),
    ...block('ccx-data-pipeline', null, 'received', 'processing', 'success'),
    ...block('insights-results-db-writer', null, 'received', 'success'),
  ],
];

/**
 * The last status of a stalled payload longer than its whole template: a service that is in
 * no template received it and never answered.
 */
export const LATE_STEP: TemplateStep = {
  service: 'remediations',
  source: 'inventory',
  status: 'received',
};

/** `status_msg` of failed steps, prefixed with the service name. */
export const ERROR_TEXTS = [
  'Timed out waiting for upstream response',
  'Unable to extract archive: unexpected end of file',
  'Host validation failed: fqdn is too long',
  'Database write failed: deadlock detected',
  'Archive could not be parsed by insights-core',
  'Failed to copy archive to permanent bucket: 503 Slow Down',
] as const;
