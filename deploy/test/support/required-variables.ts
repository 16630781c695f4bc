import { listWorkspaceFiles, readWorkspaceFile, workspaceFileExists } from './workspace-files';

/** The four processes of docs/architecture.md, each deployed on its own. */
export const PROCESSES = ['api', 'ingester', 'migrations', 'retention'] as const;
export type ProcessName = (typeof PROCESSES)[number];

/** `DATABASE_URL` alone, or all of these, configure the database connection. */
export const DATABASE_PART_VARIABLES = [
  'DB_HOST',
  'DB_PORT',
  'DB_NAME',
  'DB_USER',
  'DB_PASSWORD',
  'DB_SSL',
];
const DATABASE_CONNECTION_VARIABLES = new Set(['DATABASE_URL', ...DATABASE_PART_VARIABLES]);

/**
 * docs/architecture.md "Configuration", per process, without the database connection variables
 * (checked as a group). The floor of what each process must be given, whatever its config class
 * declares.
 */
const ARCHITECTURE_TABLE: Record<ProcessName, readonly string[]> = {
  api: [
    'DB_POOL_SIZE',
    'API_PORT',
    'METRICS_PORT',
    'LOG_LEVEL',
    'MAX_REQUESTS_PER_MINUTE',
    'KIBANA_URL',
    'KIBANA_INDEX',
    'KIBANA_SERVICE_FIELD',
    'STORAGE_BROKER_URL',
    'STORAGE_BROKER_TIMEOUT_MS',
    'ARCHIVE_DOWNLOAD_ROLE',
  ],
  ingester: [
    'DB_POOL_SIZE',
    'KAFKA_BROKERS',
    'KAFKA_TOPIC',
    'KAFKA_DLQ_TOPIC',
    'KAFKA_GROUP_ID',
    'KAFKA_CLIENT_ID',
    'KAFKA_SSL',
    'KAFKA_SSL_CA',
    'KAFKA_SASL_MECHANISM',
    'KAFKA_SASL_USERNAME',
    'KAFKA_SASL_PASSWORD',
    'VALIDATE_REQUEST_ID_LENGTH',
    'SHUTDOWN_TIMEOUT_MS',
    'METRICS_PORT',
    'LOG_LEVEL',
  ],
  migrations: ['LOG_LEVEL'],
  retention: [
    'LOG_LEVEL',
    'RETENTION_DAYS',
    'PARTITIONS_AHEAD_DAYS',
    'RETENTION_DELETE_BATCH_SIZE',
  ],
};

/** Folders holding config classes, searched for the parents of the classes below. */
const CONFIG_FOLDERS = [
  'apps/api/src/config',
  'apps/ingester/src/config',
  'apps/ingester/src/jobs/config',
  'libs/entities/src/config',
];

interface ConfigClassSource {
  readonly file: string;
  /** Class name; null = read from the job's `loadJobEnvironment(Class)` call in `file`. */
  readonly className: string | null;
}

const CONFIG_CLASS_SOURCES: Record<ProcessName, ConfigClassSource> = {
  api: { file: 'apps/api/src/config/environment-variables.ts', className: 'EnvironmentVariables' },
  ingester: {
    file: 'apps/ingester/src/config/environment-variables.ts',
    className: 'EnvironmentVariables',
  },
  migrations: { file: 'apps/ingester/src/jobs/migrate.main.ts', className: null },
  retention: { file: 'apps/ingester/src/jobs/retention.main.ts', className: null },
};

interface ParsedClass {
  readonly parent: string | null;
  readonly variables: readonly string[];
}

/**
 * The upper-case properties of the one class a config file declares (house style: one class per
 * file), and the class it extends. Read as text: apps may not be imported from here.
 */
export function parseConfigClass(source: string, className: string): ParsedClass | null {
  const declaration = new RegExp(`export class ${className}(?:\\s+extends\\s+(\\w+))?\\s*\\{`).exec(
    source,
  );
  if (declaration === null) {
    return null;
  }
  const body = source.slice(declaration.index + declaration[0].length);
  const variables = [...body.matchAll(/^ {2}(?:readonly\s+)?([A-Z][A-Z0-9_]*)[!?]?\s*[:=;]/gm)].map(
    (match) => match[1] ?? '',
  );
  return { parent: declaration[1] ?? null, variables };
}

function findClassFile(className: string): string | null {
  for (const folder of CONFIG_FOLDERS) {
    for (const file of listWorkspaceFiles(folder, ['.ts'])) {
      if (
        !file.endsWith('.spec.ts') &&
        readWorkspaceFile(file).includes(`export class ${className}`)
      ) {
        return file;
      }
    }
  }
  return null;
}

function collectClassVariables(file: string, className: string): string[] {
  const parsed = parseConfigClass(readWorkspaceFile(file), className);
  if (parsed === null) {
    return [];
  }
  const parentFile = parsed.parent === null ? null : findClassFile(parsed.parent);
  const inherited =
    parsed.parent === null || parentFile === null
      ? []
      : collectClassVariables(parentFile, parsed.parent);
  return [...inherited, ...parsed.variables];
}

/** Variables declared by the config class a process validates at boot; empty until it exists. */
export function readConfigClassVariables(processName: ProcessName): string[] {
  const source = CONFIG_CLASS_SOURCES[processName];
  if (!workspaceFileExists(source.file)) {
    return [];
  }
  if (source.className !== null) {
    return collectClassVariables(source.file, source.className);
  }
  const jobClass = /loadJobEnvironment\((\w+)\)/.exec(readWorkspaceFile(source.file))?.[1];
  const classFile = jobClass === undefined ? null : findClassFile(jobClass);
  return jobClass === undefined || classFile === null
    ? []
    : collectClassVariables(classFile, jobClass);
}

/**
 * What a process must be given, apart from the database connection: the architecture table
 * plus whatever its config class declares.
 */
export function requiredVariables(processName: ProcessName): string[] {
  const declared = readConfigClassVariables(processName).filter(
    (name) => !DATABASE_CONNECTION_VARIABLES.has(name),
  );
  return [...new Set([...ARCHITECTURE_TABLE[processName], ...declared])].sort();
}

/** Names missing from `provided` for `processName`, the database connection counted as a group. */
export function missingVariables(
  processName: ProcessName,
  provided: ReadonlySet<string>,
): string[] {
  const missing = requiredVariables(processName).filter((name) => !provided.has(name));
  const hasDatabase =
    provided.has('DATABASE_URL') || DATABASE_PART_VARIABLES.every((name) => provided.has(name));
  return hasDatabase ? missing : [...missing, 'DATABASE_URL or DB_*'];
}
