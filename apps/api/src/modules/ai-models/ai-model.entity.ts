import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ModelTier } from '../agents';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum AiModelType {
  LLM = 'llm',
  EMBEDDING = 'embedding',
  VISION = 'vision',
  SPEECH = 'speech',
  CLASSIFIER = 'classifier',
  OTHER = 'other',
}
registerEnumType(AiModelType, {
  name: 'AiModelType',
  description: 'What kind of model it is; agents run only on language (LLM) and vision models',
  valuesConfig: {
    LLM: { description: 'A large language model; agents can run on it' },
    EMBEDDING: { description: 'Turns text into vectors' },
    VISION: { description: 'Understands images; agents can run on it' },
    SPEECH: { description: 'Speech to text or text to speech' },
    CLASSIFIER: { description: 'Sorts inputs into classes' },
    OTHER: { description: 'Any other kind' },
  },
});

/** The types of model an agent can run on; only these have a tier. */
export const AGENT_MODEL_TYPES: readonly AiModelType[] = [AiModelType.LLM, AiModelType.VISION];

export enum AiModelStatus {
  TRAINING = 'training',
  DEPLOYED = 'deployed',
  ARCHIVED = 'archived',
}
registerEnumType(AiModelStatus, {
  name: 'AiModelStatus',
  description: 'Only a deployed model can run an agent',
  valuesConfig: {
    TRAINING: { description: 'Being trained or evaluated; cannot run agents yet' },
    DEPLOYED: { description: 'Available; agents can run on it' },
    ARCHIVED: { description: 'Retired; no new agents can use it' },
  },
});

@ObjectType({ implements: Node, description: "A model in the tenant's registry, which agents run on" })
@Entity('ai_models')
export class AiModel implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the model (use with node(id:) and in inputs)' })
  get id(): string {
    return toGlobalId('AiModel', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'Model name; name and version together are unique in the tenant' }) @Column('text') name: string;
  @Field({ description: 'Who supplies the model, e.g. a vendor or an in-house team' }) @Column('text') provider: string;
  @Field({ description: 'Version label of the model, free text' }) @Column('text') version: string;
  @Field(() => AiModelType, { description: 'What kind of model it is' }) @Column('text') type: AiModelType;
  @Field(() => ModelTier, { nullable: true, description: 'The tier agents on this model run at; only models that can run agents have one' })
  @Column('text', { nullable: true })
  tier: ModelTier | null;

  @Field({ description: 'Whether an agent can run on this type of model (language and vision models)' })
  get runsAgents(): boolean {
    return AGENT_MODEL_TYPES.includes(this.type);
  }

  @Field(() => AiModelStatus, { description: 'Where the model is in its life; only deployed models can run agents' }) @Column('text') status: AiModelStatus;
  @Field(() => GraphQLJSONObject, { description: 'Evaluation results, e.g. accuracy and latency' }) @Column('jsonb') performanceMetrics: Record<
    string,
    unknown
  >;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Visible to admins and developers' }) @Column('jsonb') configuration: Record<string, unknown>;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When the model was registered' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When the model last changed' }) @Column('timestamptz') updatedAt: Date;
}
