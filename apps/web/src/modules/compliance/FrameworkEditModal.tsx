import { useMutation } from '@apollo/client/react';
import { Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { graphql } from '../../gql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';

export const FrameworkUpdate = graphql(`
  mutation ComplianceFrameworkUpdate($input: ComplianceFrameworkUpdateInput!) {
    complianceFrameworkUpdate(input: $input) {
      framework {
        id
        name
        version
        certifiedOn
        expiresOn
        auditor
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

interface FrameworkTerms {
  id: string;
  name: string;
  version: string;
  certifiedOn: string | null;
  expiresOn: string | null;
  auditor: string | null;
}

interface Values {
  name: string;
  version: string;
  certifiedOn: string | null;
  expiresOn: string | null;
  auditor: string;
}

export function frameworkProblems(values: Values): Partial<Record<keyof Values, string>> {
  const problems: Partial<Record<keyof Values, string>> = {};
  if (!values.name.trim() || values.name.trim().length > 120) problems.name = 'Give the framework a name of up to 120 characters';
  if (!values.version.trim()) problems.version = 'Enter the version';
  if (values.certifiedOn && values.expiresOn && values.expiresOn <= values.certifiedOn) problems.expiresOn = 'The certification expires after it was granted';
  return problems;
}

/** The framework's name and certification: when it was certified, when that expires, and by whom. */
export function FrameworkEditModal({ opened, framework, onClose }: { opened: boolean; framework: FrameworkTerms; onClose: () => void }) {
  const [update] = useMutation(FrameworkUpdate, { refetchQueries: ['ComplianceOverview'] });
  const initial = (): Values => ({
    name: framework.name,
    version: framework.version,
    certifiedOn: framework.certifiedOn,
    expiresOn: framework.expiresOn,
    auditor: framework.auditor ?? '',
  });
  const form = useForm<Values>({ mode: 'controlled', initialValues: initial(), validate: frameworkProblems });
  useEffect(() => {
    if (opened) form.setValues(initial());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when the modal opens
  }, [opened]);
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await update({
        variables: {
          input: {
            frameworkId: framework.id,
            name: values.name.trim(),
            version: values.version.trim(),
            certifiedOn: values.certifiedOn || null,
            expiresOn: values.expiresOn || null,
            auditor: values.auditor.trim() || null,
          },
        },
        errorPolicy: 'all',
      });
      return { payload: data?.complianceFrameworkUpdate, error };
    },
    result: (payload) => payload.framework,
    fields: ['name', 'version', 'certifiedOn', 'expiresOn', 'auditor'],
    toast: (saved) => ({ title: 'Framework saved', message: `${saved.name} is up to date.` }),
    onClose,
  });
  return (
    <Modal opened={opened} onClose={close} title="Edit framework" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
            <TextInput label="Version" required {...form.getInputProps('version')} />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <DateInput label="Certified on" clearable valueFormat="YYYY-MM-DD" {...form.getInputProps('certifiedOn')} />
            <DateInput label="Expires on" clearable valueFormat="YYYY-MM-DD" {...form.getInputProps('expiresOn')} />
          </SimpleGrid>
          <TextInput label="Auditor" placeholder="The audit firm" {...form.getInputProps('auditor')} />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel="Save framework" />
        </Stack>
      </form>
    </Modal>
  );
}
