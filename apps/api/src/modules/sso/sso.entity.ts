import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '../../auth/roles';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

@ObjectType({ implements: Node, description: "The tenant's OpenID Connect identity provider and how sign-ins through it become members; for admins" })
@Entity('sso_connections')
export class SsoConnection implements Node {
  @PrimaryColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the connection' })
  get id(): string {
    return toGlobalId('SsoConnection', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: "The identity provider's issuer URL; its /.well-known/openid-configuration is read from there" }) @Column('text') issuer: string;
  @Field({ description: 'The client id Steward is registered under at the provider' }) @Column('text') clientId: string;
  @Column('text', { nullable: true, select: false }) clientSecretSealed: string | null;
  @Field({ description: 'Whether a client secret is stored; the secret itself is write-only' })
  clientSecretSet: boolean;
  @Field(() => [String], { description: 'Email domains that may sign in (lower case); a sign-in with any other domain is refused' })
  @Column('text', { array: true })
  allowedDomains: string[];
  @Field(() => Role, { description: 'The role a person signing in for the first time gets as a new member (never admin)' })
  @Column('text')
  defaultRole: Role;
  @Field({ description: "Whether passwords are refused for the tenant's members: they sign in through the provider only" })
  @Column('boolean')
  ssoOnly: boolean;
  @Field({ description: 'Whether sign-in through the provider is offered; switched off, members sign in with passwords' })
  @Column('boolean')
  enabled: boolean;
  @Column('uuid', { nullable: true }) updatedById: string | null;
  @Field({ description: 'When the connection was set up' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When the connection last changed' }) @Column('timestamptz') updatedAt: Date;
}
