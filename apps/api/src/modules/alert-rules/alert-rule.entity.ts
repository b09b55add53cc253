import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { AlertSeverity } from '../alerts';

@ObjectType({
  implements: Node,
  description: "A tenant's rule over agents' metrics: a CEL condition over an aggregate window, raising an alert per agent and episode",
})
@Entity('alert_rules')
export class AlertRule implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the rule (use with node(id:) and in inputs)' })
  get id(): string {
    return toGlobalId('AlertRule', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'Unique name within the tenant' }) @Column('text') name: string;
  @Field(() => String, { nullable: true, description: 'What the rule watches for, for people' }) @Column('text', { nullable: true }) description: string | null;
  @Field({ description: 'CEL condition over `agent`, `window` and `metrics`; true means firing' }) @Column('text') condition: string;
  @Field(() => Int, { description: 'Length of the aggregate window in minutes (1-1440)' }) @Column('int') windowMinutes: number;
  @Field(() => Int, { description: 'Minutes the condition must hold before the rule fires (0-1440)' }) @Column('int') forMinutes: number;
  @Field(() => AlertSeverity, { description: 'Severity of the alerts it raises' }) @Column('text') severity: AlertSeverity;
  @Field({ description: 'Whether the rule is evaluated' }) @Column('boolean') enabled: boolean;
  @Field(() => [String], { description: 'Only agents carrying any of these tags; empty: every deployed agent' })
  @Column('text', { array: true })
  agentTags: string[];
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When the rule was created' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When the rule last changed' }) @Column('timestamptz') updatedAt: Date;
}
