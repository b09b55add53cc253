import { useQuery } from '@apollo/client/react';
import { Button, Group, Select, SimpleGrid } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { IconFilterOff } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { graphql } from '../../gql';
import { AuditOutcome } from '../../gql/graphql';

export const AuditActorsQuery = graphql(`
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
    auditFacets {
      actions
      entityTypes
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

/** The log's actions grouped by what they act on, each group led by its prefix ("apiKey.*": every apiKey action). */
export function actionOptions(actions: readonly string[]) {
  const groups = new Map<string, string[]>();
  for (const action of actions) {
    const prefix = action.includes('.') ? action.slice(0, action.indexOf('.')) : action;
    groups.set(prefix, [...(groups.get(prefix) ?? []), action]);
  }
  return [...groups].map(([prefix, items]) => ({
    group: prefix,
    items: [
      ...(items.length > 1 || items[0] !== prefix ? [{ value: `${prefix}.*`, label: `${prefix}.* (every ${prefix} action)` }] : []),
      ...items.map((a) => ({ value: a, label: a })),
    ],
  }));
}

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
      <Select
        label="Action"
        placeholder="Any"
        data={actionOptions(data?.auditFacets?.actions ?? [])}
        value={value.action || null}
        onChange={(action) => set({ action: action ?? '' })}
        searchable
        clearable
        nothingFoundMessage="No such action in the log"
      />
      <Select
        label="Entity type"
        placeholder="Any"
        data={data?.auditFacets?.entityTypes ?? []}
        value={value.entityType || null}
        onChange={(entityType) => set({ entityType: entityType ?? '' })}
        searchable
        clearable
      />
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
        <DateTimePicker
          label="Until"
          placeholder="Now"
          clearable
          valueFormat="DD MMM YYYY HH:mm"
          value={value.to}
          onChange={(to) => set({ to })}
          error={rangeProblem(value)}
          style={{ flex: 1 }}
        />
        <Button variant="subtle" leftSection={<IconFilterOff size={16} />} disabled={!active} onClick={() => onChange(emptyFilters)}>
          Clear
        </Button>
      </Group>
    </SimpleGrid>
  );
}
