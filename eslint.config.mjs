import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Packages the pure domain library may never import. */
const frameworkPackages = ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', 'pg-*', '@nestjs/**'];

/** Tags whose projects depend on nothing: their tests get no extra allowance either. */
const selfContainedTags = ['type:domain', 'type:contract'];

const productionConstraints = [
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: frameworkPackages,
  },
  {
    // The API contract (routes, parameters, limits) is also built into a browser console: no
    // package at all, not even a pure one.
    sourceTag: 'type:contract',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: frameworkPackages,
    allowedExternalImports: [],
  },
  {
    // The web console is a browser bundle: the contract and the pure domain library, Preact,
    // and nothing that needs Node or a server (apps, entities, platform, tools).
    sourceTag: 'type:console',
    onlyDependOnLibsWithTags: ['type:contract', 'type:domain'],
    bannedExternalImports: [...frameworkPackages, 'node:*'],
    allowedExternalImports: ['preact', 'preact/*'],
  },
  // Process infrastructure (config, logging, metrics, database connection): no project of ours.
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:domain', 'type:platform'] },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:data', 'type:domain', 'type:platform', 'type:contract'],
  },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: [
      'type:data',
      'type:domain',
      'type:platform',
      'type:contract',
      'type:tool',
    ],
  },
];

/** Tests may also use the local-stack tool (real PostgreSQL and Kafka); nothing else changes. */
const testConstraints = productionConstraints.map((constraint) =>
  selfContainedTags.includes(constraint.sourceTag)
    ? constraint
    : {
        ...constraint,
        onlyDependOnLibsWithTags: [
          ...new Set([...constraint.onlyDependOnLibsWithTags, 'type:tool']),
        ],
      },
);

const testFiles = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  '**/test/**/*.ts',
  '**/testing/**/*.ts',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/coverage',
      '**/.nx',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
      '**/jest.config.ts',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    // Nest's dependency injection reads constructor parameter types at run time: a type-only
    // import of an injected class erases the metadata, so decorated classes keep value imports.
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        {
          prefer: 'type-imports',
          fixStyle: 'separate-type-imports',
          disallowTypeAnnotations: false,
        },
      ],
    },
    languageOptions: {
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints: productionConstraints },
      ],
    },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints: testConstraints },
      ],
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // CLIs under tools/ talk to the terminal by design.
    files: ['tools/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  prettier,
];
