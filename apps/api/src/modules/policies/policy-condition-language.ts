import { Field, ObjectType } from 'type-graphql';
import { AGENT_FIELDS, CHANGE_FIELDS, FUNCTIONS, METHODS } from './cel';

@ObjectType({ description: 'A field of a variable a condition can read, with its CEL type' })
export class PolicyConditionField {
  @Field({ description: 'Field name as written after the dot, e.g. status in agent.status' }) name: string;
  @Field({ description: 'e.g. string, double, int, list<string>, map<string, dyn>, dyn' }) type: string;
}

@ObjectType({ description: 'A variable a condition can read: agent (as it would be after the change) or change' })
export class PolicyConditionVariable {
  @Field({ description: 'Variable name as written in a condition: agent or change' }) name: string;
  @Field(() => [PolicyConditionField], { description: 'The fields it has' }) fields: PolicyConditionField[];
}

@ObjectType({ description: 'What a rule condition may use, for editors: the variables with their typed fields, and the allowed functions and methods' })
export class PolicyConditionLanguage {
  @Field(() => [PolicyConditionVariable], { description: 'The variables a condition can read' }) variables: PolicyConditionVariable[];
  @Field(() => [String], { description: 'Global functions, e.g. size(agent.tags)' }) functions: string[];
  @Field(() => [String], { description: 'Methods and macros, e.g. agent.tags.exists(t, t == "pii")' }) methods: string[];
}

const variable = (name: string, schema: Record<string, string>): PolicyConditionVariable => ({
  name,
  fields: Object.entries(schema).map(([field, type]) => ({ name: field, type })),
});

/** Read from the environment the conditions compile in, so the editor offers exactly what compiles. */
export const policyConditionLanguage: PolicyConditionLanguage = {
  variables: [variable('agent', AGENT_FIELDS), variable('change', CHANGE_FIELDS)],
  functions: [...FUNCTIONS],
  methods: [...METHODS],
};
