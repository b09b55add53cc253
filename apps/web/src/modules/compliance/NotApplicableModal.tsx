import { useMutation } from '@apollo/client/react';
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { graphql } from '../../gql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';

export const RequirementMarkNotApplicable = graphql(`
  mutation ComplianceRequirementMarkNotApplicable($input: ComplianceRequirementMarkNotApplicableInput!) {
    complianceRequirementMarkNotApplicable(input: $input) {
      requirement {
        id
        applicable
        notApplicableReason
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

export const RequirementMarkApplicable = graphql(`
  mutation ComplianceRequirementMarkApplicable($input: ComplianceRequirementRefInput!) {
    complianceRequirementMarkApplicable(input: $input) {
      requirement {
        id
        applicable
        notApplicableReason
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

interface Target {
  id: string;
  code: string;
  title: string;
}

/** Leaves a requirement (and what is below it) out of the score, with the reason an auditor will read. */
export function NotApplicableModal({ requirement, onClose }: { requirement: Target | null; onClose: () => void }) {
  const [mark] = useMutation(RequirementMarkNotApplicable, { refetchQueries: ['ComplianceFrameworkDetail', 'ComplianceOverview'] });
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { reason: '' },
    validate: { reason: (v: string) => (!v.trim() ? 'Say why it does not apply' : v.trim().length > 1000 ? 'At most 1000 characters' : null) },
  });
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await mark({ variables: { input: { requirementId: requirement!.id, reason: values.reason.trim() } }, errorPolicy: 'all' });
      return { payload: data?.complianceRequirementMarkNotApplicable, error };
    },
    result: (payload) => payload.requirement,
    fields: ['reason'],
    toast: () => ({ title: 'Marked not applicable', message: `${requirement!.code} no longer counts towards the score.` }),
    onClose,
  });
  return (
    <Modal opened={requirement !== null} onClose={close} title="Mark not applicable" centered>
      {requirement ? (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              <b>{requirement.code}</b> {requirement.title}
            </Text>
            <Textarea label="Reason" required autosize minRows={3} data-autofocus {...form.getInputProps('reason')} key={form.key('reason')} />
            <FormProblems messages={problems} />
            <FormActions onCancel={close} submitting={submitting} submitLabel="Mark not applicable" />
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
