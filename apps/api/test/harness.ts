import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Logger as WorkerLogger, runOnce } from 'graphile-worker';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AccessTokens } from '../src/auth/tokens';
import { Config, loadConfig } from '../src/config';
import type { AppServices } from '../src/context';
import { openDatabase } from '../src/db/data-source';
import { DEMO_PASSWORD } from '../src/db/seed/demo-world';
import { createLogger } from '../src/logger';
import { taskList } from '../src/jobs/worker';
import { entities } from '../src/modules';
import { createServer, StewardServer } from '../src/server';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
  headers: Headers;
}

export interface Credentials {
  token?: string;
  apiKey?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

/** Calls the real server over HTTP, as a partner app or the web app would. */
export class Caller {
  constructor(
    private readonly url: string,
    readonly credentials: Credentials = {},
  ) {}

  async gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-steward-stats': '1', ...this.credentials.headers };
    if (this.credentials.token) headers.authorization = `Bearer ${this.credentials.token}`;
    if (this.credentials.apiKey) headers['x-api-key'] = this.credentials.apiKey;
    if (this.credentials.cookie) headers.cookie = this.credentials.cookie;
    const response = await fetch(`${this.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
    return { ...body, status: response.status, headers: response.headers };
  }

  /** The response's data, failing the test with the errors when there are any. */
  async ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await this.gql<T>(query, variables);
    if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    return response.data as T;
  }
}

export interface Harness {
  url: string;
  services: AppServices;
  server: StewardServer;
  dataSource: DataSource;
  anonymous: Caller;
  /** Signs a demo user in and returns a caller with their access token. */
  signIn(email: string, tenantSlug?: string, password?: string): Promise<Caller>;
  apiKey(secret: string): Caller;
  /** SQL as the database owner: for arranging and inspecting, never for what is under test. */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs every job that is due on the job queue, as the worker would, and returns when none is left. */
  runJobs(): Promise<void>;
  close(): Promise<void>;
}

async function cloneTemplate(): Promise<string> {
  const base = process.env.STEWARD_TEST_PG_URL;
  if (!base) throw new Error('STEWARD_TEST_PG_URL is not set: run the tests through jest (test/global-setup.ts)');
  const name = `steward_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base.replace(/\/steward_template$/, '/postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE steward_template`);
  } finally {
    await admin.end();
  }
  return base.replace(/\/steward_template$/, `/${name}`);
}

/** Fixed keys for tests, so nothing is generated into a data directory; JWT_SECRET only opens v1 secrets. */
export const TEST_KEY_ENV = {
  STEWARD_ENCRYPTION_KEYS: `test-enc:${Buffer.alloc(32, 'e').toString('base64')}`,
  STEWARD_DATA_KEYS: `test-data:${Buffer.alloc(32, 'd').toString('base64')}`,
  STEWARD_JWT_KEYS: `test-jwt:${Buffer.alloc(32, 'j').toString('base64')}`,
  JWT_SECRET: 'test-secret-test-secret-test-secret',
};

/** `log` replaces the (silent) logger, e.g. with one writing to a stream the test reads. */
export async function startHarness(overrides: Partial<Config> = {}, options: { log?: Logger } = {}): Promise<Harness> {
  const url = await cloneTemplate();
  const config = { ...loadConfig({ ...process.env, ...TEST_KEY_ENV }), databaseUrl: url, dbPoolSize: 4, ...overrides };
  const dataSource = await openDatabase(url, config.dbPoolSize, entities, config);
  const services: AppServices = {
    config,
    dataSource,
    tokens: new AccessTokens(config.signingKeys, config.accessTokenTtlSeconds),
    log: options.log ?? createLogger(),
  };
  const server = await createServer(services);
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  const anonymous = new Caller(base);
  return {
    url: base,
    services,
    server,
    dataSource,
    anonymous,
    async signIn(email, tenantSlug, password = DEMO_PASSWORD) {
      const data = await anonymous.ok<{ sessionCreate: { accessToken: string | null; userErrors: unknown[] } }>(
        `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken userErrors { field message code } } }`,
        { input: { email, password, tenantSlug } },
      );
      if (!data.sessionCreate.accessToken) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(data.sessionCreate.userErrors)}`);
      return new Caller(base, { token: data.sessionCreate.accessToken });
    },
    apiKey(secret) {
      return new Caller(base, { apiKey: secret });
    },
    sql(text, params) {
      return dataSource.query(text, params);
    },
    runJobs() {
      return runOnce({ connectionString: url, taskList: taskList(services), logger: new WorkerLogger(() => () => undefined) });
    },
    async close() {
      await server.stop();
      await dataSource.destroy();
    },
  };
}
