import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { isEmail, isInRange, isNotEmpty, useForm } from '@mantine/form';
import { useState } from 'react';
import { roleChoice, useRoleOptions } from '../../app/held-role';
import { graphql } from '../../gql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { SecretReveal } from '../../ui/SecretReveal';
import { useFormMutation } from '../../ui/useFormMutation';
import { InvitationsQuery } from './InvitationsPanel';

const InvitationCreate = graphql(`
  mutation InvitationCreate($input: InvitationCreateInput!) {
    invitationCreate(input: $input) {
      invitation {
        id
        email
        role
        expiresAt
      }
      token
      acceptUrl
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const FIELDS = ['email', 'role', 'customRoleId', 'expiresInDays'];

interface InviteValues {
  email: string;
  /** A system role, or "custom:<id>" for a custom role (app/held-role.tsx). */
  role: string;
  expiresInDays: number | string;
}

export function InviteMemberModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [create] = useMutation(InvitationCreate, { refetchQueries: [InvitationsQuery], awaitRefetchQueries: false });
  const { options: roleOptions } = useRoleOptions();
  const [sent, setSent] = useState<{ email: string; acceptUrl: string } | null>(null);
  const form = useForm<InviteValues>({
    mode: 'uncontrolled',
    initialValues: { email: '', role: '', expiresInDays: 7 },
    validate: {
      email: isEmail('Enter a valid email address'),
      role: isNotEmpty('Choose a role'),
      expiresInDays: isInRange({ min: 1, max: 30 }, 'Between 1 and 30 days'),
    },
  });

  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await create({
        variables: { input: { email: values.email.trim(), ...roleChoice(values.role), expiresInDays: Number(values.expiresInDays) } },
        errorPolicy: 'all',
      });
      return { payload: data?.invitationCreate, error };
    },
    result: (payload) => (payload.acceptUrl && payload.invitation ? { email: payload.invitation.email, acceptUrl: payload.acceptUrl } : null),
    fields: FIELDS,
    // A custom role's problem shows at the one role picker.
    fieldPath: (field) => (field === 'customRoleId' ? 'role' : field),
    onDone: (invitation) => setSent(invitation),
    keepOpen: true,
    onClose,
    onReset: () => setSent(null),
  });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={sent ? 'Invitation sent' : 'Invite a member'}
      centered
      size="lg"
      closeOnEscape={!sent}
      closeOnClickOutside={!sent}
      withCloseButton={!sent}
    >
      {sent ? (
        <Stack>
          <Text>An invitation email with its link is on its way to {sent.email}.</Text>
          <SecretReveal
            label="invitation link"
            secret={sent.acceptUrl}
            hint={`If the email does not arrive, send ${sent.email} this link yourself. It works once; Steward shows it only now.`}
          />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput label="Email" type="email" required data-autofocus key={form.key('email')} {...form.getInputProps('email')} />
            <Select label="Role" placeholder="Choose a role" data={roleOptions} required key={form.key('role')} {...form.getInputProps('role')} />
            <NumberInput label="Expires after (days)" min={1} max={30} required key={form.key('expiresInDays')} {...form.getInputProps('expiresInDays')} />
            <FormProblems messages={problems} />
            <FormActions onCancel={close} submitting={submitting} submitLabel="Send invitation" />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
