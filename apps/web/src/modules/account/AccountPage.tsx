import { Stack } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader';
import { EmailSection } from './EmailSection';
import { ProfileSection } from './ProfileSection';
import { SessionsSection } from './SessionsSection';

/** The signed-in user's own account: their profile, their address and where they are signed in. */
export default function AccountPage() {
  return (
    <>
      <PageHeader title="Your account" description="Your profile, your email address and the devices you are signed in on" />
      <Stack gap="lg">
        <ProfileSection />
        <EmailSection />
        <SessionsSection />
      </Stack>
    </>
  );
}
