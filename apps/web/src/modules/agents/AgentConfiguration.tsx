import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { JsonView } from '../../ui/json';

function ToolList({ label, tools, color }: { label: string; tools: unknown; color: string }) {
  if (!Array.isArray(tools) || !tools.length) return null;
  return (
    <Group gap={6}>
      <Text size="sm" fw={500} w={50}>
        {label}
      </Text>
      {tools.map((tool) => (
        <Badge key={String(tool)} variant="light" color={color} tt="none" ff="monospace">
          {String(tool)}
        </Badge>
      ))}
    </Group>
  );
}

/** Runtime configuration and tool policy: admins and developers only, as the API allows. */
export function AgentConfiguration({
  configuration,
  toolPolicy,
}: {
  configuration: Record<string, unknown> | null | undefined;
  toolPolicy: Record<string, unknown> | null | undefined;
}) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="agent-configuration">
      <Card withBorder padding="lg">
        <Title order={2} size="h5" mb="xs">
          Configuration
        </Title>
        <JsonView value={configuration} empty="No configuration" label="Configuration" />
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h5" mb="xs">
          Tool policy
        </Title>
        <Stack gap="xs">
          <ToolList label="Allow" tools={toolPolicy?.allow} color="teal" />
          <ToolList label="Deny" tools={toolPolicy?.deny} color="red" />
          <JsonView value={toolPolicy} empty="No tool policy: the agent calls no tools" label="Tool policy" />
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
