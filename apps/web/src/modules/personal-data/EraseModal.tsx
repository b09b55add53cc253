import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormProblems } from '../../ui/FormActions';
import { runMutation } from '../../ui/errors';
import { PersonalDataErase } from './personal-data.operations';

export interface ErasablePerson {
  userId: string;
  fullName: string;
  email: string;
}

/** Whether what was typed confirms the erasure of the person with `email` (as the API compares it). */
export const confirmsErasure = (typed: string, email: string) => typed.trim().toLowerCase() === email.toLowerCase();

/** GDPR erasure of a member: what happens, stated; the person's email typed again; then what was done. */
export function EraseModal({ person, tenantName, onClose }: { person: ErasablePerson | null; tenantName: string; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState<{ hrRecords: number } | null>(null);
  // The members list shows the person under their pseudonym from now on.
  const [erase, erasing] = useMutation(PersonalDataErase, { refetchQueries: ['Members'] });

  function close() {
    setTyped('');
    setProblems([]);
    setDone(null);
    onClose();
  }

  async function confirm() {
    if (!person) return;
    const { payload, problems: refused } = await runMutation(
      () => erase({ variables: { input: { userId: person.userId, confirmEmail: typed } }, errorPolicy: 'all' }),
      (d) => d.personalDataErase,
    );
    if (refused.length || !payload?.erasedUserId) return setProblems(refused.length ? refused : ['Steward did not erase anything; try again.']);
    setDone({ hrRecords: payload.hrRecordCount ?? 0 });
  }

  return (
    <Modal opened={person !== null} onClose={close} title="Erase personal data" centered size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {person && done ? (
        <Stack>
          <Alert color="teal" title="Personal data erased" role="status" data-testid="erase-result">
            {person.fullName}&apos;s name and email address are replaced by a pseudonym everywhere in {tenantName}, audit entries included;{' '}
            {done.hrRecords === 1 ? '1 HR record about them was' : `${done.hrRecords} HR records about them were`} erased; their sessions ended and their
            account is closed. The audit chain still verifies.
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>Close</Button>
          </Group>
        </Stack>
      ) : person ? (
        <Stack>
          <Text size="sm">
            This erases the personal data of <b>{person.fullName}</b> ({person.email}) in {tenantName}, as GDPR asks:
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>their name and email address are replaced by a pseudonym in every table and in the audit log; the audit chain still verifies;</List.Item>
            <List.Item>HR records about them get the pseudonym and lose their data and AI insights;</List.Item>
            <List.Item>their sessions and sign-in tokens are deleted and their account is closed.</List.Item>
          </List>
          <Alert color="red" variant="light">
            It cannot be undone. To keep a copy for them, export their personal data first.
          </Alert>
          <TextInput
            label={`Type ${person.email} to confirm`}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
            data-autofocus
          />
          <FormProblems messages={problems} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={erasing.loading}>
              Cancel
            </Button>
            <Button color="red" loading={erasing.loading} disabled={!confirmsErasure(typed, person.email)} onClick={() => void confirm()}>
              Erase personal data
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
