// Lint for the TypeScript sources: typescript-eslint's recommended rules, type-aware where it pays
// (floating promises in the server and client), and a few house rules.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-results/', '.vscode-test/', 'test/fixtures/', 'test/e2e/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
    },
  },
  {
    // The end-to-end harness evaluates code inside the VS Code workbench page, whose objects have no types here.
    files: ['test/e2e/**/*.ts', 'test/protocol/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
