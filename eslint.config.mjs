// ESLint for the whole workspace: `pnpm lint` (run first by `pnpm test`). Rules that need no type information,
// so the whole workspace lints in seconds; `tsc` in each package's test does the type checking.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const entries = (dir) => readdirSync(new URL(dir, import.meta.url), { withFileTypes: true });
const apiModules = entries('./apps/api/src/modules')
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
// Everything in the API that is not inside a module: it sees modules only through their indexes.
const apiOutsideModules = [
  ...['test', 'bench', 'scripts'].map((dir) => `./apps/api/${dir}`),
  ...entries('./apps/api/src')
    .filter((e) => e.name !== 'modules')
    .map((e) => `./apps/api/src/${e.name}`),
  ...entries('./apps/api/src/modules')
    .filter((e) => e.isFile())
    .map((e) => `./apps/api/src/modules/${e.name}`),
];

export default tseslint.config(
  {
    // Generated or built: never edited by hand (see .gitattributes).
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '.data/',
      '**/coverage/',
      'apps/web/src/gql/',
      'packages/schema/',
      'apps/web/test-results/',
      'apps/api/bench/results/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a value left out on purpose (an omitted property, a required but unused parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.cjs', '**/jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read GraphQL responses and fixtures as untyped JSON.
    files: ['**/*.test.{ts,tsx}', 'apps/api/test/**', 'apps/web/e2e/**', 'apps/web/src/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The API's module boundaries: from outside a module, only its index (its public face) may be imported.
    files: ['apps/api/**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] })] },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: apiModules.map((name) => ({
            target: [...apiOutsideModules, ...apiModules.filter((other) => other !== name).map((other) => `./apps/api/src/modules/${other}`)],
            from: `./apps/api/src/modules/${name}`,
            except: ['./index.ts'],
            message: `import from the module's index ('modules/${name}'), its public face, not from its files`,
          })),
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}', 'apps/api/graphiql-client/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}', 'apps/api/graphiql-client/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  prettier,
);
