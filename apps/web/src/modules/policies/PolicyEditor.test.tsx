import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../../test/render';
import { connection } from '../../test/data';
import { PolicyRuleTestQuery, RuleTestAgents } from './policy.operations';
import { PolicyEditor } from './PolicyEditor';
import { SAMPLE_AGENT } from './rule-test';

const sample = JSON.parse(SAMPLE_AGENT) as Record<string, unknown>;
const agentsMock = {
  request: { query: RuleTestAgents },
  result: {
    data: {
      agents: {
        __typename: 'AgentConnection',
        ...connection([{ __typename: 'Agent', id: 'QWdlbnQ6Ng==', name: 'Terraform Drafter', status: 'draft', tags: ['infrastructure'] }]),
      },
    },
  },
  maxUsageCount: 5,
};

function ruleTest(input: Record<string, unknown>, answer: Record<string, unknown>, onCall?: () => void) {
  return {
    request: { query: PolicyRuleTestQuery, variables: { input } },
    result: () => {
      onCall?.();
      return { data: { policyRuleTest: { __typename: 'PolicyRuleTestResult', valid: true, result: null, outcome: null, error: null, ...answer } } };
    },
  };
}

const invalid = (message: string, line: number, column: number, offset: number) => ({
  valid: false,
  error: { __typename: 'PolicyConditionError', message, position: { __typename: 'PolicyConditionPosition', line, column, offset } },
});

function conditionBox() {
  return screen.getByRole('textbox', { name: /^Condition/ });
}

describe('the policy editor', () => {
  it('tests a condition as it is typed, once the author pauses, and marks where it is wrong', async () => {
    let calls = 0;
    const condition = 'agent.modelTier == "opus" &&';
    renderPage(<PolicyEditor />, {
      mocks: [agentsMock, ruleTest({ condition, action: 'update', sample }, invalid('Line 1, column 29: Unexpected token: EOF', 1, 29, 28), () => calls++)],
    });
    await userEvent.type(conditionBox(), condition.replace(/[{[]/g, (c) => c + c));
    const test = await screen.findByTestId('rule-test');
    expect(await within(test).findByTestId('rule-test-validity', {}, { timeout: 3000 })).toHaveTextContent('Invalid');
    const mark = await within(test).findByTestId('condition-error-mark');
    // Past the end of the condition: the mark sits after its last character.
    expect(mark).toHaveAttribute('data-offset', '28');
    expect(mark.textContent).toBe('\u00a0');
    expect(within(test).getByText('Line 1, column 29')).toBeInTheDocument();
    expect(within(test).getByText(/\^ Unexpected token: EOF/)).toBeInTheDocument();
    expect(calls).toBe(1);

    // "Show in the condition" selects the character at fault.
    await userEvent.click(within(test).getByRole('button', { name: 'Show in the condition' }));
    expect(conditionBox()).toHaveFocus();
    expect((conditionBox() as HTMLTextAreaElement).selectionStart).toBe(28);
  });

  it('marks the character at fault on its line in a multi-line condition', async () => {
    const condition = 'agent.costPerRequest > 0.1\n  && agent.x';
    renderPage(<PolicyEditor />, { mocks: [agentsMock, ruleTest({ condition, action: 'update', sample }, invalid('Line 2, column 12: No such key: x', 2, 12, 38))] });
    fireEvent.change(conditionBox(), { target: { value: condition } });
    const mark = await screen.findByTestId('condition-error-mark', {}, { timeout: 3000 });
    expect(mark).toHaveTextContent('x');
    expect(mark.parentElement).toHaveTextContent('2 │ && agent.x');
    expect(screen.getByText(/\^ No such key: x/)).toBeInTheDocument();
  });

  it('shows whether the sample violates the rule, as the chosen change', async () => {
    const condition = 'change.action == "deploy"';
    renderPage(<PolicyEditor />, {
      mocks: [
        agentsMock,
        ruleTest({ condition, action: 'update', sample }, { valid: true, result: false, outcome: 'pass' }),
        ruleTest({ condition, action: 'deploy', sample }, { valid: true, result: true, outcome: 'violation' }),
      ],
    });
    fireEvent.change(conditionBox(), { target: { value: condition } });
    expect(await screen.findByTestId('rule-test-result', {}, { timeout: 3000 })).toHaveTextContent('false');
    expect(screen.getByText(/the sample passes this rule \(update\)/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('combobox', { name: /^As the change/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'deploy' }));
    await waitFor(() => expect(screen.getByTestId('rule-test-result')).toHaveTextContent('true'), { timeout: 3000 });
    expect(screen.getByText(/the sample would violate this rule \(deploy\)/)).toBeInTheDocument();
    expect(screen.getByTestId('rule-test-validity')).toHaveTextContent('Valid');
    expect(screen.queryByTestId('condition-error-mark')).not.toBeInTheDocument();
  });

  it('checks the policy before sending it', async () => {
    renderPage(<PolicyEditor />, { mocks: [agentsMock] });
    await userEvent.click(screen.getByRole('button', { name: 'Create policy' }));
    expect(await screen.findByText('Give the policy a name, e.g. "Opus cost ceiling"')).toBeInTheDocument();
    expect(screen.getByText('Choose what the policy governs')).toBeInTheDocument();
    expect(screen.getByText('Choose a severity')).toBeInTheDocument();
    expect(screen.getByText('Give the rule a name')).toBeInTheDocument();
    expect(screen.getByText('Write the condition that means a violation')).toBeInTheDocument();
    expect(screen.getByText('Say what the caller is told')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Some fields need attention');
  });
});
