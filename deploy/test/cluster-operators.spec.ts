import type { Container, KubernetesObject } from './support/kubernetes-manifests';
import {
  ContainerEnvironment,
  findObject,
  podTemplate,
  readDeployedObjects,
  resolvePort,
} from './support/kubernetes-manifests';
import { KUSTOMIZE_ROOTS, modelKustomization, renderKustomization } from './support/kustomize';
import { readWorkspaceFile } from './support/workspace-files';

/**
 * The objects for the operators a cluster may run (Prometheus Operator, Grafana sidecar or
 * operator, KEDA, Strimzi): they parse, have the kinds and API versions those operators serve, and
 * point at the Services, pods, ports, ConfigMap values and topics the workloads really have.
 */
const objects = readDeployedObjects();
const overlay = renderKustomization('deploy/overlays/openshift');
const base = renderKustomization('deploy/k8s');
const topics = renderKustomization('deploy/k8s/kafka-topics');
const dashboardFile = 'deploy/grafana/payload-tracker-dashboard.json';

const BUILT_IN_API_VERSIONS = ['v1', 'apps/v1', 'batch/v1', 'autoscaling/v2', 'policy/v1'];

type Labels = Readonly<Record<string, string>>;

function labelsOf(object: KubernetesObject): Labels {
  return object.metadata.labels ?? {};
}

function selects(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

function podLabels(deploymentName: string): Labels {
  const template = podTemplate(findObject(objects, 'Deployment', deploymentName));
  return (template.metadata as { labels?: Labels } | undefined)?.labels ?? {};
}

function containerOf(deploymentName: string): Container {
  const [container] = podTemplate(findObject(objects, 'Deployment', deploymentName)).spec
    .containers;
  if (container === undefined) throw new Error(`${deploymentName} has no container`);
  return container;
}

function metricsPortOf(deploymentName: string): number {
  return Number(
    new ContainerEnvironment(containerOf(deploymentName), objects).resolve('METRICS_PORT'),
  );
}

function ingesterSetting(name: string): string {
  return findObject(objects, 'ConfigMap', 'payload-tracker-ingester').data?.[name] ?? '';
}

function spec<T>(object: KubernetesObject): T {
  return object.spec as T;
}

describe('kustomizations', () => {
  it.each(KUSTOMIZE_ROOTS)('%s renders to uniquely named objects', (root) => {
    const { objects: rendered } = renderKustomization(root);
    const keys = rendered.map((object) => `${object.kind}/${object.metadata.name}`);

    expect(rendered.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the base to built-in kinds, so it applies on a cluster without operators', () => {
    expect(
      base.objects.filter((object) => !BUILT_IN_API_VERSIONS.includes(object.apiVersion)),
    ).toEqual([]);
  });

  it('adds monitors, rules, dashboard and the ScaledObject in the OpenShift overlay, instead of the ingester CPU HPA', () => {
    const kinds = (rendered: readonly KubernetesObject[]): string[] =>
      rendered.map((object) => `${object.kind}/${object.metadata.name}`);

    expect({ source: overlay.source, kinds: kinds(overlay.objects) }).toEqual({
      source: overlay.source,
      kinds: expect.arrayContaining([
        'ServiceMonitor/payload-tracker-api',
        'PodMonitor/payload-tracker-ingester',
        'PrometheusRule/payload-tracker',
        'ConfigMap/payload-tracker-dashboard',
        'ScaledObject/payload-tracker-ingester',
        'HorizontalPodAutoscaler/payload-tracker-api',
        'Deployment/payload-tracker-ingester',
      ]) as unknown,
    });
    expect(kinds(overlay.objects)).not.toContain(
      'HorizontalPodAutoscaler/payload-tracker-ingester',
    );
    expect(kinds(base.objects)).toContain('HorizontalPodAutoscaler/payload-tracker-ingester');
  });

  it('models kustomize as kubectl renders it, for machines without kubectl', () => {
    const modelled = modelKustomization('deploy/overlays/openshift').map(
      (object) => `${object.kind}/${object.metadata.name}`,
    );

    expect(modelled.sort()).toEqual(
      overlay.objects.map((object) => `${object.kind}/${object.metadata.name}`).sort(),
    );
  });
});

describe('Prometheus Operator monitors', () => {
  const serviceMonitor = findObject(objects, 'ServiceMonitor', 'payload-tracker-api');
  const podMonitor = findObject(objects, 'PodMonitor', 'payload-tracker-ingester');

  it('are monitoring.coreos.com/v1 objects scraping /metrics', () => {
    for (const monitor of [serviceMonitor, podMonitor]) {
      const endpoints = [
        ...(spec<{ endpoints?: { path?: string }[] }>(monitor).endpoints ?? []),
        ...(spec<{ podMetricsEndpoints?: { path?: string }[] }>(monitor).podMetricsEndpoints ?? []),
      ];

      expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(endpoints.length).toBeGreaterThan(0);
      expect(endpoints.every((endpoint) => endpoint.path === '/metrics')).toBe(true);
    }
  });

  it("scrape the api through its Service's metrics port, which targets METRICS_PORT", () => {
    const { selector, endpoints } = spec<{
      selector: { matchLabels: Labels };
      endpoints: { port: string }[];
    }>(serviceMonitor);
    const services = objects.filter(
      (object) => object.kind === 'Service' && selects(selector.matchLabels, labelsOf(object)),
    );
    const servicePorts =
      spec<{ ports: { name: string; targetPort: string | number }[] }>(
        findObject(objects, 'Service', 'payload-tracker-api'),
      ).ports ?? [];

    expect(services.map((service) => service.metadata.name)).toEqual(['payload-tracker-api']);
    for (const endpoint of endpoints) {
      const port = servicePorts.find((candidate) => candidate.name === endpoint.port);

      expect(port).toBeDefined();
      expect(resolvePort(containerOf('payload-tracker-api'), port?.targetPort ?? -1)).toBe(
        metricsPortOf('payload-tracker-api'),
      );
    }
  });

  it('scrape every ingester pod on its named METRICS_PORT, and no api pod', () => {
    const { selector, podMetricsEndpoints } = spec<{
      selector: { matchLabels: Labels };
      podMetricsEndpoints: { port: string }[];
    }>(podMonitor);

    expect(selects(selector.matchLabels, podLabels('payload-tracker-ingester'))).toBe(true);
    expect(selects(selector.matchLabels, podLabels('payload-tracker-api'))).toBe(false);
    for (const endpoint of podMetricsEndpoints) {
      expect(resolvePort(containerOf('payload-tracker-ingester'), endpoint.port)).toBe(
        metricsPortOf('payload-tracker-ingester'),
      );
    }
  });

  it('carry the alert rules of deploy/prometheus/alerts.yaml into the overlay unchanged', () => {
    const rule = overlay.objects.find((object) => object.kind === 'PrometheusRule');
    const groups = (rule?.spec as { groups?: { rules: { alert: string }[] }[] } | undefined)
      ?.groups;

    expect(rule?.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(readWorkspaceFile('deploy/prometheus/alerts.yaml')).toContain(
      groups?.[0]?.rules[0]?.alert ?? 'no rule rendered',
    );
    expect(groups?.flatMap((group) => group.rules).length).toBeGreaterThan(5);
  });
});

describe('Grafana dashboard as code', () => {
  const configMap = overlay.objects.find(
    (object) => object.kind === 'ConfigMap' && object.metadata.name === 'payload-tracker-dashboard',
  );
  const grafanaDashboard = findObject(objects, 'GrafanaDashboard', 'payload-tracker');

  it('is a ConfigMap with the label the Grafana sidecar watches, holding the JSON file as it is', () => {
    expect(configMap?.metadata.labels?.['grafana_dashboard']).toBe('1');
    expect(configMap?.data?.['payload-tracker-dashboard.json']).toBe(
      readWorkspaceFile(dashboardFile),
    );
  });

  it('is referenced by a grafana-operator GrafanaDashboard by ConfigMap name and key', () => {
    const { configMapRef } = spec<{ configMapRef: { name: string; key: string } }>(
      grafanaDashboard,
    );

    expect(grafanaDashboard.apiVersion).toBe('grafana.integreatly.org/v1beta1');
    expect(configMapRef.name).toBe(configMap?.metadata.name);
    expect(Object.keys(configMap?.data ?? {})).toContain(configMapRef.key);
  });

  it('needs no import step: a fixed uid and no __inputs placeholders', () => {
    const dashboard = JSON.parse(readWorkspaceFile(dashboardFile)) as {
      uid?: string;
      __inputs?: unknown;
    };

    expect(dashboard.uid).toMatch(/^[\w-]{1,40}$/);
    expect(dashboard.__inputs).toBeUndefined();
  });
});

describe('KEDA ScaledObject of the ingester', () => {
  const scaledObject = findObject(objects, 'ScaledObject', 'payload-tracker-ingester');
  const scaledSpec = spec<{
    scaleTargetRef: { kind?: string; name: string };
    minReplicaCount: number;
    maxReplicaCount: number;
    triggers: { type: string; metadata: Record<string, string> }[];
  }>(scaledObject);
  const hpa = spec<{ minReplicas: number; maxReplicas: number }>(
    findObject(objects, 'HorizontalPodAutoscaler', 'payload-tracker-ingester'),
  );
  const statusTopic = topics.objects.find(
    (topic) => spec<{ topicName?: string }>(topic).topicName === ingesterSetting('KAFKA_TOPIC'),
  );

  it('scales the ingester Deployment (keda.sh/v1alpha1)', () => {
    expect(scaledObject.apiVersion).toBe('keda.sh/v1alpha1');
    expect(scaledSpec.scaleTargetRef).toMatchObject({
      kind: 'Deployment',
      name: 'payload-tracker-ingester',
    });
    findObject(objects, 'Deployment', scaledSpec.scaleTargetRef.name);
  });

  it("reads the lag of the ingester's own broker, consumer group and topic", () => {
    const [trigger] = scaledSpec.triggers;

    expect(scaledSpec.triggers).toHaveLength(1);
    expect(trigger?.type).toBe('kafka');
    expect(trigger?.metadata).toMatchObject({
      bootstrapServers: ingesterSetting('KAFKA_BROKERS'),
      consumerGroup: ingesterSetting('KAFKA_GROUP_ID'),
      topic: ingesterSetting('KAFKA_TOPIC'),
      allowIdleConsumers: 'false',
    });
    expect(Number(trigger?.metadata['lagThreshold'])).toBeGreaterThan(0);
  });

  it('stays within the partitions of the topic, and within the bounds of the CPU HPA fallback', () => {
    const partitions = spec<{ partitions: number }>(statusTopic ?? scaledObject).partitions;

    expect(partitions).toBeGreaterThan(0);
    expect(scaledSpec.maxReplicaCount).toBeLessThanOrEqual(partitions);
    expect(hpa.maxReplicas).toBeLessThanOrEqual(partitions);
    expect([scaledSpec.minReplicaCount, scaledSpec.maxReplicaCount]).toEqual([
      hpa.minReplicas,
      hpa.maxReplicas,
    ]);
    for (const annotated of [
      scaledObject,
      findObject(objects, 'HorizontalPodAutoscaler', 'payload-tracker-ingester'),
    ]) {
      expect(Number(annotated.metadata.annotations?.['payload-tracker/topic-partitions'])).toBe(
        partitions,
      );
    }
  });
});

describe('Strimzi KafkaTopic definitions', () => {
  const topicSpec = (
    name: string,
  ): {
    topicName: string;
    partitions: number;
    replicas: number;
    config: Record<string, string | number>;
  } => {
    const topic = topics.objects.find(
      (object) => spec<{ topicName?: string }>(object).topicName === name,
    );
    if (topic === undefined) throw new Error(`no KafkaTopic for ${name}`);
    return spec(topic);
  };
  const retentionDays = Number(
    findObject(objects, 'ConfigMap', 'payload-tracker-retention').data?.['RETENTION_DAYS'],
  );

  it('defines the status topic and its dead-letter topic as the ingester names them', () => {
    expect(topics.objects.map((topic) => [topic.apiVersion, topic.kind])).toEqual([
      ['kafka.strimzi.io/v1beta2', 'KafkaTopic'],
      ['kafka.strimzi.io/v1beta2', 'KafkaTopic'],
    ]);
    expect(
      topics.objects.map((topic) => spec<{ topicName: string }>(topic).topicName).sort(),
    ).toEqual([ingesterSetting('KAFKA_TOPIC'), ingesterSetting('KAFKA_DLQ_TOPIC')].sort());
  });

  it('belongs to the Kafka cluster whose bootstrap Service KAFKA_BROKERS names', () => {
    const cluster = /^([\w-]+)-kafka-bootstrap[:.]/.exec(ingesterSetting('KAFKA_BROKERS'))?.[1];

    expect(cluster).toBeDefined();
    for (const topic of topics.objects) {
      expect(labelsOf(topic)['strimzi.io/cluster']).toBe(cluster);
    }
  });

  it.each(['KAFKA_TOPIC', 'KAFKA_DLQ_TOPIC'])(
    '%s has partitions, retention and replicas that survive a broker loss',
    (setting) => {
      const topic = topicSpec(ingesterSetting(setting));

      expect(topic.partitions).toBeGreaterThan(0);
      expect(Number(topic.config['retention.ms'])).toBeGreaterThan(0);
      expect(topic.replicas).toBeGreaterThan(Number(topic.config['min.insync.replicas']));
    },
  );

  it('keeps statuses in Kafka as long as the database keeps them (RETENTION_DAYS)', () => {
    expect(Number(topicSpec(ingesterSetting('KAFKA_TOPIC')).config['retention.ms'])).toBe(
      retentionDays * 86_400_000,
    );
  });

  it('explains the numbers in docs/operations.md', () => {
    const section = readWorkspaceFile('docs/operations.md').split('## Kafka topics')[1] ?? '';

    for (const name of [ingesterSetting('KAFKA_TOPIC'), ingesterSetting('KAFKA_DLQ_TOPIC')]) {
      expect(section).toContain(`\`${name}\``);
      expect(section).toContain(String(topicSpec(name).partitions));
    }
  });
});
