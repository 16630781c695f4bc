import { listWorkspaceFiles, readWorkspaceFile } from './workspace-files';

const HISTOGRAM_SUFFIXES = /_(bucket|sum|count)$/;

/** prom-client's default metrics; both processes export them with the payload_tracker_ prefix. */
const DEFAULT_METRIC = /^(payload_tracker_)?(process|nodejs)_\w+$/;

/** Metric names an app's source declares (`name: 'payload_tracker_…'` or `${METRIC_PREFIX}…`). */
export function declaredMetricNames(): Set<string> {
  const names = new Set<string>();
  for (const file of [
    ...listWorkspaceFiles('apps/api/src', ['.ts']),
    ...listWorkspaceFiles('apps/ingester/src', ['.ts']),
    ...listWorkspaceFiles('libs/platform/src', ['.ts']),
  ]) {
    if (file.endsWith('spec.ts')) continue;
    for (const match of readWorkspaceFile(file).matchAll(
      /name:\s*[`'"](?:\$\{\w*PREFIX\}|payload_tracker_)(\w+)[`'"]/g,
    )) {
      names.add(`payload_tracker_${match[1] ?? ''}`);
    }
  }
  return names;
}

/** Metric names a PromQL expression reads, histogram series mapped to their histogram. */
export function metricNamesIn(expression: string): string[] {
  const names = [...expression.matchAll(/\b((?:payload_tracker_|process_|nodejs_|kube_)\w+)/g)].map(
    (match) => match[1] ?? '',
  );
  return [...new Set(names.map((name) => name.replace(HISTOGRAM_SUFFIXES, '')))];
}

export function isDefaultProcessMetric(name: string): boolean {
  return DEFAULT_METRIC.test(name);
}

/**
 * Every metric the dashboards and the alert rules under deploy/ read, as the processes name it
 * (default process metrics with the payload_tracker_ prefix); kube-state-metrics' names aside.
 */
export function metricNamesReadByDeployment(): string[] {
  const files = listWorkspaceFiles('deploy', ['.json', '.yaml', '.yml']).filter(
    (file) => !file.includes('/test/'),
  );
  const names = files.flatMap((file) => metricNamesIn(readWorkspaceFile(file)));
  return [
    ...new Set(
      names
        .filter((name) => !name.startsWith('kube_'))
        .map((name) => (name.startsWith('payload_tracker_') ? name : `payload_tracker_${name}`)),
    ),
  ].sort();
}

/** Metric names a Prometheus text exposition declares (its `# TYPE` lines). */
export function metricNamesExposed(exposition: string): string[] {
  return [...exposition.matchAll(/^# TYPE (\w+) /gm)].map((match) => match[1] ?? '');
}
