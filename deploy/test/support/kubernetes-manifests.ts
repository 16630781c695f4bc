import { listWorkspaceFiles, readYamlDocuments } from './workspace-files';

export interface KeyReference {
  readonly name: string;
  readonly key: string;
  readonly optional?: boolean;
}

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly configMapKeyRef?: KeyReference;
    readonly secretKeyRef?: KeyReference;
  };
}

export interface HttpProbe {
  readonly httpGet?: { readonly path: string; readonly port: number | string };
}

export interface Container {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly ports?: readonly { readonly name?: string; readonly containerPort: number }[];
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly {
    readonly configMapRef?: { readonly name: string };
    readonly secretRef?: { readonly name: string };
  }[];
  readonly resources?: {
    readonly requests?: Readonly<Record<string, string>>;
    readonly limits?: Readonly<Record<string, string>>;
  };
  readonly livenessProbe?: HttpProbe;
  readonly readinessProbe?: HttpProbe;
  readonly startupProbe?: HttpProbe;
}

export interface PodTemplate {
  readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> };
  readonly spec: {
    readonly containers: readonly Container[];
    readonly initContainers?: readonly Container[];
    readonly terminationGracePeriodSeconds?: number;
  };
}

export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly spec?: Record<string, unknown>;
  readonly data?: Readonly<Record<string, string>>;
}

export interface ManifestFile {
  readonly path: string;
  readonly objects: readonly KubernetesObject[];
}

export const MANIFEST_ROOT = 'deploy/k8s';

function isKubernetesObject(value: unknown): value is KubernetesObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { apiVersion?: unknown }).apiVersion === 'string' &&
    typeof (value as { kind?: unknown }).kind === 'string'
  );
}

/** Every YAML file under deploy/k8s, parsed; throws on a syntax error or a document without apiVersion/kind. */
export function readManifestFiles(): ManifestFile[] {
  return listWorkspaceFiles(MANIFEST_ROOT, ['.yaml', '.yml']).map((path) => ({
    path,
    objects: readYamlDocuments(path).map((document, index) => {
      if (!isKubernetesObject(document)) {
        throw new Error(`${path} document ${index} has no apiVersion/kind`);
      }
      return document;
    }),
  }));
}

/** The objects a deployment applies: every manifest except kustomizations, components and examples. */
export function readDeployedObjects(): KubernetesObject[] {
  return readManifestFiles()
    .filter((file) => !file.path.includes('/examples/'))
    .flatMap((file) => file.objects)
    .filter((object) => object.kind !== 'Kustomization' && object.kind !== 'Component');
}

export function findObject(
  objects: readonly KubernetesObject[],
  kind: string,
  name: string,
): KubernetesObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (found === undefined) {
    throw new Error(`no ${kind} ${name} in ${MANIFEST_ROOT}`);
  }
  return found;
}

/** The pod template of a Deployment, Job or CronJob. */
export function podTemplate(object: KubernetesObject): PodTemplate {
  const spec = object.spec as
    { template?: PodTemplate; jobTemplate?: { spec: { template: PodTemplate } } } | undefined;
  const template = object.kind === 'CronJob' ? spec?.jobTemplate?.spec.template : spec?.template;
  if (template === undefined) {
    throw new Error(`${object.kind} ${object.metadata.name} has no pod template`);
  }
  return template;
}

export function workloads(objects: readonly KubernetesObject[]): KubernetesObject[] {
  return objects.filter((object) =>
    ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(object.kind),
  );
}

/**
 * Variables a container receives and where from: literal values, whole ConfigMaps, or one key
 * of a ConfigMap or Secret. `resolve` gives the literal value when it is knowable from the
 * manifests (not for Secrets).
 */
export class ContainerEnvironment {
  private readonly values = new Map<string, string | null>();

  constructor(container: Container, objects: readonly KubernetesObject[]) {
    for (const source of container.envFrom ?? []) {
      if (source.secretRef !== undefined) {
        throw new Error(
          `${container.name}: envFrom secretRef hides which variables are set; reference keys`,
        );
      }
      const configMapName = source.configMapRef?.name ?? '';
      for (const [name, value] of Object.entries(
        findObject(objects, 'ConfigMap', configMapName).data ?? {},
      )) {
        this.values.set(name, value);
      }
    }
    for (const variable of container.env ?? []) {
      const configMapKey = variable.valueFrom?.configMapKeyRef;
      if (variable.value !== undefined) {
        this.values.set(variable.name, variable.value);
      } else if (configMapKey !== undefined) {
        const data = findObject(objects, 'ConfigMap', configMapKey.name).data ?? {};
        if (!(configMapKey.key in data) && configMapKey.optional !== true) {
          throw new Error(
            `${container.name}: ${variable.name} refers to missing key ${configMapKey.key}`,
          );
        }
        this.values.set(variable.name, data[configMapKey.key] ?? null);
      } else if (variable.valueFrom?.secretKeyRef !== undefined) {
        this.values.set(variable.name, null);
      } else {
        throw new Error(`${container.name}: ${variable.name} has neither value nor valueFrom`);
      }
    }
  }

  names(): Set<string> {
    return new Set(this.values.keys());
  }

  resolve(name: string): string | null {
    return this.values.get(name) ?? null;
  }
}

/** The container port a probe or annotation names (by number or port name). */
export function resolvePort(container: Container, port: number | string): number | null {
  if (typeof port === 'number') {
    return port;
  }
  if (/^\d+$/.test(port)) {
    return Number(port);
  }
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort ?? null;
}
