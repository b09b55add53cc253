import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { FormProblems } from '../../ui/FormActions';
import { ListState } from '../../ui/ListState';
import { useFormMutation } from '../../ui/useFormMutation';
import { AccountProfileQuery, AccountProfileUpdate } from './account.operations';

interface Values {
  fullName: string;
  username: string;
}

export const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$/;

/** The viewer's name and optional username. */
export function ProfileSection() {
  const { data, loading, error, refetch } = useQuery(AccountProfileQuery, { errorPolicy: 'all' });
  const [update] = useMutation(AccountProfileUpdate);
  const user = data?.viewer.user ?? null;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { fullName: '', username: '' },
    validate: {
      fullName: (v) => (v.trim().length >= 1 && v.trim().length <= 120 ? null : 'Enter your name, 1 to 120 characters'),
      username: (v) =>
        !v.trim() || USERNAME.test(v.trim()) ? null : 'Use 3 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit',
    },
  });

  useEffect(() => {
    if (!user) return;
    const values = { fullName: user.fullName, username: user.username ?? '' };
    form.setInitialValues(values);
    form.setValues(values);
    // Only when the stored profile changes, not on every render of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user?.fullName, user?.username]);

  const { submit, submitting, problems } = useFormMutation({
    form,
    send: async (values) => {
      const { data: sent, error: failed } = await update({
        variables: { input: { fullName: values.fullName.trim(), username: values.username.trim() || null } },
        errorPolicy: 'all',
      });
      return { payload: sent?.userProfileUpdate, error: failed };
    },
    result: (payload) => payload.user,
    fields: ['fullName', 'username'],
    toast: () => ({ title: 'Profile saved', message: 'Your name and username are updated.' }),
    keepOpen: true,
    onClose: () => undefined,
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="profile-title">
      <Stack gap={2} mb="sm">
        <Title order={2} size="h4" id="profile-title">
          Profile
        </Title>
        <Text size="sm" c="dimmed">
          {user?.email ? `Signed in as ${user.email}.` : 'How the other members of your tenants see you.'}
        </Text>
      </Stack>
      <ListState loading={loading && !data} error={error} empty={false} emptyTitle="" what="your profile" onRetry={() => void refetch()}>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm" maw={480}>
            <TextInput label="Name" required {...form.getInputProps('fullName')} />
            <TextInput
              label="Username"
              description="Optional; unique in Steward, whatever its case"
              placeholder="e.g. dana.dev"
              {...form.getInputProps('username')}
            />
            <FormProblems messages={problems} />
            <Group>
              <Button type="submit" loading={submitting} disabled={!form.isDirty()}>
                Save profile
              </Button>
            </Group>
          </Stack>
        </form>
      </ListState>
    </Card>
  );
}
