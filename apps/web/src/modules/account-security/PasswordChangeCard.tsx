import { useMutation } from '@apollo/client/react';
import { Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormProblems } from '../../ui/FormActions';
import { countOf } from '../../ui/plural';
import { useFormMutation } from '../../ui/useFormMutation';
import { PasswordChange } from './account-security.operations';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

export function PasswordChangeCard() {
  const [change] = useMutation(PasswordChange);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', repeatPassword: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password'),
      newPassword: (v) => (v.length >= 12 && v.length <= 200 ? null : 'Choose a password of 12 to 200 characters'),
      repeatPassword: (v, values) => (v === values.newPassword ? null : 'The two new passwords differ'),
    },
  });
  const { submit, submitting, problems } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await change({
        variables: { input: { currentPassword: values.currentPassword, newPassword: values.newPassword } },
        errorPolicy: 'all',
      });
      return { payload: data?.passwordChange, error };
    },
    result: (payload) => (payload.changed ? payload : null),
    fields: ['currentPassword', 'newPassword'],
    toast: (result) => ({
      title: 'Password changed',
      message: result.otherSessionsEnded
        ? `${countOf(result.otherSessionsEnded, 'other sessions')} signed out; this one goes on.`
        : 'You had no other sessions; this one goes on.',
    }),
    onDone: () => form.reset(),
    keepOpen: true,
    onClose: () => undefined,
  });

  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate aria-label="Change password">
        <Stack>
          <div>
            <Title order={2} size="h4">
              Password
            </Title>
            <Text size="sm" c="dimmed">
              Changing it signs you out everywhere else; a notice goes to your email address.
            </Text>
          </div>
          <PasswordInput label="Current password" autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <PasswordInput label="New password" description="12 to 200 characters" autoComplete="new-password" required {...form.getInputProps('newPassword')} />
          <PasswordInput label="New password again" autoComplete="new-password" required {...form.getInputProps('repeatPassword')} />
          <FormProblems messages={problems} />
          <Group justify="flex-end">
            <Button type="submit" loading={submitting}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
