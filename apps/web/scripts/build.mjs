// Builds the web app with Vite, unless dist/ was built from exactly the inputs there are now: a hash of
// them is written into dist/ after a build (Vite empties dist/ first, so a build of any other kind drops
// it). `--force` builds anyway.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const dist = join(web, 'dist');
const stamp = join(dist, '.inputs-hash');
const inputs = [
  'src',
  'public',
  'index.html',
  'vite.config.ts',
  'tsconfig.json',
  'package.json',
  '../../pnpm-lock.yaml',
  'scripts/build.mjs',
  ...readdirSync(web).filter((name) => name.startsWith('.env')),
];

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function inputsHash() {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((input) => files(join(web, input)))) {
    hash
      .update(`${relative(web, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  }
  return hash.digest('hex');
}

const current = inputsHash();
const built = existsSync(stamp) && existsSync(join(dist, 'index.html')) ? readFileSync(stamp, 'utf8').trim() : '';
if (built === current && !process.argv.includes('--force')) {
  console.log('web: dist/ is up to date with its sources');
} else {
  const { build } = await import('vite');
  await build({ root: web, logLevel: 'warn' });
  writeFileSync(stamp, `${current}\n`);
  console.log('web: built dist/');
}
