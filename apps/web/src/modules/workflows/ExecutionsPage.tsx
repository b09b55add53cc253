import { Card } from '@mantine/core';
import { BackLink } from '../../ui/BackLink';
import { PageHeader } from '../../ui/PageHeader';
import { Executions } from './ExecutionsTable';

/** Every execution of every workflow, newest first. */
export default function ExecutionsPage() {
  return (
    <>
      <BackLink to="/workflows" label="Workflows" />
      <PageHeader title="Executions" description="Every run of every workflow, newest first; open one for its timeline." />
      <Card withBorder padding="md">
        <Executions />
      </Card>
    </>
  );
}
