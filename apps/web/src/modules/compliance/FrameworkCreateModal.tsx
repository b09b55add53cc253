import { useMutation } from '@apollo/client/react';
import { Modal, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import { graphql } from '../../gql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';
import { frameworkPath } from './FrameworkCard';

export const FrameworkCreate = graphql(`
  mutation ComplianceFrameworkCreate($input: ComplianceFrameworkCreateInput!) {
    complianceFrameworkCreate(input: $input) {
      framework {
        id
        name
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

interface Values {
  name: string;
  version: string;
  description: string;
}

export function newFrameworkProblems(values: Values): Partial<Record<keyof Values, string>> {
  const problems: Partial<Record<keyof Values, string>> = {};
  const name = values.name.trim();
  if (!name || name.length > 120) problems.name = 'Give the framework a name of up to 120 characters';
  if (values.version.trim().length > 60) problems.version = 'At most 60 characters';
  if (values.description.length > 4000) problems.description = 'At most 4000 characters';
  return problems;
}

/** A framework written by hand (an internal standard, a customer's questionnaire): it starts empty, and its page adds the requirements. */
export function FrameworkCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const [create] = useMutation(FrameworkCreate, { refetchQueries: ['ComplianceOverview', 'ComplianceFrameworkTemplates'] });
  const form = useForm<Values>({ mode: 'controlled', initialValues: { name: '', version: '', description: '' }, validate: newFrameworkProblems });
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await create({
        variables: { input: { name: values.name.trim(), version: values.version.trim(), description: values.description.trim() } },
        errorPolicy: 'all',
      });
      return { payload: data?.complianceFrameworkCreate, error };
    },
    result: (payload) => payload.framework,
    fields: ['name', 'version', 'description'],
    toast: (framework) => ({ title: 'Framework created', message: `Add the requirements of ${framework.name}.` }),
    onDone: (framework) => void navigate(frameworkPath(framework.id)),
    onClose,
  });
  return (
    <Modal opened={opened} onClose={close} title="Write a framework by hand" centered size="lg">
      <form onSubmit={submit} noValidate aria-label="New framework">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" placeholder="Internal AI rules" required data-autofocus {...form.getInputProps('name')} />
            <TextInput label="Version" placeholder="2026" {...form.getInputProps('version')} />
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel="Create framework" />
        </Stack>
      </form>
    </Modal>
  );
}
