import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { FrameworkCardFragment } from '../../gql/graphql';
import { When } from '../../ui/When';
import { ScoreRing } from './ScoreRing';

export const FrameworkCardFields = graphql(`
  fragment FrameworkCard on ComplianceFramework {
    id
    name
    version
    enabled
    score
    lastAssessedAt
    scoreHistory(days: 90) @include(if: $withTrend) {
      day
      score
    }
    metRequirementCount @include(if: $withDetails)
    applicableRequirementCount @include(if: $withDetails)
    expiresOn @include(if: $withDetails)
  }
`);

export const frameworkPath = (id: string) => `/compliance/frameworks/${encodeURIComponent(id)}`;

/** One framework's readiness: the ring, its name (a link for those who may open it) and how many requirements are met. */
export function FrameworkCard({ framework, linked }: { framework: FrameworkCardFragment; linked: boolean }) {
  const title = `${framework.name} ${framework.version}`;
  return (
    <Card withBorder padding="md" data-testid="framework-card" data-framework-name={framework.name}>
      <Group wrap="nowrap" align="center">
        <ScoreRing score={framework.score} name={framework.name} />
        <Stack gap={2} style={{ minWidth: 0 }}>
          {linked ? (
            <Anchor component={Link} to={frameworkPath(framework.id)} fw={600}>
              {title}
            </Anchor>
          ) : (
            <Text fw={600}>{title}</Text>
          )}
          {framework.metRequirementCount != null && framework.applicableRequirementCount != null ? (
            <Text size="sm" c="dimmed" data-testid="framework-met">
              {framework.metRequirementCount} of {framework.applicableRequirementCount} applicable requirements met
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            Assessed <When at={framework.lastAssessedAt} never="not yet" />
          </Text>
          {!framework.enabled ? (
            <Badge variant="outline" color="gray" size="sm">
              Disabled
            </Badge>
          ) : null}
        </Stack>
      </Group>
    </Card>
  );
}
