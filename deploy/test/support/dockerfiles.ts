import { entryOutputName } from '@payload-tracker/node-build';

import { listWorkspaceFiles, readWorkspaceFile } from './workspace-files';

export interface DockerInstruction {
  readonly keyword: string;
  readonly args: string;
}

export interface DockerStage {
  /** Base image with build-arg defaults substituted. */
  readonly from: string;
  readonly name: string | null;
  readonly instructions: readonly DockerInstruction[];
}

export interface Dockerfile {
  readonly path: string;
  readonly stages: readonly DockerStage[];
}

function substituteArgs(text: string, args: ReadonlyMap<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced?: string, bare?: string) => {
    const name = braced ?? bare ?? '';
    return args.get(name) ?? whole;
  });
}

/** Instructions of a Dockerfile, with line continuations joined and comments dropped. */
export function parseDockerfile(path: string, text: string): Dockerfile {
  const logicalLines = text
    .replace(/\\\r?\n(\s*#[^\n]*\n)*/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const globalArgs = new Map<string, string>();
  const stages: DockerStage[] = [];
  let current: { from: string; name: string | null; instructions: DockerInstruction[] } | null =
    null;
  for (const line of logicalLines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      current = {
        from: substituteArgs(match?.[1] ?? args, globalArgs),
        name: match?.[2] ?? null,
        instructions: [],
      };
      stages.push(current);
    } else if (current === null) {
      if (upper === 'ARG') {
        const [name = '', value = ''] = args.split('=', 2);
        globalArgs.set(name, value);
      }
    } else {
      current.instructions.push({ keyword: upper, args });
    }
  }
  return { path, stages };
}

/** The Dockerfiles under deploy/, keyed by the image they build (`deploy/api.Dockerfile` → `payload-tracker-api`). */
export function readDeployDockerfiles(): Map<string, Dockerfile> {
  const dockerfiles = new Map<string, Dockerfile>();
  for (const path of listWorkspaceFiles('deploy', ['.Dockerfile'])) {
    const name = /([\w-]+)\.Dockerfile$/.exec(path)?.[1] ?? path;
    dockerfiles.set(`payload-tracker-${name}`, parseDockerfile(path, readWorkspaceFile(path)));
  }
  return dockerfiles;
}

export function finalStage(dockerfile: Dockerfile): DockerStage {
  const stage = dockerfile.stages.at(-1);
  if (stage === undefined) {
    throw new Error(`${dockerfile.path} has no FROM`);
  }
  return stage;
}

/** Names set by `ENV` in the final stage: what the image itself provides to its process. */
export function imageEnvironment(dockerfile: Dockerfile): Map<string, string> {
  const environment = new Map<string, string>();
  for (const instruction of finalStage(dockerfile).instructions) {
    if (instruction.keyword === 'ENV') {
      for (const match of instruction.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) {
        environment.set(match[1] ?? '', (match[2] ?? '').replace(/^"|"$/g, ''));
      }
    }
  }
  return environment;
}

/** The Nx project an image's build stage compiles (`npx nx run <project>:build`). */
export function builtProject(dockerfile: Dockerfile): string | null {
  for (const stage of dockerfile.stages) {
    for (const instruction of stage.instructions) {
      const match = /nx run ([\w-]+):build/.exec(instruction.args);
      if (instruction.keyword === 'RUN' && match !== null) {
        return match[1] ?? null;
      }
    }
  }
  return null;
}

/** Split an image reference into repository name (last path segment) and tag. */
export function parseImageReference(image: string): { name: string; tag: string | null } {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSegment = withoutDigest.split('/').at(-1) ?? withoutDigest;
  const [name = lastSegment, tag] = lastSegment.split(':');
  const hasDigest = image.includes('@sha256:');
  return { name, tag: tag ?? (hasDigest ? 'digest' : null) };
}

interface BuildTarget {
  readonly executor?: string;
  readonly options?: { readonly main?: string; readonly additionalEntryPoints?: readonly string[] };
}

/**
 * Output files of an app's `build` target (@nx/esbuild): `main` and its `additionalEntryPoints`,
 * named as the build names them (`src/jobs/migrate.main.ts` → `migrate.js`).
 */
export function builtEntries(project: string): string[] {
  const projectJson = JSON.parse(readWorkspaceFile(`apps/${project}/project.json`)) as {
    targets?: { build?: BuildTarget };
  };
  const options = projectJson.targets?.build?.options ?? {};
  const entries = [options.main ?? '', ...(options.additionalEntryPoints ?? [])];
  return entries.filter((entry) => entry !== '').map((entry) => `${entryOutputName(entry)}.js`);
}
