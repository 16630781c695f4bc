export default {
  displayName: 'node-build',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/tools/node-build',
};
