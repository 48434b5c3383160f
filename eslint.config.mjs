// ESLint flat config. Besides the usual rules, it enforces the rooms of docs/architecture.md:
// - src-renderer imports no electron, keytar, axios or node modules (it only talks to window.api);
// - only src-main/shell and src-main/preload import 'electron' at runtime (type imports are fine);
// - src-server imports nothing from src-main or src-renderer;
// - src-shared has no runtime dependencies;
// - src-main/core never imports the shell or the preload (the shell wires core to Electron, not the
//   other way round), and the preload imports only electron and src-shared (it runs sandboxed).
// Type-aware rules (every .ts file is in a tsconfig, .vue files in tsconfig.web.json): no promise
// left floating, and every switch over a union handles every member.
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'events',
  'buffer',
  'process',
  'worker_threads',
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.sandbox/**', 'bench/results*.json'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]", message: 'No focused tests.' },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'keytar', 'axios', ...nodeBuiltins], message: 'The renderer talks only to window.api (docs/architecture.md).' },
            { group: ['**/src-main/**', '**/src-server/**'], message: 'The renderer imports only src-shared and its own files.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.mjs'],
    ignores: ['src-main/shell/**', 'src-main/preload/**', 'src-renderer/**', 'src-server/**', 'src-shared/**', 'test/unit/shell/**', 'test/e2e/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', allowTypeImports: true, message: "Only src-main/shell and src-main/preload import 'electron' at runtime." }],
        },
      ],
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', allowTypeImports: true, message: "Only src-main/shell and src-main/preload import 'electron' at runtime." }],
          patterns: [
            {
              group: ['**/shell', '**/shell/**', '**/preload', '**/preload/**'],
              message: 'Core never imports the shell or the preload: the shell hands core a Host (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!electron$|\\.{1,2}/)', message: 'The sandboxed preload imports only electron, src-shared and its own files.' },
            {
              group: ['**/core', '**/core/**', '**/shell', '**/shell/**', '**/src-server/**', '**/src-renderer/**'],
              message: 'The sandboxed preload imports only electron, src-shared and its own files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['src-renderer/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, projectService: true, extraFileExtensions: ['.vue'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['src-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The sandbox server never uses Electron.' }],
          patterns: [{ group: ['**/src-main/**', '**/src-renderer/**'], message: 'src-server imports nothing from src-main or src-renderer.' }],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(?!\\./)', message: 'src-shared holds types and constants only: no runtime dependencies.' }],
        },
      ],
    },
  },
)
