/** Tests run real operations against a real PostgreSQL started once for the whole run. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
    '^.+\\.m?js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  // jose, cel-js, openid-client (with oauth4webapi) and oidc-provider are ESM-only: compiled to CommonJS for jest's module system, which cannot require ES modules.
  // (globalSetup runs in plain Node, which can, so it must not import them: see test/global-setup.ts.)
  transformIgnorePatterns: ['/node_modules/(?!\\.pnpm|jose/|@marcbachmann/cel-js/|openid-client/|oauth4webapi/|oidc-provider/)'],
  // Like every entry point in src/cli: decorated classes (reached through any module's index) need the polyfill loaded first.
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 30000,
};
