import { Alert, Button, Group, MultiSelect, NumberInput, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { roleOptions } from '../../app/access';
import { type GraphNode, NODE_KINDS } from './graph';

const ACTIONS = [
  { value: 'agent.lifecycle', label: "Change an agent's lifecycle" },
  { value: 'channel.send', label: 'Send to a channel' },
  { value: 'record.create', label: 'Create a record' },
  { value: 'webhook.call', label: 'Call an outbound webhook' },
];
const LIFECYCLES = ['deploy', 'suspend', 'resume', 'archive'].map((v) => ({ value: v, label: v.charAt(0).toUpperCase() + v.slice(1) }));
/** As the graph stores them: the API's enum values in lower case. */
const MODES = [
  { value: 'single', label: 'One decision' },
  { value: 'any_n', label: 'Any N' },
  { value: 'unanimous', label: 'Everyone' },
  { value: 'majority', label: 'Majority' },
];
const ON_TIMEOUT = [
  { value: 'escalate', label: 'Escalate (expire on the last level)' },
  { value: 'approve', label: 'Approve by default' },
  { value: 'reject', label: 'Reject by default' },
  { value: 'expire', label: 'Expire' },
];
const ROLES = roleOptions.map((r) => ({ value: r.value.toLowerCase(), label: r.label }));

interface NodePanelProps {
  node: GraphNode;
  problems: readonly string[];
  agents: readonly { value: string; label: string }[];
  channels?: readonly { value: string; label: string }[];
  /** Without it the panel only shows the settings. */
  onChange?: (change: Partial<Pick<GraphNode, 'label' | 'config'>>) => void;
  onRemove?: () => void;
}

/** The settings of the selected step, by its kind; its problems above them, as on the node. */
export function NodePanel({ node, problems, agents, channels = [], onChange, onRemove }: NodePanelProps) {
  const c = node.config;
  const readOnly = !onChange;
  const set = (key: string, value: unknown) => onChange?.({ config: { ...c, [key]: value } });
  const str = (key: string) => (typeof c[key] === 'string' ? (c[key] as string) : '');
  const num = (key: string) => (typeof c[key] === 'number' ? (c[key] as number) : '');
  const numberField = (key: string, label: string, description?: string, min = 0) => (
    <NumberInput
      label={label}
      description={description}
      min={min}
      value={num(key)}
      readOnly={readOnly}
      onChange={(v) => set(key, typeof v === 'number' ? v : v === '' ? null : Number(v))}
    />
  );

  return (
    <Stack gap="sm" data-testid="node-panel">
      <Group justify="space-between">
        <Title order={2} size="h5">
          {NODE_KINDS[node.type]?.label ?? node.type}: settings
        </Title>
        {onRemove && node.type !== 'start' ? (
          <Button size="compact-sm" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={onRemove}>
            Remove step
          </Button>
        ) : null}
      </Group>
      {problems.length ? (
        <Alert color="red" variant="light" p="xs" role="alert" data-testid="node-panel-problems">
          {problems.map((p) => (
            <Text key={p} size="sm">
              {p}
            </Text>
          ))}
        </Alert>
      ) : null}
      <TextInput label="Name" value={node.label} readOnly={readOnly} onChange={(e) => onChange?.({ label: e.currentTarget.value })} />
      <Text size="xs" c="dimmed">
        Step id: {node.id}
      </Text>

      {node.type === 'task' ? (
        <>
          <Select label="Action" data={ACTIONS} allowDeselect={false} value={str('action')} readOnly={readOnly} onChange={(v) => set('action', v)} />
          {c.action === 'agent.lifecycle' ? (
            <>
              <Select
                label="Agent"
                data={[...agents]}
                searchable
                value={str('agentId') || null}
                readOnly={readOnly}
                onChange={(v) => set('agentId', v ?? '')}
              />
              <Select
                label="Lifecycle change"
                data={LIFECYCLES}
                value={str('lifecycleAction') || null}
                readOnly={readOnly}
                onChange={(v) => set('lifecycleAction', v ?? '')}
              />
            </>
          ) : null}
          {c.action === 'channel.send' ? (
            <Select
              label="Channel"
              description="Without a channel the message is only recorded in the audit log"
              placeholder="Pick an agent's channel"
              data={
                str('channelId') && !channels.some((o) => o.value === str('channelId'))
                  ? [...channels, { value: str('channelId'), label: str('channelId') }]
                  : [...channels]
              }
              value={str('channelId') || null}
              readOnly={readOnly}
              clearable
              clearButtonProps={{ 'aria-label': 'No channel: only record the message' }}
              searchable
              onChange={(v) => set('channelId', v ?? undefined)}
            />
          ) : null}
          {c.action === 'channel.send' ? (
            <Textarea
              label="Message"
              description="Sent to the channel; {{data.field}} takes a value of the execution's data"
              autosize
              minRows={2}
              value={str('message')}
              readOnly={readOnly}
              onChange={(e) => set('message', e.currentTarget.value)}
            />
          ) : null}
          {c.action === 'webhook.call' ? (
            <TextInput
              label="Address"
              placeholder="https://hooks.example.com/steward"
              value={str('url')}
              readOnly={readOnly}
              onChange={(e) => set('url', e.currentTarget.value)}
            />
          ) : null}
          {numberField('maxAttempts', 'Attempts at most', 'Retried with exponential backoff', 1)}
          {numberField('backoffSeconds', 'First retry after (seconds)', 'Doubles with each retry')}
          {numberField('timeoutSeconds', 'Time limit (seconds)', 'A try that takes longer fails', 1)}
        </>
      ) : null}

      {node.type === 'approval' ? (
        <>
          <TextInput label="What is asked" value={str('title')} readOnly={readOnly} onChange={(e) => set('title', e.currentTarget.value)} />
          <MultiSelect
            label="Who decides"
            data={ROLES}
            value={Array.isArray(c.roles) ? (c.roles as string[]) : []}
            readOnly={readOnly}
            onChange={(v) => set('roles', v)}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              How decisions add up
            </Text>
            <SegmentedControl
              aria-label="How decisions add up"
              data={MODES}
              value={str('mode') || 'single'}
              readOnly={readOnly}
              onChange={(v) => set('mode', v)}
            />
          </Stack>
          {c.mode === 'any_n' ? numberField('requiredApprovals', 'Approvals needed', undefined, 1) : null}
          {numberField('timeoutSeconds', 'Deadline (seconds)', 'Up to 86400 (a day); empty: no deadline', 60)}
          <Select
            label="When the deadline passes"
            data={ON_TIMEOUT}
            allowDeselect={false}
            value={str('onTimeout')}
            readOnly={readOnly}
            onChange={(v) => set('onTimeout', v)}
          />
        </>
      ) : null}

      {node.type === 'agent_task' ? (
        <>
          <Select label="Agent" data={[...agents]} searchable value={str('agentId') || null} readOnly={readOnly} onChange={(v) => set('agentId', v ?? '')} />
          <Textarea label="Prompt" autosize minRows={3} value={str('prompt')} readOnly={readOnly} onChange={(e) => set('prompt', e.currentTarget.value)} />
          {numberField('maxAttempts', 'Attempts at most', undefined, 1)}
          {numberField('timeoutSeconds', 'Time limit (seconds)', 'The runtime must report a result by then', 1)}
          {numberField(
            'claimTimeoutSeconds',
            'Claim limit (seconds)',
            'How long the task may wait for the runtime to claim it (default a day); then it expires and a second edge, "expired", is taken if drawn, else the execution fails',
            60,
          )}
        </>
      ) : null}

      {node.type === 'condition' ? (
        <Textarea
          label="Condition"
          description='A CEL expression over the execution data, e.g. data.amount > 1000; its edges are "true" and "false"'
          autosize
          minRows={2}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          value={str('expression')}
          readOnly={readOnly}
          onChange={(e) => set('expression', e.currentTarget.value)}
        />
      ) : null}

      {node.type === 'wait' ? numberField('seconds', 'Wait for (seconds)', undefined, 1) : null}

      {node.type === 'end' ? (
        <Select
          label="Outcome"
          data={[
            { value: 'succeeded', label: 'Succeeded' },
            { value: 'failed', label: 'Failed' },
          ]}
          allowDeselect={false}
          value={str('outcome') || 'succeeded'}
          readOnly={readOnly}
          onChange={(v) => set('outcome', v)}
        />
      ) : null}
    </Stack>
  );
}
