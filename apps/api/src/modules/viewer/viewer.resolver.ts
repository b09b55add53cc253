import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { grantedPermissions, PERMISSION_NAMES } from '../../auth/permissions';
import type { Role } from '../../auth/roles';
import { readById, Selection, readByIdFor } from '../../graphql/read-model';
import { Membership, viewerMemberships } from '../memberships';
import { Tenant, tenantReads } from '../tenants';
import { User, userReads } from '../users';
import { Viewer } from './viewer.type';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'The caller: user, tenant, role and memberships' })
  viewer(@Ctx() ctx: StewardContext): Viewer {
    const { caller } = ctx;
    const granted = grantedPermissions(caller);
    return {
      signedIn: caller.userId !== null || caller.apiKeyId !== null,
      role: caller.role as Role | null,
      customRoleName: caller.customRole?.name ?? null,
      permissions: PERMISSION_NAMES.filter((p) => granted?.has(p)),
      isMember: granted !== null,
      isPlatformAdmin: caller.platformAdmin,
      apiKeyName: caller.apiKeyName,
      userId: caller.userId,
      tenantId: caller.tenantId,
    };
  }

  @FieldResolver(() => User, { nullable: true, description: 'The signed-in user; null for API keys' })
  user(@Root() viewer: Viewer, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return viewer.userId ? readById(ctx, userReads, Selection.of(info)).load(viewer.userId) : null;
  }

  @FieldResolver(() => Tenant, { nullable: true, description: 'The tenant the caller acts in' })
  tenant(@Root() viewer: Viewer, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Tenant | null> | null {
    return viewer.tenantId ? readByIdFor(ctx, tenantReads, info).load(viewer.tenantId) : null;
  }

  @FieldResolver(() => [Membership], { description: "The signed-in user's memberships in every tenant, to switch between them" })
  memberships(@Root() viewer: Viewer, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Membership[]> | Membership[] {
    return viewer.userId ? viewerMemberships(ctx, Selection.of(info)) : [];
  }
}
