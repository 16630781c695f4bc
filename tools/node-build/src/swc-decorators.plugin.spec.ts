import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Plugin } from 'esbuild';
import { build } from 'esbuild';
import { swcDecoratorsPlugin } from './swc-decorators.plugin';

const SOURCE = `
const Injectable = (): ClassDecorator => () => undefined;
export class Clock {}
@Injectable()
export class Scheduler {
  constructor(private readonly clock: Clock, private readonly name: string) {}
}
`;

async function bundle(plugins: Plugin[]): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'pt-swc-decorators-'));
  try {
    writeFileSync(join(folder, 'scheduler.ts'), SOURCE);
    const result = await build({
      absWorkingDir: folder,
      entryPoints: ['scheduler.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      // What the apps' tsconfig says; esbuild honours it, except for the metadata.
      tsconfigRaw: {
        compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true },
      },
      plugins,
    });
    return result.outputFiles[0]?.text ?? '';
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Evaluates a CommonJS bundle with this test's `Reflect` (which reflect-metadata extends) and
 * `String`, so the metadata it records is comparable here.
 */
function load(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(code, { module, exports: module.exports, Reflect, String });
  return module.exports;
}

describe('swcDecoratorsPlugin', () => {
  it('emits the constructor parameter types that dependency injection reads', async () => {
    const exports = load(await bundle([swcDecoratorsPlugin()]));

    expect(Reflect.getMetadata('design:paramtypes', exports['Scheduler'] as object)).toEqual([
      exports['Clock'],
      String,
    ]);
  });

  it('is needed: esbuild alone emits no parameter types', async () => {
    const exports = load(await bundle([]));

    expect(
      Reflect.getMetadata('design:paramtypes', exports['Scheduler'] as object),
    ).toBeUndefined();
  });
});
