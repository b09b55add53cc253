import autocannon from 'autocannon';

/** Where one workload is sent: Steward's /graphql or the baseline's /<workload>. */
export interface Target {
  /** 'steward', 'baseline', or 'steward-compare' (a second build of Steward, BENCH_COMPARE_DIST). */
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface Measurement {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** 2xx responses whose body carried GraphQL errors. */
  graphqlErrors: number;
  /** CPU time of the server process over the measured run, per request (Linux only): what a request costs on a busy machine. */
  cpuMsPerRequest?: number;
  /** The machine's 1-minute load average when the run ended: how busy the shared machine was. */
  loadAverage?: number;
}

export interface Sample {
  status: number;
  body: { data?: unknown; errors?: unknown[]; extensions?: { sql?: { statements?: number } } };
}

/** One request outside the timed run: to check the answer and read Steward's statement count. */
export async function sample(target: Target, extraHeaders: Record<string, string> = {}): Promise<Sample> {
  const response = await fetch(target.url, { method: 'POST', headers: { ...target.headers, ...extraHeaders }, body: target.body });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as Sample['body'] };
  } catch {
    throw new Error(`${target.name} answered ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
}

/** Closed-loop load for `seconds` from `connections` connections; the run ends when the time is up. */
export async function measure(target: Target, connections: number, seconds: number): Promise<Measurement> {
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: target.headers,
    body: target.body,
    connections,
    duration: seconds,
    // A GraphQL error comes back with status 200; count it as a mismatch, not a success.
    verifyBody: (body) => !String(body).includes('"errors":'),
  });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    graphqlErrors: result.mismatches,
  };
}
