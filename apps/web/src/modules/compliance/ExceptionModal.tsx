import { useMutation } from '@apollo/client/react';
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { graphql } from '../../gql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';

export const ExceptionGrant = graphql(`
  mutation ComplianceExceptionGrant($input: ComplianceExceptionGrantInput!) {
    complianceExceptionGrant(input: $input) {
      exception {
        id
        reason
        expiresAt
        active
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const ExceptionRevoke = graphql(`
  mutation ComplianceExceptionRevoke($input: ComplianceExceptionRevokeInput!) {
    complianceExceptionRevoke(input: $input) {
      exception {
        id
        active
        revokedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export interface ExceptionTarget {
  kind: 'control' | 'requirement';
  id: string;
  label: string;
}

interface Values {
  reason: string;
  expiresAt: string | null;
}

export function exceptionProblems(values: Values, now = dayjs()): Partial<Record<keyof Values, string>> {
  const problems: Partial<Record<keyof Values, string>> = {};
  const reason = values.reason.trim();
  if (!reason) problems.reason = 'Say why it is exempt';
  else if (reason.length > 1000) problems.reason = 'At most 1000 characters';
  if (!values.expiresAt) problems.expiresAt = 'An exception needs an end';
  else if (!dayjs(values.expiresAt).isAfter(now)) problems.expiresAt = 'Choose a time in the future';
  return problems;
}

/** Exempts a control or requirement until a date, approved by the caller (like a policy waiver). */
export function ExceptionModal({ target, onClose }: { target: ExceptionTarget | null; onClose: () => void }) {
  const [grant] = useMutation(ExceptionGrant, {
    refetchQueries: ['ComplianceFrameworkDetail', 'ComplianceControlDetail', 'ComplianceExceptions', 'ComplianceOverview'],
  });
  const form = useForm<Values>({ mode: 'uncontrolled', initialValues: { reason: '', expiresAt: null }, validate: (v) => exceptionProblems(v) });
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const input = {
        ...(target!.kind === 'control' ? { controlId: target!.id } : { requirementId: target!.id }),
        reason: values.reason.trim(),
        expiresAt: dayjs(values.expiresAt).toISOString(),
      };
      const { data, error } = await grant({ variables: { input }, errorPolicy: 'all' });
      return { payload: data?.complianceExceptionGrant, error };
    },
    result: (payload) => payload.exception,
    fields: ['reason', 'expiresAt'],
    toast: () => ({ title: 'Exception granted', message: `${target!.label} is exempt until the exception expires or is revoked.` }),
    onClose,
  });
  return (
    <Modal opened={target !== null} onClose={close} title="Grant exception" centered size="lg">
      {target ? (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              Exempt <b>{target.label}</b>: it counts as {target.kind === 'control' ? 'passing' : 'met'} until the exception ends. You are recorded as its
              approver.
            </Text>
            <Textarea label="Reason" required autosize minRows={3} data-autofocus {...form.getInputProps('reason')} key={form.key('reason')} />
            <DateTimePicker
              label="Expires"
              required
              minDate={new Date()}
              valueFormat="YYYY-MM-DD HH:mm"
              {...form.getInputProps('expiresAt')}
              key={form.key('expiresAt')}
            />
            <FormProblems messages={problems} />
            <FormActions onCancel={close} submitting={submitting} submitLabel="Grant exception" />
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
