import { useMutation, useQuery } from '@apollo/client/react';
import { Card, JsonInput, SegmentedControl, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { graphql } from '../../gql';
import { AiModelStatus } from '../../gql/graphql';
import { fieldProblems, problemsOf } from '../../ui/errors';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useUnsavedChanges } from '../../ui/useUnsavedChanges';
import { JSON_PROBLEM } from '../../ui/json';
import { type AgentChange, AgentCreate, AgentUpdate, readChange } from './agent.operations';
import { type AgentFormValues, emptyAgentForm, FORM_FIELDS, toCreateInput, toUpdateInput, validateAgentForm } from './agent-form';
import { roleOptions, thinkingOptions, tierOptions } from '../../ui/labels';
import { otherProblems } from './LifecycleActions';
import { outcomeOf, PolicyOutcome, type PolicyOutcomeValue } from './PolicyOutcome';
import { enumText } from '../../format/words';

export const DeployedModels = graphql(`
  query DeployedModels($filter: AiModelFilter) {
    aiModels(first: 100, filter: $filter) {
      edges {
        node {
          id
          name
          version
          provider
          tier
        }
      }
    }
  }
`);

/** Designs an agent can run on: drafts and active ones (the API refuses archived designs). */
export const UsableArchitectures = graphql(`
  query UsableArchitectures {
    architectures(first: 100, filter: { statuses: [DRAFT, ACTIVE] }) {
      nodes {
        id
        name
        cloudProvider
        environment
        status
      }
    }
  }
`);

interface AgentFormProps {
  /** The agent being edited; without one the form registers a new agent. */
  agentId?: string;
  initial?: AgentFormValues;
  /** Name of the agent's architecture, for a design the picker no longer offers (archived). */
  initialArchitectureName?: string;
}

/**
 * Registers or edits an agent. Input is checked before it is sent; the server's userErrors show
 * next to their fields, and a change the policies refuse shows the block in place.
 */
export function AgentForm({ agentId, initial = emptyAgentForm, initialArchitectureName }: AgentFormProps) {
  const navigate = useNavigate();
  // Only deployed models an agent can run on (language and vision models) are offered.
  const models = useQuery(DeployedModels, { variables: { filter: { statuses: [AiModelStatus.Deployed], runsAgents: true } }, errorPolicy: 'all' });
  const architectures = useQuery(UsableArchitectures, { errorPolicy: 'all' });
  const [create, createState] = useMutation(AgentCreate, { refetchQueries: ['Agents'] });
  const [update, updateState] = useMutation(AgentUpdate, { refetchQueries: ['AgentActivity', 'PolicyViolations', 'PendingApprovals', 'ApprovalInboxCount'] });
  const [general, setGeneral] = useState<string[]>([]);
  const [blocked, setBlocked] = useState<PolicyOutcomeValue | null>(null);
  const unsaved = useUnsavedChanges();
  const form = useForm<AgentFormValues>({ mode: 'uncontrolled', initialValues: initial, validate: validateAgentForm, onValuesChange: unsaved.markDirty });
  const action = agentId ? 'update' : 'create';
  const [modelId, setModelId] = useState(initial.modelId);
  form.watch('modelId', ({ value }) => setModelId(value));
  const modelNodes = (models.data?.aiModels?.edges ?? []).map((e) => e.node);
  const chosenModel = modelNodes.find((m) => m.id === modelId) ?? null;
  // The tier follows from the chosen model (the API refuses any other); without a model it is chosen by hand.
  useEffect(() => {
    if (chosenModel?.tier && form.getValues().modelTier !== chosenModel.tier) form.setFieldValue('modelTier', chosenModel.tier);
  }, [chosenModel?.tier, form]);

  function handle(payload: AgentChange | null, error: unknown) {
    if (payload?.heldForApproval) {
      // Held, not applied: an edit goes back to the agent (unchanged) with the request named; a held
      // registration has no agent yet, so the form stays, saying so.
      unsaved.markSaved();
      notifications.show({ color: 'violet', title: 'Waiting for approval', message: 'Nothing changes until someone approves the request.' });
      if (agentId) void navigate(`/agents/${encodeURIComponent(agentId)}`, { state: { outcome: outcomeOf(action, payload) } });
      else setBlocked(outcomeOf(action, payload));
      return;
    }
    if (payload?.policyViolations.length) {
      setBlocked({ action, blocked: payload.policyViolations, warnings: payload.policyWarnings });
    }
    if (payload?.agent && !payload.policyViolations.length) {
      notifications.show({
        color: 'teal',
        title: agentId ? 'Agent saved' : 'Agent registered',
        message: `${payload.agent.name} is ${enumText(payload.agent.status)}.`,
      });
      const outcome: PolicyOutcomeValue | null = payload.policyWarnings.length ? { action, blocked: [], warnings: payload.policyWarnings } : null;
      unsaved.markSaved();
      void navigate(`/agents/${encodeURIComponent(payload.agent.id)}`, { state: { outcome } });
      return;
    }
    const userErrors = payload?.policyViolations.length ? payload.userErrors.filter((e) => e.code !== 'POLICY_VIOLATION') : payload?.userErrors;
    const problems = fieldProblems(userErrors, problemsOf(error), FORM_FIELDS);
    form.setErrors(problems.fields);
    setGeneral(problems.general.length || payload?.policyViolations.length ? problems.general : otherProblems(payload, error));
  }

  const submit = form.onSubmit(async (values) => {
    setGeneral([]);
    setBlocked(null);
    try {
      if (agentId) {
        const input = toUpdateInput(agentId, initial, values);
        if (!input) {
          setGeneral(['Nothing has changed.']);
          return;
        }
        const { data, error } = await update({ variables: { input }, errorPolicy: 'all' });
        handle(readChange(data?.agentUpdate), error);
      } else {
        const { data, error } = await create({ variables: { input: toCreateInput(values) }, errorPolicy: 'all' });
        handle(readChange(data?.agentCreate), error);
      }
    } catch (error) {
      setGeneral(problemsOf(error).map((p) => p.message));
    }
  });

  const modelOptions = modelNodes.map((m) => ({ value: m.id, label: `${m.name} ${m.version} (${m.provider})` }));
  const architectureOptions = (architectures.data?.architectures?.nodes ?? []).map((a) => ({
    value: a.id,
    label: `${a.name} (${enumText(a.cloudProvider)}, ${enumText(a.environment)}${a.status === 'DRAFT' ? ', draft' : ''})`,
  }));
  // An agent on a design this list does not offer (archived since) keeps it unless changed.
  if (initial.architectureId && !architectureOptions.some((o) => o.value === initial.architectureId) && initialArchitectureName) {
    architectureOptions.push({ value: initial.architectureId, label: initialArchitectureName });
  }
  return (
    <form onSubmit={submit} noValidate aria-label={agentId ? 'Edit agent' : 'Register agent'}>
      {unsaved.prompt}
      <Stack>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            What the agent is
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput label="Name" required data-autofocus key={form.key('name')} {...form.getInputProps('name')} />
            <Select label="Role" placeholder="Choose a role" data={roleOptions} required key={form.key('role')} {...form.getInputProps('role')} />
          </SimpleGrid>
          <Textarea mt="md" label="Description" autosize minRows={2} maxRows={6} key={form.key('description')} {...form.getInputProps('description')} />
          <TagsInput
            mt="md"
            label="Tags"
            description="Policies can apply to agents by tag; press Enter after each"
            key={form.key('tags')}
            {...form.getInputProps('tags')}
            clearable
          />
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            Model and cost
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Select
              label="Model"
              description="A deployed language or vision model of the registry; needed before deploying"
              placeholder={models.loading ? 'Loading models…' : 'No model yet'}
              data={modelOptions}
              searchable
              clearable
              key={form.key('modelId')}
              {...form.getInputProps('modelId')}
            />
            <Select
              label="Model tier"
              description={chosenModel?.tier ? `Follows from ${chosenModel.name} ${chosenModel.version}` : 'Without a model, choose the tier it will run at'}
              placeholder="Choose a tier"
              data={tierOptions}
              required
              disabled={Boolean(chosenModel?.tier)}
              key={form.key('modelTier')}
              {...form.getInputProps('modelTier')}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Thinking mode
              </Text>
              <SegmentedControl data={thinkingOptions} aria-label="Thinking mode" key={form.key('thinkingMode')} {...form.getInputProps('thinkingMode')} />
            </Stack>
            <Select
              label="Architecture"
              description="The cloud design the agent runs on; its spend counts toward the design"
              placeholder={architectures.loading ? 'Loading architectures…' : 'None'}
              data={architectureOptions}
              searchable
              clearable
              key={form.key('architectureId')}
              {...form.getInputProps('architectureId')}
            />
            <TextInput
              label="Cost per request (USD)"
              placeholder="0.025"
              inputMode="decimal"
              key={form.key('costPerRequest')}
              {...form.getInputProps('costPerRequest')}
            />
          </SimpleGrid>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            Capabilities and limits
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Textarea
              label="Capabilities"
              description="One per line"
              autosize
              minRows={3}
              maxRows={8}
              key={form.key('capabilities')}
              {...form.getInputProps('capabilities')}
            />
            <Textarea
              label="Limitations"
              description="One per line: what the agent must not do"
              autosize
              minRows={3}
              maxRows={8}
              key={form.key('limitations')}
              {...form.getInputProps('limitations')}
            />
            <JsonInput
              validationError={JSON_PROBLEM}
              label="Configuration"
              description="Runtime settings, a JSON object"
              placeholder='{"maxTokens": 4096}'
              autosize
              minRows={4}
              maxRows={14}
              formatOnBlur
              key={form.key('configuration')}
              {...form.getInputProps('configuration')}
            />
            <JsonInput
              validationError={JSON_PROBLEM}
              label="Tool policy"
              description="Which tools the agent may call, a JSON object"
              placeholder='{"allow": ["search"], "deny": ["shell"]}'
              autosize
              minRows={4}
              maxRows={14}
              formatOnBlur
              key={form.key('toolPolicy')}
              {...form.getInputProps('toolPolicy')}
            />
          </SimpleGrid>
        </Card>
        <PolicyOutcome outcome={blocked} />
        <FormProblems messages={general} title={agentId ? 'Not saved' : 'Not registered'} />
        <FormActions
          onCancel={() => void navigate(agentId ? `/agents/${encodeURIComponent(agentId)}` : '/agents')}
          submitting={createState.loading || updateState.loading}
          submitLabel={agentId ? 'Save changes' : 'Register agent'}
        />
      </Stack>
    </form>
  );
}
