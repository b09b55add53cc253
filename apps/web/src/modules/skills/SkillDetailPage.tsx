import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Card, Group, Rating, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { IconPuzzleOff } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { getFragmentData, graphql } from '../../gql';
import { DetailState } from '../../ui/DetailState';
import { PageHeader } from '../../ui/PageHeader';
import { When } from '../../ui/When';
import { AgentStatusBadge, WHOLE } from '../../ui/badges';
import { BackLink } from '../../ui/BackLink';
import { ROLE_LABEL } from '../../ui/labels';
import { words } from '../../format/words';
import { SKILL_STATUS_COLOR, SkillRow } from './SkillsPage';
import { Fact } from '../../ui/Fact';
import { enumText } from '../../format/words';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { DeletedItemKind } from '../../gql/graphql';
import { DeleteAction } from '../deleted-items/public';

export const INSTALLATIONS_SHOWN = 50;

export const SkillDetailQuery = graphql(`
  query SkillDetail($id: ID!, $first: Int!) {
    skill(id: $id) {
      ...SkillRow
      createdAt
      updatedAt
      installations(first: $first) {
        totalCount
        nodes {
          ...SkillInstallationRow
        }
      }
    }
  }
`);

export const SkillInstallationRow = graphql(`
  fragment SkillInstallationRow on SkillInstallation {
    id
    installedAt
    grantedPermissions
    installedBy {
      id
      fullName
    }
    agent {
      id
      name
      status
    }
  }
`);

function Permissions({ permissions }: { permissions: readonly string[] }) {
  if (!permissions.length)
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  return (
    <Group gap={4}>
      {permissions.map((p) => (
        <Badge key={p} variant="default" tt="none" ff="monospace" fw={400} styles={WHOLE}>
          {p}
        </Badge>
      ))}
    </Group>
  );
}

/** One skill of the marketplace: what it asks to be granted, and the agents it is installed on. */
export default function SkillDetailPage() {
  const { id = '' } = useParams();
  const manage = allowed(useViewer(), 'skills.manage');
  const { data, loading, error, refetch } = useQuery(SkillDetailQuery, { variables: { id, first: INSTALLATIONS_SHOWN }, errorPolicy: 'all' });
  const skill = data?.skill ? { ...data.skill, ...getFragmentData(SkillRow, data.skill) } : null;
  const installations = getFragmentData(SkillInstallationRow, skill?.installations?.nodes) ?? [];
  const back = <BackLink to="/skills" label="Skills" />;

  return (
    <DetailState
      found={Boolean(skill)}
      loading={loading}
      error={error}
      what="this skill"
      notFoundTitle="No such skill"
      icon={IconPuzzleOff}
      back={back}
      onRetry={() => void refetch()}
    >
      {skill ? (
        <>
          {back}
          <PageHeader
            title={`${skill.name} ${skill.version}`}
            description={skill.description || undefined}
            actions={
              <Group gap="xs">
                <Badge variant="light" color={SKILL_STATUS_COLOR[skill.status]} size="lg">
                  {enumText(skill.status)}
                </Badge>
                {manage ? <DeleteAction kind={DeletedItemKind.Skill} item={skill} /> : null}
              </Group>
            }
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }} mb="md">
            <Card withBorder padding="md" component="section" aria-label="Skill">
              <Title order={2} size="h4" mb="sm">
                Skill
              </Title>
              <Table verticalSpacing={6}>
                <Table.Tbody>
                  <Fact label="Category">{words(skill.category)}</Fact>
                  <Fact label="Works with">{skill.compatibleRoles.map((r) => ROLE_LABEL[r]).join(', ')}</Fact>
                  <Fact label="Rating">
                    <Group gap="xs">
                      <Rating value={skill.rating} fractions={4} readOnly size="sm" />
                      <Text size="sm">{skill.rating.toFixed(1)}</Text>
                    </Group>
                  </Fact>
                  <Fact label="Added">
                    <When at={skill.createdAt} />
                  </Fact>
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder padding="md" component="section" aria-label="Permissions">
              <Title order={2} size="h4">
                Permissions
              </Title>
              <Text size="xs" c="dimmed" mb="sm">
                What an install grants the agent; every one of them is granted.
              </Text>
              <Permissions permissions={skill.permissions} />
            </Card>
          </SimpleGrid>
          <Card withBorder padding="md" component="section" aria-label="Installations" data-testid="skill-installations">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Installed on
              </Title>
              <Text size="sm" c="dimmed">
                {skill.installCount} {skill.installCount === 1 ? 'agent' : 'agents'}
              </Text>
            </Group>
            {installations.length === 0 ? (
              <Text size="sm" c="dimmed">
                No agent has it installed.
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={700}>
                <Table verticalSpacing="sm" highlightOnHover aria-label="Installations">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Agent</Table.Th>
                      <Table.Th>Granted</Table.Th>
                      <Table.Th>Installed</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {installations.map((i) => (
                      <Table.Tr key={i.id} data-testid="installation-row">
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Anchor component={Link} to={`/agents/${encodeURIComponent(i.agent.id)}`} size="sm" fw={500}>
                              {i.agent.name}
                            </Anchor>
                            <AgentStatusBadge status={i.agent.status} size="sm" />
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Permissions permissions={i.grantedPermissions} />
                        </Table.Td>
                        <Table.Td>
                          <When at={i.installedAt} />
                          <Text size="xs" c="dimmed">
                            {i.installedBy ? `by ${i.installedBy.fullName}` : 'by a partner app'}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Card>
        </>
      ) : null}
    </DetailState>
  );
}
