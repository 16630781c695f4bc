import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';
import { commandsIn, missingCommands, type Workspace } from './docs-commands';

const root = join(__dirname, '..', '..', '..');

function markdownUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? markdownUnder(join(dir, entry.name))
      : entry.name.endsWith('.md')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The documents a user follows: the README, docs/ and the tools' READMEs. */
function documents(): string[] {
  const tools = readdirSync(join(root, 'tools'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, 'tools', entry.name, 'README.md'))
    .filter((file) => {
      try {
        readFileSync(file);
        return true;
      } catch {
        return false;
      }
    });
  return [join(root, 'README.md'), ...markdownUnder(join(root, 'docs')), ...tools];
}

const workspace: Workspace = {
  scripts: new Set(['start', 'stack', 'test', 'produce']),
  targets: new Map([
    ['api', new Set(['build', 'serve', 'openapi'])],
    ['entities', new Set(['migrate-down', 'test'])],
  ]),
};

describe('commands named in the docs', () => {
  it.each([
    ['npm start', []],
    ['npm start -- --fresh', []],
    ['npm run produce -- --uploads 100 --rate 200', []],
    ['KAFKA_BROKERS=127.0.0.1:9092 npm run --silent produce', []],
    ['npm install && npm test', []],
    ['npm run start:local', ['`npm run start:local`: package.json has no script "start:local"']],
    ['npx nx run api:openapi', []],
    ['nx run entities:migrate-down', []],
    ['npx nx run api:bundle', ['`npx nx run api:bundle`: project "api" has no target "bundle"']],
    ['npx nx serve api', []],
    ['npx nx run <app>:build', []],
    ['npx nx run <app>:deploy', ['`npx nx run <app>:deploy`: no Nx project has a target "deploy"']],
    ['nx serve ingester', ['`nx serve ingester`: no Nx project "ingester"']],
    ['npx nx run-many -t build test -p api entities', []],
    [
      'npx nx run-many -t lint typecheck',
      [
        '`npx nx run-many -t lint typecheck`: no Nx project has a target "lint"',
        '`npx nx run-many -t lint typecheck`: no Nx project has a target "typecheck"',
      ],
    ],
    ['npx nx graph', []],
    ['docker compose up', []],
    ['curl localhost:8080/health', []],
  ])('checks `%s`', (code, expected) => {
    expect(missingCommands(commandsIn(`Run \`${code}\` now.`), workspace)).toEqual(expected);
  });

  it('reads commands from fenced blocks too, one per line, comments left out', () => {
    const markdown = [
      '```sh',
      'npm run stack          # then npm run nope',
      'npm run seed -- --payloads 10',
      '```',
    ].join('\n');
    expect(
      commandsIn(markdown).map((command) => command.kind === 'npm-script' && command.script),
    ).toEqual(['stack', 'seed']);
  });

  it('names only scripts and targets that exist, in the README, docs/ and the tools READMEs', async () => {
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    // In-process, so no Nx daemon is left running after the test.
    process.env['NX_DAEMON'] = 'false';
    const graph = await createProjectGraphAsync({ exitOnError: false });
    const real: Workspace = {
      scripts: new Set(Object.keys(packageJson.scripts)),
      targets: new Map(
        Object.entries(graph.nodes).map(([name, node]) => [
          name,
          new Set(Object.keys(node.data.targets ?? {})),
        ]),
      ),
    };
    const problems = documents().flatMap((file) =>
      missingCommands(commandsIn(readFileSync(file, 'utf8')), real).map(
        (problem) => `${relative(root, file)}: ${problem}`,
      ),
    );
    expect(problems).toEqual([]);
    // The check reads something: the README's own two commands are among what it found.
    expect(commandsIn(readFileSync(join(root, 'README.md'), 'utf8')).length).toBeGreaterThan(5);
  });
});
