import { useQuery } from '@apollo/client/react';
import { IconId } from '@tabler/icons-react';
import { useNavigate, useParams } from 'react-router';
import { getFragmentData } from '../../gql';
import { BackLink } from '../../ui/BackLink';
import { DetailState } from '../../ui/DetailState';
import { PageHeader } from '../../ui/PageHeader';
import { HrRecordForm } from './HrRecordForm';
import { HrRecordDataSchemasQuery, HrRecordFields, HrRecordQuery } from './hr-record.operations';
import { KIND_LABEL } from './labels';

const recordPath = (id: string) => `/hr-records/${encodeURIComponent(id)}`;

/** /hr-records/new */
export function HrRecordCreatePage() {
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(HrRecordDataSchemasQuery, { errorPolicy: 'all' });
  const back = <BackLink to="/hr-records" label="HR records" />;
  return (
    <DetailState
      found={data?.hrRecordDataSchemas != null}
      loading={loading}
      error={error}
      what="the record forms"
      notFoundTitle="The record forms could not be loaded"
      icon={IconId}
      back={back}
      onRetry={() => void refetch()}
    >
      {back}
      <PageHeader title="New HR record" description="A candidate, an employee or a performance review; the data asked for follows the kind." />
      <HrRecordForm
        schemas={data?.hrRecordDataSchemas ?? []}
        record={null}
        onSaved={(saved) => void navigate(recordPath(saved.id))}
        onCancel={() => void navigate('/hr-records')}
      />
    </DetailState>
  );
}

/** /hr-records/:id/edit: for those who read the personal fields (the form holds them). */
export function HrRecordEditPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(HrRecordQuery, { variables: { id }, errorPolicy: 'all', fetchPolicy: 'network-only' });
  const record = getFragmentData(HrRecordFields, data?.node?.__typename === 'HrRecord' ? data.node : null);
  const back = <BackLink to={recordPath(id)} label="HR record" />;
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
      {back}
      {record ? (
        <>
          <PageHeader
            title={`Edit ${KIND_LABEL[record.kind].toLowerCase()} record`}
            description={record.personalFieldsVisible ? record.subjectName : 'Its personal fields are hidden from you: only HR managers edit them.'}
          />
          {record.personalFieldsVisible ? (
            <HrRecordForm
              schemas={data?.hrRecordDataSchemas ?? []}
              record={record}
              onSaved={() => void navigate(recordPath(record.id))}
              onCancel={() => void navigate(recordPath(record.id))}
            />
          ) : null}
        </>
      ) : null}
    </DetailState>
  );
}
