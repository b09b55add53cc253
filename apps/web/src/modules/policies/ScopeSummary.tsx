import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PolicyScopeKind } from '../../gql/graphql';
import { WHOLE } from '../../ui/badges';

interface Scope {
  kind: PolicyScopeKind;
  tags: readonly string[];
  agents: readonly { id: string; name: string }[];
}

/** "Every agent", "Agents tagged pii", or the listed agents. */
export function ScopeSummary({ scope, compact = false }: { scope: Scope; compact?: boolean }) {
  if (scope.kind === PolicyScopeKind.All) return <Text size="sm">Every agent</Text>;
  if (scope.kind === PolicyScopeKind.Tags) {
    return (
      <Group gap={4}>
        <Text size="sm">Tagged</Text>
        {scope.tags.map((t) => (
          <Badge styles={WHOLE} key={t} size="sm" variant="default" tt="none">
            {t}
          </Badge>
        ))}
      </Group>
    );
  }
  if (compact) return <Text size="sm">{scope.agents.length === 1 ? scope.agents[0].name : `${scope.agents.length} listed agents`}</Text>;
  return (
    <Group gap={6}>
      <Text size="sm">Listed:</Text>
      {scope.agents.map((a) => (
        <Anchor key={a.id} component={Link} to={`/agents/${encodeURIComponent(a.id)}`} size="sm">
          {a.name}
        </Anchor>
      ))}
    </Group>
  );
}
