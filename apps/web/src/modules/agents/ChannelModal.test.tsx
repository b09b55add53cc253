import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChannelRowFragment } from '../../gql/graphql';
import { renderPage } from '../../test/render';
import { AgentChannelUpdate, ChannelModal } from './ChannelModal';

// Mantine's notification container swipes with an AbortSignal this jsdom refuses: record the calls instead.
jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

const channel: ChannelRowFragment & { config: Record<string, unknown> } = {
  __typename: 'AgentChannel',
  id: 'QWdlbnRDaGFubmVsOjE=',
  name: 'Incidents',
  type: 'SLACK',
  enabled: true,
  configuredSecrets: ['botToken'],
  updatedAt: new Date().toISOString(),
  config: { channel: '#incidents', workspace: 'acme' },
};

function updated(config: Record<string, unknown>, onCall: () => void, enabled = true) {
  return {
    request: { query: AgentChannelUpdate, variables: { input: { channelId: channel.id, name: 'Incidents', enabled, config } } },
    result: () => {
      onCall();
      return { data: { agentChannelUpdate: { __typename: 'AgentChannelPayload', channel, userErrors: [] } } };
    },
  };
}

describe('the channel form', () => {
  it('shows which secrets are set, never their values, and keeps them when left empty', async () => {
    const sent = jest.fn();
    const onClose = jest.fn();
    renderPage(<ChannelModal agentId="QWdlbnQ6Mg==" channel={channel} opened onClose={onClose} />, {
      mocks: [updated({ channel: '#incidents', workspace: 'acme' }, sent)],
    });
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('secret-state-botToken')).toHaveTextContent('set');
    expect(within(dialog).getByTestId('secret-state-signingSecret')).toHaveTextContent('not set');
    expect(within(dialog).getByLabelText(/^Bot token/)).toHaveValue('');
    expect(within(dialog).getByLabelText(/^Bot token/)).toHaveAttribute('placeholder', 'Set: type a new value to replace it');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save channel' }));
    await waitFor(() => expect(sent).toHaveBeenCalled());
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('sends a new secret only when one is typed, and null to remove one', async () => {
    const sent = jest.fn();
    renderPage(<ChannelModal agentId="QWdlbnQ6Mg==" channel={channel} opened onClose={() => {}} />, {
      mocks: [updated({ channel: '#incidents', workspace: 'acme', botToken: null, signingSecret: 'shh' }, sent, false)],
    });
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/^Signing secret/), 'shh');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Remove the bot token' }));
    expect(within(dialog).getByLabelText(/^Bot token/)).toBeDisabled();
    await userEvent.click(within(dialog).getByRole('switch', { name: /^Enabled/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save channel' }));
    await waitFor(() => expect(sent).toHaveBeenCalled());
  });

  it('refuses an enabled Slack channel without a bot token, and settings the API would refuse, before sending', async () => {
    renderPage(<ChannelModal agentId="QWdlbnQ6Mg==" channel={channel} opened onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Remove the bot token' }));
    const slackChannel = within(dialog).getByRole('textbox', { name: /^Slack channel/ });
    await userEvent.clear(slackChannel);
    await userEvent.type(slackChannel, 'incidents');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save channel' }));
    expect(await within(dialog).findByText(/An enabled Slack channel needs a bot token/)).toBeInTheDocument();
    expect(within(dialog).getByText('A Slack channel starts with #, e.g. #incidents')).toBeInTheDocument();
  });
});
