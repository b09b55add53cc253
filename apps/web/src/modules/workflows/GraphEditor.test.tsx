import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { renderPage } from '../../test/render';
import { emptyGraph, type GraphProblem, type WorkflowGraph } from './graph';
import { GraphEditor } from './GraphEditor';

// React Flow reads the viewport's transform; jsdom has no DOMMatrix.
class DOMMatrixReadOnlyStub {
  m22 = 1;
}
(globalThis as unknown as { DOMMatrixReadOnly: unknown }).DOMMatrixReadOnly = DOMMatrixReadOnlyStub;

jest.setTimeout(60000);

function Harness({ serverProblems = [] }: { serverProblems?: GraphProblem[] }) {
  const [graph, setGraph] = useState<WorkflowGraph>(emptyGraph());
  return (
    <>
      <GraphEditor
        graph={graph}
        onChange={setGraph}
        serverProblems={serverProblems}
        agents={[{ value: 'QWdlbnQ6MQ==', label: 'Incident Triage' }]}
        channels={[{ value: 'QWdlbnRDaGFubmVsOjE=', label: 'Incident Triage › On-call (slack)' }]}
      />
      <output data-testid="graph-json">{JSON.stringify(graph)}</output>
    </>
  );
}

const node = (label: string) => screen.getAllByTestId('workflow-node').find((n) => n.getAttribute('data-node-label') === label)!;

describe('the graph editor', () => {
  it('adds a step from the palette, shows its problems on the node and in its settings, and clears them as they are fixed', async () => {
    renderPage(<Harness />);
    expect(screen.getByTestId('graph-validity')).toHaveTextContent('valid');
    await userEvent.click(screen.getByTestId('palette-condition'));
    const condition = node('Condition');
    expect(condition).toHaveAttribute('data-invalid', 'true');
    expect(within(condition).getByTestId('node-problems')).toHaveTextContent('"Condition": Write the condition');
    expect(within(condition).getByTestId('node-problems')).toHaveTextContent('cannot be reached from the start');
    const panel = screen.getByTestId('node-panel');
    expect(within(panel).getByTestId('node-panel-problems')).toHaveTextContent('Write the condition');
    await userEvent.type(within(panel).getByRole('textbox', { name: /^Condition/ }), 'data.amount > 1000');
    expect(within(node('Condition')).getByTestId('node-problems')).not.toHaveTextContent('Write the condition');
    const json = JSON.parse(screen.getByTestId('graph-json').textContent ?? '{}') as WorkflowGraph;
    expect(json.nodes.find((n) => n.id === 'condition-1')?.config).toEqual({ expression: 'data.amount > 1000' });

    await userEvent.click(within(panel).getByRole('button', { name: 'Remove step' }));
    expect(screen.getAllByTestId('workflow-node')).toHaveLength(2);
    expect(screen.getByTestId('graph-validity')).toHaveTextContent('valid');
  });

  it('lets a "send to a channel" step name one of the agents\' channels, and leave it out again', async () => {
    renderPage(<Harness />);
    await userEvent.click(screen.getByTestId('palette-task'));
    const panel = screen.getByTestId('node-panel');
    await userEvent.click(within(panel).getByPlaceholderText("Pick an agent's channel"));
    await userEvent.click(await screen.findByRole('option', { name: 'Incident Triage › On-call (slack)' }));
    const config = () => (JSON.parse(screen.getByTestId('graph-json').textContent ?? '{}') as WorkflowGraph).nodes.find((n) => n.type === 'task')?.config;
    expect(config()).toMatchObject({ action: 'channel.send', channelId: 'QWdlbnRDaGFubmVsOjE=' });
    // Picking the chosen channel again leaves it out.
    await userEvent.click(within(panel).getByPlaceholderText("Pick an agent's channel"));
    await userEvent.click(await screen.findByRole('option', { name: 'Incident Triage › On-call (slack)' }));
    expect(config()).not.toHaveProperty('channelId');
  });

  it("shows the API's problems on the node they name, and the others above the canvas", () => {
    renderPage(
      <Harness
        serverProblems={[
          { nodeKey: 'end', edgeKey: null, message: 'The end is unreachable on Tuesdays' },
          { nodeKey: null, edgeKey: null, message: 'The workflow is too large' },
        ]}
      />,
    );
    expect(within(node('Done')).getByTestId('node-problems')).toHaveTextContent('The end is unreachable on Tuesdays');
    expect(screen.getByTestId('graph-problems')).toHaveTextContent('The workflow is too large');
    expect(screen.getByTestId('graph-validity')).toHaveTextContent('2 problems');
  });
});
