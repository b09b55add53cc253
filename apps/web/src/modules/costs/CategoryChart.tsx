import { DonutChart } from '@mantine/charts';
import { ColorSwatch, Group, Stack, Table, Text } from '@mantine/core';
import type { CostDashboardQuery } from '../../gql/graphql';
import { CATEGORY_COLOR, CATEGORY_LABEL, isCategory } from '../../ui/labels';
import { formatChartMoney, formatMoney, percentOf, sumDecimals, toChartNumber } from '../../format/money';

type Bucket = NonNullable<CostDashboardQuery['byCategory']>[number];

/** Spend by category as a donut, with exact amounts and shares beside it. */
export function CategoryChart({ buckets, currency }: { buckets: readonly Bucket[]; currency: string }) {
  const total = sumDecimals(buckets.map((b) => b.amount));
  const slices = buckets.map((b) => ({
    key: b.key ?? 'other',
    name: isCategory(b.key) ? CATEGORY_LABEL[b.key] : b.label,
    color: isCategory(b.key) ? CATEGORY_COLOR[b.key] : 'gray.6',
    amount: b.amount,
    value: toChartNumber(b.amount),
  }));
  return (
    <Group align="center" justify="center" gap="lg" wrap="wrap">
      <Group justify="center" style={{ flex: '0 0 auto' }}>
        <DonutChart
          data={slices.map(({ name, value, color }) => ({ name, value, color }))}
          size={190}
          thickness={28}
          withTooltip
          tooltipDataSource="segment"
          valueFormatter={(value) => formatChartMoney(value, currency)}
          chartLabel={formatMoney(total, currency)}
          data-testid="category-chart"
        />
      </Group>
      <Stack justify="center" style={{ flex: '1 1 240px' }}>
        <Table verticalSpacing={4} aria-label="Spend by category">
          <Table.Tbody>
            {slices.map((s) => (
              <Table.Tr key={s.key}>
                <Table.Td>
                  <Group gap={8} wrap="nowrap">
                    <ColorSwatch color={`var(--mantine-color-${s.color.replace('.', '-')})`} size={12} withShadow={false} />
                    <Text size="sm">{s.name}</Text>
                  </Group>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" ff="monospace">
                    {formatMoney(s.amount, currency)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" w={64}>
                  <Text size="xs" c="dimmed">
                    {percentOf(s.amount, total)?.toFixed(1) ?? '0'}%
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Group>
  );
}
