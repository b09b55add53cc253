import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Group, PasswordInput, Select, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { roleLabel, roles } from '../../app/access';
import { Role } from '../../gql/graphql';
import { FormProblems } from '../../ui/FormActions';
import { ListState } from '../../ui/ListState';
import { PageHeader } from '../../ui/PageHeader';
import { CopyableCommand } from '../../ui/SecretReveal';
import { useFormMutation } from '../../ui/useFormMutation';
import { MfaRequirementCard } from './MfaRequirementCard';
import { SsoConnectionQuery, SsoConnectionSave } from './sso.operations';

interface Values {
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string[];
  defaultRole: string;
  enabled: boolean;
  ssoOnly: boolean;
}

const FIELDS = ['issuer', 'clientId', 'clientSecret', 'allowedDomains', 'defaultRole', 'enabled', 'ssoOnly'] as const;
const ROLE_OPTIONS = roles.filter((r) => r !== Role.Admin).map((r) => ({ value: r, label: roleLabel(r) }));

/** The address the provider sends people back to: registered there as the client's redirect URI. */
export function redirectUri(): string {
  return `${window.location.origin}/sso/callback`;
}

export default function SsoSettingsPage() {
  const { data, loading, error, refetch } = useQuery(SsoConnectionQuery, { errorPolicy: 'all' });
  const [save] = useMutation(SsoConnectionSave, { refetchQueries: [SsoConnectionQuery] });
  const connection = data?.ssoConnection ?? null;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { issuer: '', clientId: '', clientSecret: '', allowedDomains: [], defaultRole: Role.Viewer, enabled: true, ssoOnly: false },
    validate: {
      issuer: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? null : "Enter the provider's issuer URL, e.g. https://login.example.com"),
      clientId: (v) => (v.trim() ? null : 'Enter the client id the provider gave Steward'),
      allowedDomains: (v) => (v.length ? null : 'Name at least one email domain, e.g. example.com'),
    },
  });

  useEffect(() => {
    if (!connection) return;
    const values = {
      issuer: connection.issuer,
      clientId: connection.clientId,
      clientSecret: '',
      allowedDomains: connection.allowedDomains,
      defaultRole: connection.defaultRole,
      enabled: connection.enabled,
      ssoOnly: connection.ssoOnly,
    };
    form.setInitialValues(values);
    form.setValues(values);
    // Only when the saved connection changes, not on every render of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [connection?.updatedAt]);

  const { submit, submitting, problems } = useFormMutation({
    form,
    send: async (values) => {
      const { data: sent, error: failed } = await save({
        variables: {
          input: {
            issuer: values.issuer.trim(),
            clientId: values.clientId.trim(),
            // Left empty, the stored secret stays as it is.
            ...(values.clientSecret.trim() ? { clientSecret: values.clientSecret.trim() } : {}),
            allowedDomains: values.allowedDomains,
            defaultRole: values.defaultRole as Role,
            enabled: values.enabled,
            ssoOnly: values.ssoOnly,
          },
        },
        errorPolicy: 'all',
      });
      return { payload: sent?.ssoConnectionSave, error: failed };
    },
    result: (payload) => payload.ssoConnection,
    fields: FIELDS,
    toast: () => ({ title: 'Single sign-on saved', message: 'Sign-ins through the provider follow the new settings.' }),
    keepOpen: true,
    onClose: () => undefined,
  });

  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Members sign in through your organisation's identity provider with OpenID Connect (authorization code with PKCE)."
      />
      <ListState loading={loading && !data} error={error} empty={false} emptyTitle="" what="the single sign-on settings" onRetry={() => void refetch()}>
        <Card withBorder padding="lg" maw={720}>
          <form onSubmit={submit} noValidate aria-label="Single sign-on settings">
            <Stack>
              <Alert color="blue" icon={<IconInfoCircle size={18} />} title="Register Steward at your provider first">
                <Stack gap="xs">
                  <Text size="sm">Create a confidential web client (authorization code, PKCE S256, scopes openid email profile) with this redirect URI:</Text>
                  <CopyableCommand label="Redirect URI" command={redirectUri()} />
                </Stack>
              </Alert>
              <TextInput
                label="Issuer URL"
                description="Steward reads its /.well-known/openid-configuration"
                placeholder="https://login.example.com"
                required
                {...form.getInputProps('issuer')}
              />
              <TextInput label="Client ID" required {...form.getInputProps('clientId')} />
              <PasswordInput
                label="Client secret"
                description={
                  connection?.clientSecretSet
                    ? 'A secret is stored (encrypted; it is never shown). Leave this empty to keep it, or enter a new one to replace it.'
                    : 'Stored encrypted and never shown again.'
                }
                autoComplete="new-password"
                {...form.getInputProps('clientSecret')}
              />
              <TagsInput
                label="Allowed email domains"
                description="People whose verified email is in one of these domains may sign in; press Enter after each"
                placeholder="example.com"
                required
                {...form.getInputProps('allowedDomains')}
              />
              <Select
                label="Role for people who join by signing in"
                description="Someone signing in for the first time becomes a member with this role"
                data={ROLE_OPTIONS}
                allowDeselect={false}
                {...form.getInputProps('defaultRole')}
              />
              <Switch label="Offer sign-in with SSO" {...form.getInputProps('enabled', { type: 'checkbox' })} />
              <Switch
                label="SSO only: refuse passwords for this organisation's members"
                description="Sign in with SSO yourself once first, so that a broken setup cannot lock everyone out"
                {...form.getInputProps('ssoOnly', { type: 'checkbox' })}
              />
              <FormProblems messages={problems} />
              <Group justify="flex-end">
                <Button type="submit" loading={submitting}>
                  Save single sign-on
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      </ListState>
      <MfaRequirementCard />
    </>
  );
}
