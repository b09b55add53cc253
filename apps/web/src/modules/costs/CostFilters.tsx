import { useQuery } from '@apollo/client/react';
import { Button, Group, Loader, MultiSelect, SegmentedControl, SimpleGrid, Stack, TagsInput, Text } from '@mantine/core';
import { DatePickerInput, type DatePickerPreset } from '@mantine/dates';
import { IconCalendar, IconFilterOff } from '@tabler/icons-react';
import { CostInterval } from '../../gql/graphql';
import { categoryOptions, isCategory, isProvider, providerOptions } from '../../ui/labels';
import { CostAgentOptionsQuery } from './cost-dashboard.operations';
import { addDays, todayUtc } from '../../format/days';
import { type CostView, isFiltered } from './cost-view';

const INTERVALS = [
  { value: CostInterval.Day, label: 'Day' },
  { value: CostInterval.Week, label: 'Week' },
  { value: CostInterval.Month, label: 'Month' },
];

function presets(today: string): DatePickerPreset<'range'>[] {
  const monthStart = `${today.slice(0, 8)}01`;
  const lastMonthEnd = addDays(monthStart, -1);
  return [
    { value: [addDays(today, -6), today], label: 'Last 7 days' },
    { value: [addDays(today, -29), today], label: 'Last 30 days' },
    { value: [addDays(today, -89), today], label: 'Last 90 days' },
    { value: [monthStart, today], label: 'This month' },
    { value: [`${lastMonthEnd.slice(0, 8)}01`, lastMonthEnd], label: 'Last month' },
  ];
}

/** The dashboard's filters; every change goes to the URL, which the charts read. */
export function CostFilters({ view, onChange, updating }: { view: CostView; onChange: (patch: Partial<CostView>) => void; updating: boolean }) {
  const { data } = useQuery(CostAgentOptionsQuery, { errorPolicy: 'all' });
  const agents = data?.agents?.nodes ?? [];
  const agentOptions = agents.map((a) => ({ value: a.id, label: a.name }));
  // Keep an agent from a shared link selectable even before (or without) the list.
  for (const id of view.agentIds) if (!agentOptions.some((o) => o.value === id)) agentOptions.push({ value: id, label: 'Unknown agent' });
  const tagSuggestions = [...new Set(agents.flatMap((a) => a.tags))].sort();
  const today = todayUtc();

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <DatePickerInput
          type="range"
          label="Dates (UTC)"
          leftSection={<IconCalendar size={16} />}
          value={[view.from, view.to]}
          onChange={([from, to]) => {
            if (from && to) onChange({ from, to });
          }}
          presets={presets(today)}
          maxDate={today}
          valueFormat="D MMM YYYY"
          allowSingleDateInRange
          data-testid="filter-dates"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} component="label" id="interval-label">
            Interval
          </Text>
          <SegmentedControl
            data={INTERVALS}
            value={view.interval}
            onChange={(value) => onChange({ interval: value as CostInterval })}
            aria-labelledby="interval-label"
            fullWidth
          />
        </Stack>
        <MultiSelect
          label="Provider"
          placeholder={view.providers.length ? undefined : 'Any provider'}
          data={providerOptions}
          value={view.providers}
          onChange={(values) => onChange({ providers: values.filter(isProvider) })}
          clearable
        />
        <MultiSelect
          label="Category"
          placeholder={view.categories.length ? undefined : 'Any category'}
          data={categoryOptions}
          value={view.categories}
          onChange={(values) => onChange({ categories: values.filter(isCategory) })}
          clearable
        />
        <MultiSelect
          label="Agent"
          placeholder={view.agentIds.length ? undefined : 'Any agent'}
          data={agentOptions}
          value={view.agentIds}
          onChange={(agentIds) => onChange({ agentIds })}
          searchable
          clearable
          nothingFoundMessage="No agent by that name"
        />
        <TagsInput
          label="Tag"
          placeholder={view.tags.length ? undefined : 'Any tag'}
          data={tagSuggestions}
          value={view.tags}
          onChange={(tags) => onChange({ tags: tags.map((t) => t.trim()).filter(Boolean) })}
          clearable
        />
      </SimpleGrid>
      <Group justify="space-between">
        <Group gap={6} h={20}>
          {updating ? (
            <>
              <Loader size="xs" />
              <Text size="xs" c="dimmed">
                Updating…
              </Text>
            </>
          ) : null}
        </Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconFilterOff size={14} />}
          disabled={!isFiltered(view)}
          onClick={() => onChange({ providers: [], categories: [], agentIds: [], tags: [] })}
        >
          Clear filters
        </Button>
      </Group>
    </Stack>
  );
}
