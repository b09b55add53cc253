import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconId, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData } from '../../gql';
import { HrRecordStatus } from '../../gql/graphql';
import { BackLink } from '../../ui/BackLink';
import { DetailState } from '../../ui/DetailState';
import { runMutation } from '../../ui/errors';
import { Fact } from '../../ui/Fact';
import { FormProblems } from '../../ui/FormActions';
import { JsonView } from '../../ui/json';
import { PageHeader } from '../../ui/PageHeader';
import { When } from '../../ui/When';
import { HrRecordData } from './HrRecordData';
import { HrRecordActivate, HrRecordDeactivate, HrRecordFields, HrRecordQuery } from './hr-record.operations';
import { HrStatusBadge, KIND_LABEL, PersonalValue } from './labels';

/** One HR record: its personal fields as the API gives them to the caller, its AI insights read-only, its state. */
export default function HrRecordDetailPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const manage = allowed(viewer, 'hr.manage');
  const { data, loading, error, refetch } = useQuery(HrRecordQuery, { variables: { id }, errorPolicy: 'all' });
  const [activate, activating] = useMutation(HrRecordActivate);
  const [deactivate, deactivating] = useMutation(HrRecordDeactivate);
  const [problems, setProblems] = useState<string[]>([]);
  const node = data?.node?.__typename === 'HrRecord' ? data.node : null;
  const record = getFragmentData(HrRecordFields, node);
  const schema = data?.hrRecordDataSchemas?.find((s) => s.kind === record?.kind)?.schema ?? null;
  const back = <BackLink to="/hr-records" label="HR records" />;

  async function changeStatus(to: typeof HrRecordStatus.Active | typeof HrRecordStatus.Inactive) {
    if (!record) return;
    const variables = { input: { recordId: record.id } };
    const outcome =
      to === HrRecordStatus.Active
        ? await runMutation(
            () => activate({ variables, errorPolicy: 'all' }),
            (d) => d.hrRecordActivate,
          )
        : await runMutation(
            () => deactivate({ variables, errorPolicy: 'all' }),
            (d) => d.hrRecordDeactivate,
          );
    setProblems(outcome.problems);
    if (!outcome.problems.length)
      notifications.show({ color: 'teal', title: to === HrRecordStatus.Active ? 'Record activated' : 'Record deactivated', message: 'Its status changed.' });
  }

  return (
    <DetailState
      found={record !== null}
      loading={loading}
      error={error}
      what="this HR record"
      notFoundTitle="No such HR record"
      icon={IconId}
      back={back}
      onRetry={() => void refetch()}
    >
      {record ? (
        <>
          {back}
          <PageHeader
            title={record.personalFieldsVisible && record.subjectName ? record.subjectName : `${KIND_LABEL[record.kind]} record`}
            description={`${KIND_LABEL[record.kind]} record`}
            actions={
              manage ? (
                <>
                  {record.status !== HrRecordStatus.Active ? (
                    <Button
                      variant="default"
                      leftSection={<IconPlayerPlay size={16} />}
                      loading={activating.loading}
                      onClick={() => void changeStatus(HrRecordStatus.Active)}
                    >
                      Activate
                    </Button>
                  ) : null}
                  {record.status !== HrRecordStatus.Inactive ? (
                    <Button
                      variant="default"
                      leftSection={<IconPlayerPause size={16} />}
                      loading={deactivating.loading}
                      onClick={() => void changeStatus(HrRecordStatus.Inactive)}
                    >
                      Deactivate
                    </Button>
                  ) : null}
                  {record.personalFieldsVisible ? (
                    <Button component={Link} to={`/hr-records/${encodeURIComponent(record.id)}/edit`} leftSection={<IconEdit size={16} />}>
                      Edit
                    </Button>
                  ) : null}
                </>
              ) : null
            }
          />
          <Stack>
            <FormProblems messages={problems} />
            <Card withBorder padding="md" component="section" aria-labelledby="hr-record-facts">
              <Title order={2} size="h4" mb="sm" id="hr-record-facts">
                Record
              </Title>
              <Table>
                <Table.Tbody>
                  <Fact label="Kind">{KIND_LABEL[record.kind]}</Fact>
                  <Fact label="Status">
                    <HrStatusBadge status={record.status} />
                  </Fact>
                  <Fact label="Full name">
                    <PersonalValue visible={record.personalFieldsVisible}>
                      <Text size="sm" data-testid="hr-subject-name">
                        {record.subjectName}
                      </Text>
                    </PersonalValue>
                  </Fact>
                  <Fact label="Email address">
                    <PersonalValue visible={record.personalFieldsVisible}>
                      <Text size="sm" data-testid="hr-subject-email">
                        {record.subjectEmail}
                      </Text>
                    </PersonalValue>
                  </Fact>
                  <Fact label="Created">
                    <When at={record.createdAt} /> {record.createdBy ? `by ${record.createdBy.fullName}` : 'by a partner app'}
                  </Fact>
                  <Fact label="Updated">
                    <When at={record.updatedAt} />
                  </Fact>
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder padding="md" component="section" aria-labelledby="hr-record-data">
              <Title order={2} size="h4" mb="sm" id="hr-record-data">
                Data
              </Title>
              <PersonalValue visible={record.personalFieldsVisible}>
                <HrRecordData schema={schema} data={record.data} />
              </PersonalValue>
            </Card>
            <Card withBorder padding="md" component="section" aria-labelledby="hr-record-insights">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4" id="hr-record-insights">
                  AI insights
                </Title>
                {record.aiInsightsAt ? (
                  <Text size="xs" c="dimmed">
                    Written <When at={record.aiInsightsAt} />
                  </Text>
                ) : null}
              </Group>
              <Text size="xs" c="dimmed" mb="xs">
                Written by partner apps with an API key; read-only here.
              </Text>
              <JsonView value={record.aiInsights} empty="No partner app has written insights yet" label="AI insights" />
            </Card>
          </Stack>
        </>
      ) : null}
    </DetailState>
  );
}
