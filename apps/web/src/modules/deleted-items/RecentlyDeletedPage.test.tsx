import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
// The personal-data module's operations, as generated (its operations file is its own).
import {
  DeletedItemKind,
  PersonalDataExportDocument as PersonalDataExportQuery,
  PersonalDataExportStartDocument as PersonalDataExportStart,
  PersonalDataExportStatus,
  Role,
} from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { RecentlyDeletedQuery } from './deleted-item.operations';
import RecentlyDeletedPage from './RecentlyDeletedPage';

const VIEWER_ID = 'VXNlcjo5';
const EXPORT_ID = 'UGVyc29uYWxEYXRhRXhwb3J0OjE=';

function deletedItem(kind: DeletedItemKind, id: string, name: string, personId: string | null) {
  return {
    __typename: 'DeletedItem',
    id,
    kind,
    name,
    deletedAt: '2026-12-04T10:00:00.000Z',
    restorableUntil: '2027-01-03T10:00:00.000Z',
    personId,
    deletedBy: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
  };
}

const listed = {
  request: { query: RecentlyDeletedQuery, variables: {} },
  result: {
    data: {
      recentlyDeleted: {
        __typename: 'DeletedItemConnection',
        totalCount: 2,
        nodes: [
          deletedItem(DeletedItemKind.Member, 'TWVtYmVyc2hpcDox', 'Vic Viewer', VIEWER_ID),
          deletedItem(DeletedItemKind.Policy, 'UG9saWN5OjE=', 'No PII', null),
        ],
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      },
    },
  },
};

const exportFields = (status: PersonalDataExportStatus, progress: number) => ({
  __typename: 'PersonalDataExport',
  id: EXPORT_ID,
  status,
  progress,
  size: null,
  sha256: null,
  error: null,
  downloadPath: null,
  createdAt: '2026-12-04T11:00:00.000Z',
  finishedAt: null,
  downloadedAt: null,
});

describe('RecentlyDeletedPage', () => {
  it("offers an admin the export of a removed member's personal data, says what it leaves out, and starts it for that person", async () => {
    renderPage(<RecentlyDeletedPage />, {
      mocks: [
        listed,
        {
          request: { query: PersonalDataExportStart, variables: { input: { userId: VIEWER_ID } } },
          result: {
            data: {
              personalDataExportStart: {
                __typename: 'PersonalDataExportPayload',
                export: exportFields(PersonalDataExportStatus.Queued, 0),
                userErrors: [],
              },
            },
          },
        },
        {
          request: { query: PersonalDataExportQuery, variables: { id: EXPORT_ID } },
          result: { data: { node: exportFields(PersonalDataExportStatus.Running, 40) } },
          maxUsageCount: Number.POSITIVE_INFINITY,
        },
      ],
    });
    const member = await screen.findByTestId('deleted-Vic Viewer');
    // Only the removed member's row has the action: a deleted policy is about no one.
    expect(within(screen.getByTestId('deleted-No PII')).queryByRole('button', { name: /Export the personal data/ })).toBeNull();
    // Erasure asks for the email typed, which the list does not show: not offered here.
    expect(within(member).queryByRole('button', { name: /Erase the personal data/ })).toBeNull();
    await userEvent.click(within(member).getByRole('button', { name: 'Export the personal data of Vic Viewer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export the personal data of Vic Viewer' });
    expect(within(dialog).getByTestId('removed-member-note')).toHaveTextContent(
      'Vic Viewer is no longer a member, so the export is read with your access: their sessions, their notifications and whether two-factor is on are not included.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Export personal data' }));
    await waitFor(() => expect(within(dialog).getByText('Building the export: 40%')).toBeInTheDocument());
  });

  it('offers no export to someone who does not manage personal data', async () => {
    renderPage(<RecentlyDeletedPage />, { mocks: [listed], viewer: viewerFor(Role.Viewer) });
    const member = await screen.findByTestId('deleted-Vic Viewer');
    expect(within(member).getByRole('button', { name: 'Restore Vic Viewer' })).toBeInTheDocument();
    expect(within(member).queryByRole('button', { name: /Export the personal data/ })).toBeNull();
  });
});
