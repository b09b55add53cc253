import { useQuery } from '@apollo/client/react';
import { Badge, VisuallyHidden } from '@mantine/core';
import { graphql } from '../../gql';
import { AlertStatus } from '../../gql/graphql';
import { useLiveAlertCounts } from './live-alerts';

export const OpenAlertsCountQuery = graphql(`
  query OpenAlertsCount($filter: AlertFilter) {
    alerts(first: 0, filter: $filter) {
      totalCount
    }
  }
`);

const OPEN = { statuses: [AlertStatus.Open] };

/** The navigation's count of open alerts, kept current by the live connection; nothing when none are open. */
export default function OpenAlertsCount() {
  const { data, refetch } = useQuery(OpenAlertsCountQuery, { variables: { filter: OPEN }, errorPolicy: 'all' });
  useLiveAlertCounts(refetch);
  const count = data?.alerts?.totalCount ?? 0;
  if (!count) return null;
  return (
    <Badge size="sm" variant="filled" color="red" circle={count < 10} data-testid="open-alerts-count">
      {count}
      <VisuallyHidden> open</VisuallyHidden>
    </Badge>
  );
}
