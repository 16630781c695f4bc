import { isAbsolute, relative } from 'node:path';

import type { Dockerfile } from './dockerfiles';
import { imageEnvironment, parseImageReference } from './dockerfiles';
import type { ProcessName } from './required-variables';
import { missingVariables, PROCESSES } from './required-variables';
import { WORKSPACE_ROOT, workspaceFileExists } from './workspace-files';

export interface ComposeService {
  readonly image?: string;
  readonly build?:
    string | { readonly context?: string; readonly dockerfile?: string; readonly target?: string };
  readonly command?: string | readonly string[] | null;
  readonly entrypoint?: string | readonly string[] | null;
  readonly environment?:
    Readonly<Record<string, string | number | boolean | null>> | readonly string[];
  readonly depends_on?:
    Readonly<Record<string, { readonly condition?: string }>> | readonly string[];
  readonly profiles?: readonly string[];
  readonly ports?: readonly (
    string | number | { readonly target: number | string; readonly published?: string | number }
  )[];
  readonly stop_grace_period?: string;
}

export interface ComposeModel {
  readonly services: Readonly<Record<string, ComposeService>>;
}

/** The Compose service that runs each process. */
export const COMPOSE_SERVICE_OF: Record<ProcessName, string> = {
  api: 'api',
  ingester: 'ingester',
  migrations: 'migrations',
  retention: 'retention',
};

/** The mock producer from source, with the workspace path aliases (tsx does not read tsconfig.base.json by itself). */
export const MOCK_PRODUCER_COMMAND = [
  'npx',
  'tsx',
  '--tsconfig',
  'tsconfig.base.json',
  'tools/mock-producer/src/main.ts',
  '--uploads',
  '100',
  '--rate',
  '200',
];

/** `environment` as a map, whichever of its two Compose spellings the file uses. */
export function composeEnvironment(service: ComposeService): Map<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return new Map(
      (environment as readonly string[]).map((entry) => {
        const [name = '', ...value] = entry.split('=');
        return [name, value.join('=')];
      }),
    );
  }
  return new Map(
    Object.entries(environment as Record<string, unknown>).map(([name, value]) => [
      name,
      String(value),
    ]),
  );
}

export function composeCommand(command: ComposeService['command']): string[] {
  if (command === undefined || command === null) {
    return [];
  }
  return typeof command === 'string'
    ? command.split(/\s+/).filter((part) => part !== '')
    : [...command];
}

function dependencyConditions(service: ComposeService): Map<string, string> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) {
    return new Map((dependsOn as readonly string[]).map((name) => [name, 'service_started']));
  }
  return new Map(
    Object.entries(dependsOn as Record<string, { condition?: string }>).map(([name, value]) => [
      name,
      value.condition ?? 'service_started',
    ]),
  );
}

function publishedTargets(service: ComposeService): number[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return Number(port.target);
    }
    return Number(String(port).split(':').at(-1)?.split('/')[0]);
  });
}

/** Go-style durations as Compose writes them (`30s`, `1m30s`), in milliseconds. */
export function durationMs(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(match[1]) * (units[match[2] ?? 's'] ?? 0);
  }
  return total;
}

function dockerfilePath(build: ComposeService['build']): string | null {
  if (build === undefined || typeof build === 'string') {
    return null;
  }
  const path = build.dockerfile ?? 'Dockerfile';
  return isAbsolute(path) ? relative(WORKSPACE_ROOT, path) : path;
}

/**
 * Everything wrong with a Compose model (from the YAML file or from `docker compose config`),
 * as readable sentences; empty when the local system is wired as docs/operations.md says.
 */
export function composeProblems(
  model: ComposeModel,
  dockerfiles: ReadonlyMap<string, Dockerfile>,
): string[] {
  const problems: string[] = [];
  const services = model.services;
  const service = (name: string): ComposeService => services[name] ?? {};
  for (const name of [
    'kafka',
    'kafka-init',
    'postgres',
    'migrations',
    'ingester',
    'api',
    'retention',
    'producer',
  ]) {
    if (services[name] === undefined) problems.push(`service ${name} is missing`);
  }
  if (Object.keys(services).some((name) => name.includes('zookeeper')))
    problems.push('Kafka must run in KRaft mode, without ZooKeeper');

  const kafka = service('kafka');
  if (!/^apache\/kafka:3\.9\.\d+$/.test(kafka.image ?? ''))
    problems.push(`kafka image ${kafka.image ?? 'none'} is not apache/kafka:3.9.x`);
  const roles = composeEnvironment(kafka).get('KAFKA_PROCESS_ROLES') ?? '';
  if (!roles.includes('broker') || !roles.includes('controller'))
    problems.push('kafka is not a combined KRaft broker,controller');

  const init = service('kafka-init');
  const initScript = [
    ...composeCommand(init.entrypoint ?? null),
    ...composeCommand(init.command),
  ].join(' ');
  const mainPartitions = Number(
    /--topic platform\.payload-status\s+--partitions (\d+)/.exec(initScript)?.[1] ?? 0,
  );
  if (mainPartitions < 2)
    problems.push('kafka-init does not create platform.payload-status with several partitions');
  if (!initScript.includes('--topic platform.payload-status.dlq'))
    problems.push('kafka-init does not create the DLQ topic');
  if (dependencyConditions(init).get('kafka') !== 'service_healthy')
    problems.push('kafka-init does not wait for a healthy kafka');

  if (!/^postgres:16(\.|-|$)/.test(service('postgres').image ?? ''))
    problems.push('postgres is not postgres:16');

  for (const app of ['api', 'ingester', 'retention']) {
    if (dependencyConditions(service(app)).get('migrations') !== 'service_completed_successfully') {
      problems.push(`${app} does not wait for the migrations to complete`);
    }
  }
  if (
    dependencyConditions(service('ingester')).get('kafka-init') !== 'service_completed_successfully'
  ) {
    problems.push('ingester does not wait for the topics');
  }
  if (dependencyConditions(service('migrations')).get('postgres') !== 'service_healthy')
    problems.push('migrations do not wait for postgres');

  for (const processName of PROCESSES) {
    const composeService = service(COMPOSE_SERVICE_OF[processName]);
    const dockerfile = dockerfiles.get(parseImageReference(composeService.image ?? '').name);
    const provided = new Set([
      ...composeEnvironment(composeService).keys(),
      ...(dockerfile === undefined ? [] : imageEnvironment(dockerfile).keys()),
    ]);
    const missing = missingVariables(processName, provided);
    if (missing.length > 0) problems.push(`${processName} lacks ${missing.join(', ')}`);
  }

  const expectedCommands: Record<string, string> = {
    migrations: 'node migrate.js up',
    retention: 'node retention.js',
    ingester: 'node main.js',
    api: 'node main.js',
  };
  for (const [name, command] of Object.entries(expectedCommands)) {
    if (composeCommand(service(name).command).join(' ') !== command)
      problems.push(`${name} does not run '${command}'`);
  }

  for (const [name, composeService] of Object.entries(services)) {
    const { name: imageName, tag } = parseImageReference(composeService.image ?? '');
    if (tag === null || tag === 'latest')
      problems.push(`${name} image ${composeService.image ?? 'none'} has no pinned tag`);
    const path = dockerfilePath(composeService.build);
    if (path === null) continue;
    if (!workspaceFileExists(path)) problems.push(`${name} builds from missing ${path}`);
    const target =
      typeof composeService.build === 'object' ? composeService.build.target : undefined;
    if (
      target === undefined &&
      `deploy/${imageName.replace(/^payload-tracker-/, '')}.Dockerfile` !== path
    ) {
      problems.push(`${name} image ${imageName} is not the one ${path} builds`);
    }
    if (
      target !== undefined &&
      ![...dockerfiles.values()].some(
        (file) => file.path === path && file.stages.some((stage) => stage.name === target),
      )
    ) {
      problems.push(`${name} builds the missing stage ${target} of ${path}`);
    }
  }
  if (service('migrations').image !== service('ingester').image)
    problems.push('migrations do not run the ingester image');

  const producer = service('producer');
  if (!(producer.profiles ?? []).includes('producer'))
    problems.push('producer is not behind the producer profile');
  if (composeCommand(producer.command).join(' ') !== MOCK_PRODUCER_COMMAND.join(' '))
    problems.push('producer does not run the mock producer');
  if (!workspaceFileExists('tools/mock-producer/src/main.ts'))
    problems.push('tools/mock-producer/src/main.ts is missing');
  if (typeof producer.build !== 'object' || producer.build.target !== 'build')
    problems.push('producer does not run from the build stage');
  if (!(service('retention').profiles ?? []).includes('jobs'))
    problems.push('retention must not start with a plain `up`');

  const shutdownMs = Number(
    composeEnvironment(service('ingester')).get('SHUTDOWN_TIMEOUT_MS') ?? 20_000,
  );
  if (durationMs(service('ingester').stop_grace_period ?? '10s') <= shutdownMs)
    problems.push('ingester stop_grace_period is not above SHUTDOWN_TIMEOUT_MS');

  const apiEnvironment = composeEnvironment(service('api'));
  const ports: [string, number[]][] = [
    ['api', [Number(apiEnvironment.get('API_PORT')), Number(apiEnvironment.get('METRICS_PORT'))]],
    ['ingester', [Number(composeEnvironment(service('ingester')).get('METRICS_PORT'))]],
  ];
  for (const [name, expected] of ports) {
    for (const port of expected) {
      if (!publishedTargets(service(name)).includes(port))
        problems.push(`${name} does not publish port ${port}`);
    }
  }
  return problems;
}
