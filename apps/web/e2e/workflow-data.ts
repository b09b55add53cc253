import { callApi, DEMO_PASSWORD } from './browser';

/** The workflow the browser tests open: start, a record, end; run once so it has an execution. */
export const WORKFLOW = 'Record each agent change review';

async function adminAuthorization(): Promise<string> {
  const signedIn = await callApi({}, `mutation { sessionCreate(input: { email: "admin@acme.test", password: "${DEMO_PASSWORD}" }) { accessToken } }`);
  return `Bearer ${(signedIn.body.data?.sessionCreate as { accessToken: string }).accessToken}`;
}

/** Creates the workflow through the API unless a test file did already (they share one API, in no fixed order), and runs it once. */
export async function ensureWorkflow(): Promise<string> {
  const authorization = await adminAuthorization();
  const found = await callApi({ authorization }, `{ workflows(first: 5, filter: { search: "${WORKFLOW}" }) { nodes { id name } } }`);
  const existing = (found.body.data?.workflows as { nodes: { id: string; name: string }[] } | null)?.nodes.find((w) => w.name === WORKFLOW);
  if (existing) return existing.id;
  const graph = `{
    nodes: [
      { id: "start", type: "start", label: "Start", position: { x: 0, y: 0 }, config: {} },
      { id: "end", type: "end", label: "Done", position: { x: 0, y: 160 }, config: { outcome: "succeeded" } }
    ],
    edges: [{ id: "e1", source: "start", target: "end" }]
  }`;
  const created = await callApi(
    { authorization },
    `mutation { workflowCreate(input: { name: "${WORKFLOW}", description: "Keeps a record of each review", type: COMPLIANCE,
      trigger: { kind: MANUAL }, graph: ${graph} }) { workflow { id } userErrors { field message } } }`,
  );
  const payload = created.body.data?.workflowCreate as { workflow: { id: string } | null; userErrors: { message: string }[] } | undefined;
  if (!payload?.workflow) throw new Error(`workflowCreate: ${JSON.stringify(created.body.errors ?? payload?.userErrors)}`);
  const ran = await callApi(
    { authorization },
    `mutation { workflowRun(input: { workflowId: "${payload.workflow.id}" }) { execution { id } userErrors { message } } }`,
  );
  if (!(ran.body.data?.workflowRun as { execution: { id: string } | null } | undefined)?.execution) throw new Error(`workflowRun: ${JSON.stringify(ran.body)}`);
  return payload.workflow.id;
}
