import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { workspaceRoot } from '@payload-tracker/local-stack';

/**
 * The console's build output. `npm test` builds every project before jest runs; a targeted run
 * needs `npx nx run console:build` first, and says so rather than testing a 503.
 */
export function builtConsoleDirectory(): string {
  const directory = join(workspaceRoot(), 'dist', 'apps', 'console');
  if (!existsSync(join(directory, 'index.html'))) {
    throw new Error(`No console build in ${directory}: run \`npx nx run console:build\` first`);
  }
  return directory;
}
