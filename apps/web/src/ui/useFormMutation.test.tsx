import { gql, type TypedDocumentNode } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import type { MockLink } from '@apollo/client/testing';
import { Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../test/render';
import { FormActions, FormProblems } from './FormActions';
import { useFormMutation } from './useFormMutation';

// Mantine's notification container swipes with an AbortSignal this jsdom refuses: record the calls instead.
jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

interface Renamed {
  teamRename: {
    __typename: 'TeamPayload';
    team: { __typename: 'Team'; id: string; name: string } | null;
    userErrors: { __typename: 'UserError'; field: string[] | null; message: string; code: string }[];
  } | null;
}

const TeamRename: TypedDocumentNode<Renamed, { input: { name: string } }> = gql`
  mutation TeamRename($input: TeamRenameInput!) {
    teamRename(input: $input) {
      team {
        id
        name
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

function RenameModal({ onClose }: { onClose: () => void }) {
  const [rename] = useMutation(TeamRename);
  const form = useForm({ mode: 'uncontrolled', initialValues: { name: '' } });
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await rename({ variables: { input: { name: values.name.trim() } }, errorPolicy: 'all' });
      return { payload: data?.teamRename, error };
    },
    result: (payload) => payload.team,
    fields: ['name'],
    toast: (team) => ({ title: 'Team renamed', message: `It is ${team.name} now.` }),
    onClose,
  });
  return (
    <Modal opened onClose={close} title="Rename the team">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" key={form.key('name')} {...form.getInputProps('name')} />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel="Rename" />
        </Stack>
      </form>
    </Modal>
  );
}

const request = (name: string) => ({ query: TeamRename, variables: { input: { name } } });
const payload = (team: { id: string; name: string } | null, userErrors: NonNullable<Renamed['teamRename']>['userErrors'] = []) => ({
  data: { teamRename: { __typename: 'TeamPayload', team: team && { __typename: 'Team', ...team }, userErrors } },
});

async function renameTo(name: string, mocks: MockLink.MockedResponse[]) {
  const onClose = jest.fn();
  renderPage(<RenameModal onClose={onClose} />, { mocks });
  const dialog = await screen.findByRole('dialog');
  await userEvent.type(within(dialog).getByRole('textbox', { name: 'Name' }), name);
  await userEvent.click(within(dialog).getByRole('button', { name: 'Rename' }));
  return { dialog, onClose };
}

beforeEach(() => jest.mocked(notifications.show).mockClear());

describe('useFormMutation', () => {
  it('sends the values, spins while it waits, toasts and closes when it worked', async () => {
    const { dialog, onClose } = await renameTo(' Platform ', [
      { request: request('Platform'), delay: 150, result: payload({ id: 'VGVhbTox', name: 'Platform' }) },
    ]);
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Rename' })).toHaveAttribute('data-loading', 'true'));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(notifications.show).toHaveBeenCalledWith({ color: 'teal', title: 'Team renamed', message: 'It is Platform now.' });
  });

  it("shows the API's CONFLICT at the field it names, keeps the form open without a toast", async () => {
    const conflict = { __typename: 'UserError' as const, field: ['input', 'name'], message: 'A team named Platform already exists', code: 'CONFLICT' };
    const { dialog, onClose } = await renameTo('Platform', [{ request: request('Platform'), result: payload(null, [conflict]) }]);
    const message = await within(dialog).findByText('A team named Platform already exists');
    const input = within(dialog).getByRole('textbox', { name: 'Name' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input.closest('.mantine-TextInput-root')).toContainElement(message);
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect(notifications.show).not.toHaveBeenCalled();
    expect(within(dialog).getByRole('button', { name: 'Rename' })).not.toHaveAttribute('data-loading');
  });

  it('puts a top-level BAD_USER_INPUT at its field, and a problem about no shown field above the buttons', async () => {
    const { dialog } = await renameTo('x', [
      {
        request: request('x'),
        result: {
          data: { teamRename: null },
          errors: [
            {
              message: 'Input is not valid',
              path: ['teamRename'],
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [
                  { field: 'input.name', message: 'At least 2 characters' },
                  { field: 'input.slug', message: 'Slug is taken' },
                ],
              },
            },
          ],
        },
      },
    ]);
    const message = await within(dialog).findByText('At least 2 characters');
    expect(within(dialog).getByRole('textbox', { name: 'Name' }).closest('.mantine-TextInput-root')).toContainElement(message);
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Slug is taken');
  });

  it('says the network failed above the buttons and keeps what was typed', async () => {
    const { dialog, onClose } = await renameTo('Platform', [{ request: request('Platform'), error: new TypeError('Failed to fetch') }]);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Steward cannot be reached. Check your connection and try again.');
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveValue('Platform');
    expect(within(dialog).getByRole('button', { name: 'Rename' })).not.toHaveAttribute('data-loading');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('forgets the problems and the values when cancelled', async () => {
    const { dialog, onClose } = await renameTo('Platform', [{ request: request('Platform'), error: new TypeError('Failed to fetch') }]);
    await within(dialog).findByRole('alert');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveValue('');
  });
});
