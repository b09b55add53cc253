import { useMutation, useQuery } from '@apollo/client/react';
import { Modal, MultiSelect, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
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

export const ControlUpdate = graphql(`
  mutation ComplianceControlUpdate($input: ComplianceControlUpdateInput!) {
    complianceControlUpdate(input: $input) {
      control {
        id
        name
        description
        reviewFrequency
        evidenceRequired
        status
        owner {
          id
          fullName
        }
        policies {
          id
          name
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

/** A control as the edit form starts from it. */
export interface EditedControl {
  id: string;
  name: string;
  description: string;
  reviewFrequency: ComplianceReviewFrequency;
  evidenceRequired: boolean;
  owner?: { id: string } | null;
  policies: readonly { id: string }[];
}

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

function valuesOf(control: EditedControl | null | undefined): ControlValues {
  if (!control) return emptyControl;
  return {
    name: control.name,
    description: control.description,
    ownerId: control.owner?.id ?? null,
    reviewFrequency: control.reviewFrequency,
    evidenceRequired: control.evidenceRequired,
    policyIds: control.policies.map((p) => p.id),
  };
}

/**
 * A new control (a measure of the tenant's own, checked by evidence, by policies' decisions, or both; opens it when made),
 * or, given `control`, the same form to change one.
 */
export function ControlFormModal({ opened, onClose, control }: { opened: boolean; onClose: () => void; control?: EditedControl | null }) {
  const navigate = useNavigate();
  const editing = Boolean(control);
  const [create] = useMutation(ControlCreate, { refetchQueries: ['ComplianceControls'] });
  const [update] = useMutation(ControlUpdate, {
    refetchQueries: ['ComplianceControlDetail', 'ComplianceControls', 'ComplianceFrameworkDetail', 'ComplianceOverview'],
  });
  const { data } = useQuery(ControlFormOptionsQuery, { errorPolicy: 'all', skip: !opened });
  const form = useForm<ControlValues>({ mode: 'controlled', initialValues: valuesOf(control), validate: controlProblems });
  useEffect(() => {
    if (opened) form.setValues(valuesOf(control));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when the modal opens
  }, [opened]);
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const input = {
        name: values.name.trim(),
        description: values.description.trim(),
        ownerId: values.ownerId,
        reviewFrequency: values.reviewFrequency,
        evidenceRequired: values.evidenceRequired,
        policyIds: values.policyIds,
      };
      if (control) {
        const { data: result, error } = await update({ variables: { input: { controlId: control.id, ...input } }, errorPolicy: 'all' });
        return { payload: result?.complianceControlUpdate, error };
      }
      const { data: result, error } = await create({ variables: { input }, errorPolicy: 'all' });
      return { payload: result?.complianceControlCreate, error };
    },
    result: (payload) => payload.control,
    fields: ['name', 'description', 'ownerId', 'reviewFrequency', 'evidenceRequired', 'policyIds'],
    toast: (saved) =>
      editing
        ? { title: 'Control saved', message: `“${saved.name}” is up to date; its status follows.` }
        : { title: 'Control created', message: `Map “${saved.name}” to the requirements it meets.` },
    onDone: (saved) => {
      if (!editing) void navigate(controlPath(saved.id));
    },
    onClose,
  });
  const members = (data?.members?.nodes ?? []).map((m) => ({ value: m.user.id, label: m.user.fullName }));
  const policies = (data?.policies?.nodes ?? []).map((p) => ({ value: p.id, label: p.name }));
  return (
    <Modal opened={opened} onClose={close} title={editing ? 'Edit control' : 'New control'} centered size="lg">
      <form onSubmit={submit} noValidate aria-label={editing ? 'Edit control' : 'New control'}>
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
          <FormActions onCancel={close} submitting={submitting} submitLabel={editing ? 'Save control' : 'Create control'} />
        </Stack>
      </form>
    </Modal>
  );
}
