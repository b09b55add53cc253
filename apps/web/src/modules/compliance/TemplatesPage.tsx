import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencilPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { graphql } from '../../gql';
import { BackLink } from '../../ui/BackLink';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { PageHeader } from '../../ui/PageHeader';
import { FrameworkCreateModal } from './FrameworkCreateModal';
import { frameworkPath } from './FrameworkCard';

export const FrameworkTemplatesQuery = graphql(`
  query ComplianceFrameworkTemplates {
    complianceFrameworkTemplates {
      key
      name
      version
      description
      requirementCount
    }
    complianceFrameworks(first: 100) {
      nodes {
        id
        name
        templateKey
      }
    }
  }
`);

export const FrameworkCreateFromTemplate = graphql(`
  mutation ComplianceFrameworkCreateFromTemplate($input: ComplianceFrameworkCreateFromTemplateInput!) {
    complianceFrameworkCreateFromTemplate(input: $input) {
      framework {
        id
        name
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** "Add framework from template": the bundled templates, each added with one press (and a name of one's own if wanted). */
export default function TemplatesPage() {
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(FrameworkTemplatesQuery, { errorPolicy: 'all' });
  const [create] = useMutation(FrameworkCreateFromTemplate, { refetchQueries: ['ComplianceOverview'] });
  const [names, setNames] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [writing, setWriting] = useState(false);
  const templates = data?.complianceFrameworkTemplates ?? [];
  const existing = new Map((data?.complianceFrameworks?.nodes ?? []).filter((f) => f.templateKey).map((f) => [f.templateKey as string, f]));

  async function add(key: string) {
    setBusy(key);
    const name = names[key]?.trim();
    const { payload, problems: found } = await runMutation(
      () => create({ variables: { input: { templateKey: key, ...(name ? { name } : {}) } }, errorPolicy: 'all' }),
      (d) => d.complianceFrameworkCreateFromTemplate,
    );
    setBusy(null);
    setProblems((p) => ({ ...p, [key]: found }));
    const framework = payload?.framework;
    if (found.length || !framework) return;
    notifications.show({ color: 'teal', title: 'Framework added', message: `${framework.name} is ready: map your controls to its requirements.` });
    void navigate(frameworkPath(framework.id));
  }

  return (
    <>
      <BackLink to="/compliance" label="Compliance" />
      <PageHeader
        title="Add a framework"
        description="Start from a bundled template with the standard's own requirement identifiers and titles; long standards ship their top two levels."
        actions={
          <Button variant="default" leftSection={<IconPencilPlus size={16} />} onClick={() => setWriting(true)}>
            Write one by hand
          </Button>
        }
      />
      <FrameworkCreateModal opened={writing} onClose={() => setWriting(false)} />
      <ListState
        loading={loading && !data}
        error={error}
        empty={data != null && templates.length === 0}
        emptyTitle="No templates"
        what="framework templates"
        onRetry={() => void refetch()}
      >
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {templates.map((t) => {
            const added = existing.get(t.key);
            return (
              <Card key={t.key} withBorder padding="md" component="section" aria-label={t.name} data-testid="framework-template" data-template-key={t.key}>
                <Stack gap="xs" h="100%">
                  <Text fw={600}>
                    {t.name}{' '}
                    <Text span c="dimmed" size="sm">
                      {t.version}
                    </Text>
                  </Text>
                  <Text size="sm">{t.description}</Text>
                  <Text size="xs" c="dimmed">
                    {t.requirementCount} requirements
                  </Text>
                  {added ? (
                    <Text size="xs" c="dimmed">
                      Already added as “{added.name}”; add it again under another name if you need a second copy.
                    </Text>
                  ) : null}
                  <Group align="flex-end" mt="auto" wrap="nowrap">
                    <TextInput
                      label="Name"
                      placeholder={t.name}
                      size="xs"
                      style={{ flex: 1 }}
                      value={names[t.key] ?? ''}
                      onChange={(e) => setNames((n) => ({ ...n, [t.key]: e.currentTarget.value }))}
                    />
                    <Button size="xs" loading={busy === t.key} onClick={() => void add(t.key)} aria-label={`Add ${t.name}`}>
                      Add
                    </Button>
                  </Group>
                  {problems[t.key]?.length ? (
                    <Alert color="red" role="alert">
                      {problems[t.key].join(' ')}
                    </Alert>
                  ) : null}
                </Stack>
              </Card>
            );
          })}
        </SimpleGrid>
      </ListState>
    </>
  );
}
