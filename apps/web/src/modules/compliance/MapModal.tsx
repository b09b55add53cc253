import { useMutation, useQuery } from '@apollo/client/react';
import { Modal, MultiSelect, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { graphql } from '../../gql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';

export const MapOptionsQuery = graphql(`
  query ComplianceMapOptions {
    complianceFrameworks(first: 100) {
      nodes {
        id
        name
        version
      }
    }
  }
`);

export const MapRequirementsQuery = graphql(`
  query ComplianceMapRequirements($id: ID!) {
    complianceFramework(id: $id) {
      id
      requirements {
        id
        code
        title
        depth
        applicable
      }
    }
  }
`);

export const ControlMap = graphql(`
  mutation ComplianceControlMap($input: ComplianceControlMappingInput!) {
    complianceControlMap(input: $input) {
      control {
        id
        status
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
  frameworkId: string | null;
  requirementIds: string[];
}

/** Maps a control to requirements of one framework at a time; map again for another framework. */
export function MapModal({ control, mapped, onClose }: { control: { id: string; name: string } | null; mapped: readonly string[]; onClose: () => void }) {
  const opened = control !== null;
  const [map] = useMutation(ControlMap, { refetchQueries: ['ComplianceControlDetail', 'ComplianceFrameworkDetail', 'ComplianceOverview'] });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { frameworkId: null, requirementIds: [] },
    validate: {
      frameworkId: (v) => (v ? null : 'Choose a framework'),
      requirementIds: (v) => (v.length ? null : 'Choose at least one requirement'),
    },
  });
  const frameworks = useQuery(MapOptionsQuery, { skip: !opened, errorPolicy: 'all' });
  const frameworkId = form.values.frameworkId;
  const requirements = useQuery(MapRequirementsQuery, { variables: { id: frameworkId ?? '' }, skip: !opened || !frameworkId, errorPolicy: 'all' });
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await map({ variables: { input: { controlId: control!.id, requirementIds: values.requirementIds } }, errorPolicy: 'all' });
      return { payload: data?.complianceControlMap, error };
    },
    result: (payload) => payload.control,
    fields: ['frameworkId', 'requirementIds'],
    toast: (_, values) => ({
      title: 'Control mapped',
      message: `“${control!.name}” now counts towards ${values.requirementIds.length} more requirement${values.requirementIds.length === 1 ? '' : 's'}.`,
    }),
    onClose,
  });
  const frameworkOptions = (frameworks.data?.complianceFrameworks?.nodes ?? []).map((f) => ({ value: f.id, label: `${f.name} ${f.version}` }));
  const requirementOptions = (requirements.data?.complianceFramework?.requirements ?? [])
    .filter((r) => !mapped.includes(r.id))
    .map((r) => ({ value: r.id, label: `${'  '.repeat(r.depth)}${r.code} ${r.title}`, disabled: !r.applicable }));
  return (
    <Modal opened={opened} onClose={close} title="Map to requirements" centered size="lg">
      <form onSubmit={submit} noValidate aria-label="Map to requirements">
        <Stack>
          <Text size="sm">
            The control counts towards every requirement it is mapped to, in any framework: a requirement is met when all its controls pass.
          </Text>
          <Select
            label="Framework"
            placeholder="Choose a framework"
            data={frameworkOptions}
            searchable
            required
            data-autofocus
            {...form.getInputProps('frameworkId')}
            onChange={(value) => {
              form.setFieldValue('frameworkId', value);
              form.setFieldValue('requirementIds', []);
            }}
          />
          <MultiSelect
            label="Requirements"
            placeholder={frameworkId ? 'Search by code or title' : 'Choose a framework first'}
            data={requirementOptions}
            disabled={!frameworkId}
            searchable
            required
            maxDropdownHeight={320}
            {...form.getInputProps('requirementIds')}
          />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel="Map control" />
        </Stack>
      </form>
    </Modal>
  );
}
