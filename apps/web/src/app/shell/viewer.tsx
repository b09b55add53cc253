import { createContext, useContext } from 'react';
import { graphql } from '../../gql';
import type { ShellViewerQuery } from '../../gql/graphql';

export const ShellViewer = graphql(`
  query ShellViewer {
    viewer {
      signedIn
      role
      customRoleName
      isMember
      permissions
      isPlatformAdmin
      user {
        id
        fullName
        email
      }
      tenant {
        id
        name
        slug
        plan
        status
      }
      memberships {
        id
        role
        customRole {
          id
          name
        }
        tenant {
          id
          name
          slug
        }
      }
    }
  }
`);

export type Viewer = ShellViewerQuery['viewer'];

export const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in caller, as the shell loaded it: role, tenant and memberships. */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer is only available inside the app shell');
  return viewer;
}
