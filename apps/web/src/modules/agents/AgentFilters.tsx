import { Button, MultiSelect, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import type { AgentFilter, AgentRole, AgentStatus, ComplianceStatus } from '../../gql/graphql';
import { complianceOptions, roleOptions, statusOptions } from '../../ui/labels';

export interface AgentFilterValues {
  search: string;
  statuses: AgentStatus[];
  roles: AgentRole[];
  complianceStatuses: ComplianceStatus[];
  tags: string[];
}

export const emptyAgentFilters: AgentFilterValues = { search: '', statuses: [], roles: [], complianceStatuses: [], tags: [] };

/** Empty lists mean "any": the API reads a missing list as no condition. */
export function toAgentFilter(values: AgentFilterValues): AgentFilter {
  const list = <T,>(items: T[]) => (items.length ? items : null);
  return {
    search: values.search.trim() || null,
    statuses: list(values.statuses),
    roles: list(values.roles),
    complianceStatuses: list(values.complianceStatuses),
    tags: list(values.tags),
  };
}

export function AgentFilters({ value, onChange }: { value: AgentFilterValues; onChange: (value: AgentFilterValues) => void }) {
  const set = (patch: Partial<AgentFilterValues>) => onChange({ ...value, ...patch });
  const active = JSON.stringify(value) !== JSON.stringify(emptyAgentFilters);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} style={{ flex: 1 }}>
      <TextInput
        label="Search"
        placeholder="Agent name"
        leftSection={<IconSearch size={16} />}
        value={value.search}
        onChange={(e) => set({ search: e.currentTarget.value })}
      />
      <MultiSelect
        label="Status"
        placeholder={value.statuses.length ? undefined : 'Any status'}
        data={statusOptions}
        value={value.statuses}
        onChange={(v) => set({ statuses: v as AgentStatus[] })}
        clearable
      />
      <MultiSelect
        label="Role"
        placeholder={value.roles.length ? undefined : 'Any role'}
        data={roleOptions}
        value={value.roles}
        onChange={(v) => set({ roles: v as AgentRole[] })}
        clearable
      />
      <MultiSelect
        label="Compliance"
        placeholder={value.complianceStatuses.length ? undefined : 'Any'}
        data={complianceOptions}
        value={value.complianceStatuses}
        onChange={(v) => set({ complianceStatuses: v as ComplianceStatus[] })}
        clearable
      />
      <TagsInput
        label="Tags"
        placeholder={value.tags.length ? undefined : 'Any tag; Enter to add'}
        value={value.tags}
        onChange={(tags) => set({ tags })}
        clearable
      />
      <Button
        variant="subtle"
        leftSection={<IconFilterOff size={16} />}
        disabled={!active}
        onClick={() => onChange(emptyAgentFilters)}
        style={{ alignSelf: 'end', justifySelf: 'start' }}
      >
        Clear filters
      </Button>
    </SimpleGrid>
  );
}
