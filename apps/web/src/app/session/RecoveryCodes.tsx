import { Alert, Button, CopyButton, Group, List, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload, IconKey } from '@tabler/icons-react';
import { downloadText } from '../../ui/download';

/** Recovery codes the API returns once: listed, with copy and download, and the warning that they will not be shown again. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const text = `Steward recovery codes (each works once)\n\n${codes.join('\n')}\n`;
  return (
    <Alert color="green" icon={<IconKey size={18} />} title="Save your recovery codes now">
      <Stack gap="sm">
        <Text size="sm">
          If you lose your phone, each of these codes signs you in once instead of a code from the app. This is the only time Steward shows them.
        </Text>
        <List aria-label="Recovery codes" data-testid="recovery-codes" spacing={2} ff="monospace" listStyleType="none" fz="sm">
          {codes.map((code) => (
            <List.Item key={code}>{code}</List.Item>
          ))}
        </List>
        <Group gap="xs">
          <CopyButton value={codes.join('\n')} timeout={2000}>
            {({ copied, copy }) => (
              <Button variant="light" size="xs" onClick={copy} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
                {copied ? 'Copied' : 'Copy codes'}
              </Button>
            )}
          </CopyButton>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconDownload size={16} />}
            onClick={() => downloadText('steward-recovery-codes.txt', text, 'text/plain;charset=utf-8')}
          >
            Download codes
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
