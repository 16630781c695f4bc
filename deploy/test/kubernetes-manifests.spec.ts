import { dirname } from 'node:path';

import {
  builtEntries,
  builtProject,
  imageEnvironment,
  parseImageReference,
  readDeployDockerfiles,
} from './support/dockerfiles';
import type { Container, KubernetesObject } from './support/kubernetes-manifests';
import {
  ContainerEnvironment,
  findObject,
  MANIFEST_ROOT,
  podTemplate,
  readDeployedObjects,
  readManifestFiles,
  resolvePort,
  workloads,
} from './support/kubernetes-manifests';
import { KUSTOMIZE_ROOTS, kustomizationFiles, OPTIONAL_COMPONENTS } from './support/kustomize';
import type { ProcessName } from './support/required-variables';
import { missingVariables, PROCESSES } from './support/required-variables';
import { readWorkspaceFile, workspaceFileExists } from './support/workspace-files';

const WORKLOAD_OF: Record<ProcessName, { kind: string; name: string; command: readonly string[] }> =
  {
    api: { kind: 'Deployment', name: 'payload-tracker-api', command: ['node', 'main.js'] },
    ingester: {
      kind: 'Deployment',
      name: 'payload-tracker-ingester',
      command: ['node', 'main.js'],
    },
    migrations: {
      kind: 'Job',
      name: 'payload-tracker-migrations',
      command: ['node', 'migrate.js', 'up'],
    },
    retention: {
      kind: 'CronJob',
      name: 'payload-tracker-retention',
      command: ['node', 'retention.js'],
    },
  };

const objects = readDeployedObjects();
const dockerfiles = readDeployDockerfiles();

function containerOf(processName: ProcessName): Container {
  const { kind, name } = WORKLOAD_OF[processName];
  const [container] = podTemplate(findObject(objects, kind, name)).spec.containers;
  if (container === undefined) {
    throw new Error(`${kind} ${name} has no container`);
  }
  return container;
}

function environmentOf(processName: ProcessName): ContainerEnvironment {
  return new ContainerEnvironment(containerOf(processName), objects);
}

function imageVariables(container: Container): Set<string> {
  const dockerfile = dockerfiles.get(parseImageReference(container.image).name);
  return new Set(dockerfile === undefined ? [] : imageEnvironment(dockerfile).keys());
}

function allContainers(): { owner: KubernetesObject; container: Container }[] {
  return workloads(objects).flatMap((owner) => {
    const spec = podTemplate(owner).spec;
    return [...spec.containers, ...(spec.initContainers ?? [])].map((container) => ({
      owner,
      container,
    }));
  });
}

describe('Kubernetes / OpenShift manifests (deploy/k8s)', () => {
  it('parses every file into named objects', () => {
    const files = readManifestFiles();

    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      for (const object of file.objects) {
        expect(
          ['Kustomization', 'Component'].includes(object.kind) || object.metadata.name.length > 0,
        ).toBe(true);
      }
    }
  });

  it('applies every manifest through a kustomization, and each listed file exists', () => {
    const applied = new Set(
      [...KUSTOMIZE_ROOTS, ...OPTIONAL_COMPONENTS].flatMap((root) => kustomizationFiles(root)),
    );
    const manifests = readManifestFiles()
      .filter((file) => !file.path.includes('/examples/'))
      .map((file) => file.path);

    expect(manifests.filter((path) => !applied.has(path))).toEqual([]);
    expect([...applied].filter((path) => !workspaceFileExists(path))).toEqual([]);
  });

  it('keeps the migrations Job out of the workload rollout, so it can run first', () => {
    expect(kustomizationFiles(MANIFEST_ROOT)).not.toContain(
      `${MANIFEST_ROOT}/migrations/migrations-job.yaml`,
    );
    expect(kustomizationFiles(`${MANIFEST_ROOT}/migrations`)).toContain(
      `${MANIFEST_ROOT}/config/configmaps.yaml`,
    );
  });

  it.each(PROCESSES)('gives the %s process every variable it reads', (processName) => {
    const container = containerOf(processName);
    const provided = new Set([...environmentOf(processName).names(), ...imageVariables(container)]);

    expect(missingVariables(processName, provided)).toEqual([]);
  });

  it.each([
    ['api', 'API_PORT'],
    ['ingester', 'METRICS_PORT'],
  ] as const)('probes the %s health endpoints on %s', (processName, portVariable) => {
    const container = containerOf(processName);
    const port = Number(environmentOf(processName).resolve(portVariable));

    expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
    expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
    for (const probe of [
      container.livenessProbe,
      container.readinessProbe,
      container.startupProbe,
    ]) {
      expect(resolvePort(container, probe?.httpGet?.port ?? -1)).toBe(port);
    }
  });

  it('probes paths the architecture lists for each process', () => {
    const surfaces = readWorkspaceFile('docs/architecture.md').split('## HTTP surfaces')[1] ?? '';
    const apiLine = surfaces.slice(surfaces.indexOf('- api:'), surfaces.indexOf('- ingester:'));
    const ingesterLine = surfaces.slice(surfaces.indexOf('- ingester:')).split('\n')[0] ?? '';

    for (const path of ['/health/live', '/health/ready']) {
      expect(ingesterLine).toContain(`\`${path}\``);
      expect(apiLine).toContain(`\`${path}\``);
    }
  });

  it('probes routes the api health controller serves', () => {
    const controller = readWorkspaceFile('apps/api/src/health/health.controller.ts');

    expect(controller).toContain("@Controller('health')");
    expect(controller).toContain("@Get('live')");
    expect(controller).toContain("@Get('ready')");
  });

  it("probes routes the ingester's operations listener serves", () => {
    const module = readWorkspaceFile('apps/ingester/src/metrics/metrics.module.ts');

    expect(module).toContain("'/health/live': () => health.live()");
    expect(module).toContain("'/health/ready': () => health.ready()");
  });

  it.each(['api', 'ingester'] as const)(
    'annotates %s pods for a Prometheus scrape of METRICS_PORT /metrics',
    (processName) => {
      const { kind, name } = WORKLOAD_OF[processName];
      const annotations = podTemplate(findObject(objects, kind, name)).metadata?.annotations ?? {};
      const container = containerOf(processName);
      const metricsPort = Number(environmentOf(processName).resolve('METRICS_PORT'));

      expect(annotations['prometheus.io/scrape']).toBe('true');
      expect(annotations['prometheus.io/path']).toBe('/metrics');
      expect(Number(annotations['prometheus.io/port'])).toBe(metricsPort);
      expect(container.ports?.map((port) => port.containerPort)).toContain(metricsPort);
    },
  );

  it('runs only images built by a Dockerfile in deploy/, with a pinned tag', () => {
    for (const { container } of allContainers()) {
      const { name, tag } = parseImageReference(container.image);

      expect(dockerfiles.has(name)).toBe(true);
      expect(tag).not.toBeNull();
      expect(tag).not.toBe('latest');
    }
  });

  it.each(PROCESSES)('starts %s with an entry file its image builds', (processName) => {
    const container = containerOf(processName);
    const dockerfile = dockerfiles.get(parseImageReference(container.image).name);
    const project = dockerfile === undefined ? null : builtProject(dockerfile);
    const command = [...(container.command ?? []), ...(container.args ?? [])];

    expect(command).toEqual(WORKLOAD_OF[processName].command);
    expect(project).not.toBeNull();
    expect(builtEntries(project ?? '')).toContain(command[1]);
  });

  it('gives the ingester more termination grace than SHUTDOWN_TIMEOUT_MS', () => {
    const grace = podTemplate(findObject(objects, 'Deployment', 'payload-tracker-ingester')).spec
      .terminationGracePeriodSeconds;
    const shutdownMs = Number(environmentOf('ingester').resolve('SHUTDOWN_TIMEOUT_MS'));

    expect(shutdownMs).toBeGreaterThan(0);
    expect((grace ?? 30) * 1000).toBeGreaterThan(shutdownMs);
  });

  it('sets cpu and memory requests and limits on every container', () => {
    for (const { container } of allContainers()) {
      for (const bound of [container.resources?.requests, container.resources?.limits]) {
        expect(Object.keys(bound ?? {}).sort()).toEqual(['cpu', 'memory']);
      }
    }
  });

  it('runs every pod as non-root without a fixed UID, so OpenShift can assign one', () => {
    for (const owner of workloads(objects)) {
      const spec = podTemplate(owner).spec as {
        securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
      };

      expect(spec.securityContext?.runAsNonRoot).toBe(true);
      expect(spec.securityContext?.runAsUser).toBeUndefined();
    }
    for (const { container } of allContainers()) {
      const context = (container as { securityContext?: { allowPrivilegeEscalation?: boolean } })
        .securityContext;

      expect(context?.allowPrivilegeEscalation).toBe(false);
    }
  });

  it('autoscales both deployments, the ingester no further than the topic partition count (20)', () => {
    const api = findObject(objects, 'HorizontalPodAutoscaler', 'payload-tracker-api');
    const ingester = findObject(objects, 'HorizontalPodAutoscaler', 'payload-tracker-ingester');
    const ingesterSpec = ingester.spec as {
      maxReplicas: number;
      minReplicas: number;
      scaleTargetRef: { name: string };
    };
    const partitions = Number(ingester.metadata.annotations?.['payload-tracker/topic-partitions']);

    expect((api.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name).toBe(
      'payload-tracker-api',
    );
    expect(ingesterSpec.scaleTargetRef.name).toBe('payload-tracker-ingester');
    expect(partitions).toBe(20);
    expect(ingesterSpec.maxReplicas).toBeLessThanOrEqual(partitions);
    expect(ingesterSpec.minReplicas).toBeGreaterThanOrEqual(1);
  });

  it('exposes the api through a Service that targets its declared ports', () => {
    const service = findObject(objects, 'Service', 'payload-tracker-api');
    const spec = service.spec as {
      selector: Record<string, string>;
      ports: { targetPort: string | number }[];
    };
    const deployment = podTemplate(findObject(objects, 'Deployment', 'payload-tracker-api'));
    const podLabels =
      (deployment.metadata as { labels?: Record<string, string> } | undefined)?.labels ?? {};
    const container = containerOf('api');

    expect(Object.entries(spec.selector).every(([key, value]) => podLabels[key] === value)).toBe(
      true,
    );
    expect(spec.ports.map((port) => resolvePort(container, port.targetPort))).toEqual([
      Number(environmentOf('api').resolve('API_PORT')),
      Number(environmentOf('api').resolve('METRICS_PORT')),
    ]);
  });

  it('runs retention daily without overlap and migrations once without restarts', () => {
    const cronJob = findObject(objects, 'CronJob', 'payload-tracker-retention');
    const cronSpec = cronJob.spec as { schedule: string; concurrencyPolicy: string };
    const [, , dayOfMonth, month, dayOfWeek] = cronSpec.schedule.split(' ');
    const job = findObject(objects, 'Job', 'payload-tracker-migrations');
    const jobPod = podTemplate(job).spec as { restartPolicy?: string };

    expect([dayOfMonth, month, dayOfWeek]).toEqual(['*', '*', '*']);
    expect(cronSpec.concurrencyPolicy).toBe('Forbid');
    expect(jobPod.restartPolicy).toBe('Never');
  });

  it('keeps every ConfigMap value a string, as Kubernetes requires', () => {
    for (const configMap of objects.filter((object) => object.kind === 'ConfigMap')) {
      for (const value of Object.values(configMap.data ?? {})) {
        expect(typeof value).toBe('string');
      }
    }
  });

  it('references only the Secrets and keys the example documents', () => {
    const examples = readManifestFiles().find(
      (file) => file.path === `${MANIFEST_ROOT}/examples/secrets.example.yaml`,
    );
    const keysBySecret = new Map(
      (examples?.objects ?? []).map((secret) => [
        secret.metadata.name,
        Object.keys((secret as { stringData?: Record<string, string> }).stringData ?? {}),
      ]),
    );
    const references = allContainers().flatMap(({ container }) =>
      (container.env ?? []).flatMap((variable) =>
        variable.valueFrom?.secretKeyRef === undefined ? [] : [variable.valueFrom.secretKeyRef],
      ),
    );

    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) {
      expect(keysBySecret.get(reference.name)).toContain(reference.key);
    }
    expect(dirname(examples?.path ?? '')).toBe(`${MANIFEST_ROOT}/examples`);
  });
});
