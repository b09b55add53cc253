import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { hasLength, useForm } from '@mantine/form';
import { useState } from 'react';
import { TenantPlan, type TenantRowFragment } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { SecretReveal } from '../../ui/SecretReveal';
import { useFormMutation } from '../../ui/useFormMutation';
import { TenantCreate, TenantUpdate, TenantRow } from './tenant.operations';
import { LIMIT_FIELDS, limitProblem, limitsFromTenant, type LimitValues, planOptions, SLUG, slugOf, toLimitsInput } from './tenant-form';
import { getFragmentData } from '../../gql';

interface TenantValues extends LimitValues {
  name: string;
  slug: string;
  plan: TenantPlan;
  adminEmail: string;
}

const FIELDS = ['name', 'slug', 'plan', 'adminEmail', 'resourceLimits.maxAgents', 'resourceLimits.maxMembers', 'resourceLimits.maxApiKeys'];

/** Creates a tenant (and invites its first admin), or changes an existing one's name, plan and limits. */
export function TenantFormModal({ opened, tenant, onClose }: { opened: boolean; tenant: TenantRowFragment | null; onClose: () => void }) {
  const editing = tenant !== null;
  const [create] = useMutation(TenantCreate, { refetchQueries: ['Tenants'] });
  const [update] = useMutation(TenantUpdate);
  const [invitation, setInvitation] = useState<{ tenant: string; token: string } | null>(null);
  const form = useForm<TenantValues>({
    mode: 'controlled',
    initialValues: {
      name: tenant?.name ?? '',
      slug: tenant?.slug ?? '',
      plan: tenant?.plan ?? TenantPlan.Trial,
      adminEmail: '',
      ...limitsFromTenant(tenant?.resourceLimits ?? null),
    },
    validate: {
      name: hasLength({ min: 1, max: 120 }, 'Give the tenant a name of up to 120 characters'),
      slug: (value) => (editing || SLUG.test(value) ? null : '1 to 40 lowercase letters, digits or dashes, not starting or ending with a dash'),
      adminEmail: (value) =>
        !value.trim() || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value.trim()) ? null : 'An email address, or empty to invite the first admin later',
      maxAgents: limitProblem,
      maxMembers: limitProblem,
      maxApiKeys: limitProblem,
    },
  });

  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const resourceLimits = toLimitsInput(values);
      if (editing) {
        const { data, error } = await update({
          variables: { input: { tenantId: tenant.id, name: values.name.trim(), plan: values.plan, resourceLimits } },
          errorPolicy: 'all',
        });
        const payload = data?.tenantUpdate;
        return { payload: payload && { tenant: payload.tenant, userErrors: payload.userErrors, adminInvitationToken: null }, error };
      }
      const email = values.adminEmail.trim();
      const { data, error } = await create({
        variables: { input: { name: values.name.trim(), slug: values.slug, plan: values.plan, resourceLimits, ...(email ? { adminEmail: email } : {}) } },
        errorPolicy: 'all',
      });
      const payload = data?.tenantCreate;
      return { payload: payload && { tenant: payload.tenant, userErrors: payload.userErrors, adminInvitationToken: payload.adminInvitationToken }, error };
    },
    result: (payload) => getFragmentData(TenantRow, payload.tenant),
    fields: FIELDS,
    fieldPath: (field) => field.replace('resourceLimits.', ''),
    // The first admin's invitation token shows once, in place of the form.
    onDone: (created, payload) => {
      if (payload.adminInvitationToken) setInvitation({ tenant: created.name, token: payload.adminInvitationToken });
    },
    keepOpen: (_, payload) => Boolean(payload.adminInvitationToken),
    onClose,
    onReset: () => setInvitation(null),
  });

  const title = invitation ? `${invitation.tenant} created` : editing ? `Edit ${tenant.name}` : 'Create a tenant';
  return (
    <Modal opened={opened} onClose={close} title={title} centered size="lg" closeOnClickOutside={!invitation}>
      {invitation ? (
        <Stack>
          <SecretReveal
            label="invitation token"
            secret={invitation.token}
            hint="Send this token to the first admin: they accept the invitation with it. Steward shows it only now."
          />
          <Group justify="flex-end">
            <Button onClick={close}>I have sent the token</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label="Name"
              required
              data-autofocus
              {...form.getInputProps('name')}
              onChange={(e) => {
                const name = e.currentTarget.value;
                if (!editing && (form.values.slug === '' || form.values.slug === slugOf(form.values.name))) form.setFieldValue('slug', slugOf(name));
                form.setFieldValue('name', name);
              }}
            />
            <TextInput
              label="Slug"
              description="Lowercase letters, digits and dashes; unique; cannot change later"
              required
              disabled={editing}
              {...form.getInputProps('slug')}
            />
            <Select label="Plan" data={planOptions} allowDeselect={false} {...form.getInputProps('plan')} />
            {editing ? null : (
              <TextInput
                label="First admin's email"
                description="Optional: invites them as the tenant's admin"
                type="email"
                {...form.getInputProps('adminEmail')}
              />
            )}
            <div>
              <Text size="sm" fw={500}>
                Negotiated limits
              </Text>
              <Text size="xs" c="dimmed" mb={4}>
                Leave a limit empty to follow the plan.
              </Text>
              <SimpleGrid cols={3}>
                {LIMIT_FIELDS.map((f) => (
                  <NumberInput
                    key={f.key}
                    label={f.label}
                    placeholder="Plan's limit"
                    min={0}
                    allowDecimal={false}
                    allowNegative={false}
                    {...form.getInputProps(f.key)}
                  />
                ))}
              </SimpleGrid>
            </div>
            <FormProblems messages={problems} />
            <FormActions onCancel={close} submitting={submitting} submitLabel={editing ? 'Save' : 'Create tenant'} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
