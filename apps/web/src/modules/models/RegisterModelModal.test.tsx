import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../../test/render';
import { AiModelRegister, RegisterModelModal } from './RegisterModelModal';

const input = {
  name: 'Mistral Large',
  provider: 'mistral',
  version: '2',
  type: 'LLM',
  tier: null,
  status: 'TRAINING',
  performanceMetrics: null,
  configuration: null,
};

describe('registering a model', () => {
  it("sends the agent tier, and shows the API's problem with it beside the field", async () => {
    renderPage(<RegisterModelModal opened onClose={() => undefined} />, {
      mocks: [
        {
          request: { query: AiModelRegister, variables: { input } },
          result: {
            data: {
              aiModelRegister: {
                __typename: 'AiModelPayload',
                model: null,
                userErrors: [
                  {
                    __typename: 'UserError',
                    field: ['input', 'tier'],
                    message: 'llm models run agents: choose the tier their agents run at',
                    code: 'BAD_USER_INPUT',
                  },
                ],
              },
            },
          },
        },
      ],
    });
    await userEvent.type(screen.getByRole('textbox', { name: /^Name/ }), 'Mistral Large');
    await userEvent.type(screen.getByRole('textbox', { name: /^Provider/ }), 'mistral');
    await userEvent.type(screen.getByRole('textbox', { name: /^Version/ }), '2');
    await userEvent.click(screen.getByRole('combobox', { name: /^Type/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'LLM' }));
    await userEvent.click(screen.getByRole('button', { name: 'Register model' }));
    const problem = await screen.findByText('llm models run agents: choose the tier their agents run at');
    expect(screen.getByRole('combobox', { name: /^Agent tier/ }).closest('.mantine-Select-root')).toContainElement(problem);
  });
});
