import { Card } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader';
import { ViolationsPanel } from './ViolationsPanel';

export default function ViolationsPage() {
  return (
    <>
      <PageHeader
        title="Policy violations"
        description="Rules that agents break as they stand (open), changes that were refused (blocked), and the exemptions admins granted (waived)."
      />
      <Card withBorder padding="md">
        <ViolationsPanel />
      </Card>
    </>
  );
}
