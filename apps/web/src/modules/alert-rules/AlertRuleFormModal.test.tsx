import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { AlertSeverity, type AlertRuleRowFragment } from '../../gql/graphql';
import { codeEditor, typeInto } from '../../test/code-editor';
import { connection } from '../../test/data';
import { renderPage } from '../../test/render';
import { AlertRuleCreate, AlertRuleLanguageQuery, AlertRulePreviewQuery } from './alert-rule.operations';
import { AlertRuleFormModal } from './AlertRuleFormModal';

jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: ReactNode }) => (
      <actual.ResponsiveContainer width={600} height={120} initialDimension={{ width: 600, height: 120 }}>
        {children}
      </actual.ResponsiveContainer>
    ),
  };
});

const language = {
  request: { query: AlertRuleLanguageQuery },
  result: {
    data: {
      policyConditionLanguage: {
        __typename: 'PolicyConditionLanguage',
        variables: [
          { __typename: 'PolicyConditionVariable', name: 'agent', fields: [{ __typename: 'PolicyConditionField', name: 'tags', type: 'list(string)' }] },
        ],
        functions: ['size'],
        methods: ['exists'],
      },
      agents: { __typename: 'AgentConnection', ...connection([{ __typename: 'Agent', id: 'QWdlbnQ6MQ==', tags: ['production', 'support'] }]) },
    },
  },
  maxUsageCount: 5,
};

const agent = { __typename: 'Agent', id: 'QWdlbnQ6MQ==', name: 'Support Assistant' };
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function preview(condition: string, answer: Record<string, unknown>) {
  return {
    request: { query: AlertRulePreviewQuery, variables: (v: { input: { condition: string } }) => v.input.condition === condition },
    result: { data: { alertRulePreview: { __typename: 'AlertRulePreview', evaluations: 288, episodes: [], userErrors: [], ...answer } } },
    maxUsageCount: 5,
  };
}

const saved: AlertRuleRowFragment = {
  __typename: 'AlertRule',
  id: 'QWxlcnRSdWxlOjk=',
  name: 'Support errors',
  description: null,
  condition: 'window.errorRate > 0.05',
  windowMinutes: 60,
  forMinutes: 0,
  severity: AlertSeverity.Critical,
  enabled: true,
  agentTags: ['support'],
  updatedAt: ago(0),
  firing: [],
};

describe('alert rule form', () => {
  it('previews the draft as it is typed, shows the condition problem at its field, then creates the rule', async () => {
    const user = userEvent.setup();
    const onSaved = jest.fn();
    const created = jest.fn();
    renderPage(<AlertRuleFormModal opened rule={null} onClose={() => {}} onSaved={onSaved} />, {
      mocks: [
        language,
        preview('window.errorRate >', {
          userErrors: [
            { __typename: 'UserError', field: ['input', 'condition'], message: 'Line 1, column 19: Syntax error: unexpected end', code: 'BAD_USER_INPUT' },
          ],
        }),
        preview('window.errorRate > 0.05', {
          episodes: [
            { __typename: 'AlertRulePreviewEpisode', agent, firedAt: ago(300), resolvedAt: ago(200), peakErrorRate: 0.2 },
            { __typename: 'AlertRulePreviewEpisode', agent, firedAt: ago(60), resolvedAt: null, peakErrorRate: 0.3 },
          ],
        }),
        {
          request: {
            query: AlertRuleCreate,
            variables: {
              input: {
                name: 'Support errors',
                description: null,
                condition: 'window.errorRate > 0.05',
                windowMinutes: 60,
                forMinutes: 0,
                severity: 'CRITICAL',
                agentTags: ['support'],
              },
            },
          },
          result: () => {
            created();
            return { data: { alertRuleCreate: { __typename: 'AlertRulePayload', alertRule: saved, userErrors: [] } } };
          },
        },
      ],
    });
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('alert-rule-preview')).toHaveTextContent(/Write a condition/);

    typeInto(codeEditor(/^Condition/), 'window.errorRate >');
    expect(await within(dialog).findByText(/Syntax error: unexpected end/, {}, { timeout: 15000 })).toBeInTheDocument();
    expect(within(dialog).getByTestId('alert-rule-preview')).toHaveTextContent(/Fix the condition/);

    typeInto(codeEditor(/^Condition/), ' 0.05');
    expect(await within(dialog).findByTestId('preview-episodes', {}, { timeout: 15000 })).toHaveTextContent('Would have fired 2 times');
    expect(within(dialog).getByText(/288 evaluations/)).toBeInTheDocument();
    expect(within(dialog).getByRole('table', { name: 'Would-have-fired episodes' })).toHaveTextContent('still firing');
    expect(within(dialog).getByRole('table', { name: 'Would-have-fired episodes' })).toHaveTextContent('30%');

    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Support errors');
    const window = within(dialog).getByRole('textbox', { name: /^Window/ });
    await user.clear(window);
    await user.type(window, '60');
    await user.click(within(dialog).getByRole('combobox', { name: /^Severity/ }));
    await user.click(await screen.findByRole('option', { name: 'Critical' }));
    await user.type(within(dialog).getByRole('combobox', { name: /^Agent tags/ }), 'support{enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Create rule' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ name: 'Support errors' }), true));
    expect(created).toHaveBeenCalledTimes(1);
  }, 60_000);

  it("shows the API's problems next to their fields", async () => {
    const user = userEvent.setup();
    renderPage(<AlertRuleFormModal opened rule={saved} onClose={() => {}} onSaved={() => {}} />, {
      mocks: [
        language,
        preview('window.errorRate > 0.05', {}),
        {
          request: { query: (await import('./alert-rule.operations')).AlertRuleUpdate, variables: { input: { alertRuleId: saved.id, name: 'Taken' } } },
          result: {
            data: {
              alertRuleUpdate: {
                __typename: 'AlertRulePayload',
                alertRule: null,
                userErrors: [{ __typename: 'UserError', field: ['input', 'name'], message: 'Another alert rule has this name', code: 'CONFLICT' }],
              },
            },
          },
        },
      ],
    });
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    await user.clear(name);
    await user.type(name, 'Taken');
    await user.click(within(dialog).getByRole('button', { name: 'Save rule' }));
    expect(await within(dialog).findByText('Another alert rule has this name')).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
  });
});
