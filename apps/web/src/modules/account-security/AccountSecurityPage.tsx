import { PageHeader } from '../../ui/PageHeader';
import { PasswordChangeCard } from './PasswordChangeCard';
import { TwoFactorCard } from './TwoFactorCard';
import { Stack } from '@mantine/core';

export default function AccountSecurityPage() {
  return (
    <>
      <PageHeader title="Account security" description="Your second factor for signing in, and your password." />
      <Stack maw={720} gap="lg">
        <TwoFactorCard />
        <PasswordChangeCard />
      </Stack>
    </>
  );
}
