export default {
  displayName: 'status-lifecycle',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/libs/status-lifecycle',
};
