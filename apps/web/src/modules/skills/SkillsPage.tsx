import { useMutation, useQuery } from '@apollo/client/react';
import { ActionIcon, Anchor, Badge, Button, Card, Group, Menu, MultiSelect, Rating, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconDots, IconDownload, IconPlus, IconSearch, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData, graphql } from '../../gql';
import { type AgentRole, OrderDirection, type SkillCategory, SkillOrderField, type SkillRowFragment, SkillStatus } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { FilterBar } from '../../ui/FilterBar';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { ActionsHeader } from '../../ui/RowActions';
import { ROLE_LABEL, roleOptions } from '../../ui/labels';
import { words } from '../../format/words';
import { CreateSkillModal } from './CreateSkillModal';
import { InstallSkillModal } from './InstallSkillModal';
import { WHOLE } from '../../ui/badges';
import { enumText } from '../../format/words';

export const SkillsQuery = graphql(`
  query Skills($first: Int!, $after: String, $filter: SkillFilter, $orderBy: SkillOrder) {
    skills(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          ...SkillRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SkillRow = graphql(`
  fragment SkillRow on Skill {
    id
    name
    description
    version
    category
    status
    compatibleRoles
    permissions
    installCount
    rating
  }
`);

const SkillPublish = graphql(`
  mutation SkillPublish($input: SkillLifecycleInput!) {
    skillPublish(input: $input) {
      skill {
        ...SkillRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const SkillDeprecate = graphql(`
  mutation SkillDeprecate($input: SkillLifecycleInput!) {
    skillDeprecate(input: $input) {
      skill {
        ...SkillRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const SKILL_STATUS_COLOR: Record<SkillStatus, string> = { DRAFT: 'gray', PUBLISHED: 'teal', DEPRECATED: 'orange', REMOVED: 'dark' };
export const categoryOptions = (['ANALYTICS', 'COMMUNICATION', 'ENGINEERING', 'PRODUCTIVITY'] as SkillCategory[]).map((value) => ({
  value,
  label: words(value),
}));
const statusOptions = [SkillStatus.Draft, SkillStatus.Published, SkillStatus.Deprecated].map((value) => ({ value, label: words(value) }));
const SORTS = [
  { value: 'NAME', label: 'Name' },
  { value: 'INSTALL_COUNT', label: 'Most installed' },
  { value: 'RATING', label: 'Best rated' },
  { value: 'CREATED_AT', label: 'Newest' },
];

type Pending = { kind: 'publish' | 'deprecate'; skill: SkillRowFragment };

export default function SkillsPage() {
  const viewer = useViewer();
  const manage = allowed(viewer, 'skills.manage');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [categories, setCategories] = useState<SkillCategory[]>([]);
  const [statuses, setStatuses] = useState<SkillStatus[]>([]);
  const [role, setRole] = useState<AgentRole | null>(null);
  const [sort, setSort] = useState<string>('NAME');
  const [creating, create] = useDisclosure(false);
  const [installing, setInstalling] = useState<SkillRowFragment | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [messages, setMessages] = useState<string[] | null>(null);
  const orderBy = { field: sort as SkillOrderField, direction: sort === 'NAME' ? OrderDirection.Asc : OrderDirection.Desc };
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(SkillsQuery, {
    variables: {
      first: 25,
      filter: {
        search: debouncedSearch.trim() || null,
        categories: categories.length ? categories : null,
        statuses: statuses.length ? statuses : null,
        compatibleWith: role,
      },
      orderBy,
    },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const [publish, publishState] = useMutation(SkillPublish);
  const [deprecate, deprecateState] = useMutation(SkillDeprecate);
  const connection = (data ?? previousData)?.skills;
  const skills =
    getFragmentData(
      SkillRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];
  const filtered = Boolean(debouncedSearch.trim() || categories.length || statuses.length || role);

  async function confirm() {
    if (!pending) return;
    const variables = { input: { skillId: pending.skill.id } };
    const { payload, problems } =
      pending.kind === 'publish'
        ? await runMutation(
            () => publish({ variables, errorPolicy: 'all' }),
            (data) => data.skillPublish,
          )
        : await runMutation(
            () => deprecate({ variables, errorPolicy: 'all' }),
            (data) => data.skillDeprecate,
          );
    if (problems.length) return setMessages(problems);
    notifications.show({
      color: 'teal',
      title: pending.kind === 'publish' ? 'Skill published' : 'Skill deprecated',
      message: `${pending.skill.name} is now ${enumText(getFragmentData(SkillRow, payload?.skill)?.status)}.`,
    });
    setPending(null);
    setMessages(null);
  }

  return (
    <>
      <PageHeader
        title="Skills"
        description="The tenant's marketplace of skills agents can have installed. Only published skills can be installed."
        actions={
          manage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={create.open}>
              Create skill
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md">
        <FilterBar what="skills" refreshing={loading && Boolean(connection)} onRefresh={() => void refetch()}>
          <TextInput
            label="Search"
            placeholder="Name or description"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={200}
          />
          <MultiSelect
            label="Category"
            placeholder={categories.length ? undefined : 'Any'}
            data={categoryOptions}
            value={categories}
            onChange={(v) => setCategories(v as SkillCategory[])}
            clearable
            w={190}
          />
          <MultiSelect
            label="Status"
            placeholder={statuses.length ? undefined : 'Any but removed'}
            data={statusOptions}
            value={statuses}
            onChange={(v) => setStatuses(v as SkillStatus[])}
            clearable
            w={190}
          />
          <Select
            label="For agents of role"
            placeholder="Any role"
            data={roleOptions}
            value={role}
            onChange={(v) => setRole(v as AgentRole | null)}
            clearable
            w={170}
          />
          <Select label="Sort" data={SORTS} value={sort} onChange={(v) => setSort(v ?? 'NAME')} allowDeselect={false} w={150} />
        </FilterBar>
        <ListState
          loading={loading && !connection}
          error={error}
          empty={connection != null && skills.length === 0}
          emptyTitle={filtered ? 'No skills match these filters' : 'No skills yet'}
          emptyDescription={!filtered && manage ? 'Create a skill, then publish it so agents can have it installed.' : undefined}
          what="skills"
          onRetry={() => void refetch()}
        >
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Skills">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Skill</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>For roles</Table.Th>
                  <Table.Th>Asks for</Table.Th>
                  <Table.Th ta="right">Installs</Table.Th>
                  <Table.Th>Rating</Table.Th>
                  {manage ? <ActionsHeader w={60} /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {skills.map((skill) => (
                  <Table.Tr key={skill.id} data-testid="skill-row" data-skill-name={skill.name}>
                    <Table.Td maw={340}>
                      <Stack gap={0}>
                        <Text size="sm">
                          <Anchor component={Link} to={`/skills/${encodeURIComponent(skill.id)}`} size="sm" fw={500}>
                            {skill.name}
                          </Anchor>{' '}
                          <Text span size="xs" c="dimmed">
                            v{skill.version} · {enumText(skill.category)}
                          </Text>
                        </Text>
                        {skill.description ? (
                          <Text size="xs" c="dimmed" lineClamp={2}>
                            {skill.description}
                          </Text>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Badge styles={WHOLE} variant="light" color={SKILL_STATUS_COLOR[skill.status]}>
                        {enumText(skill.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{skill.compatibleRoles.map((r) => ROLE_LABEL[r]).join(', ')}</Text>
                    </Table.Td>
                    <Table.Td maw={240}>
                      <Group gap={4}>
                        {skill.permissions.length
                          ? skill.permissions.map((p) => (
                              <Badge styles={WHOLE} key={p} size="sm" variant="light" color="gray" tt="none" ff="monospace">
                                {p}
                              </Badge>
                            ))
                          : '—'}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{skill.installCount}</Text>
                    </Table.Td>
                    <Table.Td>
                      {skill.rating > 0 ? (
                        <Group gap={4} wrap="nowrap">
                          <Rating value={skill.rating} fractions={10} readOnly size="xs" />
                          <Text size="xs" c="dimmed">
                            {skill.rating.toFixed(1)}
                          </Text>
                        </Group>
                      ) : (
                        <Text size="xs" c="dimmed">
                          Not rated
                        </Text>
                      )}
                    </Table.Td>
                    {manage ? (
                      <Table.Td>
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon variant="subtle" aria-label={`Actions for ${skill.name}`}>
                              <IconDots size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item
                              leftSection={<IconDownload size={14} />}
                              disabled={skill.status !== SkillStatus.Published}
                              onClick={() => setInstalling(skill)}
                            >
                              Install on an agent
                            </Menu.Item>
                            {skill.status === SkillStatus.Draft ? (
                              <Menu.Item leftSection={<IconSend size={14} />} onClick={() => setPending({ kind: 'publish', skill })}>
                                Publish
                              </Menu.Item>
                            ) : null}
                            {skill.status === SkillStatus.Published ? (
                              <Menu.Item leftSection={<IconArchive size={14} />} color="orange" onClick={() => setPending({ kind: 'deprecate', skill })}>
                                Deprecate
                              </Menu.Item>
                            ) : null}
                          </Menu.Dropdown>
                        </Menu>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {connection ? (
            <LoadMore
              shown={skills.length}
              total={connection.totalCount}
              hasMore={connection.pageInfo.hasNextPage}
              noun="skills"
              onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            />
          ) : null}
        </ListState>
      </Card>
      {manage ? <CreateSkillModal opened={creating} onClose={create.close} /> : null}
      {manage && installing ? <InstallSkillModal key={installing.id} opened skill={installing} onClose={() => setInstalling(null)} /> : null}
      <ConfirmModal
        opened={pending !== null}
        title={pending?.kind === 'publish' ? 'Publish skill' : 'Deprecate skill'}
        confirmLabel={pending?.kind === 'publish' ? 'Publish' : 'Deprecate'}
        danger={pending?.kind === 'deprecate'}
        busy={publishState.loading || deprecateState.loading}
        messages={messages}
        onConfirm={() => void confirm()}
        onClose={() => {
          setPending(null);
          setMessages(null);
        }}
      >
        {pending?.kind === 'publish' ? (
          <>
            Publish <b>{pending.skill.name}</b> {pending.skill.version}? Agents of the roles it supports can then have it installed; its roles and permissions
            can no longer change.
          </>
        ) : (
          <>
            Deprecate <b>{pending?.skill.name}</b>? Its {pending?.skill.installCount ?? 0} installations stay; new installs are refused.
          </>
        )}
      </ConfirmModal>
    </>
  );
}
