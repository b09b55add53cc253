import { useMutation } from '@apollo/client/react';
import { Button, Checkbox, Group, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconCheck, IconX } from '@tabler/icons-react';
import { getFragmentData } from '../../gql';
import { ApprovalDecisionValue, ApprovalFormFieldType } from '../../gql/graphql';
import { FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';
import { AFTER_DECISION, ApprovalRequestApprove, ApprovalRequestDetail, ApprovalRequestReject } from './approval.operations';
import { decisionFields, type DecisionFormValues, emptyDecision, type FormFieldSpec, MAX_COMMENT, toDecisionInput, validateDecision } from './decision-form';

function FieldInput({ field, form }: { field: FormFieldSpec; form: Pick<UseFormReturnType<DecisionFormValues>, 'getInputProps'> }) {
  const path = `formValues.${field.key}`;
  const common = { label: field.label, required: field.required };
  switch (field.type) {
    case ApprovalFormFieldType.Boolean:
      return <Checkbox {...common} {...form.getInputProps(path, { type: 'checkbox' })} />;
    case ApprovalFormFieldType.Select:
      return <Select {...common} data={[...field.options]} placeholder="Choose one" allowDeselect={!field.required} {...form.getInputProps(path)} />;
    case ApprovalFormFieldType.Number:
      return <TextInput {...common} inputMode="decimal" {...form.getInputProps(path)} />;
    case ApprovalFormFieldType.Date:
      return <TextInput {...common} type="date" {...form.getInputProps(path)} />;
    default:
      return <TextInput {...common} {...form.getInputProps(path)} />;
  }
}

/**
 * Approve or reject the current step, with a comment (required to reject) and the request's own
 * typed fields. Checked as the API checks it; the API's problems show at their field.
 */
export function DecisionForm({
  requestId,
  fields,
  withChange,
  onDecided,
}: {
  requestId: string;
  fields: readonly FormFieldSpec[];
  /** The viewer's role may read the held change (the answer carries the request as the page shows it). */
  withChange: boolean;
  onDecided?: () => void;
}) {
  const [approve] = useMutation(ApprovalRequestApprove, { refetchQueries: AFTER_DECISION });
  const [reject] = useMutation(ApprovalRequestReject, { refetchQueries: AFTER_DECISION });
  const form = useForm<DecisionFormValues>({
    mode: 'controlled',
    initialValues: emptyDecision(fields),
    validate: (values) => validateDecision(values, fields),
  });
  const rejecting = form.values.decision === ApprovalDecisionValue.Reject;

  const { submit, submitting, problems } = useFormMutation({
    form,
    send: async (values) => {
      const input = toDecisionInput(requestId, values, fields);
      if (values.decision === ApprovalDecisionValue.Reject) {
        const { data, error } = await reject({ variables: { input, withChange }, errorPolicy: 'all' });
        return { payload: data?.approvalRequestReject, error };
      }
      const { data, error } = await approve({ variables: { input, withChange }, errorPolicy: 'all' });
      return { payload: data?.approvalRequestApprove, error };
    },
    result: (payload) => getFragmentData(ApprovalRequestDetail, payload.approvalRequest),
    fields: decisionFields(fields),
    toast: (_request, values) =>
      values.decision === ApprovalDecisionValue.Reject
        ? { title: 'Rejected', message: 'Your decision and comment are recorded.' }
        : { title: 'Approved', message: 'Your decision is recorded.' },
    onDone: () => onDecided?.(),
    // The page shows the request as decided; the form goes with the viewer's right to decide.
    keepOpen: true,
    onClose: () => undefined,
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Decide">
      <Stack>
        <Title order={2} size="h4">
          Your decision
        </Title>
        <SegmentedControl
          aria-label="Decision"
          data={[
            { value: ApprovalDecisionValue.Approve, label: 'Approve' },
            { value: ApprovalDecisionValue.Reject, label: 'Reject' },
          ]}
          color={rejecting ? 'red' : 'teal'}
          maw={320}
          {...form.getInputProps('decision')}
        />
        {fields.length ? (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              The request asks every decider for:
            </Text>
            {fields.map((field) => (
              <FieldInput key={field.key} field={field} form={form} />
            ))}
          </Stack>
        ) : null}
        <Textarea
          label="Comment"
          description={rejecting ? 'Required: the requester reads why' : 'Optional; kept with your decision in the audit trail'}
          required={rejecting}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={MAX_COMMENT}
          {...form.getInputProps('comment')}
        />
        <FormProblems messages={problems} title="Not decided" />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting} color={rejecting ? 'red' : 'teal'} leftSection={rejecting ? <IconX size={16} /> : <IconCheck size={16} />}>
            {rejecting ? 'Reject' : 'Approve'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
