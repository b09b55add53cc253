import { useQuery } from '@apollo/client/react';
import { Card, SimpleGrid, Stack } from '@mantine/core';
import { allowed } from '../../app/access';
import { CostInterval } from '../../gql/graphql';
import { useViewer } from '../../app/shell/viewer';
import { PageHeader } from '../../ui/PageHeader';
import { CategoryChart } from './CategoryChart';
import { ChartCard } from '../../ui/ChartCard';
import { errorAt, onlyForbidden } from '../../ui/errors';
import { CostDashboardQuery } from './cost-dashboard.operations';
import { type CostView, costFilterOf, isFiltered, useCostView } from './cost-view';
import { todayUtc } from '../../format/days';
import { CostFilters } from './CostFilters';
import { CostSummaryCards } from './CostSummaryCards';
import { DashboardBurndownCard } from './DashboardBurndownCard';
import { ExportCsvButton } from './ExportCsvButton';
import { NoAmountsState } from './NoAmountsState';
import { SpendOverTimeChart, spendSeries } from './SpendOverTimeChart';
import { TopAgentsChart } from './TopAgentsChart';

export function dashboardVariables(view: CostView, today = todayUtc()) {
  return { from: view.from, to: view.to, interval: view.interval, filter: costFilterOf(view), asOf: view.to < today ? view.to : today };
}

const INTERVAL_TEXT: Record<CostInterval, string> = {
  [CostInterval.Day]: 'Per day',
  [CostInterval.Week]: 'Per ISO week (from Monday)',
  [CostInterval.Month]: 'Per calendar month',
};

const DESCRIPTION = 'Spend across providers, agents and categories, in USD and UTC days. Filters stay in the address, so a link shows the same view.';

function Dashboard() {
  const viewer = useViewer();
  const [view, setView] = useCostView();
  const { data, previousData, loading, error, refetch } = useQuery(CostDashboardQuery, {
    variables: dashboardVariables(view),
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const shown = data ?? previousData;
  const initial = loading && !shown;
  const retry = () => void refetch();
  const emptyHint = isFiltered(view) ? 'No costs match these filters. Try fewer filters or a longer range.' : 'No costs were recorded in this date range.';

  if (onlyForbidden(error) && !shown?.summary && !shown?.byProvider) {
    return (
      <>
        <PageHeader title="Costs" description={DESCRIPTION} />
        <NoAmountsState />
      </>
    );
  }

  const buckets = shown?.byProvider ?? [];
  const series = spendSeries(buckets, view.from, view.to, view.interval);
  const categories = shown?.byCategory ?? [];
  const topAgents = shown?.topAgents ?? [];

  return (
    <>
      <PageHeader title="Costs" description={DESCRIPTION} actions={allowed(viewer, 'costs.export') ? <ExportCsvButton view={view} /> : null} />
      <Stack>
        <Card withBorder padding="md" component="section" aria-label="Filters">
          <CostFilters view={view} onChange={setView} updating={loading && Boolean(shown)} />
        </Card>
        <CostSummaryCards
          summary={shown?.summary}
          forecast={shown?.forecast}
          loading={initial}
          summaryError={shown?.summary ? null : errorAt(error, 'summary')}
          forecastError={shown?.forecast ? null : errorAt(error, 'forecast')}
        />
        <ChartCard
          title="Spend over time"
          description={`${INTERVAL_TEXT[view.interval]}, stacked by provider`}
          testId="spend-over-time"
          loading={initial}
          error={shown?.byProvider ? null : errorAt(error, 'byProvider')}
          empty={buckets.length === 0}
          emptyDescription={emptyHint}
          height={300}
          onRetry={retry}
        >
          <SpendOverTimeChart data={series} interval={view.interval} currency="USD" />
        </ChartCard>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <ChartCard
            title="Top agents"
            description={topAgentsDescription(topAgents.length)}
            testId="top-agents"
            loading={initial}
            error={shown?.topAgents ? null : errorAt(error, 'topAgents')}
            empty={topAgents.length === 0}
            emptyTitle="No agent spend in this view"
            emptyDescription={emptyHint}
            onRetry={retry}
          >
            <TopAgentsChart agents={topAgents} currency="USD" />
          </ChartCard>
          <ChartCard
            title="Spend by category"
            description="Share of the total in this view"
            testId="by-category"
            loading={initial}
            error={shown?.byCategory ? null : errorAt(error, 'byCategory')}
            empty={categories.length === 0}
            emptyDescription={emptyHint}
            onRetry={retry}
          >
            <CategoryChart buckets={categories} currency="USD" />
          </ChartCard>
        </SimpleGrid>
        <DashboardBurndownCard budgetId={view.budgetId} onBudgetChange={(budgetId) => setView({ budgetId })} />
      </Stack>
    </>
  );
}

/** The cost dashboard; roles that may not see money get a clear explanation instead of errors. */
const TOP_AGENTS = 10;

/** Says how many agents the chart shows, which is fewer than asked for when fewer spent. */
export function topAgentsDescription(shown: number): string {
  if (shown === 0) return 'The agents that spent most in this view';
  if (shown >= TOP_AGENTS) return `The ${TOP_AGENTS} agents that spent most in this view`;
  return shown === 1 ? 'The only agent that spent in this view' : `All ${shown} agents that spent in this view, most first`;
}

export default function CostDashboardPage() {
  const viewer = useViewer();
  if (!allowed(viewer, 'costs.readAmounts')) {
    return (
      <>
        <PageHeader title="Costs" description={DESCRIPTION} />
        <NoAmountsState />
      </>
    );
  }
  return <Dashboard />;
}
