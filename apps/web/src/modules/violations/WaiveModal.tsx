import { useMutation } from '@apollo/client/react';
import { Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import type { ViolationRowFragment } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { SeverityBadge } from '../../ui/badges';
import { useFormMutation } from '../../ui/useFormMutation';
import { PolicyViolationWaive } from './violation.operations';

const FIELDS = ['reason', 'expiresAt'];
const REASON_MAX = 1000;

export interface WaiveValues {
  reason: string;
  /** Local time from the picker, "YYYY-MM-DD HH:mm:ss"; empty for a waiver that lasts until revoked. */
  expiresAt: string | null;
}

/** The checks the API makes, made before anything is sent. */
export function waiveProblems(values: WaiveValues, now = dayjs()): Partial<Record<keyof WaiveValues, string>> {
  const problems: Partial<Record<keyof WaiveValues, string>> = {};
  const reason = values.reason.trim();
  if (!reason) problems.reason = 'Say why the agent may break the rule';
  else if (reason.length > REASON_MAX) problems.reason = `At most ${REASON_MAX} characters`;
  if (values.expiresAt && !dayjs(values.expiresAt).isAfter(now)) problems.expiresAt = 'Choose a time in the future, or leave it empty';
  return problems;
}

/** Exempts the agent from the rule (admins only): a block no longer blocks it, until the waiver expires or is revoked. */
export function WaiveModal({ violation, onClose }: { violation: ViolationRowFragment | null; onClose: () => void }) {
  const [waive] = useMutation(PolicyViolationWaive, { refetchQueries: ['PolicyViolations', 'AgentDetail', 'PolicyViolationDetail'] });
  const form = useForm<WaiveValues>({
    mode: 'uncontrolled',
    initialValues: { reason: '', expiresAt: null },
    validate: (values) => waiveProblems(values),
  });

  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await waive({
        variables: {
          input: { violationId: violation!.id, reason: values.reason.trim(), expiresAt: values.expiresAt ? dayjs(values.expiresAt).toISOString() : null },
        },
        errorPolicy: 'all',
      });
      return { payload: data?.policyViolationWaive, error };
    },
    result: (payload) => payload.violation,
    fields: FIELDS,
    toast: (_, values) => ({
      title: 'Violation waived',
      message: `${violation!.agentName} is exempt from “${violation!.ruleName}”${values.expiresAt ? ' until the waiver expires' : ' until the waiver is revoked'}.`,
    }),
    onClose,
  });

  return (
    <Modal opened={violation !== null} onClose={close} title="Waive violation" centered size="lg">
      {violation ? (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Stack gap={4}>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {violation.policy.name}
                </Text>
                <SeverityBadge severity={violation.severity} size="sm" />
              </Group>
              <Text size="sm">
                Rule “{violation.ruleName}” on <b>{violation.agentName}</b>: {violation.message}
              </Text>
              <Text size="xs" c="dimmed">
                The waiver exempts the agent from this rule: its open violations of it are waived, and a block no longer blocks it.
              </Text>
            </Stack>
            <Textarea
              label="Reason"
              description="Why the agent may break the rule; kept with the waiver and in the audit log"
              required
              autosize
              minRows={2}
              maxRows={6}
              data-autofocus
              key={form.key('reason')}
              {...form.getInputProps('reason')}
            />
            <DateTimePicker
              label="Expires"
              description="Leave empty for a waiver that lasts until it is revoked"
              placeholder="Until revoked"
              clearable
              minDate={new Date()}
              valueFormat="DD MMM YYYY HH:mm"
              key={form.key('expiresAt')}
              {...form.getInputProps('expiresAt')}
            />
            <FormProblems messages={problems} />
            <FormActions onCancel={close} submitting={submitting} submitLabel="Waive" submitColor="grape" />
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
