// Static checks of the deployment artefacts: no database or broker, so no local-stack setup.
export default {
  displayName: 'deploy',
  preset: '../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  coverageDirectory: '../coverage/deploy',
};
