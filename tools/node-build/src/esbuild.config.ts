import type { BuildOptions } from 'esbuild';
import { entryNamesPlugin } from './entry-names.plugin';
import { swcDecoratorsPlugin } from './swc-decorators.plugin';

/**
 * esbuild settings shared by the Node apps' `build` targets (`@nx/esbuild:esbuild`, option
 * `esbuildConfig`); @nx/esbuild adds entries, output folder, externals and the tsconfig. Why
 * esbuild with swc: docs/adr/0003-node-apps-built-with-esbuild-and-swc.md.
 */
const options: BuildOptions = {
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Class names are runtime data here (Nest providers, TypeORM entities, logger contexts): the
  // bundler must not rename two same-named classes from different files.
  keepNames: true,
  // CommonJS bundles keep the `.js` names the images run (@nx/esbuild defaults to `.cjs`).
  outExtension: { '.js': '.js' },
  plugins: [entryNamesPlugin(), swcDecoratorsPlugin()],
};

export default options;
