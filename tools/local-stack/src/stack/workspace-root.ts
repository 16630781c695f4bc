import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Nx workspace root, found from this file's location (works from tsx, jest and CI clones). */
export function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
