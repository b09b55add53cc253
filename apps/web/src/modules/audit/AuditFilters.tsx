import { useQuery } from '@apollo/client/react';
import { Autocomplete, Button, Group, Select, SimpleGrid } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { IconFilterOff } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { graphql } from '../../gql';
import { AuditOutcome } from '../../gql/graphql';

const AuditActorsQuery = graphql(`
  query AuditActors {
    members(first: 100, orderBy: { field: FULL_NAME, direction: ASC }) {
      edges {
        node {
          id
          user {
            id
            fullName
          }
        }
      }
    }
    apiKeys(first: 100) {
      edges {
        node {
          id
          name
          prefix
        }
      }
    }
  }
`);

export interface AuditFilterValues {
  /** "user:<id>" or "key:<id>" */
  actor: string | null;
  action: string;
  entityType: string;
  outcome: AuditOutcome | null;
  /** Local times from the pickers, "YYYY-MM-DD HH:mm:ss". */
  from: string | null;
  to: string | null;
}

/** A time range that ends before it starts is refused before anything is sent. */
export function rangeProblem(values: AuditFilterValues): string | null {
  return values.from && values.to && !dayjs(values.to).isAfter(dayjs(values.from)) ? 'Choose a time after "From"' : null;
}

export const emptyFilters: AuditFilterValues = { actor: null, action: '', entityType: '', outcome: null, from: null, to: null };

// Suggestions only: entityType is free text in the schema, and later modules add their own types.
const ENTITY_TYPES = ['ApiKey', 'Invitation', 'Membership', 'Tenant', 'User'];
const ACTION_EXAMPLES = ['apiKey.*', 'membership.*', 'invitation.*', 'session.*', 'tenant.*'];

export function AuditFilters({ value, onChange }: { value: AuditFilterValues; onChange: (value: AuditFilterValues) => void }) {
  const { data } = useQuery(AuditActorsQuery, { errorPolicy: 'all' });
  const actorOptions = [
    {
      group: 'People',
      items: (data?.members?.edges ?? []).map((e) => ({ value: `user:${e.node.user.id}`, label: e.node.user.fullName })),
    },
    {
      group: 'API keys',
      items: (data?.apiKeys?.edges ?? []).map((e) => ({ value: `key:${e.node.id}`, label: `${e.node.name} (${e.node.prefix}…)` })),
    },
  ].filter((g) => g.items.length > 0);
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...value, ...patch });
  const active = JSON.stringify(value) !== JSON.stringify(emptyFilters);

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mb="md">
      <Select label="Actor" placeholder="Anyone" data={actorOptions} value={value.actor} onChange={(actor) => set({ actor })} searchable clearable />
      <Autocomplete
        label="Action"
        placeholder="apiKey.create, or a prefix: apiKey.*"
        data={ACTION_EXAMPLES}
        value={value.action}
        onChange={(action) => set({ action })}
      />
      <Autocomplete label="Entity type" placeholder="Any, e.g. ApiKey" data={ENTITY_TYPES} value={value.entityType} onChange={(entityType) => set({ entityType })} />
      <Select
        label="Outcome"
        placeholder="Any"
        data={Object.values(AuditOutcome)}
        value={value.outcome}
        onChange={(outcome) => set({ outcome: (Object.values(AuditOutcome) as string[]).includes(outcome ?? '') ? (outcome as AuditOutcome) : null })}
        clearable
      />
      <DateTimePicker label="From" placeholder="Any time" clearable valueFormat="DD MMM YYYY HH:mm" value={value.from} onChange={(from) => set({ from })} />
      <Group align="flex-end" wrap="nowrap">
        <DateTimePicker label="Until" placeholder="Now" clearable valueFormat="DD MMM YYYY HH:mm" value={value.to} onChange={(to) => set({ to })} error={rangeProblem(value)} style={{ flex: 1 }} />
        <Button variant="subtle" leftSection={<IconFilterOff size={16} />} disabled={!active} onClick={() => onChange(emptyFilters)}>
          Clear
        </Button>
      </Group>
    </SimpleGrid>
  );
}

