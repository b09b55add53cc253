import { ActionIcon, Alert, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';

function CopyValue({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
          <ActionIcon variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={`Copy ${label}`} size="lg">
            {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

function ValueLine({ value, label, testId }: { value: string; label: string; testId: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid={testId}>
        {value}
      </Code>
      <CopyValue value={value} label={label} />
    </Group>
  );
}

/** A ready command to run with a new secret, with its own copy button. */
export function CopyableCommand({ label, command }: { label: string; command: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <ValueLine value={command} label="command" testId="secret-command" />
    </Stack>
  );
}

/** A secret the API returns once: shown with a copy button and a warning that it will not be shown again. */
export function SecretReveal({ label, secret, hint }: { label: string; secret: string; hint?: string }) {
  return (
    <Alert color="green" icon={<IconKey size={18} />} title={`Copy the ${label} now`}>
      <Stack gap="xs">
        <Text size="sm">{hint ?? `This is the only time Steward shows the ${label}. Store it somewhere safe.`}</Text>
        <ValueLine value={secret} label={label} testId="secret-value" />
      </Stack>
    </Alert>
  );
}
