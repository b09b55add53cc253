import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The web app's layering, checked on every import: a page module (src/modules/<name>/) uses the shared
 * folders and its own files; another module only through that module's public.ts (what it lets other
 * pages embed), and modules never depend on each other in a circle. Shared folders never reach up into
 * the page modules.
 */
const SRC = resolve(__dirname, '..');
const SHARED = ['ui', 'format', 'gql', 'app'];
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g;

interface Import {
  file: string;
  target: string;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'gql' && folder === SRC ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every relative import of the app, as paths below src/ without extension. */
function importsOf(source: string, file: string): Import[] {
  const found: Import[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier.startsWith('.')) continue;
    found.push({
      file: relative(SRC, file).split(sep).join('/'),
      target: relative(SRC, resolve(dirname(file), specifier))
        .split(sep)
        .join('/'),
    });
  }
  return found;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** Why an import breaks the layering, or null when it keeps to it. */
function breach({ file, target }: Import): string | null {
  const [area, owner] = file.split('/');
  const [targetArea, targetModule, ...rest] = target.split('/');
  if (targetArea === 'test') return isTest(file) || area === 'test' ? null : 'test support is for tests';
  if (area !== 'modules') return targetArea === 'modules' && !(area === 'app' && rest.length === 0) ? 'shared code may not reach into a page module' : null;
  if (SHARED.includes(targetArea)) return null;
  if (targetArea !== 'modules') return `unknown folder src/${targetArea}`;
  if (targetModule === owner) return null;
  if (rest.join('/') === 'public') return null;
  return `imports ${targetModule}'s internals; shared UI belongs in ui/ (or format/), a widget in ${targetModule}/public.ts`;
}

const files = sourceFiles(SRC);
const imports = files.flatMap((file) => importsOf(readFileSync(file, 'utf8'), file));

describe('module boundaries', () => {
  it('finds the imports it checks', () => {
    // A broken pattern would find nothing and pass everything.
    expect(imports.length).toBeGreaterThan(500);
    expect(imports).toContainEqual({ file: 'modules/agents/AgentDetailPage.tsx', target: 'ui/BackLink' });
  });

  it('every relative import names a file that exists', () => {
    // Side-effect imports (`import './x'`) escape the type checker.
    const exists = (target: string) =>
      ['', '.ts', '.tsx', '/index.ts'].some((ext) => existsSync(join(SRC, target + ext)) && statSync(join(SRC, target + ext)).isFile());
    expect(imports.filter((i) => !exists(i.target))).toEqual([]);
  });

  it('page modules import shared folders, their own files and other modules’ public faces only', () => {
    const breaches = imports.flatMap((i) => {
      const why = breach(i);
      return why ? [`${i.file} -> ${i.target}: ${why}`] : [];
    });
    expect(breaches).toEqual([]);
  });

  it('no two modules depend on each other, directly or round a circle', () => {
    const edges = new Map<string, Set<string>>();
    for (const { file, target } of imports) {
      const [area, owner] = file.split('/');
      const [targetArea, targetModule] = target.split('/');
      if (area !== 'modules' || targetArea !== 'modules' || owner === targetModule) continue;
      edges.set(owner, (edges.get(owner) ?? new Set()).add(targetModule));
    }
    const circles = new Set<string>();
    const visit = (module: string, path: string[]) => {
      for (const next of edges.get(module) ?? []) {
        if (path.includes(next)) circles.add([...path.slice(path.indexOf(next)), next].join(' -> '));
        else visit(next, [...path, next]);
      }
    };
    for (const module of edges.keys()) visit(module, [module]);
    expect([...circles]).toEqual([]);
  });

  it('names what is wrong with an import across modules', () => {
    expect(breach({ file: 'modules/budgets/BudgetsTable.tsx', target: 'modules/costs/charts' })).toMatch(/costs's internals/);
    expect(breach({ file: 'modules/ui-free/X.tsx', target: 'modules/costs/public' })).toBeNull();
    expect(breach({ file: 'ui/Thing.tsx', target: 'modules/agents/labels' })).toMatch(/shared code/);
    expect(breach({ file: 'modules/agents/AgentForm.tsx', target: 'test/fixtures' })).toMatch(/for tests/);
  });
});
