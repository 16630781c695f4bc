/** Payload identifiers a status message may carry once the reporting service knows them. */
export type CarriedId = 'account' | 'org_id' | 'inventory_id' | 'system_id';

/** One message of a successful upload lifecycle. */
export interface PathStep {
  readonly service: string;
  readonly status: string;
  readonly source: string | null;
  readonly carries: readonly CarriedId[];
}

function step(
  service: string,
  status: string,
  source: string | null,
  carries: readonly CarriedId[] = [],
): PathStep {
  return { service, status, source, carries };
}

const CUSTOMER: readonly CarriedId[] = ['account', 'org_id'];
const HOST: readonly CarriedId[] = ['inventory_id'];
const HOST_FULL: readonly CarriedId[] = ['inventory_id', 'system_id'];

/**
 * Rules-only pipeline (7 messages): ingress accepts the archive, the advisor rules engine
 * processes it, a results writer stores the report. No inventory, so no host ids.
 */
export const SHORT_PATH: readonly PathStep[] = [
  step('ingress', 'received', null),
  step('ingress', 'success', null, CUSTOMER),
  step('advisor', 'received', null, CUSTOMER),
  step('advisor', 'processing', null),
  step('advisor', 'success', null, CUSTOMER),
  step('insights-results-db-writer', 'received', null),
  step('insights-results-db-writer', 'success', null, CUSTOMER),
];

/**
 * Full host upload (21 messages): ingress, puptoo extracts facts, inventory creates or updates
 * the host (from here on `inventory_id`/`system_id` are known), storage-broker keeps the
 * archive, then the analysis engines, which act on behalf of inventory.
 */
export const LONG_PATH: readonly PathStep[] = [
  step('ingress', 'received', null),
  step('ingress', 'success', null, CUSTOMER),
  step('puptoo', 'received', null, CUSTOMER),
  step('puptoo', 'processing', null),
  step('puptoo', 'success', null, CUSTOMER),
  step('inventory', 'received', 'insights-client', CUSTOMER),
  step('inventory', 'processing', 'insights-client'),
  step('inventory', 'success', 'insights-client', [...CUSTOMER, ...HOST_FULL]),
  step('storage-broker', 'received', null),
  step('storage-broker', 'success', null, HOST),
  step('advisor', 'received', 'inventory', HOST),
  step('advisor', 'processing', 'inventory'),
  step('advisor', 'success', 'inventory', HOST_FULL),
  step('compliance', 'received', 'inventory', HOST),
  step('compliance', 'processing', 'inventory'),
  step('compliance', 'success', 'inventory', HOST_FULL),
  step('vulnerability', 'received', 'inventory', HOST),
  step('vulnerability', 'processing', 'inventory'),
  step('vulnerability', 'success', 'inventory', HOST_FULL),
  step('patch', 'received', 'inventory', HOST),
  step('patch', 'success', 'inventory', HOST_FULL),
];

/** What a failing service says in `status_msg`. */
export const ERROR_MESSAGES: Readonly<Record<string, readonly string[]>> = {
  ingress: ['Payload too large', 'Unsupported content type: application/octet-stream'],
  puptoo: [
    'Unable to extract archive: unexpected end of file',
    'Missing insights_id in canonical facts',
  ],
  inventory: [
    'Host validation failed: fqdn is too long',
    'Timed out waiting for host-inventory response',
  ],
  'storage-broker': ['Failed to copy archive to permanent bucket: 503 Slow Down'],
  advisor: [
    "Rule engine crashed: KeyError 'uname'",
    'Archive could not be parsed by insights-core',
  ],
  compliance: ['No matching SCAP policy for host', 'openscap report upload failed'],
  vulnerability: ['Evaluation timed out after 300s'],
  patch: ['Unable to evaluate advisories: repository list is empty'],
  'insights-results-db-writer': ['Database write failed: deadlock detected'],
};

/** Fallback when a service has no specific text. */
export const GENERIC_ERROR_MESSAGE = 'Processing failed';
