import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData, graphql } from '../../gql';
import { ComplianceEvidenceStatus, type EvidenceInboxRowFragment } from '../../gql/graphql';
import { WHOLE } from '../../ui/badges';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { When } from '../../ui/When';
import { EVIDENCE_KIND_LABEL, EvidenceStatusBadge } from './labels';
import { controlPath } from './paths';
import { ReviewModal, type Verdict } from './ReviewModal';

export const EvidenceInboxRow = graphql(`
  fragment EvidenceInboxRow on ComplianceEvidence {
    id
    kind
    title
    note
    url
    status
    submittedAt
    renewalDue
    reviewComment
    control {
      id
      name
    }
    uploadedBy {
      id
      fullName
    }
    reviewedBy {
      id
      fullName
    }
    file {
      name
      sha256
    }
  }
`);

export const EvidenceInboxQuery = graphql(`
  query ComplianceEvidenceInbox($first: Int!, $after: String, $filter: ComplianceEvidenceFilter) {
    complianceEvidenceItems(first: $first, after: $after, filter: $filter) {
      totalCount
      nodes {
        id
        ...EvidenceInboxRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const VIEWS: Record<string, ComplianceEvidenceStatus[] | null> = {
  review: [ComplianceEvidenceStatus.InReview],
  drafts: [ComplianceEvidenceStatus.Draft, ComplianceEvidenceStatus.Rejected],
  approved: [ComplianceEvidenceStatus.Approved],
  expired: [ComplianceEvidenceStatus.Expired],
  all: null,
};

/** The evidence inbox: what waits for review, approved or rejected by someone other than its uploader. */
export default function EvidenceInboxPage() {
  const viewer = useViewer();
  const review = allowed(viewer, 'compliance.manage');
  const [view, setView] = useState('review');
  const [reviewing, setReviewing] = useState<{ evidence: EvidenceInboxRowFragment; verdict: Verdict } | null>(null);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(EvidenceInboxQuery, {
    variables: { first: 50, filter: { statuses: VIEWS[view] } },
    errorPolicy: 'all',
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.complianceEvidenceItems;
  const items = getFragmentData(EvidenceInboxRow, connection?.nodes) ?? [];

  return (
    <>
      <PageHeader
        title="Evidence"
        description="Evidence attached to controls. Each item is approved or rejected by someone other than its uploader, and renewed before it expires."
      />
      <Card withBorder padding="md">
        <SegmentedControl
          mb="md"
          aria-label="Which evidence"
          value={view}
          onChange={setView}
          data={[
            { value: 'review', label: 'In review' },
            { value: 'drafts', label: 'Drafts and rejected' },
            { value: 'approved', label: 'Approved' },
            { value: 'expired', label: 'Expired' },
            { value: 'all', label: 'All' },
          ]}
        />
        <ListState
          loading={loading && !connection}
          error={error}
          empty={connection != null && items.length === 0}
          emptyTitle={view === 'review' ? 'Nothing waits for review' : 'No evidence here'}
          what="evidence"
          onRetry={() => void refetch()}
        >
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" aria-label="Evidence">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Evidence</Table.Th>
                  <Table.Th>Control</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Uploaded by</Table.Th>
                  <Table.Th>Sent</Table.Th>
                  {review ? <Table.Th>Review</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id} data-testid="inbox-row" data-evidence-title={e.title} data-status={e.status}>
                    <Table.Td>
                      <Stack gap={0}>
                        <Text size="sm" fw={500}>
                          {e.title}{' '}
                          <Badge variant="outline" size="xs" styles={WHOLE}>
                            {EVIDENCE_KIND_LABEL[e.kind]}
                          </Badge>
                        </Text>
                        {e.file ? (
                          <Text size="xs" c="dimmed">
                            {e.file.name} · sha256 {e.file.sha256.slice(0, 12)}…
                          </Text>
                        ) : null}
                        {e.reviewComment ? (
                          <Text size="xs" c="dimmed">
                            {e.reviewedBy?.fullName ?? 'Reviewer'}: {e.reviewComment}
                          </Text>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {e.control ? (
                        <Anchor component={Link} to={controlPath(e.control.id)} size="sm">
                          {e.control.name}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <EvidenceStatusBadge status={e.status} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.uploadedBy?.fullName ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <When at={e.submittedAt} />
                    </Table.Td>
                    {review ? (
                      <Table.Td>
                        {e.status === ComplianceEvidenceStatus.InReview ? (
                          <Group gap={6} wrap="nowrap">
                            <Button size="xs" onClick={() => setReviewing({ evidence: e, verdict: 'approve' })} aria-label={`Approve ${e.title}`}>
                              Approve
                            </Button>
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setReviewing({ evidence: e, verdict: 'reject' })}
                              aria-label={`Reject ${e.title}`}
                            >
                              Reject
                            </Button>
                          </Group>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {e.renewalDue ? `renew by ${e.renewalDue}` : '—'}
                          </Text>
                        )}
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {connection ? (
            <LoadMore
              shown={items.length}
              total={connection.totalCount}
              hasMore={connection.pageInfo.hasNextPage}
              noun="evidence items"
              onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            />
          ) : null}
        </ListState>
      </Card>
      {review ? (
        <ReviewModal evidence={reviewing?.evidence ?? null} initialVerdict={reviewing?.verdict ?? 'approve'} onClose={() => setReviewing(null)} />
      ) : null}
    </>
  );
}
