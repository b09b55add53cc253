import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LiveProvider } from '../../app/apollo/LiveProvider';
import { AgentActivityType, Role } from '../../gql/graphql';
import { connection } from '../../test/data';
import { controlledLive, liveNetwork } from '../../test/live';
import { renderPage, viewerFor } from '../../test/render';
import { AgentActivity } from './AgentActivity';

const AGENT = 'QWdlbnQ6MQ==';
const entry = (n: number, type: AgentActivityType = AgentActivityType.Lifecycle) => ({
  __typename: 'AgentActivity',
  id: `QWdlbnRBY3Rpdml0eT${n}`,
  type,
  summary: `Event ${n}`,
  occurredAt: new Date(Date.now() - n * 60_000).toISOString(),
  details: {},
});
const feed = (entries: ReturnType<typeof entry>[]) => ({
  agent: { __typename: 'Agent', id: AGENT, activity: { __typename: 'AgentActivityConnection', ...connection(entries) } },
});
const lifecycle = (e: ReturnType<typeof entry>) => ({
  agentChanged: {
    __typename: 'Agent',
    id: AGENT,
    status: 'SUSPENDED',
    activity: { __typename: 'AgentActivityConnection', edges: [{ __typename: 'AgentActivityEdge', node: e }] },
  },
});
const summaries = () => screen.getAllByTestId('activity-item').map((i) => i.textContent);

function render(network: ReturnType<typeof liveNetwork>, live: ReturnType<typeof controlledLive>['live']) {
  renderPage(
    <LiveProvider live={live}>
      <AgentActivity agentId={AGENT} />
    </LiveProvider>,
    { link: network.link, viewer: viewerFor(Role.Admin) },
  );
}

describe("an agent's activity feed, live", () => {
  it('puts the entry a lifecycle change wrote at the top, once, with the count: no query', async () => {
    const network = liveNetwork({ AgentActivity: () => feed([entry(2, AgentActivityType.Message), entry(3)]) });
    const { live, become } = controlledLive();
    become('live');
    render(network, live);
    expect(await screen.findAllByTestId('activity-item')).toHaveLength(2);
    await waitFor(() => expect(network.listening('AgentLifecycleActivity')).toBe(1));
    network.push('AgentLifecycleActivity', lifecycle(entry(1)));
    await waitFor(() => expect(screen.getAllByTestId('activity-item')).toHaveLength(3));
    expect(summaries()[0]).toContain('Event 1');
    expect(screen.getByText(/Showing 3 of 3/)).toBeInTheDocument();
    // The same event again (a deploy asked for writes no entry: the newest one comes back): no duplicate.
    network.push('AgentLifecycleActivity', lifecycle(entry(1)));
    await new Promise((r) => setTimeout(r, 30));
    expect(screen.getAllByTestId('activity-item')).toHaveLength(3);
    expect(network.count('AgentActivity')).toBe(1);
  });

  it('leaves a feed filtered to other types alone', async () => {
    const network = liveNetwork({ AgentActivity: (n) => feed(n === 1 ? [entry(2, AgentActivityType.Message)] : [entry(4, AgentActivityType.Message)]) });
    const { live, become } = controlledLive();
    become('live');
    render(network, live);
    expect(await screen.findAllByTestId('activity-item')).toHaveLength(1);
    await userEvent.click(screen.getAllByLabelText('Types')[0]);
    await userEvent.click(await screen.findByRole('option', { name: 'Message' }));
    await waitFor(() => expect(network.count('AgentActivity')).toBe(2));
    expect(await screen.findByText('Event 4')).toBeInTheDocument();
    network.push('AgentLifecycleActivity', lifecycle(entry(1)));
    await new Promise((r) => setTimeout(r, 30));
    expect(summaries()).toHaveLength(1);
    expect(network.count('AgentActivity')).toBe(2);
  });

  it('keeps a feed filtered to lifecycle entries whole: the event is placed, not written over its pages', async () => {
    const network = liveNetwork({ AgentActivity: (n) => feed(n === 1 ? [entry(2, AgentActivityType.Message), entry(3)] : [entry(3)]) });
    const { live, become } = controlledLive();
    become('live');
    render(network, live);
    expect(await screen.findAllByTestId('activity-item')).toHaveLength(2);
    await userEvent.click(screen.getAllByLabelText('Types')[0]);
    await userEvent.click(await screen.findByRole('option', { name: 'Lifecycle' }));
    await waitFor(() => expect(summaries()).toHaveLength(1));
    network.push('AgentLifecycleActivity', lifecycle(entry(1)));
    await waitFor(() => expect(summaries()).toHaveLength(2));
    expect(summaries()[0]).toContain('Event 1');
    expect(summaries()[1]).toContain('Event 3');
    expect(network.count('AgentActivity')).toBe(2);
  });

  it('reads the feed again once when the connection is back after a loss', async () => {
    const network = liveNetwork({ AgentActivity: (n) => feed(n === 1 ? [entry(2)] : [entry(1), entry(2)]) });
    const { live, become } = controlledLive();
    render(network, live);
    expect(await screen.findAllByTestId('activity-item')).toHaveLength(1);
    become('live');
    become('reconnecting');
    become('live');
    await waitFor(() => expect(screen.getAllByTestId('activity-item')).toHaveLength(2));
    expect(network.count('AgentActivity')).toBe(2);
  });
});
