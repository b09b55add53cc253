import type { ComponentType, LazyExoticComponent } from 'react';
import type { Capability } from './access';

/**
 * A page of the app: one folder under src/modules/<name>/ whose index.ts exports one of these, and
 * one line in app/modules.ts. The shell builds its route and navigation entry from it.
 */
export interface PageModule {
  /** Route path below the root, without a leading slash; '' for the landing page. */
  path: string;
  label: string;
  /** One line for the navigation's tooltip and the page's subtitle. */
  description: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** Who sees the page in the navigation and may open it. */
  capability: Capability | null;
  /** The page routes paths below its own (detail pages, forms) with its own <Routes>. */
  nested?: boolean;
  Page: LazyExoticComponent<ComponentType>;
  /** A count beside the navigation entry (e.g. what waits for the viewer); renders nothing when there is nothing to count. */
  NavBadge?: LazyExoticComponent<ComponentType>;
}
