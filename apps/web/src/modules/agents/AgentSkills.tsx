import { useMutation } from '@apollo/client/react';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { AgentRole, InstalledSkillFragment } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { When } from '../../ui/When';
import { InstallSkillModal } from '../skills/public';
import { JsonView } from '../../ui/json';
import { WHOLE } from '../../ui/badges';
import { enumText } from '../../format/words';

export const InstalledSkill = graphql(`
  fragment InstalledSkill on SkillInstallation {
    id
    grantedPermissions
    installedAt
    installedBy {
      id
      fullName
    }
    skill {
      id
      name
      version
      category
      status
    }
  }
`);

const SkillUninstall = graphql(`
  mutation SkillUninstall($input: SkillUninstallInput!) {
    skillUninstall(input: $input) {
      uninstalledInstallationId
      agent {
        id
        skills {
          ...InstalledSkill
          config
        }
      }
      skill {
        id
        installCount
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type Installation = InstalledSkillFragment & { config?: Record<string, unknown> | null };

interface AgentSkillsProps {
  agent: { id: string; name: string; role: AgentRole; skills: readonly Installation[] };
  manage: boolean;
  withConfig: boolean;
}

/** Skills installed on an agent, with the permissions granted to each; managers install and uninstall. */
export function AgentSkills({ agent, manage, withConfig }: AgentSkillsProps) {
  const [installing, setInstalling] = useState(false);
  const [removing, setRemoving] = useState<Installation | null>(null);
  const [messages, setMessages] = useState<string[] | null>(null);
  const [uninstall, { loading }] = useMutation(SkillUninstall);

  async function confirm() {
    if (!removing) return;
    const { problems } = await runMutation(
      () => uninstall({ variables: { input: { installationId: removing.id } }, errorPolicy: 'all' }),
      (data) => data.skillUninstall,
    );
    if (problems.length) return setMessages(problems);
    notifications.show({
      color: 'teal',
      title: 'Skill uninstalled',
      message: `${removing.skill.name} was removed from ${agent.name}; what it was granted is revoked.`,
    });
    setRemoving(null);
    setMessages(null);
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Skills extend what the agent can do; each holds the permissions granted when it was installed.
        </Text>
        {manage ? (
          <Button size="xs" leftSection={<IconPlus size={16} />} onClick={() => setInstalling(true)}>
            Install skill
          </Button>
        ) : null}
      </Group>
      <ListState loading={false} error={null} empty={agent.skills.length === 0} emptyTitle="No skills installed" what="skills">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" aria-label="Installed skills">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Skill</Table.Th>
                <Table.Th>Permissions granted</Table.Th>
                <Table.Th>Installed</Table.Th>
                {withConfig ? <Table.Th>Settings</Table.Th> : null}
                {manage ? <ActionsHeader w={60} /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agent.skills.map((installation) => (
                <Table.Tr key={installation.id} data-testid="installed-skill">
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm" fw={500}>
                        {installation.skill.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        v{installation.skill.version} · {enumText(installation.skill.category)}
                        {installation.skill.status !== 'PUBLISHED' ? ` · ${enumText(installation.skill.status)}` : ''}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {installation.grantedPermissions.length ? (
                        installation.grantedPermissions.map((p) => (
                          <Badge styles={WHOLE} key={p} size="sm" variant="light" color="gray" tt="none" ff="monospace">
                            {p}
                          </Badge>
                        ))
                      ) : (
                        <Text size="sm" c="dimmed">
                          None
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      <When at={installation.installedAt} />
                      {installation.installedBy ? (
                        <Text size="xs" c="dimmed">
                          by {installation.installedBy.fullName}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  {withConfig ? (
                    <Table.Td maw={260}>
                      <JsonView value={installation.config} empty="Defaults" />
                    </Table.Td>
                  ) : null}
                  {manage ? (
                    <Table.Td>
                      <RowAction
                        label="Uninstall"
                        ariaLabel={`Uninstall ${installation.skill.name}`}
                        icon={<IconTrash size={16} />}
                        danger
                        onClick={() => setRemoving(installation)}
                      />
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </ListState>
      {manage ? (
        <InstallSkillModal
          opened={installing}
          onClose={() => setInstalling(false)}
          agent={{ id: agent.id, name: agent.name, role: agent.role }}
          installedSkillIds={agent.skills.map((s) => s.skill.id)}
        />
      ) : null}
      <ConfirmModal
        opened={removing !== null}
        title="Uninstall skill"
        confirmLabel="Uninstall"
        danger
        busy={loading}
        messages={messages}
        onConfirm={() => void confirm()}
        onClose={() => {
          setRemoving(null);
          setMessages(null);
        }}
      >
        Uninstall <b>{removing?.skill.name}</b> from {agent.name}? The permissions it was granted ({removing?.grantedPermissions.join(', ') || 'none'}) are
        revoked at once.
      </ConfirmModal>
    </Stack>
  );
}
