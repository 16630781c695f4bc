import type { ComposeModel } from './support/compose-model';
import { composeEnvironment, composeProblems, durationMs } from './support/compose-model';
import { readDeployDockerfiles } from './support/dockerfiles';
import { readYamlDocument } from './support/workspace-files';

const dockerfiles = readDeployDockerfiles();

function readCompose(): ComposeModel {
  return readYamlDocument('docker-compose.yml') as ComposeModel;
}

describe('docker-compose.yml', () => {
  it('wires Kafka, PostgreSQL, the migrations, the ingester, the api and the producer as documented', () => {
    expect(composeProblems(readCompose(), dockerfiles)).toEqual([]);
  });

  it('reports a service that starts before the migrations finish', () => {
    const model = readCompose();
    const sut = {
      services: {
        ...model.services,
        api: { ...model.services['api'], depends_on: ['migrations'] },
      },
    };

    expect(composeProblems(sut, dockerfiles)).toContain(
      'api does not wait for the migrations to complete',
    );
  });

  it('reports a process missing one of its variables', () => {
    const model = readCompose();
    const environment = Object.fromEntries(
      [...composeEnvironment(model.services['ingester'] ?? {})].filter(
        ([name]) => name !== 'KAFKA_TOPIC',
      ),
    );
    const sut = {
      services: { ...model.services, ingester: { ...model.services['ingester'], environment } },
    };

    expect(composeProblems(sut, dockerfiles)).toContain('ingester lacks KAFKA_TOPIC');
  });

  it('reports a floating image tag', () => {
    const model = readCompose();
    const sut = {
      services: {
        ...model.services,
        postgres: { ...model.services['postgres'], image: 'postgres:latest' },
      },
    };

    expect(composeProblems(sut, dockerfiles)).toEqual(
      expect.arrayContaining([
        'postgres is not postgres:16',
        'postgres image postgres:latest has no pinned tag',
      ]),
    );
  });

  it('resolves the shared database settings into every process', () => {
    const model = readCompose();

    for (const name of ['api', 'ingester', 'migrations', 'retention']) {
      expect(composeEnvironment(model.services[name] ?? {}).get('DB_HOST')).toBe('postgres');
    }
  });

  it.each([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['500ms', 500],
  ])('reads the Compose duration %s as %d ms', (text, expected) => {
    expect(durationMs(text)).toBe(expected);
  });
});
