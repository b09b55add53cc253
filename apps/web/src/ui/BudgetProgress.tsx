import { Box, Group, Progress, Text, Tooltip } from '@mantine/core';
import { formatMoney, percentOf } from '../format/money';

/** The highest threshold crossed sets the colour: the same levels the API raises alerts at. */
export function progressColor(percent: number, thresholds: readonly number[]): string {
  const crossed = thresholds.filter((t) => percent >= t);
  const top = crossed.length ? Math.max(...crossed) : 0;
  return top >= 100 ? 'red' : top >= 80 ? 'orange' : top > 0 ? 'yellow' : 'teal';
}

/** Spend against the amount, with a mark at each threshold up to 100%. */
export function BudgetProgress({
  spent,
  amount,
  currency,
  thresholds,
  name,
}: {
  spent: string;
  amount: string;
  currency: string;
  thresholds: readonly number[];
  name: string;
}) {
  const percent = percentOf(spent, amount) ?? 0;
  const color = progressColor(percent, thresholds);
  return (
    <Box miw={180}>
      <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
        <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatMoney(spent, currency)}{' '}
          <Text span size="xs" c="dimmed">
            of {formatMoney(amount, currency)}
          </Text>
        </Text>
        <Text size="sm" fw={600} c={color === 'teal' ? undefined : color} data-testid="budget-percent">
          {percent.toFixed(percent < 10 ? 1 : 0)}%
        </Text>
      </Group>
      <Box pos="relative">
        <Progress value={Math.min(percent, 100)} color={color} size="md" aria-label={`${name}: ${percent.toFixed(1)}% of the budget spent`} />
        {thresholds
          .filter((t) => t < 100)
          .map((t) => (
            <Tooltip key={t} label={`${t}% threshold`} withArrow>
              <Box
                pos="absolute"
                top={-3}
                h={16}
                w={2}
                style={{ left: `calc(${t}% - 1px)`, borderRadius: 1, background: 'var(--mantine-color-text)', opacity: 0.45 }}
                data-testid="threshold-mark"
              />
            </Tooltip>
          ))}
      </Box>
    </Box>
  );
}
