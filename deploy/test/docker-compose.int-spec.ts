import { spawnSync } from 'node:child_process';

import type { ComposeModel } from './support/compose-model';
import { composeProblems } from './support/compose-model';
import { readDeployDockerfiles } from './support/dockerfiles';
import { readYamlDocument, WORKSPACE_ROOT } from './support/workspace-files';

/**
 * `docker compose config` validates the file against the Compose specification and prints the
 * resolved model; it needs the Compose CLI but no Docker engine. Machines without the CLI check
 * the same model read from the YAML (anchors and merge keys resolved as Compose does).
 */
function resolvedComposeModel(): { source: string; model: ComposeModel } {
  const version = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  if (version.error !== undefined || version.status !== 0) {
    return {
      source: 'docker-compose.yml (parsed)',
      model: readYamlDocument('docker-compose.yml') as ComposeModel,
    };
  }
  const config = spawnSync(
    'docker',
    [
      'compose',
      '--profile',
      'producer',
      '--profile',
      'jobs',
      '-f',
      'docker-compose.yml',
      'config',
      '--format',
      'json',
    ],
    { cwd: WORKSPACE_ROOT, encoding: 'utf8' },
  );
  if (config.status !== 0) {
    throw new Error(`docker compose config rejected docker-compose.yml:\n${config.stderr}`);
  }
  return { source: 'docker compose config', model: JSON.parse(config.stdout) as ComposeModel };
}

describe('docker-compose.yml as Compose resolves it', () => {
  it('validates and resolves to the documented system', () => {
    const { source, model } = resolvedComposeModel();

    expect({ source, problems: composeProblems(model, readDeployDockerfiles()) }).toEqual({
      source,
      problems: [],
    });
  });
});
