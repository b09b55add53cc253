import { currentCompletions, startCompletion } from '@codemirror/autocomplete';
import { forEachDiagnostic } from '@codemirror/lint';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { codeEditor, typeInto } from '../../test/code-editor';
import { renderPage } from '../../test/render';
import { connection } from '../../test/data';
import { PolicyConditionLanguageQuery, PolicyRuleTestQuery, RuleTestAgents } from './policy.operations';
import { PolicyEditor } from './PolicyEditor';
import { SAMPLE_AGENT } from './rule-test';

const sample = JSON.parse(SAMPLE_AGENT) as Record<string, unknown>;
const agentsMock = {
  request: { query: RuleTestAgents },
  result: {
    data: {
      agents: {
        __typename: 'AgentConnection',
        ...connection([{ __typename: 'Agent', id: 'QWdlbnQ6Ng==', name: 'Terraform Drafter', status: 'DRAFT', tags: ['infrastructure'] }]),
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

const languageMock = {
  request: { query: PolicyConditionLanguageQuery },
  result: {
    data: {
      policyConditionLanguage: {
        __typename: 'PolicyConditionLanguage',
        variables: [
          {
            __typename: 'PolicyConditionVariable',
            name: 'agent',
            fields: [
              { __typename: 'PolicyConditionField', name: 'costPerRequest', type: 'double' },
              { __typename: 'PolicyConditionField', name: 'modelTier', type: 'string' },
            ],
          },
          { __typename: 'PolicyConditionVariable', name: 'change', fields: [{ __typename: 'PolicyConditionField', name: 'action', type: 'string' }] },
        ],
        functions: ['size'],
        methods: ['contains', 'exists'],
      },
    },
  },
  maxUsageCount: 5,
};

function conditionEditor() {
  return codeEditor(/^Condition/);
}

function diagnostics(): { from: number; to: number; message: string }[] {
  const found: { from: number; to: number; message: string }[] = [];
  forEachDiagnostic(conditionEditor().state, (d, from, to) => found.push({ from, to, message: d.message }));
  return found;
}

// A full form with a code editor and debounced live tests: slow on a loaded machine, so the waits are generous.
jest.setTimeout(60000);

describe('the policy editor', () => {
  it('tests a condition as it is typed, once the author pauses, and marks where it is wrong', async () => {
    let calls = 0;
    const condition = 'agent.modelTier == "opus" &&';
    renderPage(<PolicyEditor />, {
      mocks: [
        agentsMock,
        languageMock,
        ruleTest({ condition, action: 'UPDATE', sample }, invalid('Line 1, column 29: Unexpected token: EOF', 1, 29, 28), () => calls++),
      ],
    });
    for (const part of ['agent.', 'modelTier == ', '"opus" ', '&&']) typeInto(conditionEditor(), part);
    const test = await screen.findByTestId('rule-test');
    expect(await within(test).findByTestId('rule-test-validity', {}, { timeout: 30000 })).toHaveTextContent('Invalid');
    const mark = await within(test).findByTestId('condition-error-mark');
    // Past the end of the condition: the mark sits after its last character.
    expect(mark).toHaveAttribute('data-offset', '28');
    expect(mark.textContent).toBe('\u00a0');
    expect(within(test).getByText('Line 1, column 29')).toBeInTheDocument();
    expect(within(test).getByText(/\^ Unexpected token: EOF/)).toBeInTheDocument();
    expect(calls).toBe(1);
    // The editor marks the same place in the text itself.
    expect(diagnostics()).toEqual([{ from: 28, to: 28, message: 'Unexpected token: EOF' }]);

    // "Show in the condition" puts the cursor on the character at fault.
    conditionEditor().dispatch({ selection: { anchor: 0 } });
    await userEvent.click(within(test).getByRole('button', { name: 'Show in the condition' }));
    expect(conditionEditor().hasFocus).toBe(true);
    expect(conditionEditor().state.selection.main.from).toBe(28);

    // Once the condition changes, the old problem no longer marks it.
    typeInto(conditionEditor(), ' true');
    expect(diagnostics()).toEqual([]);
  });

  it("completes the agent's fields from the API's condition language, with their types", async () => {
    renderPage(<PolicyEditor />, {
      mocks: [
        agentsMock,
        languageMock,
        ruleTest({ condition: 'agent.', action: 'UPDATE', sample }, invalid('Line 1, column 7: Unexpected token: EOF', 1, 7, 6)),
      ],
    });
    // Completions come once the language has loaded.
    await waitFor(() => expect(screen.getByTestId('condition-editor')).toHaveAttribute('data-completions', 'ready'), { timeout: 30000 });
    const view = conditionEditor();
    typeInto(view, 'agent.');
    act(() => void startCompletion(view));
    await waitFor(() => expect(currentCompletions(view.state).map((c) => `${c.label}: ${c.detail}`)).toEqual(['costPerRequest: double', 'modelTier: string']), {
      timeout: 30000,
    });
    typeInto(view, 'tags.');
    act(() => void startCompletion(view));
    await waitFor(() => expect(currentCompletions(view.state).map((c) => c.label)).toEqual(['contains', 'exists']), { timeout: 30000 });
  });

  it('marks the character at fault on its line in a multi-line condition', async () => {
    const condition = 'agent.costPerRequest > 0.1\n  && agent.x';
    renderPage(<PolicyEditor />, {
      mocks: [agentsMock, languageMock, ruleTest({ condition, action: 'UPDATE', sample }, invalid('Line 2, column 12: No such key: x', 2, 12, 38))],
    });
    typeInto(conditionEditor(), condition);
    const mark = await screen.findByTestId('condition-error-mark', {}, { timeout: 30000 });
    expect(mark).toHaveTextContent('x');
    expect(mark.parentElement).toHaveTextContent('2 │ && agent.x');
    expect(screen.getByText(/\^ No such key: x/)).toBeInTheDocument();
    expect(diagnostics()).toEqual([{ from: 38, to: 39, message: 'No such key: x' }]);
  });

  it('shows whether the sample violates the rule, as the chosen change', async () => {
    const condition = 'change.action == "deploy"';
    renderPage(<PolicyEditor />, {
      mocks: [
        agentsMock,
        languageMock,
        ruleTest({ condition, action: 'UPDATE', sample }, { valid: true, result: false, outcome: 'PASS' }),
        ruleTest({ condition, action: 'DEPLOY', sample }, { valid: true, result: true, outcome: 'VIOLATION' }),
      ],
    });
    typeInto(conditionEditor(), condition);
    expect(await screen.findByTestId('rule-test-result', {}, { timeout: 30000 })).toHaveTextContent('false');
    expect(screen.getByText(/the sample passes this rule \(update\)/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('combobox', { name: /^As the change/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'deploy' }));
    await waitFor(() => expect(screen.getByTestId('rule-test-result')).toHaveTextContent('true'), { timeout: 30000 });
    expect(screen.getByText(/the sample would violate this rule \(deploy\)/)).toBeInTheDocument();
    expect(screen.getByTestId('rule-test-validity')).toHaveTextContent('Valid');
    expect(screen.queryByTestId('condition-error-mark')).not.toBeInTheDocument();
  });

  it('checks the policy before sending it', async () => {
    renderPage(<PolicyEditor />, { mocks: [agentsMock, languageMock] });
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
