import { Card, Stack, Text, Title } from '@mantine/core';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { PersonalDataExportPanel } from './PersonalDataExportPanel';

/** The account page's "Your personal data": a person exports what Steward holds about them (GDPR subject access). */
export function PersonalDataSection() {
  const viewer = useViewer();
  if (!viewer.user || !viewer.tenant || !allowed(viewer, 'personalData.export')) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="personal-data-title">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="personal-data-title">
            Your personal data
          </Title>
          <Text size="sm" c="dimmed">
            What Steward holds about you in {viewer.tenant.name}. To have it erased, ask an admin of the tenant.
          </Text>
        </Stack>
        <PersonalDataExportPanel userId={viewer.user.id} whose="you" />
      </Stack>
    </Card>
  );
}
