import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Group, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { getFragmentData } from '../../gql';
import { WorkflowTriggerKind } from '../../gql/graphql';
import { fieldProblems, problemsOf } from '../../ui/errors';
import { FormProblems } from '../../ui/FormActions';
import { SecretReveal } from '../../ui/SecretReveal';
import { useUnsavedChanges } from '../../ui/useUnsavedChanges';
import { type GraphProblem, problemFromUserError, validateGraph, type WorkflowGraph } from './graph';
import { GraphEditor } from './GraphEditor';
import { eventOptions, triggerOptions, typeOptions } from './workflow-labels';
import { emptyWorkflow, FORM_FIELDS, formField, toWorkflowInput, validateWorkflow, type WorkflowFormValues } from './workflow-form';
import { WorkflowAgentOptions, WorkflowCreate, WorkflowDetail, WorkflowRow, WorkflowUpdate, WorkflowGraphValidateQuery } from './workflow.operations';

interface WorkflowFormProps {
  /** The workflow being edited; without one the form creates a workflow. */
  workflowId?: string;
  version?: number;
  initial?: WorkflowFormValues;
  initialGraph: WorkflowGraph;
}

/**
 * Writes a workflow: what it is, what starts it, and its graph. The graph is checked as it is drawn,
 * by the editor and (a moment after each change) by the API; saving makes a new version.
 */
export function WorkflowForm({ workflowId, version, initial = emptyWorkflow, initialGraph }: WorkflowFormProps) {
  const navigate = useNavigate();
  const unsaved = useUnsavedChanges();
  const [graph, setGraph] = useState(initialGraph);
  const [saveProblems, setSaveProblems] = useState<GraphProblem[]>([]);
  const [general, setGeneral] = useState<string[]>([]);
  const [secret, setSecret] = useState<{ secret: string; id: string } | null>(null);
  const form = useForm<WorkflowFormValues>({ mode: 'controlled', initialValues: initial, validate: validateWorkflow, onValuesChange: unsaved.markDirty });
  const agentNodes = useQuery(WorkflowAgentOptions, { errorPolicy: 'all' }).data?.agents?.nodes ?? [];
  const agents = agentNodes.map((a) => ({ value: a.id, label: a.name }));
  const channels = agentNodes.flatMap((a) =>
    (a.channels ?? []).map((c) => ({ value: c.id, label: `${a.name} › ${c.name} (${c.type.toLowerCase()}${c.enabled ? '' : ', disabled'})` })),
  );
  const [debouncedGraph] = useDebouncedValue(graph, 600);
  const live = useQuery(WorkflowGraphValidateQuery, { variables: { graph: debouncedGraph as unknown as Record<string, unknown> }, errorPolicy: 'all' });
  const [create, createState] = useMutation(WorkflowCreate, { refetchQueries: ['Workflows'] });
  const [update, updateState] = useMutation(WorkflowUpdate, { refetchQueries: ['Workflows'] });
  // The API's live check answers for the graph it was sent; once the graph changes again, its answer waits for the next.
  const liveProblems = debouncedGraph === graph && !live.loading && !live.error ? (live.data?.workflowGraphValidate ?? null) : null;

  function changeGraph(next: WorkflowGraph) {
    setGraph(next);
    setSaveProblems([]);
    unsaved.markDirty();
  }

  const submit = form.onSubmit(
    async (values) => {
      setGeneral([]);
      if (validateGraph(graph).length) {
        setGeneral(['The graph has problems; they are marked on its steps.']);
        return;
      }
      try {
        const input = toWorkflowInput(values, graph);
        const { data, error } = workflowId
          ? await update({ variables: { input: { workflowId, ...input } }, errorPolicy: 'all' })
          : await create({ variables: { input }, errorPolicy: 'all' });
        const payload = data && ('workflowUpdate' in data ? data.workflowUpdate : data.workflowCreate);
        const detail = getFragmentData(WorkflowDetail, payload?.workflow);
        const saved = detail ? getFragmentData(WorkflowRow, detail) : null;
        if (payload && saved && !payload.userErrors.length) {
          unsaved.markSaved();
          notifications.show({
            color: 'teal',
            title: workflowId ? `Saved as version ${saved.version}` : 'Workflow created',
            message: `${saved.name} is saved.`,
          });
          if (payload.webhookSecret) setSecret({ secret: payload.webhookSecret, id: saved.id });
          else void navigate(`/workflows/${encodeURIComponent(saved.id)}`);
          return;
        }
        const graphErrors = (payload?.userErrors ?? []).flatMap((e) => {
          const p = problemFromUserError(e);
          return p ? [p] : [];
        });
        setSaveProblems(graphErrors);
        const rest = (payload?.userErrors ?? [])
          .filter((e) => !problemFromUserError(e))
          .map((e) => ({ ...e, field: e.field ? ['input', ...formField(e.field.slice(1).join('.')).split('.')] : null }));
        const problems = fieldProblems(rest, problemsOf(error), FORM_FIELDS);
        form.setErrors(problems.fields);
        setGeneral(graphErrors.length ? [...problems.general, 'Steward found problems in the graph; they are marked on its steps.'] : problems.general);
      } catch (error) {
        setGeneral(problemsOf(error).map((p) => p.message));
      }
    },
    () => setGeneral(['Some fields need attention; they are marked above.']),
  );

  if (secret) {
    return (
      <Stack>
        <SecretReveal
          label="Webhook secret"
          secret={secret.secret}
          hint="Send it as the X-Steward-Signature key of your webhook calls. It is shown once: copy it now."
        />
        <Group justify="flex-end">
          <Button onClick={() => void navigate(`/workflows/${encodeURIComponent(secret.id)}`)}>Done</Button>
        </Group>
      </Stack>
    );
  }

  const kind = form.values.triggerKind;
  return (
    <form onSubmit={submit} noValidate aria-label={workflowId ? 'Edit workflow' : 'New workflow'}>
      {unsaved.prompt}
      <Stack>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            Workflow
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
            <Select label="Type" data={typeOptions} allowDeselect={false} required {...form.getInputProps('type')} />
          </SimpleGrid>
          <Textarea mt="md" label="Description" autosize minRows={2} maxRows={5} {...form.getInputProps('description')} />
          <SimpleGrid cols={{ base: 1, md: 2 }} mt="md">
            <Select label="Started" data={triggerOptions} allowDeselect={false} required {...form.getInputProps('triggerKind')} />
            {kind === WorkflowTriggerKind.Schedule ? (
              <TextInput label="Schedule (cron, UTC)" placeholder="0 9 * * 1" required {...form.getInputProps('cron')} />
            ) : kind === WorkflowTriggerKind.Event ? (
              <Select label="Event" data={eventOptions} placeholder="Choose an event" required {...form.getInputProps('event')} />
            ) : kind === WorkflowTriggerKind.Webhook ? (
              <TextInput label="Webhook" value="Steward gives the secret once, when you save" readOnly />
            ) : null}
          </SimpleGrid>
        </Card>
        <Card withBorder padding="lg">
          <GraphEditor graph={graph} onChange={changeGraph} liveProblems={liveProblems} serverProblems={saveProblems} agents={agents} channels={channels} />
        </Card>
        <FormProblems messages={general} title="Not saved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void navigate(workflowId ? `/workflows/${encodeURIComponent(workflowId)}` : '/workflows')}>
            Cancel
          </Button>
          <Button type="submit" loading={createState.loading || updateState.loading}>
            {workflowId ? `Save as version ${(version ?? 0) + 1}` : 'Create workflow'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
