import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockedPackage {
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

const root = join(__dirname, '..', '..', '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Readonly<Record<string, LockedPackage>>;
};

/** Where Node would find `name` from the package at `location` (`node_modules/a/node_modules/b`). */
function resolvesFrom(location: string, name: string): boolean {
  let folder = location;
  for (;;) {
    if (lock.packages[`${folder === '' ? '' : `${folder}/`}node_modules/${name}`] !== undefined) {
      return true;
    }
    if (folder === '') return false;
    const parent = folder.lastIndexOf('/node_modules/');
    folder = parent === -1 ? '' : folder.slice(0, parent);
  }
}

/** Optional dependencies the lock file names but has no entry for. */
function unlockedOptionalDependencies(): string[] {
  return Object.entries(lock.packages).flatMap(([location, locked]) =>
    Object.keys(locked.optionalDependencies ?? {})
      .filter((name) => !resolvesFrom(location, name))
      .map((name) => `${location || '(root)'} -> ${name}`),
  );
}

describe('package-lock.json', () => {
  it('has an entry for every optional (per-platform) dependency, which npm ci requires', () => {
    expect(unlockedOptionalDependencies()).toEqual([]);
  });

  it('locks the esbuild and swc binaries for this platform, which the build needs', () => {
    expect(resolvesFrom('', '@esbuild/linux-x64')).toBe(true);
    expect(resolvesFrom('', '@swc/core-linux-x64-gnu')).toBe(true);
  });
});
