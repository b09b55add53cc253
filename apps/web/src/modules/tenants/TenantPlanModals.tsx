import { useMutation } from '@apollo/client/react';
import { Modal, NumberInput, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { getFragmentData } from '../../gql';
import { BillingCycle, TenantPlan, type TenantRowFragment } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';
import { planOptions } from './tenant-form';
import { TenantPlanChange, TenantRow, TenantTrialExtend } from './tenant.operations';

const cycleOptions = [
  { value: BillingCycle.Monthly, label: 'Monthly' },
  { value: BillingCycle.Annual, label: 'Annual' },
];

interface PlanValues {
  plan: TenantPlan;
  billingCycle: BillingCycle;
  reason: string;
}

/** Moves a tenant to another plan or billing cycle (tenantPlanChange): its limits follow at once; audited with the reason. */
export function TenantPlanModal({ tenant, onClose }: { tenant: TenantRowFragment; onClose: () => void }) {
  const [change] = useMutation(TenantPlanChange);
  const form = useForm<PlanValues>({
    mode: 'controlled',
    initialValues: { plan: tenant.plan, billingCycle: tenant.subscription?.billingCycle ?? BillingCycle.Monthly, reason: '' },
    validate: { reason: (v) => (v.length > 500 ? 'At most 500 characters' : null) },
  });
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await change({
        variables: { input: { tenantId: tenant.id, plan: values.plan, billingCycle: values.billingCycle, reason: values.reason.trim() || null } },
        errorPolicy: 'all',
      });
      return { payload: data?.tenantPlanChange, error };
    },
    result: (payload) => getFragmentData(TenantRow, payload.tenant),
    fields: ['plan', 'billingCycle', 'reason'],
    toast: (changed) => ({ title: 'Plan changed', message: `${changed.name} is on the ${planOptions.find((p) => p.value === changed.plan)?.label} plan.` }),
    onClose,
  });
  return (
    <Modal opened onClose={close} title={`Change the plan of ${tenant.name}`} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">Its limits and features follow the new plan at once; negotiated limits stay. The subscription history keeps the old plan.</Text>
          <Select label="Plan" data={planOptions} allowDeselect={false} data-autofocus {...form.getInputProps('plan')} />
          <Select label="Billing cycle" data={cycleOptions} allowDeselect={false} {...form.getInputProps('billingCycle')} />
          <Textarea label="Reason" description="Kept in the audit log" maxLength={500} autosize minRows={2} {...form.getInputProps('reason')} />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel="Change plan" />
        </Stack>
      </form>
    </Modal>
  );
}

interface TrialValues {
  days: number | string;
  reason: string;
}

/** Gives a tenant's trial more days (tenantTrialExtend); a run-out trial's tenant can change things again. */
export function TenantTrialModal({ tenant, onClose }: { tenant: TenantRowFragment; onClose: () => void }) {
  const [extend] = useMutation(TenantTrialExtend);
  const form = useForm<TrialValues>({
    mode: 'controlled',
    initialValues: { days: 14, reason: '' },
    validate: {
      days: (v) => (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 90 ? null : 'A whole number of days, 1 to 90'),
      reason: (v) => (v.length > 500 ? 'At most 500 characters' : null),
    },
  });
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await extend({
        variables: { input: { tenantId: tenant.id, days: Number(values.days), reason: values.reason.trim() || null } },
        errorPolicy: 'all',
      });
      return { payload: data?.tenantTrialExtend, error };
    },
    result: (payload) => getFragmentData(TenantRow, payload.tenant),
    fields: ['days', 'reason'],
    toast: (extended, values) => ({ title: 'Trial extended', message: `${extended.name}'s trial runs ${values.days} more days.` }),
    onClose,
  });
  const ends = tenant.subscription?.trialEndsAt ? new Date(tenant.subscription.trialEndsAt) : null;
  // Whether the trial still runs, as of when the modal opened.
  const [running] = useState(() => ends !== null && ends.getTime() > Date.now());
  return (
    <Modal opened onClose={close} title={`Extend the trial of ${tenant.name}`} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {ends && running
              ? `The trial runs until ${ends.toLocaleDateString()}; the days are added to that.`
              : 'The trial has run out; the days count from now, and the tenant can change things again.'}
          </Text>
          <NumberInput label="Days to add" min={1} max={90} allowDecimal={false} allowNegative={false} data-autofocus {...form.getInputProps('days')} />
          <Textarea label="Reason" description="Kept in the audit log" maxLength={500} autosize minRows={2} {...form.getInputProps('reason')} />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel="Extend trial" />
        </Stack>
      </form>
    </Modal>
  );
}
