/** Browser tests: Debian's chromium against the real API on embedded PostgreSQL, serving the built app. */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  globalSetup: '<rootDir>/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/e2e/global-teardown.ts',
  // Two workers, each with its own API and database (global-setup.ts): the machines have two cores.
  maxWorkers: 2,
  testTimeout: 60000,
};
