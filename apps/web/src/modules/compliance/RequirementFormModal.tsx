import { useMutation, useQuery } from '@apollo/client/react';
import { Modal, NumberInput, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { graphql } from '../../gql';
import type { RequirementRowFragment } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';

export const RequirementCreate = graphql(`
  mutation ComplianceRequirementCreate($input: ComplianceRequirementCreateInput!) {
    complianceRequirementCreate(input: $input) {
      requirement {
        id
        code
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const RequirementUpdate = graphql(`
  mutation ComplianceRequirementUpdate($input: ComplianceRequirementUpdateInput!) {
    complianceRequirementUpdate(input: $input) {
      requirement {
        id
        code
        title
        description
        weight
        evidenceRequired
        responsible {
          id
          fullName
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

export const RequirementMembersQuery = graphql(`
  query ComplianceRequirementMembers {
    members(first: 100, orderBy: { field: FULL_NAME, direction: ASC }) {
      nodes {
        id
        user {
          id
          fullName
        }
      }
    }
  }
`);

/** What the modal works on: a new requirement (at the top, or under a parent), or one to edit. */
export type RequirementFormTarget =
  { kind: 'create'; frameworkId: string; parent: { id: string; code: string } | null } | { kind: 'edit'; requirement: RequirementRowFragment };

export interface RequirementValues {
  code: string;
  title: string;
  description: string;
  weight: number | string;
  evidenceRequired: boolean;
  responsibleId: string | null;
}

export function requirementProblems(values: RequirementValues): Partial<Record<keyof RequirementValues, string>> {
  const problems: Partial<Record<keyof RequirementValues, string>> = {};
  const code = values.code.trim();
  if (!code || code.length > 40) problems.code = 'Give the identifier the standard uses, up to 40 characters';
  const title = values.title.trim();
  if (!title || title.length > 1000) problems.title = 'Give the title, up to 1000 characters';
  if (values.description.length > 4000) problems.description = 'At most 4000 characters';
  const weight = Number(values.weight);
  if (values.weight === '' || !(weight > 0 && weight <= 1000)) problems.weight = 'A weight more than 0 and at most 1000';
  return problems;
}

function initialValues(target: RequirementFormTarget | null): RequirementValues {
  if (target?.kind === 'edit') {
    const r = target.requirement;
    return {
      code: r.code,
      title: r.title,
      description: r.description,
      weight: r.weight,
      evidenceRequired: r.evidenceRequired,
      responsibleId: r.responsible?.id ?? null,
    };
  }
  return { code: '', title: '', description: '', weight: 1, evidenceRequired: false, responsibleId: null };
}

/** Adds a requirement to a framework (at the top or under another), or changes one: identifier, title, notes, weight, evidence rule, who answers for it. */
export function RequirementFormModal({ target, onClose }: { target: RequirementFormTarget | null; onClose: () => void }) {
  const refetchQueries = ['ComplianceFrameworkDetail', 'ComplianceOverview'];
  const [create] = useMutation(RequirementCreate, { refetchQueries });
  const [update] = useMutation(RequirementUpdate, { refetchQueries });
  const editing = target?.kind === 'edit';
  const { data } = useQuery(RequirementMembersQuery, { errorPolicy: 'all', skip: !editing });
  const form = useForm<RequirementValues>({ mode: 'controlled', initialValues: initialValues(target), validate: requirementProblems });
  useEffect(() => {
    if (target) form.setValues(initialValues(target));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when the modal opens on another target
  }, [target]);
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const common = {
        code: values.code.trim(),
        title: values.title.trim(),
        description: values.description.trim(),
        weight: Number(values.weight),
        evidenceRequired: values.evidenceRequired,
      };
      if (target?.kind === 'edit') {
        const { data: result, error } = await update({
          variables: { input: { requirementId: target.requirement.id, ...common, responsibleId: values.responsibleId } },
          errorPolicy: 'all',
        });
        return { payload: result?.complianceRequirementUpdate, error };
      }
      if (target?.kind !== 'create') return { payload: null };
      const { data: result, error } = await create({
        variables: { input: { frameworkId: target.frameworkId, parentId: target.parent?.id ?? null, ...common } },
        errorPolicy: 'all',
      });
      return { payload: result?.complianceRequirementCreate, error };
    },
    result: (payload) => payload.requirement,
    fields: ['code', 'title', 'description', 'weight', 'evidenceRequired', 'responsibleId'],
    toast: (saved) =>
      editing
        ? { title: 'Requirement saved', message: `${saved.code} is up to date.` }
        : { title: 'Requirement added', message: `${saved.code} is in the framework.` },
    onClose,
  });
  const members = (data?.members?.nodes ?? []).map((m) => ({ value: m.user.id, label: m.user.fullName }));
  const title = editing
    ? 'Edit requirement'
    : target?.kind === 'create' && target.parent
      ? `Add a requirement under ${target.parent.code}`
      : 'Add a requirement';
  return (
    <Modal opened={target !== null} onClose={close} title={title} centered size="lg">
      <form onSubmit={submit} noValidate aria-label={editing ? 'Edit requirement' : 'Add requirement'}>
        <Stack>
          {target?.kind === 'create' ? (
            <Text size="sm" c="dimmed">
              {target.parent ? `It goes last among the requirements under ${target.parent.code}.` : 'It goes last among the top-level requirements.'}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Identifier" placeholder="CC6.1" required data-autofocus {...form.getInputProps('code')} />
            <NumberInput label="Weight" min={0.01} max={1000} clampBehavior="none" decimalScale={2} required {...form.getInputProps('weight')} />
          </SimpleGrid>
          <Textarea label="Title" placeholder="As the standard words it" required autosize minRows={2} {...form.getInputProps('title')} />
          <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('description')} />
          {editing ? (
            <Select label="Responsible" placeholder="Who answers for it" data={members} searchable clearable {...form.getInputProps('responsibleId')} />
          ) : null}
          <Switch label="Met only with approved evidence on one of its controls" {...form.getInputProps('evidenceRequired', { type: 'checkbox' })} />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel={editing ? 'Save requirement' : 'Add requirement'} />
        </Stack>
      </form>
    </Modal>
  );
}
