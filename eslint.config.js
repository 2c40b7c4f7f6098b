// Lint gate (part of `npm test`): neostandard's TypeScript rules plus the house rules of docs/style (no any, config only from src/config, a line cap).
import neostandard, { plugins } from 'neostandard'

export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'coverage/**', '.tap/**', 'node_modules/**'] }),
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `void promise` marks a deliberately unawaited promise (signal handlers, servers started in the background).
      'no-void': ['error', { allowAsStatement: true }],
      'max-len': ['error', { code: 180, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreComments: false }]
    }
  },
  {
    // The service reads its environment in one place; scripts and tests may set up their own processes.
    files: ['src/**/*.ts', 'plugins/**/*.ts', 'providers/**/*.ts'],
    ignores: ['src/config/**'],
    plugins: { n: plugins.n },
    rules: { 'n/no-process-env': 'error' }
  }
]
