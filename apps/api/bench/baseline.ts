import http from 'node:http';
import { Pool } from 'pg';
import { BenchSubject, workloads } from './workloads';

/** Hands every column over as PostgreSQL's text, so the JSON is never parsed and re-serialized. */
const asText = { getTypeParser: () => (value: string) => value };

/**
 * The practical upper bound: POST /<workload name> runs the workload's one statement (prepared, on a
 * plain pool, no authorization) and returns it as `{"data": ...}`. The request body is ignored.
 */
export function createBaselineServer(pool: Pool, subject: BenchSubject): http.Server {
  const byPath = new Map(workloads.map((w) => [`/${w.name}`, w]));
  return http.createServer((req, res) => {
    req.resume();
    if (req.url === '/healthz') {
      res.writeHead(200).end();
      return;
    }
    const workload = byPath.get(req.url ?? '');
    if (!workload) {
      res.writeHead(404).end();
      return;
    }
    pool.query({ name: workload.name, text: workload.baselineSql, values: workload.baselineParams(subject), rowMode: 'array', types: asText }).then(
      (result) => {
        const body = `{"data":${result.rows[0][0]}}`;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      },
      (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
}

/** Run as a child process of the bench, so it has a core's worth of event loop of its own like Steward. */
if (require.main === module) {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
  const subject = JSON.parse(process.env.BENCH_SUBJECT ?? '{}') as BenchSubject;
  const server = createBaselineServer(pool, subject);
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => {
    server.close(() => void pool.end().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
