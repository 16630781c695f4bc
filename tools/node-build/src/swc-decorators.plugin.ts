import { readFile } from 'node:fs/promises';
import type { Options } from '@swc/core';
import { transform } from '@swc/core';
import type { Plugin } from 'esbuild';

/**
 * The same TypeScript settings as the test transform (jest.preset.js): legacy decorators with
 * `design:paramtypes` metadata, which Nest's dependency injection, class-validator and TypeORM
 * read at run time. esbuild strips types but never emits that metadata, so swc compiles each
 * TypeScript file and esbuild only bundles the JavaScript it returns.
 */
export function swcTransformOptions(filename: string): Options {
  return {
    filename,
    swcrc: false,
    configFile: false,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
  };
}

/** esbuild plugin: every `.ts` file goes through swc (decorator metadata) before bundling. */
export function swcDecoratorsPlugin(): Plugin {
  return {
    name: 'swc-decorators',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        const { code } = await transform(source, swcTransformOptions(path));
        return { contents: code, loader: 'js' };
      });
    },
  };
}
