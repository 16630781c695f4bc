import { listWorkspaceFiles, readWorkspaceFile } from './workspace-files';

const HISTOGRAM_SUFFIXES = /_(bucket|sum|count)$/;

/** prom-client's default metrics, which the api exports with the payload_tracker_ prefix and the ingester without. */
const DEFAULT_METRIC = /^(payload_tracker_)?(process|nodejs)_\w+$/;

/** Metric names an app's source declares (`name: 'payload_tracker_…'` or `${METRIC_PREFIX}…`). */
export function declaredMetricNames(): Set<string> {
  const names = new Set<string>();
  for (const file of [
    ...listWorkspaceFiles('apps/api/src', ['.ts']),
    ...listWorkspaceFiles('apps/ingester/src', ['.ts']),
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
