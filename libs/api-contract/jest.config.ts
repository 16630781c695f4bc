export default {
  displayName: 'api-contract',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/libs/api-contract',
};
