export default {
  displayName: 'deploy',
  preset: '../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  // built-apps.int-spec.ts starts the built outputs against the real stack.
  globalSetup: '<rootDir>/../tools/local-stack/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/../tools/local-stack/src/testing/global-teardown.ts',
  coverageDirectory: '../coverage/deploy',
};
