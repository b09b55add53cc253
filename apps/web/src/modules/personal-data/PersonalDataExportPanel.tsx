import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileExport } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/session/SessionProvider';
import { getFragmentData } from '../../gql';
import { PersonalDataExportStatus } from '../../gql/graphql';
import { downloadAuthorized } from '../../ui/download';
import { FormProblems } from '../../ui/FormActions';
import { runMutation } from '../../ui/errors';
import { PersonalDataExportFields, PersonalDataExportQuery, PersonalDataExportStart } from './personal-data.operations';

const building = (status: PersonalDataExportStatus | undefined) => status === PersonalDataExportStatus.Queued || status === PersonalDataExportStatus.Running;

function sizeOf(bytes: number | null): string {
  if (bytes == null) return '';
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Asks for a GDPR export of a person (the viewer, or for admins a member), follows the job's progress, then offers
 * the zip once: after the download Steward no longer holds it.
 */
export function PersonalDataExportPanel({ userId, whose, removed = false }: { userId: string; whose: string; removed?: boolean }) {
  const session = useSession();
  const [exportId, setExportId] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [downloading, setDownloading] = useState(false);
  const [start, starting] = useMutation(PersonalDataExportStart);
  const { data, startPolling, stopPolling, refetch } = useQuery(PersonalDataExportQuery, {
    variables: { id: exportId ?? '' },
    skip: !exportId,
    errorPolicy: 'all',
    fetchPolicy: 'network-only',
  });
  const node = data?.node?.__typename === 'PersonalDataExport' ? data.node : null;
  const current = getFragmentData(PersonalDataExportFields, node);
  const busy = exportId !== null && (current === null || building(current.status));
  useEffect(() => {
    if (!busy) return;
    startPolling(700);
    return () => stopPolling();
  }, [busy, startPolling, stopPolling]);

  async function ask() {
    setProblems([]);
    const { payload, problems: refused } = await runMutation(
      () => start({ variables: { input: { userId } }, errorPolicy: 'all' }),
      (d) => d.personalDataExportStart,
    );
    const started = getFragmentData(PersonalDataExportFields, payload?.export);
    if (refused.length || !started) return setProblems(refused.length ? refused : ['Steward did not start the export; try again.']);
    setExportId(started.id);
  }

  async function download() {
    if (!current?.downloadPath) return;
    setDownloading(true);
    setProblems([]);
    try {
      await downloadAuthorized(current.downloadPath, await session.validToken(), 'personal-data.zip');
    } catch (error) {
      setProblems([error instanceof Error ? error.message : String(error)]);
    } finally {
      setDownloading(false);
      void refetch();
    }
  }

  const progress = current?.progress ?? 0;
  return (
    <Stack gap="sm" data-testid="personal-data-export">
      <Text size="sm">
        A zip of JSON with everything Steward holds about {whose} in this tenant: profile, memberships (removed ones too), sessions, audit entries where{' '}
        {whose === 'you' ? 'you were' : 'they were'} the actor, HR records about {whose === 'you' ? 'you' : 'them'}, invitations, API keys, approvals,
        notifications, mail, whether two-factor is on, and every other record naming {whose === 'you' ? 'you' : 'them'}; never passwords, keys or secrets. It is
        built by a job and can be downloaded once, by whoever asked; both are audited.
      </Text>
      {removed ? (
        <Text size="sm" data-testid="removed-member-note">
          {whose} is no longer a member, so the export is read with your access: their sessions, their notifications and whether two-factor is on are not
          included.
        </Text>
      ) : null}
      {busy ? (
        <Stack gap={4} aria-live="polite">
          <Text size="sm">
            {current?.status === PersonalDataExportStatus.Running ? `Building the export: ${progress}%` : 'Queued: the export starts in a moment'}
          </Text>
          <Progress
            value={current?.status === PersonalDataExportStatus.Running ? progress : 2}
            animated
            aria-label={`Building the export: ${progress}%`}
            data-testid="export-progress"
          />
        </Stack>
      ) : null}
      {current?.status === PersonalDataExportStatus.Ready && current.downloadPath ? (
        <Alert color="teal" title="The export is ready" aria-live="polite">
          <Group justify="space-between">
            <Text size="sm">{sizeOf(current.size)} zip. It can be downloaded once; Steward then deletes it.</Text>
            <Button leftSection={<IconDownload size={16} />} loading={downloading} onClick={() => void download()}>
              Download the export
            </Button>
          </Group>
        </Alert>
      ) : null}
      {current?.status === PersonalDataExportStatus.Downloaded ? (
        <Alert color="gray" title="Downloaded" data-testid="export-downloaded">
          The export was downloaded; Steward no longer holds it. Ask for a new one to download again.
        </Alert>
      ) : null}
      {current?.status === PersonalDataExportStatus.Failed ? (
        <Alert color="red" title="The export failed">
          {current.error ?? 'The job could not build it.'} Ask for a new one.
        </Alert>
      ) : null}
      <FormProblems messages={problems} />
      {busy || current?.status === PersonalDataExportStatus.Ready ? null : (
        <Group>
          <Button variant="default" leftSection={<IconFileExport size={16} />} loading={starting.loading} onClick={() => void ask()}>
            Export personal data
          </Button>
        </Group>
      )}
    </Stack>
  );
}
