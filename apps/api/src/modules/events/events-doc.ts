import { join } from 'node:path';
import { repoRoot } from '../../config';
import { EVENT_SCHEMA_VERSION, EVENT_TYPES } from './event-types';

export const eventsDoc = join(repoRoot, 'docs/events.md');

/** docs/events.md, written from EVENT_TYPES by `pnpm events:render`; a test fails when it is stale. */
export function renderEventsDoc(): string {
  const lines = [
    '# Domain events',
    '',
    '<!-- Generated from apps/api/src/modules/events/event-types.ts by `pnpm events:render`; do not edit. -->',
    '',
    'Every meaningful change writes one event in the transaction that made it (the `domain_events` outbox, filled by',
    'database triggers), so an event exists exactly when its change committed. Each event has an id, its tenant, a type,',
    'the time, the actor (user, API key or Steward itself), a subject (a GraphQL type and id) and a payload whose shape',
    `belongs to its type and schema version (currently ${EVENT_SCHEMA_VERSION}). Payloads only gain fields within a version.`,
    'Read them with the `domainEvents` query (admins and auditors); they are kept 90 days.',
    '',
    '## Live updates (GraphQL subscriptions)',
    '',
    "Subscriptions run over WebSocket with the graphql-ws protocol (`graphql-transport-ws`) at `/graphql` on the API's own",
    'address. The `connection_init` payload carries the same credentials as HTTP: `{ "authorization": "Bearer <access token>" }`',
    'or `{ "apiKey": "stw_…" }`. Only subscriptions run there; queries and mutations go over HTTP.',
    '',
    '- `domainEventAdded(filter: { types, subjectId })`: each event of the tenant as it commits (admins and auditors).',
    '- `alertChanged`: each alert, as it is after it was raised, acknowledged or resolved (those who read alerts; `spend` only',
    '  for those who read money).',
    '- `policyViolationChanged`: each violation, as it is after it was opened, resolved, waived or reopened (those who read violations).',
    "- `policyEvaluationRunChanged(policyId)`: a policy's re-evaluation runs, as they stand once queued, started, after each",
    '  committed batch and at the end (those who read violations); progress bars follow it.',
    '',
    "Every API process LISTENs on the `steward_events` channel (the outbox's trigger notifies `<tenant id>:<event id>` at",
    'commit) and hands each event to its own subscribers of that tenant, so every process delivers whichever one made the',
    'change. In each process the subscriptions with the same credentials and the same operation and variables form one',
    'audience, served by one stream: events that arrive together are read as one batch in one transaction opened with',
    "the audience's credentials, so the database confirms the caller again (a revoked key or session, or a role change,",
    'counts from the next batch), RLS holds, and every field follows the same rules as in queries (a refused field is null',
    'with a FORBIDDEN error, the rest is sent); the answer is executed once and sent to each subscriber of the audience.',
    'A subscription is refused when it is made if its root field is. A read that finds the pool busy waits for it (up to a',
    'minute, then that answer is an UNAVAILABLE error) rather than closing the socket. When a process loses its database',
    'connection it listens again and catches up, from the outbox, on the events committed meanwhile.',
    '',
    'Every answer names its event in `extensions.eventId` (a DomainEvent id). A client that reconnects sends the last one',
    'it received as `lastEventId` in the `connection_init` payload; the subscriptions it makes in the first 10 seconds are',
    'first handed the events of the log committed after it (in order, each once, up to 1,000 and within the 90 days the log',
    'keeps), then the live ones. The web app does this by itself.',
    "The web app's live views (alerts inbox and count, approvals inbox and count, an approval request's page, violations, an agent's activity feed,",
    'the notification bell) write what each event carries into the Apollo cache: a row goes to the top of the cached',
    'lists whose filter it meets and out of those it no longer meets, totals and counts move with it, and the bell takes',
    'the unread count the event carries. They read from the server again only once after a reconnect (and the bell its',
    'latest notifications when opened after new ones arrived): no refetch per event.',
    '',
    'A client refreshes its access token without reconnecting by sending a graphql-ws `ping` whose payload is',
    '`{ "authorization": "Bearer <fresh token>" }` for the same user and tenant. Limits (environment): `LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION`',
    '(20; more are refused with RATE_LIMITED), `LIVE_MAX_CONNECTIONS_PER_TENANT` per process (2000), `LIVE_MAX_QUEUED_EVENTS`',
    'per subscription (500) and `LIVE_MAX_BUFFERED_BYTES` per socket (4 MiB). Close codes:',
    '',
    '| code | meaning |',
    '| --- | --- |',
    '| 4401 | No, invalid, expired or revoked credentials (also when the access token expires while connected): reconnect with fresh ones |',
    '| 4408 | Too slow: the client did not read its events in time; reconnect and catch up with `domainEvents` |',
    '| 4430 | The tenant already has as many live connections as one API process allows |',
    '| 1001 | The server is restarting: reconnect (to another process when there is one) |',
    '| 1013 | The database could not confirm the credentials in time (busy): reconnect shortly |',
    '',
  ];
  for (const [type, def] of Object.entries(EVENT_TYPES)) {
    lines.push(`## \`${type}\``, '', `${def.description}. Subject: \`${def.subject}\`.`, '', '| payload field | kind | meaning |', '| --- | --- | --- |');
    for (const [field, spec] of Object.entries(def.payload)) lines.push(`| \`${field}\` | ${spec.kind.replace('|', ' or ')} | ${spec.description} |`);
    lines.push('');
  }
  return lines.join('\n');
}
