import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { basename, join, normalize } from 'node:path';
import { parseAllDocuments } from 'yaml';

import type { KubernetesObject } from './kubernetes-manifests';
import {
  readWorkspaceFile,
  readYamlDocuments,
  WORKSPACE_ROOT,
  workspacePath,
} from './workspace-files';

/** The parts of a kustomization.yaml (Kustomization or Component) the manifests use. */
export interface Kustomization {
  readonly kind: 'Kustomization' | 'Component';
  readonly resources?: readonly string[];
  readonly components?: readonly string[];
  readonly patches?: readonly { readonly patch?: string }[];
  readonly configMapGenerator?: readonly {
    readonly name: string;
    readonly files?: readonly string[];
    readonly options?: {
      readonly labels?: Readonly<Record<string, string>>;
      readonly annotations?: Readonly<Record<string, string>>;
      readonly disableNameSuffixHash?: boolean;
    };
  }[];
}

/** What a deployment applies: `kubectl apply -k <root>` for each of these. */
export const KUSTOMIZE_ROOTS = [
  'deploy/k8s',
  'deploy/k8s/migrations',
  'deploy/k8s/kafka-topics',
  'deploy/overlays/openshift',
] as const;

/** Components that no root includes, added by an overlay where their operator runs. */
export const OPTIONAL_COMPONENTS = ['deploy/k8s/components/grafana-operator'] as const;

export function readKustomization(directory: string): Kustomization {
  const [document] = readYamlDocuments(join(directory, 'kustomization.yaml')) as Kustomization[];
  if (document === undefined) {
    throw new Error(`${directory}/kustomization.yaml is empty`);
  }
  return document;
}

function isDirectory(path: string): boolean {
  return statSync(workspacePath(path)).isDirectory();
}

/** Every file a kustomization reads: resource files, generator files, and those of the folders and components it includes. */
export function kustomizationFiles(directory: string): string[] {
  const kustomization = readKustomization(directory);
  const entries = [...(kustomization.resources ?? []), ...(kustomization.components ?? [])];
  const generated = (kustomization.configMapGenerator ?? []).flatMap((generator) =>
    (generator.files ?? []).map((file) => normalize(join(directory, file))),
  );
  return [
    join(directory, 'kustomization.yaml'),
    ...generated,
    ...entries.flatMap((entry) => {
      const path = normalize(join(directory, entry));
      return isDirectory(path) ? kustomizationFiles(path) : [path];
    }),
  ];
}

/** A `$patch: delete` patch removes the object it names. */
function deletedBy(patch: string): { kind: string; name: string } | null {
  const [document] = parseAllDocuments(patch).map((entry) => entry.toJSON() as unknown);
  const object = document as { kind?: string; metadata?: { name?: string }; $patch?: string };
  return object.$patch === 'delete' && object.kind !== undefined
    ? { kind: object.kind, name: object.metadata?.name ?? '' }
    : null;
}

/**
 * What kustomize would render, read from the files: resources, generated ConfigMaps, components
 * and their delete patches. Used where kubectl is not installed; names, labels and data only.
 */
export function modelKustomization(directory: string): KubernetesObject[] {
  const kustomization = readKustomization(directory);
  let objects: KubernetesObject[] = (kustomization.resources ?? []).flatMap((resource) => {
    const path = normalize(join(directory, resource));
    return isDirectory(path)
      ? modelKustomization(path)
      : (readYamlDocuments(path) as KubernetesObject[]);
  });
  for (const generator of kustomization.configMapGenerator ?? []) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: generator.name,
        labels: generator.options?.labels ?? {},
        annotations: generator.options?.annotations ?? {},
      },
      data: Object.fromEntries(
        (generator.files ?? []).map((file) => [
          basename(file),
          readWorkspaceFile(join(directory, file)),
        ]),
      ),
    });
  }
  for (const component of kustomization.components ?? []) {
    const path = normalize(join(directory, component));
    const componentKustomization = readKustomization(path);
    const deleted = (componentKustomization.patches ?? []).flatMap((patch) => {
      const target = patch.patch === undefined ? null : deletedBy(patch.patch);
      return target === null ? [] : [target];
    });
    objects = objects.filter(
      (object) =>
        !deleted.some(
          (target) => target.kind === object.kind && target.name === object.metadata.name,
        ),
    );
    objects.push(...modelKustomization(path));
  }
  return objects;
}

export interface RenderedKustomization {
  readonly source: 'kubectl kustomize' | 'model';
  readonly objects: KubernetesObject[];
}

function hasKubectl(): boolean {
  const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  return version.error === undefined && version.status === 0;
}

const kubectlAvailable = hasKubectl();

/**
 * The objects `kubectl apply -k <directory>` applies: rendered by `kubectl kustomize` (no
 * cluster needed) where kubectl exists, else by {@link modelKustomization}.
 */
export function renderKustomization(directory: string): RenderedKustomization {
  if (!kubectlAvailable) {
    return { source: 'model', objects: modelKustomization(directory) };
  }
  const rendered = spawnSync('kubectl', ['kustomize', directory], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
  });
  if (rendered.status !== 0) {
    throw new Error(`kubectl kustomize ${directory} failed:\n${rendered.stderr}`);
  }
  return {
    source: 'kubectl kustomize',
    objects: parseAllDocuments(rendered.stdout).map(
      (document) => document.toJSON() as KubernetesObject,
    ),
  };
}
