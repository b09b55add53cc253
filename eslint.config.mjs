// ESLint for the workspace: `pnpm lint`. Syntax-only rules (no type information), so the whole run stays quick.
import { readdirSync } from 'node:fs';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const entries = (dir) => readdirSync(new URL(dir, import.meta.url), { withFileTypes: true });
const apiModules = entries('./apps/api/src/modules').filter((e) => e.isDirectory()).map((e) => e.name);
// Everything in the API that is not inside a module: it sees modules only through their indexes.
const apiOutsideModules = [
  ...['test', 'bench', 'scripts'].map((dir) => `./apps/api/${dir}`),
  ...entries('./apps/api/src').filter((e) => e.name !== 'modules').map((e) => `./apps/api/src/${e.name}`),
  ...entries('./apps/api/src/modules').filter((e) => e.isFile()).map((e) => `./apps/api/src/modules/${e.name}`),
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/dist/', '.data/', '**/coverage/', 'apps/web/src/gql/', 'packages/schema/', 'apps/web/test-results/', 'apps/api/bench/results/'],
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parser: tseslint.parser },
  },
  {
    // The API's module boundaries: from outside a module, only its index (its public face) may be imported.
    files: ['apps/api/**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] })] },
    rules: {
      'import-x/no-restricted-paths': ['error', {
        basePath: import.meta.dirname,
        zones: apiModules.map((name) => ({
          target: [...apiOutsideModules, ...apiModules.filter((other) => other !== name).map((other) => `./apps/api/src/modules/${other}`)],
          from: `./apps/api/src/modules/${name}`,
          except: ['./index.ts'],
          message: `import from the module's index ('modules/${name}'), its public face, not from its files`,
        })),
      }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
  },
);
