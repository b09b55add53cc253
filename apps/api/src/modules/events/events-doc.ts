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
  ];
  for (const [type, def] of Object.entries(EVENT_TYPES)) {
    lines.push(`## \`${type}\``, '', `${def.description}. Subject: \`${def.subject}\`.`, '', '| payload field | kind | meaning |', '| --- | --- | --- |');
    for (const [field, spec] of Object.entries(def.payload)) lines.push(`| \`${field}\` | ${spec.kind.replace('|', ' or ')} | ${spec.description} |`);
    lines.push('');
  }
  return lines.join('\n');
}
