import { IconChartLine } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const metricsModule: PageModule = {
  path: 'metrics',
  label: 'Metrics',
  description: 'Latency, errors, throughput, tokens and uptime per agent over time',
  icon: IconChartLine,
  capability: 'metrics.read',
  Page: lazy(() => import('./MetricsExplorerPage')),
};
