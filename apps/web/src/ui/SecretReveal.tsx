import { ActionIcon, Alert, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';

/** A secret the API returns once: shown with a copy button and a warning that it will not be shown again. */
export function SecretReveal({ label, secret, hint }: { label: string; secret: string; hint?: string }) {
  return (
    <Alert color="green" icon={<IconKey size={18} />} title={`Copy the ${label} now`}>
      <Stack gap="xs">
        <Text size="sm">{hint ?? `This is the only time Steward shows the ${label}. Store it somewhere safe.`}</Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="secret-value">
            {secret}
          </Code>
          <CopyButton value={secret} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                <ActionIcon variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={`Copy ${label}`} size="lg">
                  {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
