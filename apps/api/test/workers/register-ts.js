/* eslint-disable @typescript-eslint/no-require-imports -- a plain Node (CommonJS) entry for a child process */
// Lets a plain Node child process of a test load the API's TypeScript as jest does (swc, decorators with
// metadata), and the ESM-only packages jest also compiles (jose, cel-js) as CommonJS.
const Module = require('node:module');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const typescript = {
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
const esm = { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } };
const compile = (options) => (module, filename) => module._compile(transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);

Module._extensions['.ts'] = compile(typescript);
const plainJs = Module._extensions['.js'];
const esmOnly = /[\\/]node_modules[\\/](\.pnpm[\\/].*[\\/])?(jose|@marcbachmann[\\/]cel-js)[\\/]/;
Module._extensions['.js'] = (module, filename) => (esmOnly.test(filename) ? compile(esm)(module, filename) : plainJs(module, filename));
