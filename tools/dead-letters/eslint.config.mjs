import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // A command-line tool talks to its terminal.
    files: ['**/*.ts'],
    rules: { 'no-console': 'off' },
  },
];
