export { entryNamesPlugin, entryOutputName } from './entry-names.plugin';
export { swcDecoratorsPlugin, swcTransformOptions } from './swc-decorators.plugin';
