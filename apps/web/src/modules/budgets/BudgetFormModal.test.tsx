import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BudgetEnforcement, BudgetPeriod, BudgetScope, type BudgetRowFragment } from '../../gql/graphql';
import { renderPage } from '../../test/render';
import { emptyBudget, toUpdateInput, validateBudget } from './budget-form';
import { BudgetAgentOptionsQuery, BudgetCreate, BudgetFormModal, BudgetUpdate, valuesOf } from './BudgetFormModal';

const agents = {
  request: { query: BudgetAgentOptionsQuery },
  result: { data: { agents: { __typename: 'AgentConnection', nodes: [{ __typename: 'Agent', id: 'QWdlbnQ6MQ==', name: 'Incident Triage' }] } } },
  maxUsageCount: 5,
};

const saved = (name: string) => ({
  __typename: 'Budget',
  id: 'QnVkZ2V0Ojk=',
  name,
  scope: BudgetScope.Tenant,
  tag: null,
  category: null,
  agent: null,
  period: BudgetPeriod.Monthly,
  currency: 'USD',
  thresholds: [50, 80, 100],
  enforcement: BudgetEnforcement.Notify,
  amount: '2500.5',
  currentSpend: '0',
  currentPeriod: { __typename: 'BudgetPeriodRange', start: '2026-11-01', end: '2026-11-30' },
  updatedAt: new Date().toISOString(),
});

const existing: BudgetRowFragment = {
  __typename: 'Budget',
  id: 'QnVkZ2V0OjE=',
  name: 'Monthly cloud and AI spend',
  scope: BudgetScope.Tenant,
  tag: null,
  category: null,
  agent: null,
  period: BudgetPeriod.Monthly,
  currency: 'USD',
  thresholds: [50, 80, 100],
  enforcement: BudgetEnforcement.Notify,
  currentPeriod: { __typename: 'BudgetPeriodRange', start: '2026-11-01', end: '2026-11-30' },
  amount: '6000',
  currentSpend: '7903.38',
  updatedAt: new Date().toISOString(),
};

describe('budget form', () => {
  it('checks every field as the API would, before sending', () => {
    expect(validateBudget(emptyBudget)).toEqual({ name: expect.any(String), amount: expect.any(String) });
    const errors = validateBudget({
      ...emptyBudget,
      name: 'x',
      scope: BudgetScope.Tag,
      tag: ' ',
      amount: '0.000',
      currency: 'us',
      thresholds: ['50', '50'],
      enforcement: BudgetEnforcement.Block,
    });
    expect(errors).toEqual({
      tag: 'Enter the tag',
      amount: 'The amount must be more than zero',
      currency: 'Use a three-letter ISO 4217 code, e.g. USD',
      thresholds: 'Each threshold may appear once',
      enforcement: 'Only agent budgets can block',
    });
    expect(validateBudget({ ...emptyBudget, name: 'x', amount: '1.1234567' }).amount).toMatch(/at most 6 decimals/);
    expect(validateBudget({ ...emptyBudget, name: 'x', amount: '10', thresholds: ['0', '80'] }).thresholds).toMatch(/between 1 and 1000/);
    expect(validateBudget({ ...emptyBudget, name: 'x', amount: '10', thresholds: [] }).thresholds).toMatch(/1 to 10/);
    expect(
      validateBudget({
        ...emptyBudget,
        name: 'x',
        amount: '1,250.50',
        scope: BudgetScope.Agent,
        agentId: 'QWdlbnQ6MQ==',
        enforcement: BudgetEnforcement.Block,
      }),
    ).toEqual({});
  });

  it('sends only what changed when editing', () => {
    const before = valuesOf(existing);
    expect(toUpdateInput(existing.id, before, { ...before, amount: '6000.00', thresholds: ['100', '75'] })).toEqual({
      budgetId: existing.id,
      thresholds: [75, 100],
    });
    expect(toUpdateInput(existing.id, before, { ...before, name: ' Cloud ', amount: '6500' })).toEqual({
      budgetId: existing.id,
      name: 'Cloud',
      amount: '6500',
    });
  });

  it('shows problems next to their fields and sends nothing until they are fixed', async () => {
    const onSaved = jest.fn();
    renderPage(<BudgetFormModal opened budget={null} onClose={() => {}} onSaved={onSaved} />, {
      mocks: [
        agents,
        {
          request: {
            query: BudgetCreate,
            variables: {
              input: {
                name: 'Support tools',
                scope: 'TENANT',
                agentId: null,
                tag: null,
                category: null,
                period: 'MONTHLY',
                amount: '2500.5',
                currency: 'USD',
                thresholds: [50, 80, 100],
                enforcement: 'NOTIFY',
              },
            },
          },
          result: { data: { budgetCreate: { __typename: 'BudgetPayload', budget: saved('Support tools'), userErrors: [] } } },
        },
      ],
    });
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create budget' }));
    expect(await within(dialog).findByText('Give the budget a name of up to 120 characters')).toBeInTheDocument();
    expect(within(dialog).getByText(/Enter an amount such as 5000/)).toBeInTheDocument();

    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Support tools');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Amount/ }), '-5');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create budget' }));
    expect(await within(dialog).findByText(/Enter an amount such as 5000/)).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();

    await userEvent.clear(within(dialog).getByRole('textbox', { name: /^Amount/ }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Amount/ }), '2500.5');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create budget' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('Support tools', true));
  });

  it('asks for the agent of an agent budget, and puts the API refusal next to the name', async () => {
    const onSaved = jest.fn();
    renderPage(<BudgetFormModal opened budget={existing} onClose={() => {}} onSaved={onSaved} />, {
      mocks: [
        agents,
        {
          request: { query: BudgetUpdate, variables: { input: { budgetId: existing.id, name: 'Quarterly AI' } } },
          result: {
            data: {
              budgetUpdate: {
                __typename: 'BudgetPayload',
                budget: null,
                userErrors: [{ __typename: 'UserError', field: ['input', 'name'], message: 'A budget named "Quarterly AI" already exists', code: 'CONFLICT' }],
              },
            },
          },
        },
      ],
    });
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('textbox', { name: /^Amount/ })).toHaveValue('6000');
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'Quarterly AI');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save budget' }));
    const problem = await within(dialog).findByText('A budget named "Quarterly AI" already exists');
    expect(name.closest('.mantine-TextInput-root')).toContainElement(problem);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('shows every problem of one refusal: each at its field, the one about the whole input above the buttons', async () => {
    const onSaved = jest.fn();
    const userErrors = [
      {
        __typename: 'UserError',
        field: ['input', 'name'],
        message: 'A budget named "Quarterly AI" already exists (names are compared ignoring case)',
        code: 'CONFLICT',
      },
      { __typename: 'UserError', field: ['input', 'amount'], message: 'amount must be more than zero', code: 'BAD_USER_INPUT' },
      { __typename: 'UserError', field: ['input', 'currency'], message: 'currency must be an ISO 4217 code such as USD', code: 'BAD_USER_INPUT' },
      { __typename: 'UserError', field: null, message: 'The tenant may not change budgets right now', code: 'CONFLICT' },
    ];
    renderPage(<BudgetFormModal opened budget={existing} onClose={() => {}} onSaved={onSaved} />, {
      mocks: [
        agents,
        {
          request: { query: BudgetUpdate, variables: { input: { budgetId: existing.id, name: 'Quarterly AI', amount: '7000', currency: 'EUR' } } },
          result: { data: { budgetUpdate: { __typename: 'BudgetPayload', budget: null, userErrors } } },
        },
      ],
    });
    const dialog = screen.getByRole('dialog');
    const field = (name: RegExp) => within(dialog).getByRole('textbox', { name });
    await userEvent.clear(field(/^Name/));
    await userEvent.type(field(/^Name/), 'Quarterly AI');
    await userEvent.clear(field(/^Amount/));
    await userEvent.type(field(/^Amount/), '7000');
    await userEvent.clear(field(/^Currency/));
    await userEvent.type(field(/^Currency/), 'EUR');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save budget' }));
    const at = async (name: RegExp, message: string) => {
      const shown = await within(dialog).findByText(message);
      expect(field(name).closest('.mantine-TextInput-root')).toContainElement(shown);
    };
    await at(/^Name/, userErrors[0].message);
    await at(/^Amount/, userErrors[1].message);
    await at(/^Currency/, userErrors[2].message);
    expect(within(dialog).getByRole('alert')).toHaveTextContent('The tenant may not change budgets right now');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('needs an agent for an agent budget', async () => {
    renderPage(<BudgetFormModal opened budget={null} onClose={() => {}} onSaved={() => {}} />, { mocks: [agents] });
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Agent' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create budget' }));
    expect(await within(dialog).findByText('Choose the agent')).toBeInTheDocument();
  });
});
