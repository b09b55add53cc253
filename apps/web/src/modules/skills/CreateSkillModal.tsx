import { useMutation } from '@apollo/client/react';
import { Modal, MultiSelect, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getFragmentData, graphql } from '../../gql';
import type { AgentRole, SkillCategory } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { roleOptions } from '../../ui/labels';
import { useFormMutation } from '../../ui/useFormMutation';
import { SkillRow } from './SkillsPage';
import { words } from '../../format/words';

const SkillCreate = graphql(`
  mutation SkillCreate($input: SkillCreateInput!) {
    skillCreate(input: $input) {
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

const FIELDS = ['name', 'description', 'version', 'category', 'compatibleRoles', 'permissions'];
const PERMISSION = /^[a-z][a-z0-9_-]*:[a-z0-9_.*-]+$/i;
const categories = (['ANALYTICS', 'COMMUNICATION', 'ENGINEERING', 'PRODUCTIVITY'] as SkillCategory[]).map((value) => ({ value, label: words(value) }));

interface Values {
  name: string;
  description: string;
  version: string;
  category: SkillCategory | '';
  compatibleRoles: AgentRole[];
  permissions: string[];
}

/** A new skill starts as a draft: roles and permissions can change until it is published. */
export function CreateSkillModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [create] = useMutation(SkillCreate, { refetchQueries: ['Skills'] });
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: { name: '', description: '', version: '1.0.0', category: '', compatibleRoles: [], permissions: [] },
    validate: {
      name: (v) => (!v.trim() ? 'Give the skill a name' : v.trim().length > 120 ? 'At most 120 characters' : null),
      description: (v) => (v.length > 2000 ? 'At most 2000 characters' : null),
      version: (v) => (!v.trim() ? 'Give it a version, e.g. 1.0.0' : v.trim().length > 40 ? 'At most 40 characters' : null),
      category: (v) => (v ? null : 'Choose a category'),
      compatibleRoles: (v) => (v.length ? null : 'Choose at least one role of agent it works for'),
      permissions: (v) =>
        v.find((p) => !PERMISSION.test(p) || p.length > 60) ? 'Permissions read like "read:repo" or "send:email", at most 60 characters' : null,
    },
  });

  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await create({
        variables: {
          input: {
            name: values.name.trim(),
            description: values.description.trim(),
            version: values.version.trim(),
            category: values.category as SkillCategory,
            compatibleRoles: values.compatibleRoles,
            permissions: values.permissions,
          },
        },
        errorPolicy: 'all',
      });
      return { payload: data?.skillCreate, error };
    },
    result: (payload) => getFragmentData(SkillRow, payload.skill),
    fields: FIELDS,
    toast: (skill) => ({ title: 'Skill created', message: `${skill.name} is a draft; publish it to let agents install it.` }),
    onClose,
  });

  return (
    <Modal opened={opened} onClose={close} title="Create a skill" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label="Name" placeholder="Jira Ticket Triage" required data-autofocus key={form.key('name')} {...form.getInputProps('name')} />
            <TextInput label="Version" required key={form.key('version')} {...form.getInputProps('version')} />
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={2} maxRows={5} key={form.key('description')} {...form.getInputProps('description')} />
          <SimpleGrid cols={2}>
            <Select
              label="Category"
              placeholder="Choose a category"
              data={categories}
              required
              key={form.key('category')}
              {...form.getInputProps('category')}
            />
            <MultiSelect
              label="For agents of role"
              placeholder="Choose roles"
              data={roleOptions}
              required
              key={form.key('compatibleRoles')}
              {...form.getInputProps('compatibleRoles')}
            />
          </SimpleGrid>
          <TagsInput
            label="Permissions it asks for"
            description='Granted on install, e.g. "read:repo"; press Enter after each'
            key={form.key('permissions')}
            {...form.getInputProps('permissions')}
          />
          <Text size="xs" c="dimmed">
            The skill is created as a draft. Publish it from the list to let agents install it.
          </Text>
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel="Create skill" />
        </Stack>
      </form>
    </Modal>
  );
}
