export default {
  displayName: 'mock-producer',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/tools/mock-producer',
};
