// ESLint (flat config): typescript-eslint's recommended rules, no `any`, and the import rules of the house
// (docs/ARCHITECTURE.md). scripts/check-imports.mjs checks the same rules once more over every import and require.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'net', 'stream', 'url', 'util', 'zlib'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-artifacts/**', '.native/**', 'coverage/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // type-aware rules: a promise nobody awaits loses its error; an assertion the types already prove hides drift
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      // A form starts from server data by `useForm({ initialValues })` in a component mounted once the data is there
      // (renderer/src/app/forms.ts), a value nobody has touched yet is derived while rendering, and a dialog that
      // forgets its password on opening adjusts its state when the prop changes; never by copying in an effect.
      'react-hooks/set-state-in-effect': 'error',
    },
  },
  {
    files: ['electron/core/**', 'shared/**', 'migrations/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'the core and the contract never import electron' }] }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ is pure TS' }],
          patterns: [
            { group: nodeBuiltins, message: 'shared/ never imports Node built-ins' },
            { group: ['../*', '!./*'], message: 'shared/ imports only from shared/' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer talks to the core only through window.qorgan' }],
          patterns: [
            { group: ['**/electron/**', '**/migrations/**'], message: 'the renderer never imports the main process or migrations' },
            { group: nodeBuiltins, message: 'the renderer runs sandboxed: no Node built-ins' },
          ],
        },
      ],
    },
  },
);
