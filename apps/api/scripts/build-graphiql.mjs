/**
 * Bundles the GraphiQL page (graphiql-client/) into dist/graphiql/assets/ with content-hashed names,
 * and writes dist/graphiql/manifest.json naming them for graphiql.router.ts. Skips the build when
 * the output is newer than every input of the last build (listed in dist/graphiql/inputs.json).
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist/graphiql');
const assetsDir = join(outDir, 'assets');
const manifestPath = join(outDir, 'manifest.json');
const inputsPath = join(outDir, 'inputs.json');
const force = process.argv.includes('--force');

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

function upToDate() {
  let manifest, inputs;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    inputs = JSON.parse(readFileSync(inputsPath, 'utf8'));
  } catch {
    return false;
  }
  const built = statSync(manifestPath).mtimeMs;
  const sources = [...inputs.map((file) => join(root, file)), fileURLToPath(import.meta.url), join(root, 'package.json')];
  return [manifest.js, manifest.css].every((name) => existsSync(join(assetsDir, name))) && sources.every((file) => mtime(file) <= built);
}

if (!force && upToDate()) process.exit(0);

// pnpm keeps transitive dependencies out of reach of our own files: resolve @graphiql/toolkit the way graphiql does.
const packageDir = (name, from) => dirname(createRequire(realpathSync(from)).resolve(`${name}/package.json`));
const toolkit = packageDir('@graphiql/toolkit', join(packageDir('@graphiql/react', join(root, 'node_modules/graphiql/package.json')), 'package.json'));

rmSync(assetsDir, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { graphiql: 'graphiql-client/index.tsx' },
  outdir: assetsDir,
  entryNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: { '@graphiql/toolkit': toolkit },
  // Only loaded when a fetcher is given a subscriptionUrl, which ours never is.
  external: ['graphql-ws'],
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((file) => relative(assetsDir, join(root, file)));
const manifest = { js: outputs.find((file) => file.endsWith('.js')), css: outputs.find((file) => file.endsWith('.css')) };
writeFileSync(inputsPath, JSON.stringify(Object.keys(result.metafile.inputs)));
// Written last: its mtime marks a complete build.
writeFileSync(manifestPath, `${JSON.stringify(manifest)}\n`);
console.log(`graphiql: built dist/graphiql/assets/${manifest.js} and ${manifest.css}`);
