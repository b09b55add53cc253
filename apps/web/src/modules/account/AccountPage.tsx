import { Stack } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader';
import { PersonalDataSection } from '../personal-data/public';
import { EmailSection } from './EmailSection';
import { ProfileSection } from './ProfileSection';
import { SessionsSection } from './SessionsSection';

/** The signed-in user's own account: their profile, their address and where they are signed in. */
export default function AccountPage() {
  return (
    <>
      <PageHeader title="Your account" description="Your profile, your email address, the devices you are signed in on and an export of your personal data" />
      <Stack gap="lg">
        <ProfileSection />
        <EmailSection />
        <SessionsSection />
        <PersonalDataSection />
      </Stack>
    </>
  );
}
