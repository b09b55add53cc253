import { IconCertificate, IconChecklist, IconFileCheck } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const complianceModule: PageModule = {
  path: 'compliance',
  label: 'Compliance',
  description: 'Readiness per framework: requirements, score and trend',
  icon: IconCertificate,
  capability: 'compliance.readScores',
  nested: true,
  Page: lazy(() => import('./ComplianceRoutes')),
};

export const controlsModule: PageModule = {
  path: 'controls',
  label: 'Controls',
  description: 'Your measures, mapped across frameworks and checked by evidence and policies',
  icon: IconChecklist,
  capability: 'compliance.readControls',
  nested: true,
  Page: lazy(() => import('./ControlsRoutes')),
};

export const evidenceModule: PageModule = {
  path: 'evidence',
  label: 'Evidence',
  description: 'Evidence waiting for review, approved, rejected and expired',
  icon: IconFileCheck,
  capability: 'compliance.read',
  Page: lazy(() => import('./EvidenceInboxPage')),
};
