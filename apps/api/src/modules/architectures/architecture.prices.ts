import type { Provider, ServiceKind } from './architecture.catalogue';

/**
 * The committed price table the estimate uses: monthly USD list prices per provider, service kind and
 * size, for the provider's reference region, and a factor per region.
 *
 * As of 2026-12-03. Source: the providers' public on-demand list-price pages (AWS, Google Cloud and
 * Azure pricing pages) for the instance or tier named beside each figure, 730 hours a month, no
 * discounts, no free tier, no data transfer. Compiled by hand, offline (no pricing API is reachable
 * from the build): they are planning figures, rounded to the cent, not quotes. Regional factors are
 * the typical ratio of that region's list prices to the reference region's.
 */
export const PRICE_TABLE = {
  asOf: '2026-12-03',
  currency: 'USD',
  source: 'AWS, Google Cloud and Azure public on-demand list prices (reference regions us-east-1, us-central1, eastus), compiled by hand; see the note above',
  referenceRegion: { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus' } as Record<Provider, string>,
  regionFactor: {
    aws: { 'us-east-1': 1, 'us-west-2': 1, 'eu-west-1': 1.06, 'eu-central-1': 1.12 },
    gcp: { 'us-central1': 1, 'us-east1': 1, 'europe-west1': 1.08, 'europe-west4': 1.1 },
    azure: { eastus: 1, westus2: 1, westeurope: 1.1, northeurope: 1.06 },
  } as Record<Provider, Record<string, number>>,
  monthly: {
    aws: {
      vpc: { small: 32.85, medium: 65.7, large: 98.55 }, // NAT gateways: 1, 2, 3 AZs
      kubernetes: { small: 133.74, medium: 283.24, large: 913.96 }, // EKS control plane + 2×t3.medium, 3×m5.large, 6×m5.xlarge
      relational_db: { small: 15.44, medium: 135.6, large: 553.9 }, // RDS PostgreSQL db.t3.micro/20 GB, db.m5.large/100 GB, db.m5.2xlarge/500 GB
      object_storage: { small: 2.3, medium: 23.55, large: 235.52 }, // S3 Standard 100 GB, 1 TB, 10 TB
      monitoring: { small: 3.5, medium: 30, large: 150 }, // CloudWatch alarms and log ingestion
      load_balancer: { small: 22.27, medium: 38.69, large: 95.27 }, // ALB hours + LCUs
      cache: { small: 12.41, medium: 113.88, large: 313.17 }, // ElastiCache cache.t3.micro, cache.m5.large, cache.r5.xlarge
      message_queue: { small: 0.4, medium: 4, large: 40 }, // SQS 1 M, 10 M, 100 M requests
    },
    gcp: {
      vpc: { small: 32.85, medium: 65.7, large: 98.55 }, // Cloud NAT gateways
      kubernetes: { small: 121.92, medium: 366.49, large: 1247.02 }, // GKE fee + 2×e2-medium, 3×e2-standard-4, 6×e2-standard-8
      relational_db: { small: 9.37, medium: 117.74, large: 487.96 }, // Cloud SQL db-f1-micro/10 GB, 2 vCPU 7.5 GB/100 GB, 8 vCPU 30 GB/500 GB
      object_storage: { small: 2, medium: 20.48, large: 204.8 }, // Standard storage 100 GB, 1 TB, 10 TB
      monitoring: { small: 2.58, medium: 25, large: 125 }, // metrics and log ingestion beyond the free allotment
      load_balancer: { small: 18.26, medium: 36.5, large: 91.25 }, // forwarding rules + data processed
      cache: { small: 35.77, medium: 178.85, large: 715.4 }, // Memorystore basic 1 GB, standard 5 GB, standard 26 GB
      message_queue: { small: 1, medium: 10, large: 80 }, // Pub/Sub throughput
    },
    azure: {
      vpc: { small: 32.85, medium: 65.7, large: 98.55 }, // NAT gateways
      kubernetes: { small: 60.74, medium: 493.48, large: 1754.92 }, // AKS free tier + 2×B2s; standard tier + 3×D4s_v3, 6×D8s_v3
      relational_db: { small: 16.09, medium: 140.28, large: 561.12 }, // PostgreSQL flexible B1ms/32 GB, D2ds_v4/128 GB, D8ds_v4/512 GB
      object_storage: { small: 1.84, medium: 18.84, large: 188.42 }, // Blob LRS hot 100 GB, 1 TB, 10 TB
      monitoring: { small: 11.5, medium: 115, large: 690 }, // Log Analytics 5, 50, 300 GB
      load_balancer: { small: 18.25, medium: 36.5, large: 91.25 }, // Standard load balancer rules + data processed
      cache: { small: 16.06, medium: 101.47, large: 404.42 }, // Azure Cache for Redis C0 basic, C1 standard, P1 premium
      message_queue: { small: 0.05, medium: 9.81, large: 677.08 }, // Service Bus basic, standard, premium 1 MU
    },
  } as Record<Provider, Record<ServiceKind, Record<string, number>>>,
};
