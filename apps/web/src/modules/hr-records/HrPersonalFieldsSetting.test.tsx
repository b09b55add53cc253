import type { MockLink } from '@apollo/client/testing';
import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PermissionName, Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { HrRecordsQuery, HrSettingsQuery, HrSettingsUpdate } from './hr-record.operations';
import { SETTING_LABEL } from './HrPersonalFieldsSetting';
import { ADMIN_HIDDEN_NOTE, HIDDEN_NOTE } from './labels';
import HrRecordsPage from './HrRecordsPage';
import { hrRecord } from './hr-records.fixtures';

// Mantine's notification container swipes with an AbortSignal this jsdom refuses: record the calls instead.
jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

const LIST_VARIABLES = { first: 50, filter: { kinds: null, statuses: null, subject: null } };

/** The list as the API answers it: with or without the personal fields. */
function list(visible: boolean): MockLink.MockedResponse {
  const { data: _data, aiInsights: _ai, aiInsightsAt: _at, createdBy: _by, ...row } = hrRecord(visible);
  return {
    request: { query: HrRecordsQuery, variables: LIST_VARIABLES },
    result: {
      data: {
        hrRecords: {
          __typename: 'HrRecordConnection',
          totalCount: 1,
          edges: [{ __typename: 'HrRecordEdge', cursor: 'c1', node: row }],
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' },
        },
      },
    },
  };
}

const settings = (adminsReadPersonal: boolean): MockLink.MockedResponse => ({
  request: { query: HrSettingsQuery },
  result: { data: { hrSettings: { __typename: 'HrSettings', adminsReadPersonal } } },
});

function saved(adminsReadPersonal: boolean, userErrors: { field: string[] | null; message: string; code: string }[] = []): MockLink.MockedResponse {
  return {
    request: { query: HrSettingsUpdate, variables: { input: { adminsReadPersonal } } },
    result: {
      data: {
        hrSettingsUpdate: {
          __typename: 'HrSettingsPayload',
          settings: userErrors.length ? null : { __typename: 'HrSettings', adminsReadPersonal },
          userErrors: userErrors.map((e) => ({ __typename: 'UserError', ...e })),
        },
      },
    },
  };
}

const open = (role: Role, mocks: MockLink.MockedResponse[]) => renderPage(<HrRecordsPage />, { viewer: viewerFor(role), mocks, route: '/hr-records' });

const setting = () => screen.findByRole('switch', { name: new RegExp(`^${SETTING_LABEL}`) });

beforeEach(() => jest.mocked(notifications.show).mockClear());

describe('the setting whether admins read HR personal fields', () => {
  it('shows an admin the current state, off, and what HR managers and admins see', async () => {
    open(Role.Admin, [list(false), settings(false)]);
    expect(await setting()).not.toBeChecked();
    expect(screen.getByText(/HR managers always read names, email addresses and data/)).toBeInTheDocument();
    expect(screen.getByText(/admins see each record without them/)).toBeInTheDocument();
  });

  it('says why a field is hidden: to an admin, the setting; to others, who reads them', async () => {
    open(Role.Admin, [list(false), settings(false)]);
    expect(await screen.findByText(ADMIN_HIDDEN_NOTE)).toBeInTheDocument();
    expect(screen.queryByText(HIDDEN_NOTE)).not.toBeInTheDocument();
  });

  it('shows an admin the current state, on', async () => {
    open(Role.Admin, [list(true), settings(true)]);
    expect(await setting()).toBeChecked();
  });

  it('asks before turning it on, and Cancel changes nothing', async () => {
    open(Role.Admin, [list(false), settings(false)]);
    await userEvent.click(await setting());
    const dialog = await screen.findByRole('dialog', { name: 'Let admins read personal fields?' });
    expect(dialog).toHaveTextContent('Every admin of Acme Corporation will see the names, email addresses and data of all HR records');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await setting()).not.toBeChecked();
    expect(notifications.show).not.toHaveBeenCalled();
  });

  it('once confirmed saves it, says so, and reads the list again so the personal fields appear', async () => {
    open(Role.Admin, [list(false), settings(false), saved(true), list(true)]);
    expect(await screen.findByRole('link', { name: 'Candidate record' })).toBeInTheDocument();
    await userEvent.click(await setting());
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Let admins read them' }));
    expect(await screen.findByRole('link', { name: 'Morgan Reyes' })).toBeInTheDocument();
    expect(screen.getByText('morgan.reyes@example.org')).toBeInTheDocument();
    expect(await setting()).toBeChecked();
    await waitFor(() => expect(notifications.show).toHaveBeenCalledWith(expect.objectContaining({ title: 'Admins now read personal fields' })));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('turns it off without asking, and the list hides the personal fields again', async () => {
    open(Role.Admin, [list(true), settings(true), saved(false), list(false)]);
    expect(await screen.findByRole('link', { name: 'Morgan Reyes' })).toBeInTheDocument();
    await userEvent.click(await setting());
    expect(await screen.findByRole('link', { name: 'Candidate record' })).toBeInTheDocument();
    expect(screen.queryByText('Morgan Reyes')).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await setting()).not.toBeChecked();
    await waitFor(() => expect(notifications.show).toHaveBeenCalledWith(expect.objectContaining({ title: 'Personal fields hidden from admins' })));
  });

  it("shows the API's userErrors in the dialog and keeps the setting as it was", async () => {
    const refusal = { field: ['input', 'adminsReadPersonal'], message: 'The tenant is read-only while its trial has expired', code: 'CONFLICT' };
    open(Role.Admin, [list(false), settings(false), saved(true, [refusal])]);
    await userEvent.click(await setting());
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Let admins read them' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(refusal.message);
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(notifications.show).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await setting()).not.toBeChecked();
  });

  it('shows a refusal when turning it off below the setting, where it was changed', async () => {
    const refusal = { field: null, message: 'The tenant is read-only while its trial has expired', code: 'CONFLICT' };
    open(Role.Admin, [list(true), settings(true), saved(false, [refusal])]);
    await userEvent.click(await setting());
    expect((await screen.findByText(refusal.message)).closest('[role="alert"]')).not.toBeNull();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await setting()).toBeChecked();
  });

  it.each([true, false])('tells an HR manager in a sentence whether admins read them (%s), with no switch', async (adminsReadPersonal) => {
    open(Role.HrManager, [list(true), settings(adminsReadPersonal)]);
    expect(await screen.findByTestId('hr-settings-readonly')).toHaveTextContent(
      `Admins ${adminsReadPersonal ? 'can' : 'cannot'} read personal fields; an admin changes this.`,
    );
    expect(screen.getByRole('heading', { name: 'Who reads personal fields' })).toBeInTheDocument();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
  });

  it.each([Role.Analyst, Role.Viewer])('is not shown to a member who neither runs the tenant nor reads personal fields (%s)', async (role) => {
    open(role, [list(false)]);
    expect(await screen.findByTestId('hr-record-row')).toBeInTheDocument();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Who reads personal fields' })).not.toBeInTheDocument();
  });

  it('is offered to a custom role by the permission that runs the tenant, as the API allows it', async () => {
    renderPage(<HrRecordsPage />, {
      viewer: viewerFor(null, { isMember: true, customRoleName: 'Office manager', permissions: [PermissionName.TenantManage] }),
      mocks: [list(false), settings(false)],
      route: '/hr-records',
    });
    expect(await setting()).not.toBeChecked();
  });
});
