import {
  builtEntries,
  builtProject,
  finalStage,
  parseDockerfile,
  parseImageReference,
  readDeployDockerfiles,
} from './support/dockerfiles';
import { readWorkspaceFile, workspaceFileExists } from './support/workspace-files';

const dockerfiles = [...readDeployDockerfiles().entries()];

function instructions(args: { keyword: string; args: string }[], keyword: string): string[] {
  return args
    .filter((instruction) => instruction.keyword === keyword)
    .map((instruction) => instruction.args);
}

describe('Dockerfiles (deploy/*.Dockerfile)', () => {
  it('builds one image per long-running process', () => {
    expect(dockerfiles.map(([image]) => image).sort()).toEqual([
      'payload-tracker-api',
      'payload-tracker-ingester',
    ]);
  });

  it.each(dockerfiles)(
    '%s compiles its app with the locked dependencies and nx in a build stage',
    (image, dockerfile) => {
      const project = builtProject(dockerfile);
      const build = dockerfile.stages.find((stage) => stage.name === 'build');

      expect(`payload-tracker-${project ?? ''}`).toBe(image);
      expect(workspaceFileExists(`apps/${project ?? ''}/project.json`)).toBe(true);
      expect(instructions([...(build?.instructions ?? [])], 'RUN').join('\n')).toMatch(/npm ci\b/);
      expect(dockerfile.stages.length).toBeGreaterThanOrEqual(3);
    },
  );

  it.each(dockerfiles)(
    '%s installs production dependencies only, from the generated package.json',
    (_image, dockerfile) => {
      const project = builtProject(dockerfile) ?? '';
      const installs = dockerfile.stages
        .flatMap((stage) => instructions([...stage.instructions], 'RUN'))
        .filter((run) => run.includes('npm ci'));
      const copies = dockerfile.stages.flatMap((stage) =>
        instructions([...stage.instructions], 'COPY'),
      );

      expect(installs.some((run) => run.includes('--omit=dev'))).toBe(true);
      expect(
        copies.some(
          (copy) =>
            copy.includes(`dist/apps/${project}/package.json`) &&
            copy.includes(`dist/apps/${project}/package-lock.json`),
        ),
      ).toBe(true);
    },
  );

  it.each(dockerfiles)(
    '%s runtime stage holds the built app and runs its main entry as a non-root user',
    (_image, dockerfile) => {
      const runtime = finalStage(dockerfile);
      const project = builtProject(dockerfile) ?? '';
      const users = instructions([...runtime.instructions], 'USER');
      const copies = instructions([...runtime.instructions], 'COPY');
      const command = JSON.parse(
        instructions([...runtime.instructions], 'CMD').at(-1) ?? '[]',
      ) as string[];

      expect(users.at(-1)).toMatch(/^[1-9]\d*$/);
      expect(copies.some((copy) => copy.includes(`dist/apps/${project}`))).toBe(true);
      // Arbitrary OpenShift UIDs run with group 0: the files must belong to it.
      expect(copies.every((copy) => /--chown=\d+:0\b/.test(copy))).toBe(true);
      expect(command[0]).toBe('node');
      expect(builtEntries(project)).toContain(command[1]);
    },
  );

  it.each(dockerfiles)('%s uses tagged base images, never latest', (_image, dockerfile) => {
    for (const stage of dockerfile.stages) {
      const { tag } = parseImageReference(stage.from);

      expect(stage.from).not.toContain('$');
      expect(tag).not.toBeNull();
      expect(tag).not.toBe('latest');
    }
  });

  it.each(dockerfiles)(
    '%s health check calls /health/live on a port it exposes',
    (_image, dockerfile) => {
      const runtime = finalStage(dockerfile);
      const healthcheck = instructions([...runtime.instructions], 'HEALTHCHECK').join(' ');
      const exposed = instructions([...runtime.instructions], 'EXPOSE')
        .join(' ')
        .split(/\s+/);
      const defaultPort = /\|\| (\d+)\)/.exec(healthcheck)?.[1];

      expect(healthcheck).toContain('/health/live');
      expect(exposed).toContain(defaultPort);
    },
  );

  it('parses continuation lines and build-arg defaults', () => {
    const sut = parseDockerfile(
      'example',
      'ARG BASE=node:20-alpine\nFROM ${BASE} AS runtime\nENV A=1 \\\n    B=2\nCMD ["node", "main.js"]\n',
    );

    expect(sut.stages).toEqual([
      {
        from: 'node:20-alpine',
        name: 'runtime',
        instructions: [
          { keyword: 'ENV', args: 'A=1 B=2' },
          { keyword: 'CMD', args: '["node", "main.js"]' },
        ],
      },
    ]);
  });

  it('keeps local build products and secrets out of the build context', () => {
    const ignored = readWorkspaceFile('.dockerignore').split('\n');

    for (const entry of ['**/node_modules', 'dist', '.nx', '.git', '.env']) {
      expect(ignored).toContain(entry);
    }
  });
});
