import { useMutation, useQuery } from '@apollo/client/react';
import { Modal, MultiSelect, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import { graphql } from '../../gql';
import { ComplianceReviewFrequency } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';
import { frequencyOptions } from './labels';
import { controlPath } from './paths';

export const ControlFormOptionsQuery = graphql(`
  query ComplianceControlFormOptions {
    members(first: 100, orderBy: { field: FULL_NAME, direction: ASC }) {
      nodes {
        id
        user {
          id
          fullName
        }
      }
    }
    policies(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

export const ControlCreate = graphql(`
  mutation ComplianceControlCreate($input: ComplianceControlCreateInput!) {
    complianceControlCreate(input: $input) {
      control {
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

export interface ControlValues {
  name: string;
  description: string;
  ownerId: string | null;
  reviewFrequency: ComplianceReviewFrequency;
  evidenceRequired: boolean;
  policyIds: string[];
}

export const emptyControl: ControlValues = {
  name: '',
  description: '',
  ownerId: null,
  reviewFrequency: ComplianceReviewFrequency.Quarterly,
  evidenceRequired: true,
  policyIds: [],
};

export function controlProblems(values: ControlValues): Partial<Record<keyof ControlValues, string>> {
  const problems: Partial<Record<keyof ControlValues, string>> = {};
  const name = values.name.trim();
  if (!name || name.length > 200) problems.name = 'Give the control a name of up to 200 characters';
  if (values.description.length > 4000) problems.description = 'At most 4000 characters';
  if (!values.evidenceRequired && values.policyIds.length === 0) problems.evidenceRequired = 'A control without evidence needs at least one policy to check it';
  return problems;
}

/** A new control: a measure of the tenant's own, checked by evidence, by policies' decisions, or both. Opens it when made. */
export function ControlFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const [create] = useMutation(ControlCreate, { refetchQueries: ['ComplianceControls'] });
  const { data } = useQuery(ControlFormOptionsQuery, { errorPolicy: 'all', skip: !opened });
  const form = useForm<ControlValues>({ mode: 'controlled', initialValues: emptyControl, validate: controlProblems });
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data: result, error } = await create({
        variables: {
          input: {
            name: values.name.trim(),
            description: values.description.trim(),
            ownerId: values.ownerId,
            reviewFrequency: values.reviewFrequency,
            evidenceRequired: values.evidenceRequired,
            policyIds: values.policyIds,
          },
        },
        errorPolicy: 'all',
      });
      return { payload: result?.complianceControlCreate, error };
    },
    result: (payload) => payload.control,
    fields: ['name', 'description', 'ownerId', 'reviewFrequency', 'evidenceRequired', 'policyIds'],
    toast: (control) => ({ title: 'Control created', message: `Map “${control.name}” to the requirements it meets.` }),
    onDone: (control) => void navigate(controlPath(control.id)),
    onClose,
  });
  const members = (data?.members?.nodes ?? []).map((m) => ({ value: m.user.id, label: m.user.fullName }));
  const policies = (data?.policies?.nodes ?? []).map((p) => ({ value: p.id, label: p.name }));
  return (
    <Modal opened={opened} onClose={close} title="New control" centered size="lg">
      <form onSubmit={submit} noValidate aria-label="New control">
        <Stack>
          <TextInput label="Name" placeholder="Quarterly access review" required data-autofocus {...form.getInputProps('name')} />
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          <Select label="Owner" placeholder="Who answers for it" data={members} searchable clearable {...form.getInputProps('ownerId')} />
          <Select label="Review" data={frequencyOptions} allowDeselect={false} required {...form.getInputProps('reviewFrequency')} />
          <MultiSelect
            label="Checked by policies"
            description="The control passes while these policies' latest decisions pass for the agents they cover; the decisions are its evidence"
            data={policies}
            searchable
            {...form.getInputProps('policyIds')}
          />
          <Switch label="Needs approved evidence to pass" {...form.getInputProps('evidenceRequired', { type: 'checkbox' })} />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel="Create control" />
        </Stack>
      </form>
    </Modal>
  );
}
