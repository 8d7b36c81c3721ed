// Lint: the TypeScript-aware recommended rules, the type-aware ones that catch dropped
// promises and unhandled union members, the rules of hooks, and the layering (lint/layers.js).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import layers from './lint/layers.js';

const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'URL', 'Buffer', 'setTimeout', 'clearTimeout', 'require', 'module', '__dirname'].map((g) => [g, 'readonly']),
);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', '.nsinspect-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    plugins: { layers },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off', // tests read untyped JSON from ip/lsns/docker
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off', // we strip terminal escapes on purpose
      eqeqeq: ['error', 'smart'],
      'layers/imports': 'error',
    },
  },
  {
    // Type information from the tsconfig projects that tsconfig.json references (tests
    // included); the few root build configs outside them get a default project.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['electron.vite.config.ts', 'vite.*.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts', 'test/renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Plain JavaScript entry points and build hooks run in Node.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // bin/ is CommonJS by its own package.json (see bin/nsinspect.js).
    files: ['**/*.cjs', 'bin/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
