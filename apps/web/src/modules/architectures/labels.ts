import { ArchitectureEnvironment, ArchitectureStatus, CloudProvider } from '../../gql/graphql';

export const PROVIDER_LABEL: Record<CloudProvider, string> = {
  [CloudProvider.Aws]: 'AWS',
  [CloudProvider.Gcp]: 'Google Cloud',
  [CloudProvider.Azure]: 'Azure',
  [CloudProvider.MultiCloud]: 'Multi-cloud',
};

export const ENVIRONMENT_LABEL: Record<ArchitectureEnvironment, string> = {
  [ArchitectureEnvironment.Dev]: 'Dev',
  [ArchitectureEnvironment.Staging]: 'Staging',
  [ArchitectureEnvironment.Production]: 'Production',
};

export const STATUS_LABEL: Record<ArchitectureStatus, string> = {
  [ArchitectureStatus.Draft]: 'Draft',
  [ArchitectureStatus.Active]: 'Active',
  [ArchitectureStatus.Archived]: 'Archived',
};

export const STATUS_COLOR: Record<ArchitectureStatus, string> = {
  [ArchitectureStatus.Draft]: 'gray',
  [ArchitectureStatus.Active]: 'teal',
  [ArchitectureStatus.Archived]: 'dark',
};

export const money = (amount: string | null | undefined) =>
  amount == null ? '—' : `$${Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
