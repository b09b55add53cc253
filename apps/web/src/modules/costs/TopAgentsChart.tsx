import { BarChart } from '@mantine/charts';
import type { CostDashboardQuery } from '../../gql/graphql';
import { formatChartMoney, formatMoneyCompact, toChartNumber } from '../../format/money';

type TopAgent = NonNullable<CostDashboardQuery['topAgents']>[number];

export function topAgentRows(agents: readonly TopAgent[]) {
  return agents.map((a, i) => ({ agent: a.agent?.name ?? `Deleted agent ${i + 1}`, spend: toChartNumber(a.amount) }));
}

/** The agents that spent most, largest first, as horizontal bars. */
export function TopAgentsChart({ agents, currency }: { agents: readonly TopAgent[]; currency: string }) {
  const rows = topAgentRows(agents);
  return (
    <BarChart
      h={Math.max(220, rows.length * 30 + 40)}
      data={rows}
      dataKey="agent"
      orientation="vertical"
      series={[{ name: 'spend', label: 'Spend', color: 'blue.6' }]}
      valueFormatter={(value) => formatChartMoney(value, currency)}
      xAxisProps={{ tickFormatter: (value: number) => formatMoneyCompact(value, currency) }}
      yAxisProps={{ width: 150, interval: 0 }}
      gridAxis="y"
      maxBarWidth={22}
      data-testid="top-agents-chart"
    />
  );
}
