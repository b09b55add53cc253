import type { ApolloCache } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { isReference } from '@apollo/client/utilities';
import { Box, Card, Skeleton, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import type { HrSettingsUpdateMutation } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { FormProblems } from '../../ui/FormActions';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { HrSettingsQuery, HrSettingsUpdate } from './hr-record.operations';

export const SETTING_LABEL = 'Admins can read personal fields';

/**
 * What the API answered about HR records was decided by the old setting: forget the lists and the records opened
 * by id, so each is read again and shows or hides its personal fields as the API now does. The list on screen reads
 * itself again once its field is gone (no refetchQueries as well: that would read, and audit, every row twice).
 */
function forgetHrRecords(cache: ApolloCache, { data }: { data?: HrSettingsUpdateMutation | null }) {
  const settings = data?.hrSettingsUpdate?.settings;
  if (!settings) return;
  cache.writeQuery({ query: HrSettingsQuery, data: { hrSettings: settings } });
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'hrRecords' });
  cache.modify({
    id: 'ROOT_QUERY',
    fields: { node: (existing, { DELETE }) => (isReference(existing) && existing.__ref.startsWith('HrRecord:') ? DELETE : existing) },
  });
  cache.gc();
}

/** What HR managers (who read the setting, not change it) are told. */
export const readOnlySentence = (adminsReadPersonal: boolean) => `Admins ${adminsReadPersonal ? 'can' : 'cannot'} read personal fields; an admin changes this.`;

/**
 * The tenant's choice whether admins read HR records' personal fields, for those who run the tenant (hr.settings),
 * and told to HR managers as a sentence (hr.readSettings). Turning it on exposes personal data to every admin, so it
 * asks first; turning it off takes effect at once.
 */
export function HrPersonalFieldsSetting() {
  const viewer = useViewer();
  const editable = allowed(viewer, 'hr.settings');
  const { data, loading, error, refetch } = useQuery(HrSettingsQuery, { errorPolicy: 'all' });
  const [update, updating] = useMutation(HrSettingsUpdate, { update: forgetHrRecords });
  const [confirming, setConfirming] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const settings = data?.hrSettings ?? null;

  async function save(adminsReadPersonal: boolean) {
    const outcome = await runMutation(
      () => update({ variables: { input: { adminsReadPersonal } }, errorPolicy: 'all' }),
      (d) => d.hrSettingsUpdate,
    );
    setProblems(outcome.problems);
    if (outcome.problems.length) return;
    setConfirming(false);
    notifications.show({
      color: 'teal',
      title: adminsReadPersonal ? 'Admins now read personal fields' : 'Personal fields hidden from admins',
      message: adminsReadPersonal ? 'Every admin now sees names, email addresses and data.' : 'Only HR managers see names, email addresses and data.',
    });
  }

  function change(on: boolean) {
    setProblems([]);
    if (on) setConfirming(true);
    else void save(false);
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="hr-settings-title" mb="md">
      <Title order={2} size="h4" mb="sm" id="hr-settings-title">
        Who reads personal fields
      </Title>
      {settings && !editable ? (
        <Text size="sm" data-testid="hr-settings-readonly">
          {readOnlySentence(settings.adminsReadPersonal)}
        </Text>
      ) : settings ? (
        <Switch
          checked={settings.adminsReadPersonal}
          onChange={(e) => change(e.currentTarget.checked)}
          disabled={updating.loading}
          label={SETTING_LABEL}
          description="HR managers always read names, email addresses and data. While this is off, admins see each record without them, as other members do. Every read is audited."
        />
      ) : loading ? (
        <Skeleton h={40} aria-label="Loading HR settings" />
      ) : (
        <ProblemAlert error={error} what="HR settings" onRetry={() => void refetch()} />
      )}
      {!confirming && problems.length ? (
        <Box mt="sm">
          <FormProblems messages={problems} />
        </Box>
      ) : null}
      <ConfirmModal
        opened={confirming}
        title="Let admins read personal fields?"
        confirmLabel="Let admins read them"
        danger
        busy={updating.loading}
        messages={problems}
        onConfirm={() => void save(true)}
        onClose={() => {
          setConfirming(false);
          setProblems([]);
        }}
      >
        Every admin of {viewer.tenant?.name ?? 'this organisation'} will see the names, email addresses and data of all HR records, not only HR managers. Each
        read is written to the audit log. You can turn this off again at any time.
      </ConfirmModal>
    </Card>
  );
}
