import { useMutation, useQuery } from '@apollo/client/react';
import {
  Autocomplete,
  Button,
  Card,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type PolicyChangeResultFragment, type PolicyRowFragment, PolicyScopeKind, PolicyType } from '../../gql/graphql';
import { getFragmentData } from '../../gql';
import { fieldProblems, problemsOf } from '../../ui/errors';
import { FormProblems } from '../../ui/FormActions';
import { approvalPath, type HeldRequest } from '../../ui/HeldForApproval';
import { useUnsavedChanges } from '../../ui/useUnsavedChanges';
import { words } from '../../format/words';
import { DryRunPanel } from './DryRunPanel';
import { ENFORCEMENT_COLOR, ENFORCEMENT_HELP, enforcementOptions, severityOptions } from '../../ui/badges';
import { PolicyChangeResult, PolicyConditionLanguageQuery, PolicyCreate, PolicyRow, PolicyUpdate, RuleTestAgents } from './policy.operations';
import {
  emptyPolicyForm,
  MAX_RULES,
  newRule,
  type PolicyFormValues,
  policyFormField,
  rulesInput,
  scopeInput,
  toPolicyCreateInput,
  toPolicyUpdateInput,
  validatePolicyForm,
} from './policy-form';
import { RuleCard } from './RuleCard';
import { defaultTarget, type RuleTestTarget } from './rule-test';
import { TestTargetPanel } from './TestTargetPanel';

const typeOptions = Object.values(PolicyType).map((value) => ({ value, label: words(value) }));
const CATEGORIES = ['cost', 'privacy', 'reliability', 'security', 'tools', 'transparency', 'change-management'];

interface PolicyEditorProps {
  /** The policy being edited; without one the editor creates a policy. */
  policyId?: string;
  version?: number;
  initial?: PolicyFormValues;
  onSaved?: (policy: PolicyRowFragment) => void;
  /** The change was held for approval (a block-mode policy): the policy is unchanged until it is approved. */
  onHeld?: (request: HeldRequest) => void;
  /** Leaves editing a saved policy without saving. */
  onCancel?: () => void;
}

/**
 * Writes a policy: what it is, what it covers, how it is enforced, and its rules, each condition
 * tested live as it is typed. A dry run previews the agents it would flag before anything is saved.
 */
export function PolicyEditor({ policyId, version, initial, onSaved, onHeld, onCancel }: PolicyEditorProps) {
  const navigate = useNavigate();
  const [initialValues] = useState(() => initial ?? emptyPolicyForm());
  const [target, setTarget] = useState<RuleTestTarget>(defaultTarget);
  const [general, setGeneral] = useState<string[]>([]);
  const agents = useQuery(RuleTestAgents, { errorPolicy: 'all' });
  const language = useQuery(PolicyConditionLanguageQuery, { errorPolicy: 'all' }).data?.policyConditionLanguage ?? null;
  const [create, createState] = useMutation(PolicyCreate, { refetchQueries: ['Policies'] });
  const [update, updateState] = useMutation(PolicyUpdate, { refetchQueries: ['PolicyVersions'] });
  const unsaved = useUnsavedChanges();
  const form = useForm<PolicyFormValues>({ mode: 'controlled', initialValues, validate: validatePolicyForm, onValuesChange: unsaved.markDirty });
  const values = form.values;
  const agentList = (agents.data?.agents?.edges ?? []).map((e) => e.node);
  const knownTags = [...new Set(agentList.flatMap((a) => a.tags))].sort();

  const ruleErrors = Object.keys(validatePolicyForm(values)).filter((k) => k.startsWith('rules') || k.startsWith('scope'));
  const dryRunInput = ruleErrors.length
    ? null
    : policyId && !form.isDirty()
      ? { policyId }
      : { draft: { rules: rulesInput(values), scope: scopeInput(values) } };

  function handle(payload: PolicyChangeResultFragment | null | undefined, error: unknown) {
    const saved = getFragmentData(PolicyRow, payload?.policy);
    if (payload?.heldForApproval && !payload.userErrors.length) {
      notifications.show({
        color: 'violet',
        title: 'Waiting for approval',
        message: 'The policy stays as it is until a compliance officer or another admin approves.',
      });
      unsaved.markSaved();
      if (onHeld) onHeld(payload.heldForApproval);
      else void navigate(approvalPath(payload.heldForApproval.id));
      return;
    }
    if (saved) {
      notifications.show({
        color: 'teal',
        title: policyId ? `Saved as version ${saved.version}` : 'Policy created',
        message: `${saved.name} is ${saved.active ? 'active' : 'inactive'}.`,
      });
      unsaved.markSaved();
      if (onSaved) onSaved(saved);
      else void navigate(`/policies/${encodeURIComponent(saved.id)}`);
      return;
    }
    const problems = fieldProblems(
      (payload?.userErrors ?? []).map((e) => ({ ...e, field: e.field ? ['input', ...policyFormField(e.field.slice(1).join('.')).split('.')] : null })),
      problemsOf(error),
    );
    const known = new Set(['name', 'description', 'type', 'category', 'severity', 'enforcement', 'scopeKind', 'scopeTags', 'scopeAgentIds']);
    const fields: Record<string, string> = {};
    const rest = [...problems.general];
    for (const [field, message] of Object.entries(problems.fields)) {
      if (known.has(field) || /^rules\.\d+\.(name|condition|message)$/.test(field)) fields[field] = message;
      else rest.push(message);
    }
    form.setErrors(fields);
    setGeneral(rest);
  }

  const submit = form.onSubmit(
    async (submitted) => {
      setGeneral([]);
      try {
        if (policyId) {
          const input = toPolicyUpdateInput(policyId, initialValues, submitted);
          if (!input) {
            setGeneral(['Nothing has changed.']);
            return;
          }
          const { data, error } = await update({ variables: { input }, errorPolicy: 'all' });
          handle(getFragmentData(PolicyChangeResult, data?.policyUpdate), error);
        } else {
          const { data, error } = await create({ variables: { input: toPolicyCreateInput(submitted) }, errorPolicy: 'all' });
          handle(getFragmentData(PolicyChangeResult, data?.policyCreate), error);
        }
      } catch (error) {
        setGeneral(problemsOf(error).map((p) => p.message));
      }
    },
    () => setGeneral(['Some fields need attention; they are marked above.']),
  );

  return (
    <form onSubmit={submit} noValidate aria-label={policyId ? 'Edit policy' : 'New policy'}>
      {unsaved.prompt}
      <Stack>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            Policy
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
            <SimpleGrid cols={2}>
              <Select label="Type" placeholder="What it governs" data={typeOptions} required {...form.getInputProps('type')} />
              <Autocomplete label="Category" placeholder="e.g. cost" data={CATEGORIES} {...form.getInputProps('category')} />
            </SimpleGrid>
          </SimpleGrid>
          <Textarea mt="md" label="Description" description="Why the policy exists" autosize minRows={2} maxRows={5} {...form.getInputProps('description')} />
          <SimpleGrid cols={{ base: 1, md: 2 }} mt="md">
            <Select label="Severity" placeholder="How serious a violation is" data={severityOptions} required {...form.getInputProps('severity')} />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Enforcement
              </Text>
              <SegmentedControl
                aria-label="Enforcement"
                data={enforcementOptions}
                color={ENFORCEMENT_COLOR[values.enforcement] === 'gray' ? undefined : ENFORCEMENT_COLOR[values.enforcement]}
                {...form.getInputProps('enforcement')}
              />
              <Text size="xs" c="dimmed">
                {ENFORCEMENT_HELP[values.enforcement]}
              </Text>
            </Stack>
          </SimpleGrid>
          {!policyId ? (
            <Switch mt="md" label="Active" description="Enforce the policy as soon as it is created" {...form.getInputProps('active', { type: 'checkbox' })} />
          ) : null}
        </Card>

        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            Scope
          </Title>
          <Stack gap="sm">
            <SegmentedControl
              aria-label="Scope"
              data={[
                { value: PolicyScopeKind.All, label: 'Every agent' },
                { value: PolicyScopeKind.Tags, label: 'Agents with tags' },
                { value: PolicyScopeKind.Agents, label: 'Listed agents' },
              ]}
              {...form.getInputProps('scopeKind')}
              maw={480}
            />
            {values.scopeKind === PolicyScopeKind.Tags ? (
              <TagsInput label="Tags" description="Agents carrying any of these tags" data={knownTags} required {...form.getInputProps('scopeTags')} />
            ) : null}
            {values.scopeKind === PolicyScopeKind.Agents ? (
              <MultiSelect
                label="Agents"
                data={agentList.map((a) => ({ value: a.id, label: a.name }))}
                searchable
                required
                {...form.getInputProps('scopeAgentIds')}
              />
            ) : null}
          </Stack>
        </Card>

        <Card withBorder padding="lg">
          <Group justify="space-between" mb="md">
            <Title order={2} size="h4">
              Rules
            </Title>
            <Text size="sm" c="dimmed">
              A rule is violated when its condition is true.
            </Text>
          </Group>
          <Stack>
            <TestTargetPanel value={target} onChange={setTarget} agents={agentList} />
            {values.rules.map((rule, index) => (
              <RuleCard
                key={rule.key}
                form={form}
                index={index}
                target={target}
                language={language}
                onRemove={values.rules.length > 1 ? () => form.removeListItem('rules', index) : undefined}
              />
            ))}
            {form.errors.rules ? (
              <Text size="sm" c="red">
                {form.errors.rules}
              </Text>
            ) : null}
            <Group>
              <Button
                variant="light"
                leftSection={<IconPlus size={16} />}
                disabled={values.rules.length >= MAX_RULES}
                onClick={() => form.insertListItem('rules', newRule())}
              >
                Add rule
              </Button>
            </Group>
          </Stack>
        </Card>

        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            Dry run
          </Title>
          <DryRunPanel
            input={dryRunInput}
            blocker={ruleErrors.length ? 'Give every rule a name, a condition and a message (and the scope its tags or agents) to preview it.' : null}
          />
        </Card>

        <FormProblems messages={general} title="Not saved" />
        <Group justify="flex-end">
          {policyId && onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : policyId ? (
            <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
              Discard changes
            </Button>
          ) : (
            <Button variant="default" onClick={() => void navigate('/policies')}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={createState.loading || updateState.loading}>
            {policyId ? `Save as version ${(version ?? 0) + 1}` : 'Create policy'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
