/**
 * Saved queries GraphiQL opens with as tabs, for analysts: each runs against the demo world as an
 * admin (graphiql-examples.test.ts runs every one). Built at page load so "last month" is current.
 */
export interface GraphiqlExample {
  query: string;
  variables: string;
}

/** The first and last day (inclusive) of the calendar month before the one holding `today`, in UTC. */
export function lastMonth(today: Date): { from: string; to: string } {
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/** Acme's Incident Triage agent in the demo world; any agent's id from `agents` works. */
export const EXAMPLE_AGENT_ID = 'QWdlbnQ6Y2EzMTQ0NDktOGY3ZS00OTljLWE2MTEtMGQyNTgwZWNkYWMx';

export function graphiqlExamples(today: Date, exampleAgentId = EXAMPLE_AGENT_ID): GraphiqlExample[] {
  return [
    {
      query: `# Agents that break a policy now, with the open violations that make them non-compliant.
# Readable by every role; observed values stay hidden from roles that may not see them.
query AgentsWithViolations {
  agents(first: 50, filter: { complianceStatuses: [NON_COMPLIANT] }, orderBy: { field: NAME, direction: ASC }) {
    totalCount
    nodes {
      name
      status
      modelTier
      violations(first: 10, filter: { statuses: [OPEN] }) {
        totalCount
        nodes { ruleName severity message detectedAt policy { name enforcement } }
      }
    }
  }
}
`,
      variables: '',
    },
    {
      query: `# What each provider cost over last calendar month, largest first (admins, developers, analysts).
# Change the dates, or groupBy (AGENT, SERVICE, CATEGORY, TAG, REGION, ARCHITECTURE), to slice it differently.
query SpendByProviderLastMonth($from: LocalDate!, $to: LocalDate!) {
  costRollup(from: $from, to: $to, groupBy: PROVIDER) { key label amount entries }
  costSummary(from: $from, to: $to) { total previousTotal currency }
}
`,
      variables: JSON.stringify(lastMonth(today), null, 2),
    },
    {
      query: `# Everything done to one agent, newest first, with who did it (admins and auditors).
# Put any agent's id from \`agents { nodes { id name } }\` in the variables.
query AgentAuditTrail($agentId: ID!) {
  agent(id: $agentId) { name status }
  auditEntries(first: 50, filter: { entityId: $agentId }) {
    totalCount
    nodes { seq createdAt action outcome actorType actorLabel actorUser { email } before after }
  }
}
`,
      variables: JSON.stringify({ agentId: exampleAgentId }, null, 2),
    },
  ];
}
