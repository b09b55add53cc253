import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiKey, connection } from '../../test/data';
import { renderPage } from '../../test/render';
import { ApiKeysQuery } from './ApiKeysPage';
import { ApiKeyCreate, CreateApiKeyModal } from './CreateApiKeyModal';

const refetchList = {
  request: { query: ApiKeysQuery, variables: { first: 25, filter: { statuses: null } } },
  result: { data: { apiKeys: { __typename: 'ApiKeyConnection', ...connection([apiKey(9, { name: 'CI pipeline' })]) } } },
  maxUsageCount: 3,
};

async function fillAndSubmit(name: string) {
  const dialog = screen.getByRole('dialog');
  await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name/ }), name);
  await userEvent.click(within(dialog).getByRole('combobox', { name: /^Role/ }));
  await userEvent.click(await screen.findByRole('option', { name: 'Developer' }));
  await userEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
}

describe('CreateApiKeyModal', () => {
  it('validates before sending', async () => {
    renderPage(<CreateApiKeyModal opened onClose={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByText(/Give the key a name/)).toBeInTheDocument();
    expect(screen.getByText('Choose what the key may do')).toBeInTheDocument();
  });

  it('shows the secret once, with a copy button', async () => {
    renderPage(<CreateApiKeyModal opened onClose={() => {}} />, {
      mocks: [
        {
          request: { query: ApiKeyCreate, variables: { input: { name: 'CI pipeline', role: 'DEVELOPER', expiresAt: null } } },
          result: {
            data: {
              apiKeyCreate: { __typename: 'ApiKeyCreatePayload', apiKey: apiKey(9, { name: 'CI pipeline' }), secret: 'stw_secret_value', userErrors: [] },
            },
          },
        },
        refetchList,
      ],
    });
    await fillAndSubmit('  CI pipeline ');
    expect(await screen.findByTestId('secret-value')).toHaveTextContent('stw_secret_value');
    expect(screen.getByRole('button', { name: 'Copy API key' })).toBeInTheDocument();
    expect(screen.getByText(/only time Steward shows this key/)).toBeInTheDocument();
  });

  it('keeps the secret on screen until the user says it is copied, with a ready curl line', async () => {
    const onClose = jest.fn();
    renderPage(<CreateApiKeyModal opened onClose={onClose} />, {
      mocks: [
        {
          request: { query: ApiKeyCreate, variables: { input: { name: 'CI pipeline', role: 'DEVELOPER', expiresAt: null } } },
          result: {
            data: {
              apiKeyCreate: { __typename: 'ApiKeyCreatePayload', apiKey: apiKey(9, { name: 'CI pipeline' }), secret: 'stw_secret_value', userErrors: [] },
            },
          },
        },
        refetchList,
      ],
    });
    await fillAndSubmit('CI pipeline');
    await screen.findByTestId('secret-value');
    expect(screen.getByTestId('secret-command')).toHaveTextContent(`curl -s ${window.location.origin}/graphql`);
    expect(screen.getByTestId('secret-command')).toHaveTextContent("-H 'x-api-key: stw_secret_value'");
    await userEvent.keyboard('{Escape}');
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByTestId('secret-value')).toHaveTextContent('stw_secret_value');
    expect(within(screen.getByRole('dialog')).queryByRole('button', { name: /close/i })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'I have copied the key' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('shows server problems in place: a field error next to its field, the rest above the buttons', async () => {
    renderPage(<CreateApiKeyModal opened onClose={() => {}} />, {
      mocks: [
        {
          request: { query: ApiKeyCreate, variables: { input: { name: 'CI pipeline', role: 'DEVELOPER', expiresAt: null } } },
          result: {
            data: {
              apiKeyCreate: {
                __typename: 'ApiKeyCreatePayload',
                apiKey: null,
                secret: null,
                userErrors: [
                  { __typename: 'UserError', field: ['input', 'name'], message: 'That name is taken', code: 'CONFLICT' },
                  { __typename: 'UserError', field: null, message: "The tenant's plan allows 50 active API keys", code: 'CONFLICT' },
                ],
              },
            },
          },
        },
      ],
    });
    await fillAndSubmit('CI pipeline');
    const nameError = await screen.findByText('That name is taken');
    expect(screen.getByRole('textbox', { name: /^Name/ }).closest('.mantine-TextInput-root')).toContainElement(nameError);
    expect(within(screen.getByRole('alert')).getByText(/plan allows 50/)).toBeInTheDocument();
    expect(screen.queryByTestId('secret-value')).not.toBeInTheDocument();
  });
});

describe('CreateApiKeyModal limits', () => {
  it("sends a permission subset of the chosen role, an operation allow-list and a rate limit; the role's other permissions are not offered beyond it", async () => {
    const document =
      'query AgentInventory {\n  agents(first: 50) {\n    nodes {\n      ...AgentName\n    }\n  }\n}\n\nfragment AgentName on Agent {\n  id\n  name\n}';
    renderPage(<CreateApiKeyModal opened onClose={() => {}} />, {
      mocks: [
        {
          request: {
            query: ApiKeyCreate,
            variables: {
              input: {
                name: 'Inventory sync',
                role: 'DEVELOPER',
                expiresAt: null,
                scopes: ['AGENTS_WRITE'],
                allowedOperations: [{ document }],
                costPerMinute: 500,
              },
            },
          },
          result: {
            data: {
              apiKeyCreate: { __typename: 'ApiKeyCreatePayload', apiKey: apiKey(9, { name: 'Inventory sync' }), secret: 'stw_limited', userErrors: [] },
            },
          },
        },
        refetchList,
      ],
    });
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('combobox', { name: /^Permissions/ })).toBeDisabled();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Inventory sync');
    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Role/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Developer' }));
    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Permissions/ }));
    expect(screen.queryByRole('option', { name: /^members\.manage/ })).toBeNull();
    await userEvent.click(await screen.findByRole('option', { name: /^agents\.write/ }));
    const operations = within(dialog).getByRole('textbox', { name: /^Allowed operations/ });
    await userEvent.click(operations);
    await userEvent.paste('fragment AgentName on Agent { id name } query AgentInventory { agents(first: 50) { nodes { ...AgentName } } }');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Rate limit/ }), '500');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(await screen.findByTestId('secret-value')).toHaveTextContent('stw_limited');
  });

  it('refuses an unnamed or malformed operation before sending', async () => {
    renderPage(<CreateApiKeyModal opened onClose={() => {}} />);
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('textbox', { name: /^Allowed operations/ }));
    await userEvent.paste('{ viewer { role } }');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(await screen.findByText(/Give every operation a name/)).toBeInTheDocument();
    await userEvent.clear(within(dialog).getByRole('textbox', { name: /^Allowed operations/ }));
    await userEvent.paste('query Broken { viewer { ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(await screen.findByText(/This is not valid GraphQL/)).toBeInTheDocument();
  });
});
