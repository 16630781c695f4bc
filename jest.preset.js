const nxPreset = require('@nx/jest/preset').default;

/** SWC keeps `emitDecoratorMetadata`, which Nest's dependency injection and TypeORM need. */
const swcTransform = [
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
];

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Integration tests start servers and wait for Kafka rebalances; a hang still fails, later.
  testTimeout: 90_000,
  transform: {
    '^.+\\.ts$': swcTransform,
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['**/?(*.)+(spec|int-spec|e2e-spec).ts'],
  coverageReporters: ['text-summary', 'html'],
};
