import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../../test/render';
import { AuditExportButton, AuditEntriesCsvQuery, auditCsvFileName } from './AuditExportButton';
import { actionOptions, AuditActorsQuery, AuditFilters, emptyFilters } from './AuditFilters';

const actors = {
  request: { query: AuditActorsQuery },
  result: {
    data: {
      members: { __typename: 'MembershipConnection', edges: [] },
      apiKeys: { __typename: 'ApiKeyConnection', edges: [] },
      auditFacets: {
        __typename: 'AuditFacets',
        actions: ['agent.create', 'agent.deploy', 'apiKey.create', 'tenant.create'],
        entityTypes: ['Agent', 'ApiKey', 'Tenant'],
      },
    },
  },
  maxUsageCount: 5,
};

describe('audit filters', () => {
  it('offers the actions and entity types the log holds, as the API lists them', async () => {
    const onChange = jest.fn();
    renderPage(<AuditFilters value={emptyFilters} onChange={onChange} />, { mocks: [actors] });
    await userEvent.click(screen.getByRole('combobox', { name: 'Entity type' }));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['Agent', 'ApiKey', 'Tenant']);
    await userEvent.click(screen.getByRole('option', { name: 'ApiKey' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...emptyFilters, entityType: 'ApiKey' });

    await userEvent.click(screen.getByRole('combobox', { name: 'Action' }));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual([
      'agent.* (every agent action)',
      'agent.create',
      'agent.deploy',
      'apiKey.* (every apiKey action)',
      'apiKey.create',
      'tenant.* (every tenant action)',
      'tenant.create',
    ]);
    await userEvent.click(screen.getByRole('option', { name: 'agent.* (every agent action)' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...emptyFilters, action: 'agent.*' });
  });

  it('leads each group with its prefix only when it stands for more than itself', () => {
    expect(actionOptions(['session.create', 'login'])).toEqual([
      {
        group: 'session',
        items: [
          { value: 'session.*', label: 'session.* (every session action)' },
          { value: 'session.create', label: 'session.create' },
        ],
      },
      { group: 'login', items: [{ value: 'login', label: 'login' }] },
    ]);
  });
});

describe('audit CSV export', () => {
  it("downloads the log with the page's filters, fresh from the API", async () => {
    const filter = { actorUserId: null, actorApiKeyId: null, action: 'apiKey.*', entityType: null, outcome: null, from: null, to: null };
    const csv = 'seq,created_at\r\n7,2026-12-01T10:00:00.000Z\r\n';
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:audit';
    });
    URL.revokeObjectURL = jest.fn();
    const clicked: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    renderPage(<AuditExportButton filter={filter} />, {
      mocks: [{ request: { query: AuditEntriesCsvQuery, variables: { filter } }, result: { data: { auditEntriesCsv: csv } } }],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(clicked).toEqual([expect.stringMatching(/^steward-audit-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/)]));
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blobs[0]);
    });
    expect(text).toBe(csv);
    expect(auditCsvFileName(new Date(2026, 11, 2, 9, 5))).toBe('steward-audit-2026-12-02-0905.csv');
  });
});
