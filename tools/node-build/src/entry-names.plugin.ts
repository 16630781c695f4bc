import { basename } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * The output name of an entry file: its base name without `.ts` and without a `.main` suffix, so
 * `src/main.ts` → `main` and `src/jobs/migrate.main.ts` → `migrate`: the commands the images,
 * manifests and docs run (`node main.js`, `node migrate.js up`, `node retention.js`).
 */
export function entryOutputName(entryPath: string): string {
  return basename(entryPath)
    .replace(/\.ts$/, '')
    .replace(/\.main$/, '');
}

/**
 * esbuild plugin: names each entry's output after {@link entryOutputName}, flat in the output
 * folder. @nx/esbuild passes entries as paths, which esbuild would write as `jobs/migrate.main.js`.
 */
export function entryNamesPlugin(): Plugin {
  return {
    name: 'entry-names',
    setup(build) {
      const { entryPoints } = build.initialOptions;
      if (!Array.isArray(entryPoints)) return;
      build.initialOptions.entryPoints = entryPoints.map((entry) =>
        typeof entry === 'string' ? { in: entry, out: entryOutputName(entry) } : entry,
      );
    },
  };
}
