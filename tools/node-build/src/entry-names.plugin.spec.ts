import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { entryNamesPlugin, entryOutputName } from './entry-names.plugin';

describe('entryOutputName', () => {
  it.each([
    ['apps/api/src/main.ts', 'main'],
    ['apps/ingester/src/jobs/migrate.main.ts', 'migrate'],
    ['apps/ingester/src/jobs/retention.main.ts', 'retention'],
    ['src/domain.ts', 'domain'],
    ['src/main.main.ts', 'main'],
  ])('names the output of %s %s', (entry, expected) => {
    expect(entryOutputName(entry)).toBe(expected);
  });
});

describe('entryNamesPlugin', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'pt-entry-names-'));
    mkdirSync(join(folder, 'src', 'jobs'), { recursive: true });
    writeFileSync(join(folder, 'src', 'main.ts'), 'export const process = "main";\n');
    writeFileSync(join(folder, 'src', 'jobs', 'migrate.main.ts'), 'export const job = "up";\n');
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes every entry flat in the output folder under its command name', async () => {
    const result = await build({
      absWorkingDir: folder,
      entryPoints: ['src/main.ts', 'src/jobs/migrate.main.ts'],
      entryNames: '[dir]/[name]',
      outdir: 'dist',
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      plugins: [entryNamesPlugin()],
    });

    expect(result.outputFiles.map((file) => relative(folder, file.path)).sort()).toEqual([
      join('dist', 'main.js'),
      join('dist', 'migrate.js'),
    ]);
  });
});
