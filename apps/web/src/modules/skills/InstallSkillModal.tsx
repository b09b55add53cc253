import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Checkbox, Group, JsonInput, Modal, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { graphql } from '../../gql';
import { NamedOrderField, type AgentRole, AgentStatus, OrderDirection, SkillOrderField, SkillStatus } from '../../gql/graphql';
import { problemsOf } from '../../ui/errors';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { JSON_PROBLEM, parseJsonObject } from '../../ui/json';
import { ROLE_LABEL } from '../../ui/labels';
import { WHOLE } from '../../ui/badges';
import { useFormMutation } from '../../ui/useFormMutation';
import { enumText } from '../../format/words';

const InstallableSkills = graphql(`
  query InstallableSkills($filter: SkillFilter!, $orderBy: SkillOrder) {
    skills(first: 100, filter: $filter, orderBy: $orderBy) {
      edges {
        node {
          id
          name
          version
          description
          permissions
          compatibleRoles
        }
      }
    }
  }
`);

const InstallTargets = graphql(`
  query InstallTargets($filter: AgentFilter!, $orderBy: NamedOrder) {
    agents(first: 100, filter: $filter, orderBy: $orderBy) {
      edges {
        node {
          id
          name
          role
          status
          skills {
            id
            skill {
              id
            }
          }
        }
      }
    }
  }
`);

export const SkillInstall = graphql(`
  mutation SkillInstall($input: SkillInstallInput!) {
    skillInstall(input: $input) {
      installation {
        id
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
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const FIELDS = ['skillId', 'agentId', 'grantedPermissions', 'config'];
const WRITABLE = [AgentStatus.Draft, AgentStatus.Deployed, AgentStatus.Suspended];

interface InstallSkillModalProps {
  opened: boolean;
  onClose: () => void;
  /** Install onto this agent: choose the skill. */
  agent?: { id: string; name: string; role: AgentRole };
  /** Skills already on that agent, left out of the choice. */
  installedSkillIds?: string[];
  /** Install this skill: choose the agent. */
  skill?: { id: string; name: string; permissions: readonly string[]; compatibleRoles: readonly AgentRole[] };
}

interface Values {
  skillId: string | null;
  agentId: string | null;
  grant: boolean;
  config: string;
}

/** Installs a published skill on an agent of a compatible role, granting every permission the skill asks for. */
export function InstallSkillModal({ opened, onClose, agent, installedSkillIds = [], skill }: InstallSkillModalProps) {
  const skills = useQuery(InstallableSkills, {
    variables: {
      filter: { compatibleWith: agent?.role, statuses: [SkillStatus.Published] },
      orderBy: { field: SkillOrderField.Name, direction: OrderDirection.Asc },
    },
    skip: !opened || !agent,
    errorPolicy: 'all',
  });
  const agents = useQuery(InstallTargets, {
    variables: {
      filter: { roles: skill ? [...skill.compatibleRoles] : null, statuses: WRITABLE },
      orderBy: { field: NamedOrderField.Name, direction: OrderDirection.Asc },
    },
    skip: !opened || !skill,
    errorPolicy: 'all',
  });
  const [install] = useMutation(SkillInstall);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { skillId: skill?.id ?? null, agentId: agent?.id ?? null, grant: false, config: '' },
    validate: {
      skillId: (v) => (v ? null : 'Choose a skill'),
      agentId: (v) => (v ? null : 'Choose an agent'),
      grant: (v, values) => (v || permissionsOf(values.skillId).length === 0 ? null : 'The skill needs every permission it asks for'),
      config: (v) => parseJsonObject(v).error,
    },
  });

  const skillOptions = (skills.data?.skills?.edges ?? []).map((e) => e.node).filter((s) => !installedSkillIds.includes(s.id));
  const agentOptions = (agents.data?.agents?.edges ?? []).map((e) => e.node).filter((a) => !skill || !a.skills.some((s) => s.skill.id === skill.id));
  function permissionsOf(skillId: string | null): readonly string[] {
    if (skill) return skill.permissions;
    return skillOptions.find((s) => s.id === skillId)?.permissions ?? [];
  }
  const permissions = permissionsOf(form.values.skillId);
  const agentName = agent?.name ?? agentOptions.find((a) => a.id === form.values.agentId)?.name;
  const skillName = skill?.name ?? skillOptions.find((s) => s.id === form.values.skillId)?.name;

  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await install({
        variables: {
          input: {
            agentId: values.agentId!,
            skillId: values.skillId!,
            grantedPermissions: [...permissionsOf(values.skillId)],
            config: parseJsonObject(values.config).value,
          },
        },
        errorPolicy: 'all',
      });
      return { payload: data?.skillInstall, error };
    },
    result: (payload) => payload.installation,
    fields: FIELDS,
    // The API names the permissions it was granted; the form asks for them with one checkbox.
    fieldPath: (field) => (field === 'grantedPermissions' ? 'grant' : field),
    toast: () => ({ title: 'Skill installed', message: `${skillName ?? 'The skill'} is installed on ${agentName ?? 'the agent'}.` }),
    onClose,
  });

  const loadProblem = skills.error ?? agents.error;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={agent ? `Install a skill on ${agent.name}` : `Install ${skill?.name ?? 'a skill'} on an agent`}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {agent ? (
            <Select
              label="Skill"
              description={`Published skills for ${ROLE_LABEL[agent.role].toLowerCase()} agents`}
              placeholder={skills.loading ? 'Loading skills…' : skillOptions.length ? 'Choose a skill' : 'No skill left to install'}
              data={skillOptions.map((s) => ({ value: s.id, label: `${s.name} ${s.version}` }))}
              searchable
              required
              data-autofocus
              {...form.getInputProps('skillId')}
            />
          ) : (
            <Select
              label="Agent"
              description={`Agents whose role the skill supports (${skill?.compatibleRoles.map((r) => ROLE_LABEL[r]).join(', ')}); archived agents are read-only`}
              placeholder={agents.loading ? 'Loading agents…' : agentOptions.length ? 'Choose an agent' : 'No agent can take this skill'}
              data={agentOptions.map((a) => ({ value: a.id, label: `${a.name} (${enumText(a.status)})` }))}
              searchable
              required
              data-autofocus
              {...form.getInputProps('agentId')}
            />
          )}
          {permissions.length ? (
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                Permissions it asks for
              </Text>
              <Group gap={4}>
                {permissions.map((p) => (
                  <Badge styles={WHOLE} key={p} variant="light" color="gray" tt="none" ff="monospace">
                    {p}
                  </Badge>
                ))}
              </Group>
              <Checkbox label="Grant these permissions to the agent" {...form.getInputProps('grant', { type: 'checkbox' })} />
            </Stack>
          ) : form.values.skillId ? (
            <Text size="sm" c="dimmed">
              This skill asks for no permissions.
            </Text>
          ) : null}
          <JsonInput
            validationError={JSON_PROBLEM}
            label="Settings"
            description="Optional JSON object for this installation"
            placeholder='{"mode": "suggest"}'
            autosize
            minRows={3}
            maxRows={10}
            formatOnBlur
            {...form.getInputProps('config')}
          />
          {loadProblem ? (
            <Alert color="red" role="alert">
              {problemsOf(loadProblem)
                .map((p) => p.message)
                .join(' ')}
            </Alert>
          ) : null}
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel="Install" />
        </Stack>
      </form>
    </Modal>
  );
}
