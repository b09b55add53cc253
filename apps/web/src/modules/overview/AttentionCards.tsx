import { Card, Group, SimpleGrid, Skeleton, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import type { ComponentType } from 'react';
import { Link } from 'react-router';

export interface Attention {
  key: string;
  label: string;
  /** Null: the count did not load (or the role may not read it). */
  count: number | null | undefined;
  /** What the count is out of, e.g. "of 12 agents in service". */
  detail?: string;
  to: string;
  icon: ComponentType<{ size?: number | string }>;
}

/** A count that needs attention when above zero: red when it does, calm when it does not; each opens its list. */
export function AttentionCards({ items, loading }: { items: readonly Attention[]; loading: boolean }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: items.length > 3 ? 4 : 3 }}>
      {items.map((item) => {
        const alarming = (item.count ?? 0) > 0;
        return (
          <UnstyledButton key={item.key} component={Link} to={item.to} data-testid={`attention-${item.key}`}>
            <Card withBorder padding="md" h="100%">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <div>
                  <Text size="sm" c="dimmed">
                    {item.label}
                  </Text>
                  {loading ? (
                    <Skeleton h={32} mt={6} w={48} />
                  ) : (
                    <Text fz={32} fw={700} lh={1.2} c={alarming ? 'red' : undefined} data-testid="attention-count">
                      {item.count ?? '—'}
                    </Text>
                  )}
                  {item.detail && !loading ? (
                    <Text size="xs" c="dimmed">
                      {item.detail}
                    </Text>
                  ) : null}
                </div>
                <ThemeIcon variant="light" color={alarming ? 'red' : 'teal'} size="lg" radius="md">
                  <item.icon size={20} />
                </ThemeIcon>
              </Group>
            </Card>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
