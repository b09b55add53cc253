import { useMutation } from '@apollo/client/react';
import { Alert, Button, Card, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';
import { AccountEmailChangeRequest } from './account.operations';

interface Values {
  newEmail: string;
  currentPassword: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Moving the account to a new address: it changes once the link mailed there is opened. */
export function EmailSection() {
  const [request] = useMutation(AccountEmailChangeRequest);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { newEmail: '', currentPassword: '' },
    validate: {
      newEmail: (v) => (EMAIL.test(v.trim()) ? null : 'Enter an email address'),
      currentPassword: (v) => (v ? null : 'Enter your current password'),
    },
  });
  const { submit, submitting, problems } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await request({
        variables: { input: { newEmail: values.newEmail.trim(), currentPassword: values.currentPassword } },
        errorPolicy: 'all',
      });
      return { payload: data?.emailChangeRequest, error };
    },
    result: (payload) => payload.sentTo,
    fields: ['newEmail', 'currentPassword'],
    toast: (to) => ({ title: 'Check your mail', message: `A confirmation link went to ${to}.` }),
    keepOpen: true,
    onClose: () => undefined,
    onDone: (to: string) => {
      setSentTo(to);
      form.reset();
    },
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="email-title">
      <Stack gap={2} mb="sm">
        <Title order={2} size="h4" id="email-title">
          Email address
        </Title>
        <Text size="sm" c="dimmed">
          Your account moves to a new address once you open the link we mail there; until then it keeps its current one.
        </Text>
      </Stack>
      {sentTo ? (
        <Alert color="teal" mb="sm" title="Confirmation sent">
          Open the link we sent to {sentTo} within two days to move your account there.
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={480}>
          <TextInput label="New email address" type="email" autoComplete="email" required {...form.getInputProps('newEmail')} />
          <PasswordInput label="Current password" autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <FormProblems messages={problems} />
          <Group>
            <Button type="submit" loading={submitting}>
              Send confirmation link
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
