export default {
  displayName: 'dead-letters',
  preset: '../../jest.preset.js',
  rootDir: '.',
  globalSetup: '<rootDir>/../../tools/local-stack/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/../../tools/local-stack/src/testing/global-teardown.ts',
  coverageDirectory: '../../coverage/tools/dead-letters',
};
