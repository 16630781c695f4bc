import { declaredMetricNames, isDefaultProcessMetric, metricNamesIn } from './support/metric-names';
import { readWorkspaceFile, readYamlDocuments } from './support/workspace-files';

interface Target {
  readonly expr: string;
  readonly datasource?: { readonly uid?: string };
}

interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly datasource?: { readonly uid?: string };
  readonly gridPos?: {
    readonly h: number;
    readonly w: number;
    readonly x: number;
    readonly y: number;
  };
  readonly targets?: readonly Target[];
}

interface Dashboard {
  readonly uid: string;
  readonly panels: readonly Panel[];
  readonly templating: {
    readonly list: readonly {
      readonly name: string;
      readonly type: string;
      readonly query: unknown;
    }[];
  };
}

interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: { readonly severity?: string };
}

const dashboard = JSON.parse(
  readWorkspaceFile('deploy/grafana/payload-tracker-dashboard.json'),
) as Dashboard;
const dataPanels = dashboard.panels.filter((panel) => panel.type !== 'row');
const expressions = dataPanels.flatMap((panel) =>
  (panel.targets ?? []).map((target) => target.expr),
);
const [rule] = readYamlDocuments('deploy/prometheus/alerts.yaml') as {
  kind: string;
  spec: { groups: { rules: AlertRule[] }[] };
}[];
const alertRules = rule?.spec.groups.flatMap((group) => group.rules) ?? [];
const operationsGuide = readWorkspaceFile('docs/operations.md');

describe('Grafana dashboard (deploy/grafana)', () => {
  it('takes its Prometheus data source from a ${datasource} variable, on every panel and query', () => {
    const variable = dashboard.templating.list.find((entry) => entry.name === 'datasource');

    expect(variable).toMatchObject({ type: 'datasource', query: 'prometheus' });
    for (const panel of dataPanels) {
      expect(panel.datasource?.uid).toBe('${datasource}');
      for (const target of panel.targets ?? []) {
        expect(target.datasource?.uid).toBe('${datasource}');
      }
    }
  });

  it('lays out panels with unique ids inside the 24-column grid', () => {
    const ids = dashboard.panels.map((panel) => panel.id);

    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels) {
      expect((panel.gridPos?.x ?? 99) + (panel.gridPos?.w ?? 99)).toBeLessThanOrEqual(24);
    }
  });

  it.each([
    ['messages consumed', /rate\(payload_tracker_consumed_messages_total/],
    ['statuses stored', /rate\(payload_tracker_stored_statuses_total/],
    [
      'invalid messages by reason',
      /sum by \(reason\) \(rate\(payload_tracker_invalid_messages_total/,
    ],
    ['duplicates', /rate\(payload_tracker_duplicate_messages_total/],
    ['batch size p50', /histogram_quantile\(0\.5, .*payload_tracker_batch_size_bucket/],
    ['batch size p95', /histogram_quantile\(0\.95, .*payload_tracker_batch_size_bucket/],
    [
      'batch write time p50',
      /histogram_quantile\(0\.5, .*payload_tracker_batch_write_seconds_bucket/,
    ],
    [
      'batch write time p95',
      /histogram_quantile\(0\.95, .*payload_tracker_batch_write_seconds_bucket/,
    ],
    ['consumer lag per partition', /by \(partition\) \(payload_tracker_consumer_lag/],
    [
      'per-service status rates',
      /sum by \(service, status\) \(rate\(payload_tracker_service_status_total/,
    ],
    [
      'per-service duration p50',
      /histogram_quantile\(0\.5, sum by \(le, service\) \(rate\(payload_tracker_service_duration_seconds_bucket/,
    ],
    [
      'per-service duration p95',
      /histogram_quantile\(0\.95, sum by \(le, service\) \(rate\(payload_tracker_service_duration_seconds_bucket/,
    ],
    ['API request rate', /rate\(payload_tracker_http_requests_total\{[^}]*\}/],
    ['API latency p50', /histogram_quantile\(0\.5, .*payload_tracker_http_request_seconds_bucket/],
    ['API latency p99', /histogram_quantile\(0\.99, .*payload_tracker_http_request_seconds_bucket/],
    [
      'API 5xx ratio',
      /payload_tracker_http_requests_total\{[^}]*code=~"5\.\."[^}]*\}.*\/ sum\(rate\(payload_tracker_http_requests_total/,
    ],
    ['payloads by state', /max by \(state\) \(payload_tracker_payloads\{/],
    [
      'failure rate by service',
      /sum by \(service\) \(rate\(payload_tracker_service_status_total\{[^}]*status=~"error\|failed\|processing_error"[^}]*\}.*\/ sum by \(service\) \(rate\(payload_tracker_service_status_total/,
    ],
    ['stalled uploads by service', /by \(service, source\) \(payload_tracker_stalled_payloads/],
    ['process memory', /process_resident_memory_bytes/],
    ['process CPU', /process_cpu_seconds_total/],
    ['event-loop lag', /nodejs_eventloop_lag_p99_seconds/],
  ])('charts %s', (_name, pattern) => {
    expect(expressions.some((expression) => pattern.test(expression))).toBe(true);
  });
});

describe('Prometheus alert rules (deploy/prometheus/alerts.yaml)', () => {
  it('is a PrometheusRule whose every rule has a severity and a hold time', () => {
    expect(rule?.kind).toBe('PrometheusRule');
    expect(alertRules.length).toBeGreaterThan(5);
    for (const alert of alertRules) {
      expect(['warning', 'critical']).toContain(alert.labels?.severity);
      expect(alert.for).toMatch(/^\d+[mh]$/);
    }
  });

  it.each([
    ['PayloadTrackerStalledUploadsGrowing', /payload_tracker_stalled_payloads/],
    [
      'PayloadTrackerServiceFailureRateHigh',
      /payload_tracker_service_status_total\{status=~"error\|failed\|processing_error"\}/,
    ],
  ])('alerts on upload outcomes: %s', (name, pattern) => {
    expect(alertRules.find((alert) => alert.alert === name)?.expr).toMatch(pattern);
  });

  it('explains every alert in docs/operations.md', () => {
    for (const alert of alertRules) {
      expect(operationsGuide).toContain(alert.alert);
    }
  });
});

describe('metric names used by the dashboard and the alerts', () => {
  const used = [
    ...new Set([...expressions, ...alertRules.map((alert) => alert.expr)].flatMap(metricNamesIn)),
  ];
  const declared = declaredMetricNames();

  it('finds the metrics the apps declare', () => {
    expect(declared).toContain('payload_tracker_consumed_messages_total');
    expect(declared).toContain('payload_tracker_http_requests_total');
  });

  it.each(
    used.filter((name) => name.startsWith('payload_tracker_') && !isDefaultProcessMetric(name)),
  )('%s is exported by an app and documented', (name) => {
    expect(declared).toContain(name);
    expect(operationsGuide).toContain(name);
  });

  it('maps histogram series to their histogram', () => {
    expect(
      metricNamesIn(
        'rate(payload_tracker_batch_size_bucket[5m]) + payload_tracker_batch_size_count',
      ),
    ).toEqual(['payload_tracker_batch_size']);
  });
});
