/**
 * Root ESLint flat config: typescript-eslint "recommended" (syntactic rules only — no type-aware
 * rules, so linting stays fast and needs no tsconfig program) for package and tooling sources.
 * Run `npx eslint .` or `npx eslint packages/core`.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.jest-cache/**', 'tooling/e2e/.artifacts/**'],
  },
  {
    files: ['packages/*/src/**/*.ts', 'packages/*/test/**/*.ts', 'examples/*/src/**/*.ts', 'examples/*/test/**/*.ts', 'tooling/*/src/**/*.ts', 'tooling/**/*.test.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // `_`-prefixed parameters and variables are intentionally unused (interface-conforming signatures).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Plugins augment the open registries (`SdkEventMap`, `ErrorCodeMap`) by declaration merging,
      // which needs `declare module` and sometimes empty interfaces to merge into.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'always' }],
      // `let x!: T` assigned once after a closure that reads it lazily (createClient's config store)
      // cannot be `const`; only flag variables that are never read before their single assignment.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // SDK code logs through the LogManager only; the default console handler opts out explicitly.
    files: ['packages/*/src/**/*.ts', 'examples/*/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The call package's shape (packages/call/README.md): an operation or signal module receives the
    // narrow collaborators it declares; it never reads the plugin's `deps` bag nor imports the plugin.
    files: ['packages/call/src/operations/**/*.ts', 'packages/call/src/signals/**/*.ts', 'packages/call/src/internal/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='deps']", message: 'Declare the collaborator in the module\'s …Collaborators interface instead of reaching into a deps bag.' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/plugin'], message: 'Operations and signal handlers get their collaborators from createCallApi / CallSignals.' }] }],
    },
  },
  {
    // Tests may use `any` for fakes and non-null assertions on known fixtures.
    files: ['**/*.test.ts', '**/*.test-d.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Node build and bench scripts (plain ESM JavaScript).
    files: ['tooling/build/**/*.mjs', 'tooling/bench/**/*.mjs', 'tooling/consumers/*.mjs', 'tooling/consumers/lib/*.mjs', 'eslint.config.mjs', 'packages/*/rollup.config.mjs', 'examples/*/rollup.config.mjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);
