import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ColorSchemeToggle } from '../shell/ColorSchemeToggle';

/** The frame of the pages people reach from a mailed link or without a session: the sign-in page's look. */
export function PublicCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center component="main" mih="100vh" p="md">
      <Stack w={440} maw="100%" gap="lg">
        <Group justify="space-between">
          <Group gap={8}>
            <IconShieldCheck size={32} color="var(--mantine-color-blue-filled)" />
            <Text fz="h2" fw={650}>
              Steward
            </Text>
          </Group>
          <ColorSchemeToggle />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack>
            <Title order={1} size="h3">
              {title}
            </Title>
            {children}
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}

/** The token a mailed link carries after '#token=' (a fragment never reaches a server's logs), read once. */
export function tokenFromLink(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}
