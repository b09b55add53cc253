import { useMutation, useQuery } from '@apollo/client/react';
import { Modal, SegmentedControl, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { getFragmentData, graphql } from '../../gql';
import { BudgetEnforcement, BudgetPeriod, BudgetScope, type BudgetRowFragment } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { categoryOptions, isCategory } from '../../ui/labels';
import { useFormMutation } from '../../ui/useFormMutation';
import { type BudgetFormValues, emptyBudget, FORM_FIELDS, toCreateInput, toUpdateInput, validateBudget } from './budget-form';

export const BudgetFields = graphql(`
  fragment BudgetFields on Budget {
    id
    name
    scope
    tag
    category
    agent {
      id
      name
    }
    period
    currency
    thresholds
    enforcement
    amount
    currentSpend
    currentPeriod {
      start
      end
    }
    updatedAt
  }
`);

/** The agents a budget may be scoped to: every role may read the inventory. */
export const BudgetAgentOptionsQuery = graphql(`
  query BudgetAgentOptions {
    agents(first: 100, orderBy: { field: NAME, direction: ASC }) {
      nodes {
        id
        name
      }
    }
  }
`);

export const BudgetCreate = graphql(`
  mutation BudgetCreate($input: BudgetCreateInput!) {
    budgetCreate(input: $input) {
      budget {
        ...BudgetFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const BudgetUpdate = graphql(`
  mutation BudgetUpdate($input: BudgetUpdateInput!) {
    budgetUpdate(input: $input) {
      budget {
        ...BudgetFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const SCOPES = [
  { value: BudgetScope.Tenant, label: 'Whole tenant' },
  { value: BudgetScope.Agent, label: 'Agent' },
  { value: BudgetScope.Tag, label: 'Tag' },
  { value: BudgetScope.Category, label: 'Category' },
];

const PERIODS = [
  { value: BudgetPeriod.Monthly, label: 'Monthly' },
  { value: BudgetPeriod.Quarterly, label: 'Quarterly' },
];

export function valuesOf(budget: BudgetRowFragment): BudgetFormValues {
  return {
    name: budget.name,
    scope: budget.scope,
    agentId: budget.agent?.id ?? null,
    tag: budget.tag ?? '',
    category: isCategory(budget.category) ? budget.category : null,
    period: budget.period,
    amount: budget.amount ?? '',
    currency: budget.currency,
    thresholds: budget.thresholds.map(String),
    enforcement: budget.enforcement,
  };
}

interface BudgetFormModalProps {
  opened: boolean;
  /** The budget to edit; null to create one. */
  budget: BudgetRowFragment | null;
  onClose: () => void;
  onSaved: (name: string, created: boolean) => void;
}

/** Create or edit a budget: checked as the API checks it, then the API's own problems next to their fields. */
export function BudgetFormModal({ opened, budget, onClose, onSaved }: BudgetFormModalProps) {
  const editing = budget !== null;
  const [create] = useMutation(BudgetCreate);
  const [update] = useMutation(BudgetUpdate);
  const { data: agentData } = useQuery(BudgetAgentOptionsQuery, { errorPolicy: 'all', skip: !opened });
  const form = useForm<BudgetFormValues>({ mode: 'controlled', initialValues: emptyBudget, validate: validateBudget });
  const initial = budget ? valuesOf(budget) : emptyBudget;

  useEffect(() => {
    if (!opened) return;
    form.setValues(budget ? valuesOf(budget) : emptyBudget);
    form.resetDirty();
    form.clearErrors();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when the modal opens for a budget
  }, [opened, budget?.id]);

  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = budget
        ? await update({ variables: { input: toUpdateInput(budget.id, initial, values) }, errorPolicy: 'all' })
        : await create({ variables: { input: toCreateInput(values) }, errorPolicy: 'all' });
      return { payload: data && ('budgetUpdate' in data ? data.budgetUpdate : data.budgetCreate), error };
    },
    result: (payload) => getFragmentData(BudgetFields, payload.budget),
    fields: FORM_FIELDS,
    // The list toasts, refetches and closes the form.
    onDone: (saved) => onSaved(saved.name, !editing),
    keepOpen: true,
    onClose,
  });

  const scope = form.values.scope;
  const agents = (agentData?.agents?.nodes ?? []).map((a) => ({ value: a.id, label: a.name }));
  if (budget?.agent && !agents.some((a) => a.value === budget.agent?.id)) agents.push({ value: budget.agent.id, label: budget.agent.name });

  return (
    <Modal opened={opened} onClose={close} title={budget ? `Edit "${budget.name}"` : 'New budget'} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" placeholder="Monthly AI spend" required data-autofocus {...form.getInputProps('name')} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="budget-scope-label">
              Counts
            </Text>
            <SegmentedControl
              data={SCOPES}
              disabled={editing}
              aria-labelledby="budget-scope-label"
              value={scope || BudgetScope.Tenant}
              onChange={(value) => {
                form.setFieldValue('scope', value as BudgetScope);
                if (value !== BudgetScope.Agent) form.setFieldValue('enforcement', BudgetEnforcement.Notify);
              }}
            />
            {editing ? (
              <Text size="xs" c="dimmed">
                What a budget counts is fixed once it exists.
              </Text>
            ) : null}
          </Stack>
          {scope === BudgetScope.Agent ? (
            <Select label="Agent" placeholder="Choose an agent" data={agents} searchable required disabled={editing} {...form.getInputProps('agentId')} />
          ) : null}
          {scope === BudgetScope.Tag ? <TextInput label="Tag" placeholder="team:support" required disabled={editing} {...form.getInputProps('tag')} /> : null}
          {scope === BudgetScope.Category ? (
            <Select label="Category" placeholder="Choose a category" data={categoryOptions} required disabled={editing} {...form.getInputProps('category')} />
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Amount" placeholder="5000" inputMode="decimal" required {...form.getInputProps('amount')} />
            <TextInput label="Currency" placeholder="USD" maxLength={3} required {...form.getInputProps('currency')} />
            <Select label="Period" data={PERIODS} allowDeselect={false} required {...form.getInputProps('period')} />
          </SimpleGrid>
          <TagsInput
            label="Alert thresholds (%)"
            description="An alert is raised the first time spend crosses each percentage of the amount in a period"
            placeholder="Add a percentage and press Enter"
            splitChars={[',', ' ']}
            {...form.getInputProps('thresholds')}
          />
          <Select
            label="At 100%"
            data={[
              { value: BudgetEnforcement.Notify, label: 'Notify: raise an alert' },
              { value: BudgetEnforcement.Block, label: 'Block: suspend the agent (agent budgets only)', disabled: scope !== BudgetScope.Agent },
            ]}
            allowDeselect={false}
            {...form.getInputProps('enforcement')}
          />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel={editing ? 'Save budget' : 'Create budget'} />
        </Stack>
      </form>
    </Modal>
  );
}
